/*
 * term: the terminal, and the only file that includes curses.
 *
 * Owns curses start and stop, the translation of curses keys into the
 * TUI's curses-free key codes (tui/actions.h: arrows, vi keys arrive as
 * letters), KEY_RESIZE, colour roles (tui/roles.h) with NO_COLOR, the
 * "terminal too small" screen, and copying a canvas to the screen (with
 * ASCII stand-ins when the locale is not UTF-8).
 *
 * struct term is embedded by the caller (tui/main.c); term_stop() is
 * idempotent and safe to call on every exit path. Not thread-safe: only
 * the main thread touches the terminal.
 */
#ifndef BM_TUI_TERM_H
#define BM_TUI_TERM_H

#include <stdbool.h>

#include "tui/canvas.h"

/* Below this the body does not fit and the too-small screen is shown. */
enum { TERM_MIN_COLS = 80, TERM_MIN_ROWS = 24 };

struct term {
    bool started;                /* between term_start and term_stop */
    bool color;                  /* colours in use (not NO_COLOR, terminal has them) */
    bool utf8;                   /* the locale's codeset is UTF-8 */
    void *screen;                /* the curses SCREEN */
};

/* Is NO_COLOR set to a non-empty value (https://no-color.org)? */
bool term_no_color(void);

/* Start curses on the controlling terminal. Call setlocale(LC_ALL, "")
 * first. -1 (nothing changed) with a message in err when stdin/stdout is
 * not a terminal or curses cannot start. */
int term_start(struct term *t, char *err, size_t err_size);
/* Restore the terminal. Idempotent. */
void term_stop(struct term *t);

/* Restore the terminal from a fatal-signal handler or an atexit hook:
 * endwin() only, no freeing. Not async-signal-safe in theory; the best
 * there is for a crash (htop does the same). */
void term_emergency_stop(void);

/* The terminal's current size. */
void term_size(const struct term *t, int *rows, int *cols);

/* Wait up to timeout_ms (-1 forever) for a key: a TUI key code, or -1 on
 * timeout or when a signal interrupted the wait. TUI_KEY_RESIZE after the
 * terminal changed size. */
int term_read_key(struct term *t, int timeout_ms);

/* Copy the canvas to the terminal; repaint forces a full redraw (C-l). */
void term_blit(struct term *t, const struct tui_canvas *c, bool repaint);

/* Draw the "terminal too small" screen into c (any size, even 1x1). */
void term_draw_too_small(struct tui_canvas *c);

#endif
