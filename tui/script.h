/*
 * script: drive the TUI from a file, without a terminal (after tig's
 * TIG_SCRIPT and :save-display). The model and views run exactly as in a
 * terminal, on an offscreen canvas of a fixed size, so the screens a script
 * saves are deterministic and golden tests need no tty.
 *
 * One command per line; blank lines and lines starting with # are skipped:
 *   ACTION              an action by name (tui/actions.h): down, search, run...
 *   key KEY...          press keys by name: j Enter Esc C-b F3 S-Tab Space
 *   type TEXT           press the characters of TEXT (the rest of the line)
 *   resize COLSxROWS    change the screen size
 *   wait                wait for a running benchmark to finish
 *   save-display PATH   write the screen as text (one line per row,
 *                       trailing spaces removed) to PATH, atomically
 *   quit                stop here (as does the quit action)
 * A line that is not a command stops the script with a diagnostic at
 * file:line:col. The script is read whole before it runs, and refused if it
 * is larger than TUI_SCRIPT_MAX_BYTES, has a line longer than
 * TUI_SCRIPT_MAX_LINE bytes or a NUL byte, or is a directory: then no line
 * runs.
 */
#ifndef BM_TUI_SCRIPT_H
#define BM_TUI_SCRIPT_H

#include "base/diag.h"
#include "tui/model.h"

enum { TUI_SCRIPT_MAX_BYTES = 1 << 20, TUI_SCRIPT_MAX_LINE = 4096 };

/* Run the script at path against m on a rows x cols screen. 0 when it ran
 * to the end (or to quit); -1 with diagnostics otherwise. */
int tui_script_run(struct tui_model *m, const char *path, int rows, int cols,
                   struct diag_list *diags);

/* Parse "80x24" into cols and rows (each 1..1000). -1 if malformed. */
int tui_parse_size(const char *s, int *cols, int *rows);

#endif
