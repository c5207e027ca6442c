/*
 * commands: the command table of `banditmap COMMAND`, and the top-level
 * --help and --version. The root main.c routes here for every first
 * argument but none and "tui" (the terminal UI's).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"validate", cmd_validate, "check taxonomy files and report every mistake"},
    {"list", cmd_list, "list algorithms, optionally of one family"},
    {"show", cmd_show, "show one algorithm or family in full"},
    {"traits", cmd_traits, "list the questionnaire's traits and answers"},
    {"presets", cmd_presets, "list ready e-commerce problem profiles"},
    {"recommend", cmd_recommend, "rank algorithms for a problem profile"},
    {"bench", cmd_bench, "race policies on a simulated workload"},
    {"ope", cmd_ope, "evaluate a policy offline on logged data"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: banditmap [--version] [--help] [COMMAND [ARGS]]\n\n"
                 "Pick a bandit algorithm for an e-commerce problem, explain why, and check it.\n\n"
                 "commands:\n"
                 "  %-10s %s\n",
            "tui", "open the terminal UI (the default with no command)");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'banditmap COMMAND --help' describes a command.\n");
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h") || !strcmp(name, "help")) {
        usage(stdout);
        return CLI_OK;
    }
    if (!strcmp(name, "--version") || !strcmp(name, "-V")) {
        printf("banditmap %s\n", BANDITMAP_VERSION);
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!strcmp(name, commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "banditmap: unknown command '%s'\n\n", name);
    usage(stderr);
    return CLI_USAGE;
}
