/*
 * view: the dispatcher of the views. Draws the frame shared by every
 * screen (tabs, status or prompt, key hints), hands the body to the
 * current screen's view_<screen>.c and the overlay to view_help.c, and
 * computes the page sizes the model scrolls by.
 */
#include "tui/view.h"

#include <stdio.h>
#include <string.h>

#include "tui/term.h"
#include "tui/view_bench.h"
#include "tui/view_help.h"
#include "tui/view_map.h"
#include "tui/view_quiz.h"
#include "tui/view_recs.h"
#include "tui/widgets.h"

static const char *const tab_names[TUI_SCREEN_COUNT] = {
    "F2 Map", "F3 Questions", "F4 Recommendations", "F5 Benchmark",
};

struct hint {
    const char *key, *text;
};

/* The keys worth showing on each screen's last line (the `?` screen lists
 * them all); each line fits 80 columns. */
static const struct hint map_hints[] = {
    {"↑↓", "move"}, {"Enter", "open"}, {"/", "search"}, {"Tab", "pane"},
    {"r", "reload"}, {"?", "help"}, {"q", "quit"}, {NULL, NULL},
};
static const struct hint quiz_hints[] = {
    {"↑↓", "move"}, {"Enter", "choose"}, {"0", "not sure"}, {"←", "back"},
    {"p", "preset"}, {"s", "save"}, {"?", "help"}, {"q", "quit"}, {NULL, NULL},
};
static const struct hint recs_hints[] = {
    {"↑↓", "select"}, {"Tab", "details"}, {"b", "benchmark"}, {"e", "export"},
    {"F3", "answers"}, {"?", "help"}, {"q", "quit"}, {NULL, NULL},
};
static const struct hint bench_hints[] = {
    {"b", "run"}, {"Esc", "cancel"}, {"e", "export"}, {"↑↓", "scroll"},
    {"F4", "recommendations"}, {"?", "help"}, {"q", "quit"}, {NULL, NULL},
};
static const struct hint prompt_hints[] = {
    {"Enter", "accept"}, {"Esc", "cancel"}, {"Backspace", "erase"}, {"C-u", "clear"},
    {NULL, NULL},
};
static const struct hint overlay_hints[] = {
    {"↑↓", "scroll"}, {"Esc", "close"}, {NULL, NULL},
};
static const struct hint preset_hints[] = {
    {"↑↓", "choose"}, {"Enter", "load"}, {"Esc", "close"}, {NULL, NULL},
};

static void build_detail(const struct tui_model *m, struct tui_doc *d)
{
    switch (tui_model_screen(m)) {
    case TUI_SCREEN_MAP: view_map_detail(m, d); break;
    case TUI_SCREEN_QUIZ: view_quiz_detail(m, d); break;
    case TUI_SCREEN_RECS: view_recs_detail(m, d); break;
    case TUI_SCREEN_BENCH: view_bench_detail(m, d); break;
    case TUI_SCREEN_COUNT: break;
    }
}

void view_geom(const struct tui_model *m, int rows, int cols, struct tui_geom *g)
{
    memset(g, 0, sizeof(*g));
    if (rows < TERM_MIN_ROWS || cols < TERM_MIN_COLS) {
        g->list_rows = g->detail_rows = g->overlay_rows = 1;
        return;
    }
    struct view_layout l;
    view_layout(tui_model_screen(m), rows, cols, &l);
    g->list_rows = l.list.h;
    g->detail_rows = l.detail.h;
    struct tui_doc d;
    tui_doc_init(&d, l.detail.w);
    build_detail(m, &d);
    g->detail_lines = (int)d.count;
    tui_doc_release(&d);
    if (tui_model_overlay(m)) {
        struct view_rect r = view_overlay_rect(rows, cols);
        g->overlay_rows = r.h - 2;
        tui_doc_init(&d, r.w - 4);
        view_overlay_doc(m, &d);
        g->overlay_lines = (int)d.count;
        tui_doc_release(&d);
    } else {
        g->overlay_rows = 1;
    }
}

/* ---- the frame ---- */

static void draw_tabs(const struct tui_model *m, struct tui_canvas *c)
{
    int x = tui_canvas_text(c, 0, 0, -1, TUI_ROLE_TITLE, " banditmap ");
    for (int s = 0; s < TUI_SCREEN_COUNT; s++) {
        char buf[64];
        snprintf(buf, sizeof(buf), " %s ", tab_names[s]);
        x += tui_canvas_text(c, 0, x, -1, s == (int)tui_model_screen(m) ? TUI_ROLE_TAB_ACTIVE
                                                                          : TUI_ROLE_TAB, buf);
        x += tui_canvas_text(c, 0, x, -1, TUI_ROLE_BORDER, "│");
    }
    char note[64];
    snprintf(note, sizeof(note), "%zu/%zu answered ", tui_model_answered(m),
             tui_model_profile(m)->n_answers);
    int nw = (int)strlen(note);
    if (x + nw + 1 <= c->cols)
        tui_canvas_text(c, 0, c->cols - nw, nw, TUI_ROLE_DIM, note);
}

static void draw_hints(struct tui_canvas *c, int y, const struct hint *h)
{
    int x = 1;
    for (; h->key; h++) {
        int need = tui_text_width(h->key, strlen(h->key)) + 1 +
                   tui_text_width(h->text, strlen(h->text)) + 2;
        if (x + need > c->cols)
            break;
        x += tui_canvas_text(c, y, x, -1, TUI_ROLE_KEY, h->key);
        x += 1;
        x += tui_canvas_text(c, y, x, -1, TUI_ROLE_DIM, h->text);
        x += 2;
    }
}

static const struct hint *screen_hints(const struct tui_model *m)
{
    switch (tui_model_overlay(m)) {
    case TUI_OVERLAY_PRESETS: return preset_hints;
    case TUI_OVERLAY_HELP:
    case TUI_OVERLAY_DIAGS: return overlay_hints;
    case TUI_OVERLAY_NONE: break;
    }
    switch (tui_model_screen(m)) {
    case TUI_SCREEN_MAP: return map_hints;
    case TUI_SCREEN_QUIZ: return quiz_hints;
    case TUI_SCREEN_RECS: return recs_hints;
    default: return bench_hints;
    }
}

static void draw_bottom(const struct tui_model *m, struct tui_canvas *c)
{
    int ys = c->rows - 2, yh = c->rows - 1;
    struct tui_prompt p = tui_model_prompt(m);
    if (p.kind != TUI_PROMPT_NONE) {
        int x = 1 + tui_canvas_text(c, ys, 1, -1, TUI_ROLE_KEY, p.label);
        int room = c->cols - x - 2;
        const char *t = p.text;
        /* keep the end of a long text visible */
        while (tui_text_width(t, strlen(t)) > room - 1 && *t)
            t++;
        x += tui_canvas_text(c, ys, x, room, TUI_ROLE_NORMAL, t);
        tui_canvas_text(c, ys, x, 1, TUI_ROLE_SELECTED, " ");
        if (p.error) {
            char buf[512];
            snprintf(buf, sizeof(buf), "error: %s", p.error);
            tui_canvas_text(c, yh, 1, c->cols - 2, TUI_ROLE_ERROR, buf);
        } else {
            draw_hints(c, yh, prompt_hints);
        }
        return;
    }
    struct tui_status s = tui_model_status(m);
    enum tui_role role = s.kind == TUI_STATUS_ERROR ? TUI_ROLE_ERROR
                         : s.kind == TUI_STATUS_OK  ? TUI_ROLE_OK
                                                    : TUI_ROLE_STATUS;
    tui_canvas_text(c, ys, 1, c->cols - 2, role, s.text);
    draw_hints(c, yh, screen_hints(m));
}

void view_draw(const struct tui_model *m, struct tui_canvas *c)
{
    tui_canvas_clear(c);
    struct view_layout l;
    view_layout(tui_model_screen(m), c->rows, c->cols, &l);
    draw_tabs(m, c);
    if (l.separator_x > 0)
        tui_canvas_fill(c, l.body.y, l.separator_x, l.body.h, 1, 0x2502, TUI_ROLE_BORDER);
    switch (tui_model_screen(m)) {
    case TUI_SCREEN_MAP: view_map_draw(m, c, &l); break;
    case TUI_SCREEN_QUIZ: view_quiz_draw(m, c, &l); break;
    case TUI_SCREEN_RECS: view_recs_draw(m, c, &l); break;
    case TUI_SCREEN_BENCH: view_bench_draw(m, c, &l); break;
    case TUI_SCREEN_COUNT: break;
    }
    tui_canvas_fill(c, c->rows - 2, 0, 2, c->cols, ' ', TUI_ROLE_NORMAL);  /* status, keys */
    if (tui_model_overlay(m))
        view_overlay_draw(m, c);
    draw_bottom(m, c);
}

void view_render(const struct tui_model *m, struct tui_canvas *c)
{
    if (c->rows < TERM_MIN_ROWS || c->cols < TERM_MIN_COLS)
        term_draw_too_small(c);
    else
        view_draw(m, c);
}
