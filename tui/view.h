/*
 * view: draw a const model into a canvas. Views never change the model and
 * never call curses (term.c copies the canvas to the terminal), so script
 * mode and the tests render exactly what a user sees.
 *
 * Calls only go down: view.c draws the frame (tabs, status line or
 * prompt, key hints) and calls the current screen's view_map.c,
 * view_quiz.c, view_recs.c or view_bench.c for the body and view_help.c
 * for an overlay; they all draw with tui/widgets.h, which also holds the
 * layout of a screen. No screen calls another screen or view.c.
 */
#ifndef BM_TUI_VIEW_H
#define BM_TUI_VIEW_H

#include "tui/canvas.h"
#include "tui/model.h"

/* Draw the whole screen: frame, current screen, overlay, prompt. The
 * canvas must be at least TERM_MIN_COLS x TERM_MIN_ROWS (tui/term.h). */
void view_draw(const struct tui_model *m, struct tui_canvas *c);

/* Draw the screen, or the "terminal too small" screen below the minimum. */
void view_render(const struct tui_model *m, struct tui_canvas *c);

/* Page sizes and content lengths the model needs to scroll (model.h). */
void view_geom(const struct tui_model *m, int rows, int cols, struct tui_geom *g);

#endif
