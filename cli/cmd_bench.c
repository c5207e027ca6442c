#include "cli/cli.h"

#include <stdio.h>

int cmd_bench(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "banditmap bench: not yet implemented\n");
    return 2;
}
