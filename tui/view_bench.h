/*
 * view_bench: the benchmark screen: the plan, a progress bar, the regret
 * chart, the results table and the verdict on the pick (live while the
 * run goes on, final once it is done).
 * Called by tui/view.c only; draws with tui/widgets.h and reads the model
 * through the accessors of tui/model.h.
 */
#ifndef BM_TUI_VIEW_BENCH_H
#define BM_TUI_VIEW_BENCH_H

#include "tui/canvas.h"
#include "tui/doc.h"
#include "tui/model.h"
#include "tui/widgets.h"

/* Draw the body of the screen into the panes of l. */
void view_bench_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l);
/* The detail pane's text, wrapped at d's width (view_geom() counts its lines). */
void view_bench_detail(const struct tui_model *m, struct tui_doc *d);

#endif
