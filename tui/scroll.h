/*
 * scroll: the arithmetic of moving a cursor through a list and scrolling a
 * pane, shared by the model (which moves cursors on actions) and the views
 * (which show the rows around the cursor at the pane's real height).
 *
 * Plain integer functions on caller-owned ints; no state, thread-safe.
 */
#ifndef BM_TUI_SCROLL_H
#define BM_TUI_SCROLL_H

#include "tui/actions.h"

/* The first visible row that keeps cursor on a page of rows rows, starting
 * from top (what both the model and the views use to scroll a list). */
int tui_scroll_top(int cursor, int top, int rows, int count);

/* Move *cursor by delta within [0, count) and keep it visible from *top
 * (top may be NULL: the cursor alone moves). */
void tui_move(int *cursor, int *top, int delta, int count, int rows);

/* Scroll *scroll by delta within [0, lines - rows]. */
void tui_scroll(int *scroll, int delta, int lines, int rows);

/* The movement an action means on a page of page rows: -1, +1, -+ a page,
 * or a huge step for first/last; 0 when the action is not a movement. */
int tui_move_delta(enum tui_action a, int page);

#endif
