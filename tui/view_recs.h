/*
 * view_recs: the recommendations screen: the ranked algorithms and, for the
 * selected one, why it fits, cautions, what would change the pick,
 * operating advice, the benchmark that checks it, and what was excluded.
 * Called by tui/view.c only; draws with tui/widgets.h and reads the model
 * through the accessors of tui/model.h.
 */
#ifndef BM_TUI_VIEW_RECS_H
#define BM_TUI_VIEW_RECS_H

#include "tui/canvas.h"
#include "tui/doc.h"
#include "tui/model.h"
#include "tui/widgets.h"

/* Draw the body of the screen into the panes of l. */
void view_recs_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l);
/* The detail pane's text, wrapped at d's width (view_geom() counts its lines). */
void view_recs_detail(const struct tui_model *m, struct tui_doc *d);

#endif
