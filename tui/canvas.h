/*
 * canvas: the screen as a grid of cells, the only surface views draw on.
 *
 * Views never call curses: they write UTF-8 text into a canvas with a
 * semantic colour role per cell, and term.c copies the canvas to the
 * terminal (curses does the diffing). Script mode dumps the same canvas as
 * text, so golden screens need no terminal at all.
 *
 * Cells hold one Unicode code point each. A double-width character takes
 * its cell plus the next, which holds TUI_CELL_CONT. Widths come from
 * tui_char_width(), our own small table, so a dump is the same under every
 * locale. Writes outside the grid are clipped silently. A canvas owns its
 * cells; init/release it like any embedded struct. Not thread-safe.
 */
#ifndef BM_TUI_CANVAS_H
#define BM_TUI_CANVAS_H

#include <stddef.h>
#include <stdint.h>

#include "tui/roles.h"

/* The second half of a double-width character. */
#define TUI_CELL_CONT 0xFFFFFFFFu

struct tui_cell {
    uint32_t ch;                 /* code point, or TUI_CELL_CONT */
    enum tui_role role;          /* colour role (tui/roles.h) */
};

struct tui_canvas {
    int rows, cols;
    struct tui_cell *cells;      /* owned; rows * cols, row-major */
};

void tui_canvas_init(struct tui_canvas *c);
/* Resize to rows x cols (each at least 1) and clear. */
void tui_canvas_resize(struct tui_canvas *c, int rows, int cols);
void tui_canvas_release(struct tui_canvas *c);

/* Every cell becomes a space of role TUI_ROLE_NORMAL. */
void tui_canvas_clear(struct tui_canvas *c);

/* Fill the rectangle with ch in role. */
void tui_canvas_fill(struct tui_canvas *c, int y, int x, int h, int w, uint32_t ch,
                     enum tui_role role);

/* Change the role of w cells from (y, x), keeping their characters (used to
 * highlight a selected row after drawing it). */
void tui_canvas_paint(struct tui_canvas *c, int y, int x, int w, enum tui_role role);

/* Write UTF-8 text at (y, x) within at most width columns (a negative width
 * means "to the right edge"). Control characters become spaces; invalid
 * UTF-8 becomes U+FFFD. Text that does not fit is cut, and when cut the
 * last column shows an ellipsis. Returns the number of columns written. */
int tui_canvas_text(struct tui_canvas *c, int y, int x, int width, enum tui_role role,
                    const char *utf8);

/* The same for the first n bytes of utf8. */
int tui_canvas_textn(struct tui_canvas *c, int y, int x, int width, enum tui_role role,
                     const char *utf8, size_t n);

/* printf-style tui_canvas_text(). */
int tui_canvas_printf(struct tui_canvas *c, int y, int x, int width, enum tui_role role,
                      const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* The cell at (y, x), or NULL outside the grid. */
const struct tui_cell *tui_canvas_at(const struct tui_canvas *c, int y, int x);

/* The screen as UTF-8 text: one line per row, trailing spaces removed,
 * each ending in '\n'. The caller owns the result; free(). */
char *tui_canvas_dump(const struct tui_canvas *c);

/* ---- UTF-8 helpers shared by the views ---- */

/* Decode one code point from s (at most n bytes) into *cp; returns the
 * bytes used (at least 1; invalid input gives U+FFFD and 1 byte). */
size_t tui_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encode cp into out (at least 4 bytes); returns the bytes written. */
size_t tui_utf8_encode(uint32_t cp, char *out);

/* Display width of a code point: 0 (combining), 1 or 2 (East Asian wide). */
int tui_char_width(uint32_t cp);

/* Display width of the first n bytes of a UTF-8 string. */
int tui_text_width(const char *s, size_t n);

#endif
