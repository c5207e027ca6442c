/*
 * stats: running moments, confidence intervals, quantiles and paired
 * comparisons for the benchmark results.
 *
 * struct stats_run is Welford's one-pass mean and variance (Welford 1962,
 * "Note on a method for calculating corrected sums of squares and
 * products", Technometrics 4(3); the update is Knuth TAOCP vol. 2,
 * 4.2.2, eq. 15-16). It is plain data for the caller to embed; feeding
 * the same values in the same order gives bit-identical results, which
 * is what makes the runner's output independent of the thread count (it
 * always feeds seeds in seed order). Nothing here allocates except
 * stats_quantiles(), which sorts a private copy. Thread-safe (no state).
 */
#ifndef BM_STATS_H
#define BM_STATS_H

#include <stddef.h>

struct stats_run {
    long long n;                 /* values seen */
    double mean;                 /* running mean */
    double m2;                   /* sum of squared deviations from the mean */
};

void stats_run_init(struct stats_run *s);
void stats_run_add(struct stats_run *s, double x);
/* Sample variance (n - 1 denominator); 0 when n < 2. */
double stats_run_variance(const struct stats_run *s);
double stats_run_sd(const struct stats_run *s);

/* The two-sided 95% quantile of Student's t with df degrees of freedom
 * (t_{0.975, df}): exact table to df = 30, then the Cornish-Fisher
 * expansion in 1/df (Abramowitz & Stegun 26.7.5), error < 1e-6. df >= 1. */
double stats_t975(long long df);

/* Mean with a t-based 95% confidence interval: mean -+ t * sd / sqrt(n).
 * With n < 2 the interval is [mean, mean]. */
struct stats_ci {
    double mean, lo, hi;
};
struct stats_ci stats_run_ci95(const struct stats_run *s);

/* Quantile p in [0, 1] of x[0..n) by linear interpolation between order
 * statistics (Hyndman & Fan 1996, definition 7; R's default). x is
 * sorted in place. n >= 1. */
double stats_quantile_sorted(const double *x, size_t n, double p);
void stats_sort(double *x, size_t n);

struct stats_summary {
    double median, q1, q3;       /* quartiles */
    double min, max;
};
/* Quartiles of x[0..n) (n >= 1); x is left unchanged. */
struct stats_summary stats_quantiles(const double *x, size_t n);

/* Paired comparison of a against b over common seeds: d_i = a_i - b_i.
 * mean and ci are those of d (t-based 95%); a_wins counts d_i < 0 (a is
 * lower, i.e. better for a regret), ties counts d_i == 0. */
struct stats_paired {
    size_t n;
    struct stats_ci diff;
    double sd;
    size_t a_wins, b_wins, ties;
};
struct stats_paired stats_paired_compare(const double *a, const double *b, size_t n);

#endif
