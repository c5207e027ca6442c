#include "cli/cli.h"

#include <stdio.h>

int cmd_recommend(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "banditmap recommend: not yet implemented\n");
    return 2;
}

int cmd_presets(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "banditmap presets: not yet implemented\n");
    return 2;
}
