/*
 * fuzz_sweep: sweep files (benchmarks/sweep.h sweep_load) and the part
 * files a sharded or resumed sweep reads back (sweep_cell_load_parts).
 * Byte 0 picks the mode: even, the rest is a sweep file; odd, the rest is
 * a part file for cell 0 of a fixed two-policy, two-seed sweep, dropped
 * into a scratch directory. Oracles: a failed load leaves an error; a
 * loaded sweep has 1..10^6 cells, each with a spec of sane size and a
 * label; loading a part never adds more units than are missing, and a
 * cell it completes summarises (and writes its JSON) without tripping an
 * invariant.
 */
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/runner.h"
#include "benchmarks/sweep.h"
#include "report/sweep_json.h"
#include "tests/fuzz/fuzz_common.h"

static struct sweep *fixed;      /* the sweep the part files belong to */
static char scratch[64];         /* a directory for the part file */
static char *part_path;

static void remove_scratch(void)
{
    if (part_path)
        unlink(part_path);
    rmdir(scratch);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char text[] = "seed: 3\nseeds: 2\nhorizon: 40\narms: 3\n"
                               "policies: [ucb1, ts]\nworkloads: [bernoulli]\n";
    struct diag_list d;
    diag_list_init(&d);
    fixed = sweep_load(fuzz_memfd_path(2, (const uint8_t *)text, sizeof(text) - 1), &d);
    diag_list_release(&d);
    if (!fixed)
        fuzz_fail("cannot load the fixed sweep", NULL);
    snprintf(scratch, sizeof(scratch), "/tmp/bm-fuzz-sweep-XXXXXX");
    if (!mkdtemp(scratch))
        fuzz_fail("mkdtemp", NULL);
    part_path = xasprintf("%s/cell-00000.fuzz.part", scratch);
    atexit(remove_scratch);
    return 0;
}

static void check_sweep(const struct sweep *sw)
{
    if (sw->n_cells < 1 || sw->n_cells > 1000000 || sw->n_workloads < 1)
        fuzz_fail("sweep cell count out of range", NULL);
    size_t probe[2] = {0, sw->n_cells - 1};
    for (int i = 0; i < 2; i++) {
        struct bench_spec *s = sweep_cell_spec(sw, probe[i]);
        if (!s || s->arms < 1 || s->horizon < 1 || s->seeds < 1 || !s->workload)
            fuzz_fail("a cell spec out of range", NULL);
        char *label = sweep_cell_label(sw, probe[i]);
        if (!label || !label[0])
            fuzz_fail("a cell without a label", NULL);
        free(label);
        bench_spec_free(s);
    }
}

static void load_part(const uint8_t *data, size_t size)
{
    FILE *f = fopen(part_path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        fuzz_fail("cannot write the part file", part_path);
    struct sweep_cell *cell = sweep_cell_new(fixed, 0);
    size_t before = sweep_cell_missing(cell);
    struct diag_list d;
    diag_list_init(&d);
    long added = sweep_cell_load_parts(cell, scratch, &d);
    if (added < 0 || (size_t)added > before || sweep_cell_missing(cell) != before - (size_t)added)
        fuzz_fail("part loading miscounted its units", NULL);
    fuzz_check_diags(&d, 0, 0);
    if (sweep_cell_missing(cell) == 0) {
        struct bench_results r;
        bench_results_init(&r);
        sweep_cell_results(cell, &r);
        /* parts with nan/inf numbers are refused, so no cell summarises to
         * "regret": null (regression fixture part_nan_regret.part) */
        char *json = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&json, &len);
        report_sweep_json_cell(fixed, 0, &r, false, out);
        fclose(out);
        if (strstr(json, "\"regret\":null"))
            fuzz_fail("a part with non-finite numbers was accepted", NULL);
        free(json);
        bench_results_release(&r);
    }
    diag_list_release(&d);
    sweep_cell_free(cell);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] & 1) {
        load_part(data + 1, size - 1);
        return 0;
    }
    struct diag_list d;
    diag_list_init(&d);
    struct sweep *sw = sweep_load(fuzz_memfd_path(0, data + 1, size - 1), &d);
    fuzz_check_diags(&d, 0, sw == NULL);
    if (sw)
        check_sweep(sw);
    sweep_free(sw);
    diag_list_release(&d);
    return 0;
}
