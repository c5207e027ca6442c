/*
 * banditmap: pick a bandit algorithm for an e-commerce problem.
 * Dispatches to one function per subcommand; with no subcommand, opens
 * the terminal UI.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "tui/tui.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static int cmd_tui(int argc, char **argv)
{
    return tui_main(argc, argv);
}

static const struct command commands[] = {
    {"tui", cmd_tui, "open the terminal UI (the default with no command)"},
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
                 "commands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'banditmap COMMAND --help' describes a command.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return tui_main(1, (char *[]){"tui", NULL});
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
