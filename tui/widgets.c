/*
 * widgets: screen geometry and drawing pieces (see widgets.h).
 */
#include "tui/widgets.h"

#include <stdio.h>
#include <string.h>

#include "benchmarks/plan.h"

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void view_layout(enum tui_screen s, int rows, int cols, struct view_layout *l)
{
    int lw;
    switch (s) {
    case TUI_SCREEN_QUIZ: lw = clampi(cols / 3, 24, 36); break;
    case TUI_SCREEN_BENCH: lw = 0; break;
    default: lw = clampi(cols * 2 / 5, 28, 44); break;
    }
    l->body = (struct view_rect){1, 0, rows - 3, cols};
    l->list_header_y = 1;
    l->list = (struct view_rect){2, 0, rows - 4, lw};
    l->separator_x = lw;
    int dx = lw ? lw + 2 : 1;
    l->detail = (struct view_rect){2, dx, rows - 4, cols - dx - 1};
    l->chart = (struct view_rect){0, 0, 0, 0};
    if (s == TUI_SCREEN_BENCH) {
        /* progress on row 2, the chart below it, the results under the chart */
        int ch = clampi((rows - 8) / 2, 5, 30);
        l->chart = (struct view_rect){3, 1, ch, cols - 2};
        l->detail.y = 3 + ch + 1;
        l->detail.h = rows - 2 - l->detail.y;
    }
}

/* ---- drawing pieces ---- */

void view_pane_header(struct tui_canvas *c, int y, int x, int w, const char *title,
                      const char *note)
{
    int used = tui_canvas_text(c, y, x, w, TUI_ROLE_TITLE, title);
    if (note && used + 2 < w) {
        int nw = tui_text_width(note, strlen(note));
        int room = w - used - 2;
        if (nw > room)
            nw = room;
        tui_canvas_text(c, y, x + w - nw, nw, TUI_ROLE_DIM, note);
    }
}

void view_doc_pane(struct tui_canvas *c, const struct tui_doc *d, const struct view_rect *r,
                   int scroll)
{
    int max = (int)d->count - r->h;
    if (scroll > max)
        scroll = max;
    if (scroll < 0)
        scroll = 0;
    tui_doc_draw(d, c, r->y, r->x, r->h, scroll);
    for (int i = 0; i < r->h && (size_t)(scroll + i) < d->count; i++)
        if (d->lines[scroll + i].role == TUI_ROLE_SELECTED)
            tui_canvas_paint(c, r->y + i, r->x, r->w, TUI_ROLE_SELECTED);
    if ((size_t)(scroll + r->h) < d->count) {
        const char *more = " ↓ more: PgDn ";
        int w = tui_text_width(more, strlen(more));
        tui_canvas_fill(c, r->y + r->h - 1, r->x, 1, r->w, ' ', TUI_ROLE_NORMAL);
        tui_canvas_text(c, r->y + r->h - 1, r->x + r->w - w, w, TUI_ROLE_DIM, more);
    }
}

void view_detail_pane(struct tui_canvas *c, const struct view_layout *l,
                      const struct tui_model *m, view_doc_fn build, const char *title,
                      const char *note, int scroll)
{
    struct tui_doc d;
    tui_doc_init(&d, l->detail.w);
    build(m, &d);
    view_pane_header(c, l->list_header_y, l->detail.x, l->detail.w, title, note);
    view_doc_pane(c, &d, &l->detail, scroll);
    tui_doc_release(&d);
}

void view_box(struct tui_canvas *c, const struct view_rect *r, const char *title)
{
    tui_canvas_fill(c, r->y, r->x, r->h, r->w, ' ', TUI_ROLE_NORMAL);
    tui_canvas_fill(c, r->y, r->x + 1, 1, r->w - 2, 0x2500, TUI_ROLE_BORDER);
    tui_canvas_fill(c, r->y + r->h - 1, r->x + 1, 1, r->w - 2, 0x2500, TUI_ROLE_BORDER);
    tui_canvas_fill(c, r->y + 1, r->x, r->h - 2, 1, 0x2502, TUI_ROLE_BORDER);
    tui_canvas_fill(c, r->y + 1, r->x + r->w - 1, r->h - 2, 1, 0x2502, TUI_ROLE_BORDER);
    tui_canvas_fill(c, r->y, r->x, 1, 1, 0x250C, TUI_ROLE_BORDER);
    tui_canvas_fill(c, r->y, r->x + r->w - 1, 1, 1, 0x2510, TUI_ROLE_BORDER);
    tui_canvas_fill(c, r->y + r->h - 1, r->x, 1, 1, 0x2514, TUI_ROLE_BORDER);
    tui_canvas_fill(c, r->y + r->h - 1, r->x + r->w - 1, 1, 1, 0x2518, TUI_ROLE_BORDER);
    if (title) {
        char buf[256];
        snprintf(buf, sizeof(buf), " %s ", title);
        tui_canvas_text(c, r->y, r->x + 2, r->w - 4, TUI_ROLE_TITLE, buf);
    }
}

void view_list_row(struct tui_canvas *c, int y, int x, int w, bool selected, bool focused)
{
    if (!selected)
        return;
    tui_canvas_text(c, y, x, 1, TUI_ROLE_NORMAL, "›");   /* visible without colour too */
    tui_canvas_paint(c, y, x, w, focused ? TUI_ROLE_SELECTED : TUI_ROLE_SELECTED_DIM);
}

void view_policy_list(const struct bench_plan *b, char *buf, size_t size)
{
    int n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < b->n_policies && n < (int)size; i++)
        n += snprintf(buf + n, size - (size_t)n, "%s%s", i ? ", " : "", b->policies[i]);
}
