/*
 * tui: the terminal UI entry point. The banditmap binary calls tui_main()
 * for `banditmap` with no arguments and for `banditmap tui ...`.
 */
#ifndef BM_TUI_H
#define BM_TUI_H

/* Run the TUI; argv[0] is "tui". Returns the process exit code. */
int tui_main(int argc, char **argv);

#endif
