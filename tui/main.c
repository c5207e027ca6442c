#include "tui/tui.h"

#include <stdio.h>

int tui_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "banditmap: the terminal UI is not built yet; try 'banditmap recommend --preset homepage_carousel'\n");
    return 2;
}
