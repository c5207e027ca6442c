/*
 * widgets: the geometry of a screen and the pieces every screen draws with:
 * pane headers, scrolled text panes, list rows, boxes, and the benchmark
 * plan's policy list. They draw into a canvas (tui/canvas.h) and read no
 * model (the detail pane only hands it to the screen's builder), so any
 * view can use them and they use no view.
 *
 * Layout of every screen (at least TERM_MIN_COLS x TERM_MIN_ROWS):
 *   row 0          tabs: the four screens, the active one highlighted
 *   rows 1..R-3    the screen body: a list pane, a separator, a detail pane
 *   row R-2        the status line, or the open prompt
 *   row R-1        the keys that matter here (or the prompt's error)
 * Overlays (help, diagnostics, presets) are boxes drawn over the body.
 * Nothing here keeps state; thread-safe on distinct canvases.
 */
#ifndef BM_TUI_WIDGETS_H
#define BM_TUI_WIDGETS_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/canvas.h"
#include "tui/doc.h"
#include "tui/model_state.h"

struct bench_plan;
struct tui_model;

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

/* The layout of screen s on rows x cols (the map, the questionnaire and
 * the recommendations differ in their list width; the benchmark has no
 * list and a chart). */
void view_layout(enum tui_screen s, int rows, int cols, struct view_layout *l);

/* A pane header: bold title, optional dim note on the right. */
void view_pane_header(struct tui_canvas *c, int y, int x, int w, const char *title,
                      const char *note);
/* Draw doc in r from scroll, with a "more below" mark when it continues. */
void view_doc_pane(struct tui_canvas *c, const struct tui_doc *d, const struct view_rect *r,
                   int scroll);
/* Builds a screen's detail text for m at d's width (view_<screen>_detail). */
typedef void (*view_doc_fn)(const struct tui_model *m, struct tui_doc *d);
/* The detail pane of l: its header (title, note), and the text build
 * makes for m, drawn from scroll. m is only handed to build. */
void view_detail_pane(struct tui_canvas *c, const struct view_layout *l,
                      const struct tui_model *m, view_doc_fn build, const char *title,
                      const char *note, int scroll);
/* A box with a title (overlays); clears its inside. */
void view_box(struct tui_canvas *c, const struct view_rect *r, const char *title);
/* Paint a list row: selected (focused or not) or plain. */
void view_list_row(struct tui_canvas *c, int y, int x, int w, bool selected, bool focused);
/* The benchmark plan's policies as "a, b, c" into buf (cut at size). */
void view_policy_list(const struct bench_plan *b, char *buf, size_t size);

#endif
