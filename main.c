/*
 * banditmap: pick a bandit algorithm for an e-commerce problem.
 *
 * The binary's router, as git.c is git's: `banditmap` and `banditmap tui
 * ...` open the terminal UI (tui/tui.h); `banditmap COMMAND ...` runs the
 * command table (cli/cli.h). The two faces never include each other.
 */
#include <string.h>

#include "cli/cli.h"
#include "tui/tui.h"

int main(int argc, char **argv)
{
    if (argc < 2)
        return tui_main(1, (char *[]){"tui", NULL});
    if (!strcmp(argv[1], "tui"))
        return tui_main(argc - 1, argv + 1);
    return cli_main(argc, argv);
}
