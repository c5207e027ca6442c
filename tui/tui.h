/*
 * tui: the terminal UI entry point. The banditmap binary calls tui_main()
 * for `banditmap` with no arguments and for `banditmap tui ...`:
 *   banditmap tui [--taxonomy FILE]... [--profile FILE]
 *                 [--script FILE [--size COLSxROWS]]
 * Keys, screens and script mode are described in tui/README.md.
 */
#ifndef BM_TUI_H
#define BM_TUI_H

/* Run the TUI; argv[0] is "tui". Returns the process exit code: 0, 1 when
 * the taxonomy does not load, there is no terminal or a script fails, 2 on
 * a usage error, 128 + the signal number after SIGINT/SIGTERM/SIGHUP. */
int tui_main(int argc, char **argv);

#endif
