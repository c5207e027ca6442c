/*
 * verdict: paired comparison of the recommended policy with the best.
 * See verdict.h.
 */
#include "benchmarks/verdict.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/xalloc.h"

const char *bench_verdict_kind_name(enum bench_verdict_kind k)
{
    switch (k) {
    case BENCH_VERDICT_NONE: return "none";
    case BENCH_VERDICT_BEST: return "best";
    case BENCH_VERDICT_TIED: return "tied";
    case BENCH_VERDICT_WORSE: return "worse";
    }
    return "?";
}

static double mean_of(const double *x, size_t n)
{
    struct stats_run s;
    stats_run_init(&s);
    for (size_t i = 0; i < n; i++)
        stats_run_add(&s, x[i]);
    return s.mean;
}

void bench_verdict_compute(struct bench_verdict *v, const char *recommended,
                           const char *const *ids, const double *const *scores, size_t n,
                           size_t n_seeds, const char *metric)
{
    memset(v, 0, sizeof(*v));
    v->metric = metric;
    v->relative = NAN;
    if (n == 0 || n_seeds == 0)
        BUG("bench_verdict_compute: nothing to compare");
    size_t best = 0, second = (size_t)-1, rec = (size_t)-1;
    double means[n];
    for (size_t i = 0; i < n; i++) {
        means[i] = mean_of(scores[i], n_seeds);
        if (means[i] < means[best])
            best = i;
        if (recommended && !strcmp(ids[i], recommended))
            rec = i;
    }
    for (size_t i = 0; i < n; i++)
        if (i != best && (second == (size_t)-1 || means[i] < means[second]))
            second = i;
    v->best = ids[best];
    v->best_mean = means[best];
    if (second != (size_t)-1) {
        v->runner_up = ids[second];
        v->runner_up_mean = means[second];
    }
    if (rec == (size_t)-1) {
        v->kind = BENCH_VERDICT_NONE;
        snprintf(v->text, sizeof(v->text), "no recommended policy; the best on %s is %s (%.4g)",
                 metric, v->best, v->best_mean);
        return;
    }
    v->recommended = ids[rec];
    v->recommended_mean = means[rec];
    if (n > 1 && n_seeds < BENCH_VERDICT_MIN_SEEDS) {
        v->kind = BENCH_VERDICT_NONE;
        snprintf(v->text, sizeof(v->text),
                 "too few seeds to tell: %zu paired seed%s, and a verdict needs at least %d "
                 "(--seeds %d or more); %s has %s %.4g, the lowest is %s (%.4g)",
                 n_seeds, n_seeds == 1 ? "" : "s", BENCH_VERDICT_MIN_SEEDS,
                 BENCH_VERDICT_MIN_SEEDS, v->recommended, metric, v->recommended_mean, v->best,
                 v->best_mean);
        return;
    }
    if (rec == best) {
        v->kind = BENCH_VERDICT_BEST;
        if (second == (size_t)-1) {
            snprintf(v->text, sizeof(v->text), "%s is the only policy raced (%s %.4g)",
                     v->recommended, metric, v->best_mean);
            return;
        }
        v->paired = stats_paired_compare(scores[second], scores[best], n_seeds);
        if (v->best_mean != 0)
            v->relative = v->paired.diff.mean / fabs(v->best_mean);
        snprintf(v->text, sizeof(v->text),
                 "%s is the best on %s (%.4g); the runner-up %s is %s by %.4g, "
                 "95%% CI [%.4g, %.4g] over %zu paired seeds",
                 v->recommended, metric, v->best_mean, v->runner_up,
                 v->paired.diff.lo > 0 ? "worse" : "statistically tied", v->paired.diff.mean,
                 v->paired.diff.lo, v->paired.diff.hi, n_seeds);
        return;
    }
    v->paired = stats_paired_compare(scores[rec], scores[best], n_seeds);
    if (v->best_mean != 0)
        v->relative = v->paired.diff.mean / fabs(v->best_mean);
    v->kind = v->paired.diff.lo <= 0 ? BENCH_VERDICT_TIED : BENCH_VERDICT_WORSE;
    char rel[64] = "";
    if (!isnan(v->relative))
        snprintf(rel, sizeof(rel), " (%+.1f%%)", 100 * v->relative);
    snprintf(v->text, sizeof(v->text),
             "%s is %s %s: %+.4g %s%s, 95%% CI [%.4g, %.4g] over %zu paired seeds",
             v->recommended,
             v->kind == BENCH_VERDICT_TIED ? "statistically tied with the best,"
                                           : "worse than the best,",
             v->best, v->paired.diff.mean, metric, rel, v->paired.diff.lo, v->paired.diff.hi,
             n_seeds);
}
