/*
 * view_help: the overlays drawn over a screen: the keys of that screen
 * (generated from the action table, so help and bindings cannot drift),
 * the diagnostics of a failed reload or load, and the preset chooser.
 * Called by tui/view.c only; draws with tui/widgets.h.
 */
#ifndef BM_TUI_VIEW_HELP_H
#define BM_TUI_VIEW_HELP_H

#include "tui/canvas.h"
#include "tui/doc.h"
#include "tui/model.h"
#include "tui/widgets.h"

/* Draw the open overlay (tui_model_overlay()) over the body. */
void view_overlay_draw(const struct tui_model *m, struct tui_canvas *c);
/* The overlay's body as a doc (help, diagnostics; nothing for presets). */
void view_overlay_doc(const struct tui_model *m, struct tui_doc *d);
/* The overlay's box on a rows x cols canvas. */
struct view_rect view_overlay_rect(int rows, int cols);

#endif
