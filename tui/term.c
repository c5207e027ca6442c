#define _XOPEN_SOURCE_EXTENDED 1
#include "tui/term.h"

#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "tui/actions.h"
#include "tui/doc.h"

/* The words of tui/roles.h, given their curses meaning. */
#define TERM_COLOR_DEFAULT (-1)
#define TERM_COLOR_BLACK COLOR_BLACK
#define TERM_COLOR_RED COLOR_RED
#define TERM_COLOR_GREEN COLOR_GREEN
#define TERM_COLOR_YELLOW COLOR_YELLOW
#define TERM_COLOR_BLUE COLOR_BLUE
#define TERM_COLOR_MAGENTA COLOR_MAGENTA
#define TERM_COLOR_CYAN COLOR_CYAN
#define TERM_COLOR_WHITE COLOR_WHITE
#define TERM_ATTR_NORMAL A_NORMAL
#define TERM_ATTR_BOLD A_BOLD
#define TERM_ATTR_DIM A_DIM
#define TERM_ATTR_REVERSE A_REVERSE
#define TERM_ATTR_UNDERLINE A_UNDERLINE

static const struct {
    short fg, bg;
    attr_t attr, mono;
} roles[TUI_ROLE_COUNT] = {
#define TERM_ROLE_ROW(id, fg, bg, attr, mono) \
    {TERM_COLOR_##fg, TERM_COLOR_##bg, TERM_ATTR_##attr, TERM_ATTR_##mono},
    TUI_ROLES(TERM_ROLE_ROW)
#undef TERM_ROLE_ROW
};

bool term_no_color(void)
{
    const char *v = getenv("NO_COLOR");
    return v && v[0];
}

int term_start(struct term *t, char *err, size_t err_size)
{
    memset(t, 0, sizeof(*t));
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(err, err_size, "the terminal UI needs a terminal (scripts: --script FILE)");
        return -1;
    }
    const char *codeset = nl_langinfo(CODESET);
    t->utf8 = codeset && (!strcmp(codeset, "UTF-8") || !strcmp(codeset, "utf8"));
    SCREEN *s = newterm(NULL, stdout, stdin);
    if (!s) {
        snprintf(err, err_size, "cannot start curses on TERM='%s'",
                 getenv("TERM") ? getenv("TERM") : "");
        return -1;
    }
    t->screen = s;
    t->started = true;
    cbreak();                    /* C-c stays a signal: main.c quits cleanly on it */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    t->color = !term_no_color() && has_colors();
    if (t->color) {
        start_color();
        use_default_colors();
        for (int i = 0; i < TUI_ROLE_COUNT; i++)
            init_pair((short)(i + 1), roles[i].fg, roles[i].bg);
    }
    return 0;
}

void term_stop(struct term *t)
{
    if (!t->started)
        return;
    t->started = false;
    curs_set(1);
    endwin();
    delscreen((SCREEN *)t->screen);
    t->screen = NULL;
}

void term_emergency_stop(void)
{
    if (!isendwin())
        endwin();
}

void term_size(const struct term *t, int *rows, int *cols)
{
    (void)t;
    getmaxyx(stdscr, *rows, *cols);
}

static int translate(int r, wint_t wch)
{
    if (r == KEY_CODE_YES) {
        switch (wch) {
        case KEY_UP: return TUI_KEY_UP;
        case KEY_DOWN: return TUI_KEY_DOWN;
        case KEY_LEFT: return TUI_KEY_LEFT;
        case KEY_RIGHT: return TUI_KEY_RIGHT;
        case KEY_PPAGE: return TUI_KEY_PGUP;
        case KEY_NPAGE: return TUI_KEY_PGDN;
        case KEY_HOME: return TUI_KEY_HOME;
        case KEY_END: return TUI_KEY_END;
        case KEY_ENTER: return TUI_KEY_ENTER;
        case KEY_BTAB: return TUI_KEY_BACKTAB;
        case KEY_BACKSPACE: return TUI_KEY_BACKSPACE;
        case KEY_DC: return TUI_KEY_DELETE;
        case KEY_RESIZE: return TUI_KEY_RESIZE;
        default:
            if (wch >= KEY_F(1) && wch <= KEY_F(12))
                return TUI_KEY_F1 + (int)(wch - KEY_F(1));
            return -1;
        }
    }
    switch (wch) {
    case '\r':
    case '\n': return TUI_KEY_ENTER;
    case '\t': return TUI_KEY_TAB;
    case 27: return TUI_KEY_ESC;
    case 8:
    case 127: return TUI_KEY_BACKSPACE;
    default: return (int)wch;
    }
}

int term_read_key(struct term *t, int timeout_ms)
{
    (void)t;
    wtimeout(stdscr, timeout_ms);
    wint_t wch;
    int r = wget_wch(stdscr, &wch);
    if (r == ERR)
        return -1;
    return translate(r, wch);
}

/* What to show for a character the locale cannot encode. */
static wchar_t ascii_standin(uint32_t ch)
{
    switch (ch) {
    case 0x2500: return '-';
    case 0x2502: return '|';
    case 0x250C: case 0x2510: case 0x2514: case 0x2518: return '+';
    case 0x2026: return '~';
    case 0x2191: return '^';
    case 0x2193: return 'v';
    case 0x2190: return '<';
    case 0x2192: return '>';
    case 0x25B8: case 0x25B6: return '>';
    case 0x25BE: return 'v';
    case 0x2713: return '+';
    case 0x2588: case 0x2593: return '#';
    case 0x2591: return '.';
    case 0x00B7: case 0x2022: return '*';
    default: return (ch >= 0x2800 && ch <= 0x28FF) ? '*' : '?';
    }
}

void term_blit(struct term *t, const struct tui_canvas *c, bool repaint)
{
    if (repaint)
        clearok(curscr, TRUE);
    for (int y = 0; y < c->rows; y++)
        for (int x = 0; x < c->cols; x++) {
            const struct tui_cell *cell = tui_canvas_at(c, y, x);
            if (cell->ch == TUI_CELL_CONT)
                continue;
            wchar_t w[2] = {(wchar_t)cell->ch, 0};
            if (!t->utf8 && cell->ch > 0x7E)
                w[0] = ascii_standin(cell->ch);
            attr_t a = t->color ? roles[cell->role].attr : roles[cell->role].mono;
            short pair = t->color ? (short)(cell->role + 1) : 0;
            cchar_t cc;
            setcchar(&cc, w, a, pair, NULL);
            mvadd_wch(y, x, &cc);    /* the bottom-right cell may report ERR: harmless */
        }
    wnoutrefresh(stdscr);
    doupdate();
}

struct too_small {
    char lines[8][128];
    int n;
};

static void collect(const char *start, size_t len, void *ctx)
{
    struct too_small *ts = ctx;
    if (ts->n < 8 && len < sizeof(ts->lines[0])) {
        memcpy(ts->lines[ts->n], start, len);
        ts->lines[ts->n][len] = '\0';
        ts->n++;
    }
}

void term_draw_too_small(struct tui_canvas *c)
{
    tui_canvas_clear(c);
    char msg[256];
    snprintf(msg, sizeof(msg),
             "terminal too small: %dx%d, need %dx%d. Enlarge it, or press q to quit.", c->cols,
             c->rows, TERM_MIN_COLS, TERM_MIN_ROWS);
    struct too_small ts = {{{0}}, 0};
    tui_wrap(msg, c->cols, collect, &ts);
    if (ts.n > c->rows) {        /* tiny: the short form */
        snprintf(msg, sizeof(msg), "too small: %dx%d < %dx%d; q quits", c->cols, c->rows,
                 TERM_MIN_COLS, TERM_MIN_ROWS);
        ts.n = 0;
        tui_wrap(msg, c->cols, collect, &ts);
    }
    int y0 = (c->rows - ts.n) / 2;
    if (y0 < 0)
        y0 = 0;
    for (int i = 0; i < ts.n; i++) {
        int w = tui_text_width(ts.lines[i], strlen(ts.lines[i]));
        int x = (c->cols - w) / 2;
        tui_canvas_text(c, y0 + i, x < 0 ? 0 : x, c->cols, i == 0 ? TUI_ROLE_ERROR : TUI_ROLE_NORMAL,
                        ts.lines[i]);
    }
}
