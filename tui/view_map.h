/*
 * view_map: the map screen: the tree of families and algorithms (search
 * matches highlighted) and, for the selected row, everything the taxonomy
 * says about it.
 * Called by tui/view.c only; draws with tui/widgets.h and reads the model
 * through the accessors of tui/model.h.
 */
#ifndef BM_TUI_VIEW_MAP_H
#define BM_TUI_VIEW_MAP_H

#include "tui/canvas.h"
#include "tui/doc.h"
#include "tui/model.h"
#include "tui/widgets.h"

/* Draw the body of the screen into the panes of l. */
void view_map_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l);
/* The detail pane's text, wrapped at d's width (view_geom() counts its lines). */
void view_map_detail(const struct tui_model *m, struct tui_doc *d);

#endif
