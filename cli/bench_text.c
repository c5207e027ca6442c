/*
 * bench_text: the bench command's text in and out: number options, the
 * run-size guard, its help, the results table and the --list-policies /
 * --list-workloads catalogues.
 */
#include "cli/bench_text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/verdict.h"
#include "benchmarks/workload.h"

/* ---- options ---- */

int cli_bench_parse_whole(const char *opt, const char *text, long long min, long long max,
                          long long *out)
{
    size_t n = strspn(text, "0123456789");
    if (!*text || text[n]) {
        fprintf(stderr,
                "banditmap bench: error: %s needs a whole number in decimal digits, not '%s'\n",
                opt, text);
        return -1;
    }
    errno = 0;
    unsigned long long v = strtoull(text, NULL, 10);
    if (errno == ERANGE || v > (unsigned long long)max) {
        fprintf(stderr, "banditmap bench: error: %s %s is above the limit of %lld\n", opt, text,
                max);
        return -1;
    }
    if ((long long)v < min) {
        fprintf(stderr, "banditmap bench: error: %s %s is below the minimum of %lld\n", opt,
                text, min);
        return -1;
    }
    *out = (long long)v;
    return 0;
}

int cli_bench_parse_number(const char *opt, const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    bool hex = strchr(text, 'x') || strchr(text, 'X');
    if (!*text || *end || hex || !isfinite(v) || errno == ERANGE) {
        fprintf(stderr, "banditmap bench: error: %s needs a decimal number, not '%s'\n", opt,
                text);
        return -1;
    }
    *out = v;
    return 0;
}

/* ---- the run-size guard ---- */

/* "40 s", "25 min", "3.5 hours", "12 days", "3.1e+04 years". */
static void format_duration(double s, char *buf, size_t size)
{
    if (s < 90)
        snprintf(buf, size, "%.0f s", s);
    else if (s < 90 * 60)
        snprintf(buf, size, "%.0f min", s / 60);
    else if (s < 48 * 3600)
        snprintf(buf, size, "%.2g hours", s / 3600);
    else if (s < 730 * 86400)
        snprintf(buf, size, "%.0f days", s / 86400);
    else
        snprintf(buf, size, "%.3g years", s / (365.25 * 86400));
}

int cli_bench_guard(double cpu_seconds, int parallel, bool allow_long, const char *where,
                    const char *size, const char *smaller)
{
    char cpu[64], wall[64], limit[64];
    format_duration(cpu_seconds, cpu, sizeof(cpu));
    format_duration(CLI_BENCH_LONG_SECONDS, limit, sizeof(limit));
    if (cpu_seconds > CLI_BENCH_LONG_SECONDS && !allow_long) {
        fprintf(stderr,
                "%s: error: this run would take about %s of CPU by the estimate (%s), above "
                "the limit of %s; %s, or pass --allow-long\n",
                where, cpu, size, limit, smaller);
        return -1;
    }
    if (cpu_seconds > CLI_BENCH_NOTE_SECONDS) {
        if (parallel > 1) {
            format_duration(cpu_seconds / parallel, wall, sizeof(wall));
            fprintf(stderr,
                    "banditmap bench: note: this run takes about %s of CPU by the estimate "
                    "(%s), about %s on %d threads\n",
                    cpu, size, wall, parallel);
        } else {
            fprintf(stderr,
                    "banditmap bench: note: this run takes about %s of CPU by the estimate "
                    "(%s)\n",
                    cpu, size);
        }
    }
    return 0;
}

/* ---- the results table ---- */

void cli_bench_table(const struct bench_results *r, const struct bench_spec *s, FILE *out)
{
    fprintf(out, "%s: workload %s, K = %d, T = %lld, %d seeds, seed %llu\n",
             s->name ? s->name : "bench", r->workload->name, r->k, r->horizon, r->seeds,
             (unsigned long long)r->seed);
    bool bai = r->goal != WL_GOAL_REGRET;
    fprintf(out, "\n  %-14s %12s %24s %28s %11s", "policy", "regret", "95% CI", "median [q1, q3]",
            "M rounds/s");
    if (bai)
        fprintf(out, " %8s %12s", "error", "samples");
    if (r->budget > 0)
        fprintf(out, " %14s", "budget used");
    fputc('\n', out);
    for (size_t i = 0; i < r->n_policies; i++) {
        const struct bench_policy_result *p = &r->policies[i];
        char ci[64], q[64];
        snprintf(ci, sizeof(ci), "[%.1f, %.1f]", p->regret.lo, p->regret.hi);
        snprintf(q, sizeof(q), "%.1f [%.1f, %.1f]", p->regret_q.median, p->regret_q.q1,
                 p->regret_q.q3);
        bool rec = r->recommended && !strcmp(r->recommended, p->id);
        fprintf(out, "%c %-14s %12.1f %24s %28s %11.2f", rec ? '*' : ' ', p->id, p->regret.mean,
                ci, q, p->rounds_per_second / 1e6);
        if (bai)
            fprintf(out, " %8.3f %12.1f", p->error_rate, p->samples_ci.mean);
        if (r->budget > 0)
            fprintf(out, " %7.0f/%-6.0f", p->budget_used.mean, r->budget);
        fputc('\n', out);
    }
    if (r->budget > 0)
        fprintf(out, "\n  regret is against the best fixed %s (the LP benchmark), per round\n",
                r->workload->name[0] == 'p' ? "price under the inventory" : "mixture of arms");
    if (r->lower_bound) {
        double at_t = r->lower_bound[r->n_checkpoints - 1];
        if (at_t < r->lower_bound_c * log((double)r->horizon))
            fprintf(out, "\n  Lai-Robbins lower bound: %.4g ln T is above the most a run can lose "
                         "(%.1f): the horizon is too short for it to say anything\n",
                    r->lower_bound_c, at_t);
        else
            fprintf(out, "\n  Lai-Robbins lower bound: %.4g ln T = %.1f (asymptotic; compare "
                         "slopes)\n",
                    r->lower_bound_c, at_t);
    }
    fprintf(out, "\nverdict (%s): %s\n", bench_verdict_kind_name(r->verdict.kind), r->verdict.text);
}

void cli_bench_list_policies(FILE *out)
{
    for (size_t i = 0; i < pol_registry_count; i++) {
        const struct pol_type *t = pol_registry[i];
        fprintf(out, "%-14s %s\n", t->name, t->title);
        for (size_t j = 0; j < t->n_knobs; j++)
            if (isnan(t->knobs[j].def))
                fprintf(out, "%-14s   %s.%s = auto: %s\n", "", t->name, t->knobs[j].name,
                       t->knobs[j].help);
            else
                fprintf(out, "%-14s   %s.%s = %g: %s\n", "", t->name, t->knobs[j].name,
                       t->knobs[j].def, t->knobs[j].help);
    }
}

void cli_bench_list_workloads(FILE *out)
{
    for (size_t i = 0; i < wl_registry_count; i++) {
        const struct wl_type *t = wl_registry[i];
        fprintf(out, "%-22s %s\n", t->name, t->summary);
        for (size_t j = 0; t->params[j].name; j++) {
            if (isnan(t->params[j].def))
                fprintf(out, "%-22s   %-13s (unset)  %s\n", "", t->params[j].name, t->params[j].help);
            else
                fprintf(out, "%-22s   %-13s %-8g %s\n", "", t->params[j].name, t->params[j].def,
                       t->params[j].help);
        }
    }
    fprintf(out, "every workload also takes (a default above is the workload's own):\n");
    for (size_t j = 0; wl_common_params[j].name; j++)
        fprintf(out, "  %-13s %-8g %s\n", wl_common_params[j].name, wl_common_params[j].def,
               wl_common_params[j].help);
}

void cli_bench_usage(FILE *out)
{
    fprintf(out,
            "usage: banditmap bench [SPEC.yaml | --profile P.yaml | --preset NAME] [options]\n"
            "\n"
            "Race bandit policies on a simulated e-commerce workload, seeds x policies,\n"
            "and check the recommended policy against the best (paired over seeds).\n"
            "With --profile or --preset the spec is the advisor's benchmark for that\n"
            "problem ('banditmap recommend --bench-spec' writes the same spec).\n"
            "\n"
            "run size:\n"
            "  --seeds R            independent runs per policy\n"
            "  --horizon T          rounds per run\n"
            "  --seed S             master seed (same seed, same numbers)\n"
            "  --threads N          worker threads (results do not depend on N)\n"
            "  --allow-long         run even when the estimate is above 2 hours of CPU\n"
            "quick runs without a file (or overriding the file):\n"
            "  --workload ID        e.g. bernoulli, piecewise, delayed (--list-workloads)\n"
            "  --arms K             number of arms\n"
            "  --best P --gap G     best arm P, the others P - G\n"
            "  --means A,B,...      explicit arm means\n"
            "  --param KEY=VALUE    any workload parameter or POLICY.KNOB (repeatable)\n"
            "  --policy A,B,...     policies to race (--list-policies)\n"
            "  --recommended ID     the pick the verdict checks\n"
            "                       (without --policy: the baselines the descriptors name\n"
            "                       for the workload's kind, and budget policies when it\n"
            "                       has a budget)\n"
            "output:\n"
            "  --json               JSON on stdout instead of the table\n"
            "  --no-timing          rounds_per_second as null (byte-identical output)\n"
            "  --csv FILE           regret curves as CSV\n"
            "  --svg FILE           regret curves with CI bands and the lower bound\n"
            "  --log FILE.csv       also write an interaction log of one extra run (first\n"
            "                       policy, seed 0) in the generic OPE format, with the\n"
            "                       exact propensities, for 'banditmap ope'\n"
            "  --log-epsilon E      exploration mixed into the logged run (default 0.1):\n"
            "                       a uniformly random arm with probability E\n"
            "  --dry-run            print the spec that would run (YAML) and exit\n"
            "  --list-policies      list policy ids and exit\n"
            "  --list-workloads     list workload ids and their parameters and exit\n"
            "  -h, --help           this help\n");
}
