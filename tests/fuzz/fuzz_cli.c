/*
 * fuzz_cli: the command line of every subcommand, through cli_main()
 * (cli/commands.c), as `banditmap ARG...`.
 *
 * Input: the arguments, separated by newline or NUL bytes (at most
 * FUZZ_CLI_MAX_ARGS; a trailing separator ends the last one). The first
 * argument picks the subcommand (validate, list, show, traits, presets,
 * recommend, bench, bench --sweep, ope, or anything else: usage).
 *
 * It runs in a scratch directory holding copies of fixture files (specs,
 * profiles, logs, taxonomy files, a short sweep; see `fixtures` below, by
 * base name), so arguments name them as `full.yaml`, `tiny.csv` ...
 * (tests/fuzz/fuzz_face.h: the scratch directory, the path guard, the
 * bench_run clamp and the taxonomy loaded once).
 *
 * Refused inputs (return at once): more than FUZZ_CLI_MAX_ARGS arguments;
 * an argument with '/' or ".." (no absolute paths, no way out of the
 * scratch directory); for bench and ope, an argument holding a number
 * above FUZZ_CLI_MAX_NUMBER (strtod at each run of digits, so 1e9, 0x40
 * and 1.5e3 count: this caps --horizon, --seeds, --arms, --threads,
 * --bootstrap, --actions, --shard, --param dim=N ...) or more than
 * FUZZ_CLI_MAX_COMMAS commas in all (a --policy or --means list).
 *
 * Oracles: no crash or sanitizer report; the exit code is 0, 1 or 2;
 * nothing is written outside the scratch directory (fuzz_face.h); no
 * input runs longer than BM_FUZZ_SLOW_MS (1000 ms).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "tests/fuzz/fuzz_face.h"

enum { FUZZ_CLI_MAX_ARGS = 16, FUZZ_CLI_MAX_NUMBER = 32, FUZZ_CLI_MAX_COMMAS = 16 };

static const char *const fixtures[] = {
    "tests/fixtures/spec/good/full.yaml",
    "tests/fixtures/spec/good/minimal.yaml",
    "tests/fixtures/spec/good/piecewise.yaml",
    "tests/fixtures/spec/bad/unknown-key.yaml",
    "tests/fixtures/spec/bad/contextual-dim.yaml",
    "tests/fixtures/spec/bad/means-arms.yaml",
    "tests/fixtures/profiles/good.yaml",
    "tests/fixtures/profiles/minimal_real.yaml",
    "tests/fixtures/profiles/bad_real.yaml",
    "taxonomy/presets/homepage_carousel.yaml",
    "tests/fixtures/yaml/good/traits_small.yaml",
    "tests/fixtures/yaml/cli/unknown_policy.yaml",
    "tests/fixtures/ope/obd_small.csv",
    "tests/fixtures/ope/generic_full.csv",
    "tests/fixtures/ope/tiny.csv",
    "tests/fixtures/ope/items.csv",
    "tests/fixtures/ope/dist_two.csv",
    "tests/fixtures/ope/dist_positions.csv",
    "tests/fixtures/ope/many_bad.csv",
    "tests/fixtures/ope/truncated.csv",
    "tests/fuzz/scratch/sweep.yaml",
    NULL,
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_face_init("cli", fixtures);
    fuzz_face.outside_fatal = true;
    return 0;
}

/* Does arg hold a number above the cap? */
static bool names_large_number(const char *arg)
{
    for (const char *p = arg; *p; p++) {
        bool starts = (*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9');
        if (!starts || (p > arg && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.')))
            continue;
        double v = strtod(p, NULL);
        if (!(v <= FUZZ_CLI_MAX_NUMBER))
            return true;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = xmalloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *argv[FUZZ_CLI_MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = "banditmap";
    size_t at = 0;
    while (at < size) {
        if (argc == FUZZ_CLI_MAX_ARGS + 1) {
            free(buf);
            return -1;
        }
        size_t n = strcspn(buf + at, "\n");   /* stops at NUL too */
        buf[at + n] = '\0';
        argv[argc++] = buf + at;
        at += n + 1;
    }
    argv[argc] = NULL;
    bool computes = argc > 1 && (!strcmp(argv[1], "bench") || !strcmp(argv[1], "ope"));
    size_t commas = 0;
    for (int i = 1; i < argc; i++) {
        if (strchr(argv[i], '/') || strstr(argv[i], "..") ||
            (computes && names_large_number(argv[i]))) {
            free(buf);
            return -1;
        }
        for (const char *c = argv[i]; (c = strchr(c, ',')); c++)
            commas++;
    }
    if (computes && commas > FUZZ_CLI_MAX_COMMAS) {
        free(buf);
        return -1;
    }
    fuzz_face_begin();
    int rc = cli_main(argc, argv);
    fuzz_face_end();
    if (rc != CLI_OK && rc != CLI_INVALID && rc != CLI_USAGE) {
        char code[32];
        snprintf(code, sizeof(code), "%d", rc);
        fuzz_fail("cli_main returned an exit code other than 0, 1 and 2", code);
    }
    free(buf);
    return 0;
}
