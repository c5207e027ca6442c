/*
 * verdict: does the advisor's pick hold up in simulation?
 *
 * The best policy is the one with the lowest mean score (final regret,
 * samples used, or error indicator: lower is better). The recommended
 * policy is then
 *   BEST   when it is that policy;
 *   TIED   when the paired 95% t-interval of (recommended - best) over the
 *          common seeds contains 0 (seeds share reward streams, so the
 *          pairing removes most of the instance noise);
 *   WORSE  otherwise, by the mean paired difference (absolute and
 *          relative to the best's mean).
 * A verdict needs at least BENCH_VERDICT_MIN_SEEDS paired seeds. The
 * t-interval of n differences exists only for n >= 2 (n - 1 degrees of
 * freedom), and below 5 it is not worth reading: t_{0.975, n-1} is 12.7,
 * 4.30 and 3.18 for n = 2, 3, 4, so the interval is as wide as the noise
 * allows only if the differences are normal, which so few values cannot
 * show (and the smallest two-sided sign-test p-value, 2^(1-n), is still
 * 0.125 at n = 4). With fewer seeds and a recommended policy the kind is
 * NONE, and the text says the seeds are too few to tell and what the
 * minimum is; nothing is called significant, tied or worse.
 * Pure computation on caller arrays; no allocation.
 */
#ifndef BM_VERDICT_H
#define BM_VERDICT_H

#include <stddef.h>

#include "benchmarks/stats.h"

/* The fewest paired seeds a verdict is drawn from (see above). */
enum { BENCH_VERDICT_MIN_SEEDS = 5 };

enum bench_verdict_kind {
    BENCH_VERDICT_NONE,          /* no recommended policy, or fewer than
                                    BENCH_VERDICT_MIN_SEEDS seeds to tell */
    BENCH_VERDICT_BEST,
    BENCH_VERDICT_TIED,
    BENCH_VERDICT_WORSE,
};

struct bench_verdict {
    enum bench_verdict_kind kind;
    const char *recommended;     /* borrowed from the caller; NULL when none is named */
    const char *best;            /* borrowed: the policy with the lowest mean */
    const char *runner_up;       /* borrowed: second lowest mean, or NULL */
    const char *metric;          /* "final regret", "samples used", "error rate" */
    double recommended_mean, best_mean, runner_up_mean;
    struct stats_paired paired;  /* recommended - best (or runner-up - best when BEST) */
    double relative;             /* paired mean / best mean; NAN when that is 0 */
    char text[400];              /* one sentence for people */
};

/* ids[i] and scores[i][0..n_seeds) for each of n policies (n >= 1). */
void bench_verdict_compute(struct bench_verdict *v, const char *recommended,
                           const char *const *ids, const double *const *scores, size_t n,
                           size_t n_seeds, const char *metric);

const char *bench_verdict_kind_name(enum bench_verdict_kind k);  /* "best", "tied", ... */

#endif
