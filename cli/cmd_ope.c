#include "cli/cli.h"

#include <stdio.h>

int cmd_ope(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "banditmap ope: not yet implemented\n");
    return 2;
}
