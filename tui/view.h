/*
 * view: draw a const model into a canvas. Views never change the model and
 * never call curses (term.c copies the canvas to the terminal), so script
 * mode and the tests render exactly what a user sees.
 *
 * Layout of every screen (at least TERM_MIN_COLS x TERM_MIN_ROWS):
 *   row 0          tabs: the four screens, the active one highlighted
 *   rows 1..R-3    the screen body: a list pane, a separator, a detail pane
 *   row R-2        the status line, or the open prompt
 *   row R-1        the keys that matter here (or the prompt's error)
 * Overlays (help, diagnostics, presets) are boxes drawn over the body.
 * One file per screen: view_map.c, view_quiz.c, view_recs.c, view_bench.c;
 * view_help.c draws the overlays; view.c the frame and the geometry.
 */
#ifndef BM_TUI_VIEW_H
#define BM_TUI_VIEW_H

#include "tui/canvas.h"
#include "tui/doc.h"
#include "tui/model.h"

struct bench_plan;

struct view_rect {
    int y, x, h, w;
};

/* The panes of the body for a canvas of rows x cols. */
struct view_layout {
    struct view_rect body;       /* everything between the tabs and the status line */
    struct view_rect list;       /* the left pane, below its header row */
    struct view_rect detail;     /* the right pane, below its header row (the
                                    benchmark: the results below the chart) */
    struct view_rect chart;      /* the benchmark's chart, else all zero */
    int list_header_y;           /* row of the pane headers */
    int separator_x;             /* column of the vertical separator */
};

/* Draw the whole screen: frame, current screen, overlay, prompt. The
 * canvas must be at least TERM_MIN_COLS x TERM_MIN_ROWS (tui/term.h). */
void view_draw(const struct tui_model *m, struct tui_canvas *c);

/* Draw the screen, or the "terminal too small" screen below the minimum. */
void view_render(const struct tui_model *m, struct tui_canvas *c);

/* Page sizes and content lengths the model needs to scroll (model.h). */
void view_geom(const struct tui_model *m, int rows, int cols, struct tui_geom *g);

/* The layout of the current screen (the map, the questionnaire and the
 * recommendations differ in their list width). */
void view_layout(const struct tui_model *m, int rows, int cols, struct view_layout *l);

/* ---- per screen (draw the body; build the detail doc at a width) ---- */
void view_map_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l);
void view_map_detail(const struct tui_model *m, struct tui_doc *d);
void view_quiz_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l);
void view_quiz_detail(const struct tui_model *m, struct tui_doc *d);
void view_recs_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l);
void view_recs_detail(const struct tui_model *m, struct tui_doc *d);
void view_bench_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l);
void view_bench_detail(const struct tui_model *m, struct tui_doc *d);

/* ---- overlays (view_help.c) ---- */
void view_overlay_draw(const struct tui_model *m, struct tui_canvas *c);
/* The overlay's body as a doc (help, diagnostics); its box geometry. */
void view_overlay_doc(const struct tui_model *m, struct tui_doc *d);
struct view_rect view_overlay_rect(int rows, int cols);

/* ---- helpers shared by the screens (view.c) ---- */
/* A pane header: bold title, optional dim note on the right. */
void view_pane_header(struct tui_canvas *c, int y, int x, int w, const char *title,
                      const char *note);
/* Draw doc in r from scroll, with a "more below" mark when it continues. */
void view_doc_pane(struct tui_canvas *c, const struct tui_doc *d, const struct view_rect *r,
                   int scroll);
/* A box with a title (overlays); clears its inside. */
void view_box(struct tui_canvas *c, const struct view_rect *r, const char *title);
/* Paint a list row: selected (focused or not) or plain. */
void view_list_row(struct tui_canvas *c, int y, int x, int w, bool selected, bool focused);
/* The benchmark plan's policies as "a, b, c" into buf (cut at size). */
void view_policy_list(const struct bench_plan *b, char *buf, size_t size);

#endif
