/*
 * banditmap validate [FILE...]: load taxonomy files and report every
 * mistake as file:line:col. Exit 0 valid, 1 invalid, 2 usage.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/catalogue.h"
#include "cli/cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: banditmap validate [--quiet] [FILE...]\n\n"
            "Check taxonomy files (traits, references, families, algorithms) and print every\n"
            "problem as file:line:col: error: message. With no FILE, check the bundled\n"
            "taxonomy. A file that defines no traits is checked against the bundled\n"
            "traits.yaml, so 'banditmap validate my-bandits.yaml' works on its own.\n\n"
            "  -q, --quiet   print only problems, not the summary line\n"
            "  -h, --help    show this help\n\n"
            "exit status: 0 valid, 1 invalid, 2 usage error\n");
}

int cmd_validate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool quiet = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case 'q': quiet = true; break;
        case 'h': usage(stdout); return CLI_OK;
        default: usage(stderr); return CLI_USAGE;
        }
    }
    struct cli_tax_opts files = {0};
    for (int i = optind; i < argc; i++)
        if (cli_tax_opts_add(&files, argv[i]) < 0)
            return CLI_USAGE;

    struct diag_list diags;
    diag_list_init(&diags);
    struct tax *t = bench_load_taxonomy(NULL, files.files, files.n_files, &diags);
    cli_print_diags(&diags, stderr);
    if (!quiet) {
        if (t)
            printf("ok: %zu traits, %zu families, %zu algorithms, %zu references in %zu file%s\n",
                   t->n_traits, t->n_families, t->n_algorithms, t->n_references, t->n_files,
                   t->n_files == 1 ? "" : "s");
        else
            fprintf(stderr, "%zu error%s\n", diags.errors, diags.errors == 1 ? "" : "s");
    }
    int rc = t ? CLI_OK : CLI_INVALID;
    tax_free(t);
    diag_list_release(&diags);
    return rc;
}
