/*
 * stats: Welford moments, t intervals, quantiles, paired comparisons.
 * See stats.h for the contract and the references.
 */
#include "benchmarks/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

void stats_run_init(struct stats_run *s)
{
    s->n = 0;
    s->mean = 0.0;
    s->m2 = 0.0;
}

void stats_run_add(struct stats_run *s, double x)
{
    /* Knuth TAOCP 4.2.2 (15)-(16): M_k = M_{k-1} + (x - M_{k-1}) / k,
     * S_k = S_{k-1} + (x - M_{k-1})(x - M_k). */
    s->n++;
    double delta = x - s->mean;
    s->mean += delta / (double)s->n;
    s->m2 += delta * (x - s->mean);
}

double stats_run_variance(const struct stats_run *s)
{
    return s->n < 2 ? 0.0 : s->m2 / (double)(s->n - 1);
}

double stats_run_sd(const struct stats_run *s)
{
    return sqrt(stats_run_variance(s));
}

double stats_t975(long long df)
{
    /* t_{0.975, df} for df = 1..30 (checked against numerical
     * integration of the t density to 2e-7). */
    static const double table[30] = {
        12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
        2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
        2.109816, 2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
        2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
    };
    if (df < 1)
        BUG("stats_t975: df = %lld", df);
    if (df <= 30)
        return table[df - 1];
    /* Abramowitz & Stegun 26.7.5 with z = Phi^{-1}(0.975). */
    const double z = 1.959963984540054, z2 = z * z;
    const double z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
    double g1 = (z3 + z) / 4.0;
    double g2 = (5 * z5 + 16 * z3 + 3 * z) / 96.0;
    double g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384.0;
    double g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160.0;
    double v = (double)df;
    return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

struct stats_ci stats_run_ci95(const struct stats_run *s)
{
    struct stats_ci ci = {s->mean, s->mean, s->mean};
    if (s->n < 2)
        return ci;
    double half = stats_t975(s->n - 1) * stats_run_sd(s) / sqrt((double)s->n);
    ci.lo = s->mean - half;
    ci.hi = s->mean + half;
    return ci;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void stats_sort(double *x, size_t n)
{
    qsort(x, n, sizeof(*x), cmp_double);
}

double stats_quantile_sorted(const double *x, size_t n, double p)
{
    if (n == 0)
        BUG("stats_quantile_sorted: no values");
    if (p <= 0.0)
        return x[0];
    if (p >= 1.0)
        return x[n - 1];
    double h = (double)(n - 1) * p;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

struct stats_summary stats_quantiles(const double *x, size_t n)
{
    double *copy = xmalloc(n * sizeof(*copy));
    memcpy(copy, x, n * sizeof(*copy));
    stats_sort(copy, n);
    struct stats_summary s = {
        .median = stats_quantile_sorted(copy, n, 0.5),
        .q1 = stats_quantile_sorted(copy, n, 0.25),
        .q3 = stats_quantile_sorted(copy, n, 0.75),
        .min = copy[0],
        .max = copy[n - 1],
    };
    free(copy);
    return s;
}

struct stats_paired stats_paired_compare(const double *a, const double *b, size_t n)
{
    struct stats_paired p = {.n = n};
    struct stats_run d;
    stats_run_init(&d);
    for (size_t i = 0; i < n; i++) {
        double di = a[i] - b[i];
        stats_run_add(&d, di);
        if (di < 0)
            p.a_wins++;
        else if (di > 0)
            p.b_wins++;
        else
            p.ties++;
    }
    p.diff = stats_run_ci95(&d);
    p.sd = stats_run_sd(&d);
    return p;
}
