/*
 * cli: the command-line front end. Each subcommand is a function taking
 * its own argv (argv[0] is the subcommand name) and returning the process
 * exit code: 0 success, 1 the input is invalid or the check failed,
 * 2 usage error. Only cli/ and tui/ print.
 */
#ifndef BM_CLI_H
#define BM_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"
#include "taxonomy/taxonomy.h"

enum { CLI_OK = 0, CLI_INVALID = 1, CLI_USAGE = 2 };

/* --taxonomy FILE may be repeated; none means the bundled files. */
enum { CLI_MAX_TAXONOMY_FILES = 32 };
struct cli_tax_opts {
    const char *files[CLI_MAX_TAXONOMY_FILES];
    size_t n_files;
};

/* Record one --taxonomy argument; returns -1 (after printing) if too many. */
int cli_tax_opts_add(struct cli_tax_opts *o, const char *file);

/* Load the taxonomy the options name and check its policy ids against the
 * harness (bench_load_taxonomy). On failure prints every diagnostic to
 * stderr and returns NULL. The caller frees with tax_free(). */
struct tax *cli_load_taxonomy(const struct cli_tax_opts *o);

/* Print every diagnostic as "file:line:col: error: message" to out. */
void cli_print_diags(const struct diag_list *diags, FILE *out);

/* Run `banditmap COMMAND ARGS...`: argv[0] is the program name, argv[1]
 * the command, --help or --version. Returns the process exit code. */
int cli_main(int argc, char **argv);

/* Subcommands (one file each). */
int cmd_validate(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_traits(int argc, char **argv);
int cmd_recommend(int argc, char **argv);
int cmd_presets(int argc, char **argv);
int cmd_bench(int argc, char **argv);
/* `bench --sweep`: cmd_bench hands its whole argv over when it has --sweep. */
int cli_bench_sweep(int argc, char **argv);
int cmd_ope(int argc, char **argv);

#endif
