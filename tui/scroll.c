/*
 * scroll: cursor and pane movement (see scroll.h).
 */
#include "tui/scroll.h"

int tui_scroll_top(int cursor, int top, int rows, int count)
{
    if (rows < 1)
        rows = 1;
    if (cursor < top)
        top = cursor;
    if (cursor >= top + rows)
        top = cursor - rows + 1;
    if (top > count - rows)
        top = count - rows;
    return top < 0 ? 0 : top;
}

void tui_move(int *cursor, int *top, int delta, int count, int rows)
{
    int c = *cursor + delta;
    if (c >= count)
        c = count - 1;
    if (c < 0)
        c = 0;
    *cursor = c;
    if (top)
        *top = tui_scroll_top(c, *top, rows, count);
}

void tui_scroll(int *scroll, int delta, int lines, int rows)
{
    int s = *scroll + delta, max = lines - rows;
    if (s > max)
        s = max;
    *scroll = s < 0 ? 0 : s;
}

int tui_move_delta(enum tui_action a, int page)
{
    page = page > 1 ? page - 1 : 1;
    switch (a) {
    case TUI_ACTION_UP: return -1;
    case TUI_ACTION_DOWN: return 1;
    case TUI_ACTION_PAGE_UP: return -page;
    case TUI_ACTION_PAGE_DOWN: return page;
    case TUI_ACTION_FIRST: return -(1 << 28);
    case TUI_ACTION_LAST: return 1 << 28;
    default: return 0;
    }
}
