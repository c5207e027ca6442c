/*
 * banditmap bench --sweep: run a sweep (benchmarks/sweep.h) in one
 * process, as one shard of n (--shard i/n --out DIR), merge shards
 * (--merge DIR), or over MPI ranks (mpirun -np N banditmap bench --sweep
 * S.yaml, when built with -DBANDITMAP_MPI=ON). Every way gives the same
 * bytes with --json --no-timing. cmd_bench hands over here when its argv
 * has --sweep.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "benchmarks/cost.h"
#include "benchmarks/sweep.h"
#include "cli/bench_text.h"
#include "cli/cli.h"
#include "report/sweep_json.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: banditmap bench --sweep SWEEP.yaml [options]\n"
            "       banditmap bench --sweep SWEEP.yaml --shard I/N --out DIR\n"
            "       banditmap bench --sweep SWEEP.yaml --merge DIR\n"
            "       mpirun -np N banditmap bench --sweep SWEEP.yaml [--out DIR]\n"
            "\n"
            "Run a sweep: workloads x parameter grid x policies x seeds, one bench result\n"
            "per cell. Results do not depend on threads, shards or ranks.\n"
            "\n"
            "  --sweep FILE         the sweep (benchmarks/sweeps/*.yaml)\n"
            "  --threads N          worker threads (per rank under MPI)\n"
            "  --out DIR            save finished parts in DIR and resume from them\n"
            "  --shard I/N          run only shard I of N (needs --out); then --merge\n"
            "  --merge DIR          combine the parts in DIR into the sweep's results\n"
            "  --timeout SEC        MPI: report and stop when a rank spends longer on a task\n"
            "  --allow-long         run even when the estimate is above 2 hours of CPU\n"
            "  --json               JSON on stdout instead of the table\n"
            "  --no-timing          rounds_per_second as null (byte-identical output)\n"
            "  -h, --help           this help\n");
#ifdef BANDITMAP_MPI
    fprintf(out, "\nMPI: built in (ranks are used when started by mpirun)\n");
#else
    fprintf(out, "\nMPI: not built in (configure with -DBANDITMAP_MPI=ON)\n");
#endif
}

enum {
    OPT_SWEEP = 256, OPT_THREADS, OPT_OUT, OPT_SHARD, OPT_MERGE, OPT_TIMEOUT, OPT_JSON,
    OPT_NO_TIMING, OPT_ALLOW_LONG,
};

static const struct option long_opts[] = {
    {"sweep", required_argument, NULL, OPT_SWEEP},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"out", required_argument, NULL, OPT_OUT},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"merge", required_argument, NULL, OPT_MERGE},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"json", no_argument, NULL, OPT_JSON},
    {"no-timing", no_argument, NULL, OPT_NO_TIMING},
    {"allow-long", no_argument, NULL, OPT_ALLOW_LONG},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

struct sweep_opts {
    const char *file, *out_dir, *merge_dir;
    int threads, shard_i, shard_n;
    double timeout;
    bool json, timing, allow_long;
};

/* Where finished cells go: the table or the JSON, into a buffer that is
 * written to stdout only when the whole sweep succeeded. */
struct sink {
    const struct sweep_opts *o;
    FILE *out;
};

static int emit_cell(const struct sweep *sw, size_t c, const struct bench_results *r, void *ctx)
{
    struct sink *k = ctx;
    if (k->o->json) {
        report_sweep_json_cell(sw, c, r, k->o->timing, k->out);
        return 0;
    }
    char *label = sweep_cell_label(sw, c);
    const struct bench_verdict *v = &r->verdict;
    fprintf(k->out, "%5zu  %-40s %-10s %-6s %s\n", c, label, v->best ? v->best : "-",
            bench_verdict_kind_name(v->kind), v->text);
    free(label);
    return 0;
}

/* Cell c once all its runs are in: aggregate them and emit the result. */
static void emit_complete_cell(const struct sweep *sw, size_t c, const struct sweep_cell *cell,
                               struct sink *k)
{
    struct bench_results r;
    bench_results_init(&r);
    sweep_cell_results(cell, &r);
    emit_cell(sw, c, &r, k);
    bench_results_release(&r);
}

static void emit_begin(const struct sweep *sw, struct sink *k)
{
    if (k->o->json) {
        report_sweep_json_begin(sw, k->out);
        return;
    }
    fprintf(k->out, "sweep %s: %zu cells x %d seeds, master seed %llu\n\n", sw->name,
            sw->n_cells, sw->seeds, (unsigned long long)sw->seed);
    fprintf(k->out, "%5s  %-40s %-10s %-6s %s\n", "cell", "label", "best", "pick", "verdict");
}

static void emit_end(struct sink *k)
{
    if (k->o->json)
        report_sweep_json_end(k->out);
}

/* Run the listed seeds in chunks of `threads` seeds, saving the part
 * (when dir is set) every SWEEP_SAVE_EVERY seconds and at the end. */
static int run_seeds(struct sweep_cell *cell, const int *seeds, size_t n,
                     const struct sweep_opts *o, const char *tag, struct diag_list *diags)
{
    double last = sweep_now();
    size_t chunk = (size_t)o->threads;
    for (size_t i = 0; i < n; i += chunk) {
        sweep_cell_run(cell, seeds + i, n - i < chunk ? n - i : chunk, o->threads);
        bool end = i + chunk >= n;
        if (o->out_dir && (end || sweep_now() - last > SWEEP_SAVE_EVERY)) {
            if (sweep_cell_write_part(cell, o->out_dir, tag, o->shard_i, o->shard_n, diags) < 0)
                return -1;
            last = sweep_now();
        }
    }
    return 0;
}

/* One process: every cell in order, resuming from and saving to out_dir. */
static int run_local(const struct sweep *sw, const struct sweep_opts *o, struct sink *k,
                     struct diag_list *diags)
{
    int *seeds = xcalloc((size_t)sw->seeds, sizeof(int));
    size_t resumed = 0, ran = 0;
    int rc = 0;
    for (size_t c = 0; c < sw->n_cells && rc == 0; c++) {
        struct sweep_cell *cell = sweep_cell_new(sw, c);
        if (o->out_dir) {
            long got = sweep_cell_load_parts(cell, o->out_dir, diags);
            resumed += got > 0 ? (size_t)got : 0;
        }
        size_t n = 0;
        for (int s = 0; s < sw->seeds; s++)
            if (!sweep_cell_has_seed(cell, s))
                seeds[n++] = s;
        if (n) {
            ran += sweep_cell_missing(cell);
            rc = run_seeds(cell, seeds, n, o, "all", diags);
        }
        if (rc == 0)
            emit_complete_cell(sw, c, cell, k);
        sweep_cell_free(cell);
    }
    if (o->out_dir && resumed)
        diag_add(diags, DIAG_NOTE, o->out_dir, 0, 0, "resumed %zu runs from saved parts, ran %zu",
                 resumed, ran);
    free(seeds);
    return rc;
}

/* One shard: only its (cell, seed) pairs, each cell saved as it finishes. */
static int run_shard(const struct sweep *sw, const struct sweep_opts *o, struct diag_list *diags)
{
    int *seeds = xcalloc((size_t)sw->seeds, sizeof(int));
    char tag[64];
    snprintf(tag, sizeof(tag), "shard-%d-of-%d", o->shard_i, o->shard_n);
    size_t cells = 0, runs = 0, resumed = 0;
    int rc = 0;
    for (size_t c = 0; c < sw->n_cells && rc == 0; c++) {
        size_t owned = 0;
        for (int s = 0; s < sw->seeds; s++)
            owned += sweep_shard_owns(sw, c, s, o->shard_i, o->shard_n);
        if (!owned)
            continue;
        cells++;
        struct sweep_cell *cell = sweep_cell_new(sw, c);
        if (sweep_cell_load_parts(cell, o->out_dir, diags) < 0)
            rc = -1;
        size_t n = 0;
        for (int s = 0; s < sw->seeds; s++)
            if (sweep_shard_owns(sw, c, s, o->shard_i, o->shard_n) &&
                !sweep_cell_has_seed(cell, s))
                seeds[n++] = s;
        size_t units = owned * sweep_cell_policies(cell);
        runs += units;
        resumed += units - n * sweep_cell_policies(cell);
        if (n && rc == 0)
            rc = run_seeds(cell, seeds, n, o, tag, diags);
        sweep_cell_free(cell);
    }
    if (rc == 0)
        diag_add(diags, DIAG_NOTE, o->out_dir, 0, 0,
                 "shard %d/%d: %zu cells, %zu runs (%zu already saved); merge with "
                 "--merge %s once every shard is done",
                 o->shard_i, o->shard_n, cells, runs, resumed, o->out_dir);
    free(seeds);
    return rc;
}

/* Merge: every cell from the parts in dir; all missing runs are listed. */
static int run_merge(const struct sweep *sw, const struct sweep_opts *o, struct sink *k,
                     struct diag_list *diags)
{
    size_t incomplete = 0;
    for (size_t c = 0; c < sw->n_cells; c++) {
        struct sweep_cell *cell = sweep_cell_new(sw, c);
        if (sweep_cell_load_parts(cell, o->merge_dir, diags) < 0) {
            sweep_cell_free(cell);
            return -1;
        }
        size_t missing = sweep_cell_missing(cell);
        if (missing) {
            int first = 0;
            while (sweep_cell_has_seed(cell, first))
                first++;
            char *label = sweep_cell_label(sw, c);
            if (incomplete++ < 20)
                diag_add(diags, DIAG_ERROR, o->merge_dir, 0, 0,
                         "cell %zu '%s' is missing %zu runs (first: seed %d)", c, label, missing,
                         first);
            free(label);
        } else if (!incomplete) {
            emit_complete_cell(sw, c, cell, k);
        }
        sweep_cell_free(cell);
    }
    if (incomplete)
        diag_add(diags, DIAG_ERROR, o->merge_dir, 0, 0,
                 "%zu of %zu cells are incomplete: run the missing shards with the same --out",
                 incomplete, sw->n_cells);
    return incomplete ? -1 : 0;
}

static bool under_mpirun(void)
{
    const char *size = getenv("OMPI_COMM_WORLD_SIZE");
    if (!size)
        size = getenv("PMI_SIZE");
    return size && atoi(size) > 1;
}

static int parse_opts(int argc, char **argv, struct sweep_opts *o)
{
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
        switch (c) {
        case 'h': usage(stdout); return 1;
        case OPT_SWEEP: o->file = optarg; break;
        case OPT_OUT: o->out_dir = optarg; break;
        case OPT_MERGE: o->merge_dir = optarg; break;
        case OPT_JSON: o->json = true; break;
        case OPT_NO_TIMING: o->timing = false; break;
        case OPT_ALLOW_LONG: o->allow_long = true; break;
        case OPT_THREADS: {
            long long v;
            if (cli_bench_parse_whole("--threads", optarg, 1, 256, &v) < 0)
                return -1;
            o->threads = (int)v;
            break;
        }
        case OPT_TIMEOUT:
            if (cli_bench_parse_number("--timeout", optarg, &o->timeout) < 0)
                return -1;
            if (!(o->timeout > 0)) {
                fprintf(stderr, "banditmap bench: error: --timeout needs seconds > 0, not '%s'\n",
                        optarg);
                return -1;
            }
            break;
        case OPT_SHARD: {
            size_t a = strspn(optarg, "0123456789");
            size_t b = optarg[a] == '/' ? strspn(optarg + a + 1, "0123456789") : 0;
            if (!a || !b || optarg[a + 1 + b] ||
                sweep_parse_shard(optarg, &o->shard_i, &o->shard_n) < 0) {
                fprintf(stderr, "banditmap bench: error: --shard needs I/N in decimal digits "
                                "with 1 <= I <= N <= 100000, not '%s'\n", optarg);
                return -1;
            }
            break;
        }
        default: usage(stderr); return -1;
        }
    }
    const char *why = NULL;
    if (!o->file)
        why = "--sweep needs a file";
    else if (optind < argc)
        why = "a sweep takes no spec file or other bench options";
    else if (o->shard_n && !o->out_dir)
        why = "--shard needs --out DIR for its parts";
    else if (o->merge_dir && (o->shard_n || o->out_dir))
        why = "--merge reads a directory: no --shard or --out with it";
    if (why) {
        fprintf(stderr, "banditmap bench: error: %s\n", why);
        return -1;
    }
    return 0;
}

/* The run-size guard over every cell this process (or, under MPI, the
 * job) runs: a shard counts its share of each cell's seeds, a merge runs
 * nothing. -1 after printing the refusal (see cli_bench_guard). */
static int guard(const struct sweep *sw, const struct sweep_opts *o, bool print)
{
    if (o->merge_dir)
        return 0;
    double seconds = 0;
    size_t policies = 0;
    for (size_t c = 0; c < sw->n_cells; c++) {
        int owned = sw->seeds;
        if (o->shard_n) {
            owned = 0;
            for (int s = 0; s < sw->seeds; s++)
                owned += sweep_shard_owns(sw, c, s, o->shard_i, o->shard_n);
        }
        if (!owned)
            continue;
        struct bench_spec *spec = sweep_cell_spec(sw, c);
        const char *ids[spec->n_policies + 1];
        size_t n = bench_raced_policies(spec, ids);
        policies = n > policies ? n : policies;
        seconds += bench_estimate_seconds(spec) * owned / sw->seeds;
        bench_spec_free(spec);
    }
    if (!print)
        return seconds > CLI_BENCH_LONG_SECONDS && !o->allow_long ? -1 : 0;
    char size[256];
    snprintf(size, sizeof(size), "%zu cells x %d seeds x up to %zu policies%s", sw->n_cells,
             sw->seeds, policies, o->shard_n ? ", this shard's share" : "");
    return cli_bench_guard(seconds, o->threads, o->allow_long, sw->file, size,
                           "lower the sweep's horizon, seeds or arms, or split it with --shard");
}

/* An output directory is created if missing (one level), so every shard
 * can be started with the same command. */
static int ensure_dir(const char *dir, struct diag_list *diags)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST)
        return 0;
    diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot create the output directory: %s",
             strerror(errno));
    return -1;
}

#ifdef BANDITMAP_MPI
static int run_mpi(int argc, char **argv, const struct sweep_opts *o)
{
    int rank, size;
    if (sweep_mpi_init(&argc, &argv, &rank, &size) < 0) {
        fprintf(stderr, "banditmap bench: MPI initialisation failed\n");
        return CLI_INVALID;
    }
    struct diag_list diags;
    diag_list_init(&diags);
    struct sweep *sw = sweep_load(o->file, &diags);
    if (sw && guard(sw, o, rank == 0) < 0) {   /* every rank decides alike */
        if (rank == 0)
            cli_print_diags(&diags, stderr);
        diag_list_release(&diags);
        sweep_free(sw);
        sweep_mpi_finalize();
        return CLI_INVALID;
    }
    if (sw && o->out_dir && rank == 0)
        ensure_dir(o->out_dir, &diags);
    char *buf = NULL;
    size_t len = 0;
    struct sink k = {.o = o, .out = open_memstream(&buf, &len)};
    if (sw && rank == 0)
        emit_begin(sw, &k);
    struct sweep_mpi_opts mo = {.threads = o->threads, .timeout = o->timeout,
                                .out_dir = o->out_dir};
    int rc = sweep_mpi_run(sw, &mo, emit_cell, &k, &diags);
    if (rank == 0 && sw && rc == 0)
        emit_end(&k);
    fclose(k.out);
    int status = rc < 0 || diags.errors ? CLI_INVALID : CLI_OK;
    if (rank == 0) {
        cli_print_diags(&diags, stderr);
        if (status == CLI_OK)
            fwrite(buf, 1, len, stdout);
        fflush(stdout);
        fflush(stderr);
        if (status != CLI_OK)
            sweep_mpi_abort(status);   /* stops every rank; rank 0's thread may still run */
    }
    free(buf);
    diag_list_release(&diags);
    sweep_free(sw);
    sweep_mpi_finalize();
    return status;
}
#endif

int cli_bench_sweep(int argc, char **argv)
{
    struct sweep_opts o = {.threads = 1, .timing = true};
    int p = parse_opts(argc, argv, &o);
    if (p != 0)
        return p > 0 ? CLI_OK : CLI_USAGE;
#ifdef BANDITMAP_MPI
    if (under_mpirun() && !o.shard_n && !o.merge_dir)
        return run_mpi(argc, argv, &o);
#else
    if (under_mpirun()) {
        fprintf(stderr, "banditmap bench: this banditmap was built without MPI "
                        "(-DBANDITMAP_MPI=ON); every rank would run the whole sweep. Use "
                        "--shard I/N with --out DIR and --merge instead\n");
        return CLI_USAGE;
    }
#endif
    struct diag_list diags;
    diag_list_init(&diags);
    struct sweep *sw = sweep_load(o.file, &diags);
    int rc = sw ? 0 : -1;
    if (rc == 0 && guard(sw, &o, true) < 0) {
        cli_print_diags(&diags, stderr);
        diag_list_release(&diags);
        sweep_free(sw);
        return CLI_INVALID;
    }
    const char *dir = o.out_dir;
    if (rc == 0 && dir)
        rc = ensure_dir(dir, &diags);
    char *buf = NULL;
    size_t len = 0;
    struct sink k = {.o = &o, .out = open_memstream(&buf, &len)};
    if (!k.out)
        BUG("open_memstream failed");
    if (rc == 0 && o.shard_n) {
        rc = run_shard(sw, &o, &diags);
    } else if (rc == 0) {
        emit_begin(sw, &k);
        rc = o.merge_dir ? run_merge(sw, &o, &k, &diags) : run_local(sw, &o, &k, &diags);
        emit_end(&k);
    }
    fclose(k.out);
    cli_print_diags(&diags, stderr);
    if (rc == 0)
        fwrite(buf, 1, len, stdout);
    free(buf);
    diag_list_release(&diags);
    sweep_free(sw);
    return rc == 0 ? CLI_OK : CLI_INVALID;
}
