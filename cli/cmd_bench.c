/*
 * banditmap bench: race policies on a simulated workload and say whether
 * the advisor's pick holds up. Reads a spec file, or builds one from
 * flags; prints a table (or JSON), optionally writes CSV and SVG through
 * atomic files, and shows a progress bar on stderr when it is a terminal.
 * Before a run it estimates the run's CPU time (bench_estimate_seconds):
 * above 2 hours it refuses without --allow-long, and above 10 s it says
 * so on stderr, terminal or not.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advisor/presets.h"
#include "advisor/profile.h"
#include "advisor/recommend.h"
#include "base/atomic_file.h"
#include "base/suggest.h"
#include "base/xalloc.h"
#include "benchmarks/cost.h"
#include "benchmarks/log_writer.h"
#include "benchmarks/plan.h"
#include "benchmarks/runner.h"
#include "benchmarks/spec.h"
#include "cli/bench_text.h"
#include "cli/cli.h"
#include "report/results.h"
#include "report/svg.h"

enum {
    OPT_SEEDS = 256, OPT_HORIZON, OPT_SEED, OPT_THREADS, OPT_WORKLOAD, OPT_ARMS, OPT_BEST,
    OPT_GAP, OPT_MEANS, OPT_PARAM, OPT_POLICY, OPT_RECOMMENDED, OPT_JSON, OPT_NO_TIMING,
    OPT_CSV, OPT_SVG, OPT_LIST_POLICIES, OPT_LIST_WORKLOADS, OPT_PROFILE, OPT_PRESET,
    OPT_LOG, OPT_LOG_EPSILON, OPT_ALLOW_LONG, OPT_DRY_RUN,
};

struct bench_opts {
    const char *spec_file, *profile, *preset, *csv, *svg, *log;
    bool json, timing, list_policies, list_workloads, allow_long, dry_run;
    int threads;
    double log_epsilon;
};

/* Replace the spec's policies with the ids of a comma-separated option
 * value; -1 after printing why when the value or one of its ids is empty. */
static int parse_ids(const char *opt, const char *arg, struct bench_spec *s)
{
    size_t len = strlen(arg);
    if (!len || arg[0] == ',' || arg[len - 1] == ',' || strstr(arg, ",,")) {
        fprintf(stderr, "banditmap bench: error: %s '%s' has an empty policy id (give ids "
                        "separated by single commas, e.g. ucb1,ts)\n", opt, arg);
        return -1;
    }
    for (size_t i = 0; i < s->n_policies; i++)
        free(s->policies[i]);
    s->n_policies = 0;
    char *copy = xstrdup(arg), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
        bench_spec_add_policy(s, tok);
    free(copy);
    return 0;
}

/* --means A,B,...: the arm means, and so the arms; -1 after printing why
 * (an empty or bad value, more than BENCH_MAX_ARMS values), s unchanged. */
static int parse_means(const char *arg, struct bench_spec *s)
{
    size_t len = strlen(arg);
    if (!len || arg[0] == ',' || arg[len - 1] == ',' || strstr(arg, ",,")) {
        fprintf(stderr, "banditmap bench: error: --means '%s' has an empty value\n", arg);
        return -1;
    }
    double *means = NULL, v;
    size_t n = 0;
    char *copy = xstrdup(arg), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (cli_bench_parse_number("--means", tok, &v) < 0 || n == BENCH_MAX_ARMS) {
            if (n == BENCH_MAX_ARMS)
                fprintf(stderr, "banditmap bench: error: --means has more than %d values, "
                                "the limit of arms\n", BENCH_MAX_ARMS);
            free(means);
            free(copy);
            return -1;
        }
        means = xrealloc(means, (n + 1) * sizeof(double));
        means[n++] = v;
    }
    free(copy);
    free(s->means);
    s->means = means;
    s->n_means = n;
    s->arms = (long long)n;
    s->line_arms = s->col_arms = 0;
    return 0;
}

/* Apply one option to the spec; -1 on a bad value (already printed). */
static int apply(struct bench_spec *s, int opt, const char *arg, struct bench_opts *o)
{
    long long n;
    double v;
    switch (opt) {
    case OPT_SEEDS:
        if (cli_bench_parse_whole("--seeds", arg, 1, 1000000, &n) < 0)
            return -1;
        s->seeds = (int)n;
        return 0;
    case OPT_HORIZON:
        if (cli_bench_parse_whole("--horizon", arg, 1, 1000000000000LL, &n) < 0)
            return -1;
        s->horizon = n;
        s->line_horizon = s->col_horizon = 0;  /* no longer the file's value */
        return 0;
    case OPT_SEED:
        if (cli_bench_parse_whole("--seed", arg, 0, INT64_MAX, &n) < 0)
            return -1;
        s->seed = (uint64_t)n;
        return 0;
    case OPT_THREADS:
        if (cli_bench_parse_whole("--threads", arg, 1, 256, &n) < 0)
            return -1;
        o->threads = (int)n;
        return 0;
    case OPT_WORKLOAD:
    case OPT_RECOMMENDED:
        if (!*arg) {
            fprintf(stderr, "banditmap bench: error: %s needs an id, not ''\n",
                    opt == OPT_WORKLOAD ? "--workload" : "--recommended");
            return -1;
        }
        bench_spec_set_string(opt == OPT_WORKLOAD ? &s->workload : &s->recommended, arg);
        return 0;
    case OPT_ARMS:
        if (cli_bench_parse_whole("--arms", arg, 1, BENCH_MAX_ARMS, &n) < 0)
            return -1;
        s->arms = n;
        s->line_arms = s->col_arms = 0;
        return 0;
    case OPT_BEST:
    case OPT_GAP:
        if (cli_bench_parse_number(opt == OPT_BEST ? "--best" : "--gap", arg, &v) < 0)
            return -1;
        bench_spec_set_param(s, opt == OPT_BEST ? "best" : "gap", v);
        return 0;
    case OPT_MEANS:
        return parse_means(arg, s);
    case OPT_PARAM: {
        const char *eq = strchr(arg, '=');
        if (!eq || eq == arg) {
            fprintf(stderr, "banditmap bench: error: --param needs KEY=VALUE, not '%s'\n", arg);
            return -1;
        }
        char *key = xstrndup(arg, (size_t)(eq - arg));
        int rc = cli_bench_parse_number("--param", eq + 1, &v);
        if (rc == 0)
            bench_spec_set_param(s, key, v);
        free(key);
        return rc;
    }
    case OPT_POLICY:
        return parse_ids("--policy", arg, s);
    }
    return 0;
}

/* ---- progress bar: stderr, only on a terminal ---- */

static int progress_bar(const struct bench_progress *p, void *ctx)
{
    (void)ctx;
    double frac = p->rounds_total ? (double)p->rounds_done / (double)p->rounds_total : 0;
    if (frac > 1)
        frac = 1;
    int filled = (int)(frac * 30);
    double rate = p->elapsed > 0 ? (double)p->rounds_done / p->elapsed : 0;
    double eta = rate > 0 ? (double)(p->rounds_total - p->rounds_done) / rate : 0;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu runs  %6.1f M rounds/s  ETA %4.0fs ", filled,
            "##############################", 30 - filled, "", p->runs_done, p->runs_total,
            rate / 1e6, eta);
    fflush(stderr);
    return 0;
}

/* Write through an atomic file; prints diagnostics on failure. */
static int write_file(const char *path, const struct bench_results *r, const struct bench_spec *s,
                      bool svg)
{
    struct diag_list diags;
    diag_list_init(&diags);
    struct atomic_file af;
    int rc = atomic_file_open(&af, path, &diags);
    if (rc == 0) {
        if (svg)
            report_results_svg(r, af.fp, s->name);
        else
            report_results_csv(r, af.fp);
        rc = atomic_file_commit(&af, &diags);
    }
    cli_print_diags(&diags, stderr);
    diag_list_release(&diags);
    return rc;
}

static const struct option long_opts[] = {
    {"seeds", required_argument, NULL, OPT_SEEDS},
    {"horizon", required_argument, NULL, OPT_HORIZON},
    {"seed", required_argument, NULL, OPT_SEED},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"workload", required_argument, NULL, OPT_WORKLOAD},
    {"arms", required_argument, NULL, OPT_ARMS},
    {"best", required_argument, NULL, OPT_BEST},
    {"gap", required_argument, NULL, OPT_GAP},
    {"means", required_argument, NULL, OPT_MEANS},
    {"param", required_argument, NULL, OPT_PARAM},
    {"policy", required_argument, NULL, OPT_POLICY},
    {"policies", required_argument, NULL, OPT_POLICY},
    {"recommended", required_argument, NULL, OPT_RECOMMENDED},
    {"json", no_argument, NULL, OPT_JSON},
    {"no-timing", no_argument, NULL, OPT_NO_TIMING},
    {"csv", required_argument, NULL, OPT_CSV},
    {"svg", required_argument, NULL, OPT_SVG},
    {"list-policies", no_argument, NULL, OPT_LIST_POLICIES},
    {"list-workloads", no_argument, NULL, OPT_LIST_WORKLOADS},
    {"profile", required_argument, NULL, OPT_PROFILE},
    {"preset", required_argument, NULL, OPT_PRESET},
    {"log", required_argument, NULL, OPT_LOG},
    {"log-epsilon", required_argument, NULL, OPT_LOG_EPSILON},
    {"allow-long", no_argument, NULL, OPT_ALLOW_LONG},
    {"dry-run", no_argument, NULL, OPT_DRY_RUN},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Options are applied after the spec file is loaded, so first collect them. */
struct pending_opt {
    int opt;
    const char *arg;
};

/* ---- --log: the runner's logged run into an OPE log file ---- */

struct log_sink {
    const char *path;
    struct bench_log_writer *w;  /* opened at the first round (its dim is known then) */
    struct diag_list diags;
    bool failed;
};

static void log_round(const struct bench_log_round *r, void *ctx)
{
    struct log_sink *ls = ctx;
    if (ls->failed)
        return;
    if (!ls->w && !(ls->w = bench_log_writer_open(ls->path, r->context ? (size_t)r->dim : 0, false,
                                                  &ls->diags))) {
        ls->failed = true;
        return;
    }
    bench_log_writer_row(ls->w, &(struct bench_log_record){.round = r->t, .action = r->arm,
                                                           .reward = r->reward,
                                                           .propensity = r->propensity,
                                                           .x = r->context});
}

/* Commit the log after a successful run (abort otherwise); -1 on failure. */
static int log_finish(struct log_sink *ls, bool ok)
{
    int rc = ls->failed ? -1 : 0;
    if (ok && ls->w)
        rc = bench_log_writer_commit(ls->w, &ls->diags) < 0 ? -1 : rc;
    else
        bench_log_writer_abort(ls->w);
    ls->w = NULL;
    cli_print_diags(&ls->diags, stderr);
    diag_list_release(&ls->diags);
    return rc;
}

/* Before any work: every output can be written and none is an input (the
 * spec or profile file, or another output). CLI_INVALID after printing. */
static int check_outputs(const struct bench_opts *o)
{
    const char *outs[] = {o->csv, o->svg, o->log};
    const char *ins[5];
    size_t n_in = 0;
    if (o->spec_file)
        ins[n_in++] = o->spec_file;
    if (o->profile)
        ins[n_in++] = o->profile;
    struct diag_list d;
    diag_list_init(&d);
    for (size_t i = 0; i < 3; i++) {
        if (!outs[i])
            continue;
        bool twice = false;
        for (size_t j = 0; j < i; j++)
            twice |= outs[j] && !strcmp(outs[j], outs[i]) && strcmp(outs[i], "-");
        if (twice)
            diag_add(&d, DIAG_ERROR, outs[i], 0, 0, "output '%s' is given twice", outs[i]);
        else
            atomic_file_check_output(outs[i], ins, n_in, &d);
        ins[n_in++] = outs[i];
    }
    int rc = d.errors ? CLI_INVALID : CLI_OK;
    cli_print_diags(&d, stderr);
    diag_list_release(&d);
    return rc;
}

/* The run-size guard: refuse a run estimated above the limit (without
 * --allow-long), at the file:line:col of the spec's horizon when it came
 * from the file; a long run gets a note with the estimate. -1 after
 * printing (an invalid spec included). */
static int guard(const struct bench_spec *s, const struct bench_opts *o)
{
    struct diag_list d;
    diag_list_init(&d);
    int rc = bench_check_spec(s, &d);
    cli_print_diags(&d, stderr);
    diag_list_release(&d);
    if (rc < 0)
        return -1;
    const char *ids[s->n_policies + 1];
    size_t n = bench_raced_policies(s, ids);
    char where[512], size[256];
    if (s->file && s->line_horizon)
        snprintf(where, sizeof(where), "%s:%d:%d", s->file, s->line_horizon, s->col_horizon);
    else
        snprintf(where, sizeof(where), "%s", s->file ? s->file : "banditmap bench");
    snprintf(size, sizeof(size), "horizon %lld x %d seeds x %zu policies, %lld arms", s->horizon,
             s->seeds, n, s->arms);
    size_t runs = n * (size_t)s->seeds;
    int parallel = (size_t)o->threads < runs ? o->threads : (int)runs;
    return cli_bench_guard(bench_estimate_seconds(s), parallel, o->allow_long, where, size,
                           "lower --horizon, --seeds or --arms, or race fewer policies");
}

static int run(struct bench_spec *s, const struct bench_opts *o)
{
    if (check_outputs(o) != CLI_OK)
        return CLI_INVALID;
    if (guard(s, o) < 0)
        return CLI_INVALID;
    struct bench_results r;
    bench_results_init(&r);
    r.threads = o->threads;
    struct log_sink sink = {.path = o->log};
    diag_list_init(&sink.diags);
    struct bench_log log = {log_round, &sink, o->log_epsilon};
    if (o->log)
        r.log = &log;
    bool bar = isatty(STDERR_FILENO);
    int rc = bench_run(s, &r, bar ? progress_bar : NULL, NULL);
    if (bar)
        fputs("\r\033[K", stderr);
    if (o->log && log_finish(&sink, rc == 0) < 0 && rc == 0)
        rc = -2;
    if (rc < 0) {
        cli_print_diags(&r.diags, stderr);
        if (r.cancelled)
            fprintf(stderr, "banditmap bench: cancelled\n");
        bench_results_release(&r);
        return CLI_INVALID;
    }
    int status = CLI_OK;
    if (o->json)
        report_results_json(&r, stdout, true, o->timing);
    else
        cli_bench_table(&r, s, stdout);
    if (o->csv && write_file(o->csv, &r, s, false) < 0)
        status = CLI_INVALID;
    if (o->svg && write_file(o->svg, &r, s, true) < 0)
        status = CLI_INVALID;
    bench_results_release(&r);
    return status;
}

/* Every --param KEY names a param of the final workload (its own or a
 * common one) or POLICY.KNOB of a known policy; CLI_USAGE after printing
 * which KEY is wrong and what it could have been. */
static int check_params(const struct bench_spec *s, const struct pending_opt *pend, size_t n)
{
    const struct wl_type *t = s->workload ? wl_find(s->workload) : NULL;
    int status = CLI_OK;
    for (size_t i = 0; i < n && t; i++) {
        if (pend[i].opt != OPT_PARAM)
            continue;
        const char *arg = pend[i].arg, *eq = strchr(arg, '=');
        char *key = xstrndup(arg, (size_t)(eq - arg));
        const char *dot = strchr(key, '.');
        const char *names[64];
        size_t nn = 0;
        bool ok = false;
        if (dot) {
            char *pol = xstrndup(key, (size_t)(dot - key));
            const struct pol_type *pt = pol_find(pol);
            for (size_t j = 0; pt && j < pt->n_knobs && nn < 64; j++) {
                ok |= !strcmp(pt->knobs[j].name, dot + 1);
                names[nn++] = pt->knobs[j].name;
            }
            const char *hint = pt ? suggest_closest(dot + 1, names, nn) : NULL;
            if (!pt)
                fprintf(stderr, "banditmap bench: --param '%s': no policy '%s' "
                        "(--list-policies)\n", arg, pol);
            else if (!ok)
                fprintf(stderr,
                        "banditmap bench: --param '%s': policy '%s' has no knob '%s'%s%s%s\n",
                        arg, pol, dot + 1, hint ? " (did you mean '" : "", hint ? hint : "",
                        hint ? "'?)" : "");
            ok = ok && pt;
            free(pol);
        } else {
            for (size_t j = 0; t->params[j].name && nn < 64; j++)
                names[nn++] = t->params[j].name;
            for (size_t j = 0; wl_common_params[j].name && nn < 64; j++)
                names[nn++] = wl_common_params[j].name;
            for (size_t j = 0; j < nn; j++)
                ok |= !strcmp(names[j], key);
            const char *hint = suggest_closest(key, names, nn);
            if (!ok)
                fprintf(stderr, "banditmap bench: --param '%s': workload '%s' has no parameter "
                        "'%s'%s%s%s (--list-workloads)\n", arg, t->name, key,
                        hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
        }
        free(key);
        if (!ok)
            status = CLI_USAGE;
    }
    return status;
}

/* No --policy on a quick run: the baselines of the workload's kind (plus
 * the budget policies when its configuration has a budget), from the
 * descriptors. A workload that does not configure is left to run(), which
 * reports why. */
static int add_default_policies(struct bench_spec *s)
{
    const struct wl_type *t = s->workload ? wl_find(s->workload) : NULL;
    if (!t)
        return CLI_OK;   /* run() names the unknown workload */
    struct diag_list d;
    diag_list_init(&d);
    struct wl_config cfg;
    bool budgeted = wl_configure(t, s, &cfg, &d) == 0 && cfg.budget > 0 &&
                    t->kind != WL_KIND_PRICING;
    wl_config_release(&cfg);
    diag_list_release(&d);
    const char *ids[32];
    size_t n = bench_plan_default_policies(t, budgeted, ids, 32);
    for (size_t i = 0; i < n; i++)
        bench_spec_add_policy(s, ids[i]);
    return CLI_OK;
}

/* The advisor's benchmark for a profile file or a bundled preset
 * (bench_plan_spec), or NULL after printing why. */
static struct bench_spec *spec_for_profile(const char *profile, const char *preset)
{
    struct cli_tax_opts topts = {0};
    struct tax *t = cli_load_taxonomy(&topts);
    if (!t)
        return NULL;
    struct diag_list diags;
    diag_list_init(&diags);
    char *path = NULL;
    if (preset) {
        char *dir = adv_presets_dir(tax_default_dir(), NULL);
        path = adv_preset_path(dir, preset, &diags);
        free(dir);
    }
    struct adv_profile *p = NULL;
    if (path || profile)
        p = adv_profile_load(t, path ? path : profile, &diags);
    cli_print_diags(&diags, stderr);
    diag_list_release(&diags);
    free(path);
    struct bench_spec *s = NULL;
    if (p) {
        struct adv_recommendation *rec = adv_recommend(p);
        struct bench_plan plan;
        bench_plan_make(rec, &plan);
        s = bench_plan_spec(&plan, p);
        bench_plan_release(&plan);
        adv_recommendation_free(rec);
        adv_profile_free(p);
    }
    tax_free(t);
    return s;
}

int cmd_bench(int argc, char **argv)
{
    /* `bench --sweep FILE ...` is a sweep (cli/cmd_sweep.c), MPI-aware. */
    for (int i = 1; i < argc; i++)
        if (!strncmp(argv[i], "--sweep", 7) && (!argv[i][7] || argv[i][7] == '='))
            return cli_bench_sweep(argc, argv);
    struct bench_opts o = {.timing = true, .threads = 1, .log_epsilon = 0.1};
    struct pending_opt *pend = xcalloc((size_t)argc + 1, sizeof(*pend));
    size_t n_pend = 0;
    int c, status = CLI_OK;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", long_opts, NULL)) != -1) {
        switch (c) {
        case 'h': cli_bench_usage(stdout); free(pend); return CLI_OK;
        case OPT_JSON: o.json = true; break;
        case OPT_NO_TIMING: o.timing = false; break;
        case OPT_CSV: o.csv = optarg; break;
        case OPT_SVG: o.svg = optarg; break;
        case OPT_LIST_POLICIES: o.list_policies = true; break;
        case OPT_LIST_WORKLOADS: o.list_workloads = true; break;
        case OPT_PROFILE: o.profile = optarg; break;
        case OPT_PRESET: o.preset = optarg; break;
        case OPT_LOG: o.log = optarg; break;
        case OPT_ALLOW_LONG: o.allow_long = true; break;
        case OPT_DRY_RUN: o.dry_run = true; break;
        case OPT_LOG_EPSILON: {
            double e;
            bool parsed = cli_bench_parse_number("--log-epsilon", optarg, &e) == 0;
            if (!parsed || e < 0 || e > 1) {
                if (parsed)
                    fprintf(stderr, "banditmap bench: error: --log-epsilon must be in [0, 1], "
                                    "not '%s'\n", optarg);
                free(pend);
                return CLI_USAGE;
            }
            o.log_epsilon = e;
            break;
        }
        case '?': cli_bench_usage(stderr); free(pend); return CLI_USAGE;
        default: pend[n_pend++] = (struct pending_opt){c, optarg}; break;
        }
    }
    if (o.list_policies || o.list_workloads) {
        if (o.list_policies)
            cli_bench_list_policies(stdout);
        if (o.list_workloads)
            cli_bench_list_workloads(stdout);
        free(pend);
        return CLI_OK;
    }
    if (optind < argc - 1) {
        fprintf(stderr, "banditmap bench: one spec file at most\n");
        free(pend);
        return CLI_USAGE;
    }
    o.spec_file = optind < argc ? argv[optind] : NULL;
    if ((o.profile != NULL) + (o.preset != NULL) + (o.spec_file != NULL) > 1) {
        fprintf(stderr, "banditmap bench: give one of SPEC.yaml, --profile and --preset\n");
        free(pend);
        return CLI_USAGE;
    }
    struct bench_spec *s;
    if (o.profile || o.preset) {
        if (!(s = spec_for_profile(o.profile, o.preset))) {
            free(pend);
            return CLI_INVALID;
        }
    } else if (o.spec_file) {
        struct diag_list diags;
        diag_list_init(&diags);
        s = bench_spec_load(o.spec_file, &diags);
        cli_print_diags(&diags, stderr);
        diag_list_release(&diags);
        if (!s) {
            free(pend);
            return CLI_INVALID;
        }
    } else {
        s = bench_spec_new();
        bench_spec_set_string(&s->name, "quick bench");
        bench_spec_set_string(&s->workload, "bernoulli");
    }
    for (size_t i = 0; i < n_pend && status == CLI_OK; i++)
        if (apply(s, pend[i].opt, pend[i].arg, &o) < 0)
            status = CLI_USAGE;
    if (status == CLI_OK)
        status = check_params(s, pend, n_pend);
    if (status == CLI_OK && s->n_policies == 0 && !o.spec_file && !o.profile && !o.preset)
        status = add_default_policies(s);
    if (status == CLI_OK && o.dry_run)
        bench_spec_write(s, stdout);
    else if (status == CLI_OK)
        status = run(s, &o);
    bench_spec_free(s);
    free(pend);
    return status;
}
