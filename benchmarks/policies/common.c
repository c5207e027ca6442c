/*
 * Helpers shared by the policy files: argmax with the lowest-index tie
 * rule, and the Bernoulli KL divergence with the KL-UCB inversions
 * (Garivier & Cappe 2011, "The KL-UCB algorithm for bounded stochastic
 * bandits and beyond", COLT, eq. (4) and section 3).
 */
#include <math.h>

#include "benchmarks/linalg.h"
#include "benchmarks/policy.h"

int pol_argmax(const double *x, int n)
{
    int best = 0;
    for (int i = 1; i < n; i++)
        if (x[i] > x[best])
            best = i;
    return best;
}

double pol_kl_bernoulli(double p, double q)
{
    const double eps = 1e-15;
    q = fmin(fmax(q, eps), 1.0 - eps);
    double kl = 0.0;
    if (p > 0.0)
        kl += p * log(p / q);
    if (p < 1.0)
        kl += (1.0 - p) * log((1.0 - p) / (1.0 - q));
    return kl;
}

/* max{q in [p, 1] : kl(p, q) <= d} by Newton's method started to the
 * right of the root (Pinsker: kl(p, q) >= 2 (q - p)^2, so q0 = p +
 * sqrt(d / 2) has kl >= d). kl(p, .) is convex and increasing on [p, 1),
 * so the iterates decrease monotonically to the root and never undershoot
 * it (up to rounding); we stop when a step is below 1e-14. */
double pol_kl_ucb(double p, double n, double bound)
{
    if (p >= 1.0)
        return 1.0;
    if (!(n > 0) || !(bound > 0))
        return fmax(p, 0.0);
    double d = bound / n;
    const double top = 1.0 - 1e-15;
    double q = fmin(p + sqrt(0.5 * d), top);
    if (q >= top && pol_kl_bernoulli(p, top) <= d)
        return 1.0;
    for (int it = 0; it < 100; it++) {
        double f = pol_kl_bernoulli(p, q) - d;
        if (f <= 0.0)
            break;
        double df = (q - p) / (q * (1.0 - q));
        double next = q - f / df;
        if (next < p)
            next = p;
        if (!(next < q))
            break;
        double step = q - next;
        q = next;
        if (step < 1e-14)
            break;
    }
    return q;
}

double pol_kl_lcb(double p, double n, double bound)
{
    return 1.0 - pol_kl_ucb(1.0 - p, n, bound);
}

/* ---- Beta tails (Bayes-UCB, lazy Thompson sampling) ---- */

/* log Gamma(x) for x > 0 by the Lanczos approximation (g = 7, n = 9),
 * relative error ~1e-15; lgamma() is avoided because it writes the
 * global signgam, a data race between worker threads. */
static double lanczos_lgamma(double x)
{
    static const double coef[9] = {
        0.99999999999980993,  676.5203681218851,     -1259.1392167224028,
        771.32342877765313,   -176.61502916214059,   12.507343278686905,
        -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    };
    const double pi = 3.14159265358979323846;
    if (x < 0.5)   /* reflection: Gamma(x) Gamma(1-x) = pi / sin(pi x) */
        return log(pi / sin(pi * x)) - lanczos_lgamma(1.0 - x);
    x -= 1.0;
    double a = coef[0], t = x + 7.5;
    for (int i = 1; i < 9; i++)
        a += coef[i] / (x + i);
    return 0.5 * log(2 * pi) + (x + 0.5) * log(t) - t + log(a);
}

/* Continued fraction of I_x(a, b) (modified Lentz; DLMF 8.17.22). */
static double beta_cf(double x, double a, double b)
{
    const double tiny = 1e-300;
    double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    if (fabs(d) < tiny)
        d = tiny;
    d = 1.0 / d;
    double h = d;
    for (int m = 1; m < 100000; m++) {
        double m2 = 2.0 * m;
        double num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
        d = 1.0 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1.0 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        h *= d * c;
        num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
        d = 1.0 + num * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1.0 + num / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1.0 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1.0) < 1e-15)
            break;
    }
    return h;
}

double pol_beta_lnorm(double a, double b)
{
    return lanczos_lgamma(a) + lanczos_lgamma(b) - lanczos_lgamma(a + b);
}

/* P(Beta(a, b) > x), accurate in the upper tail. */
double pol_beta_upper_tail(double x, double a, double b)
{
    return pol_beta_upper_tail_ln(x, a, b, pol_beta_lnorm(a, b));
}

double pol_beta_upper_tail_ln(double x, double a, double b, double lnorm)
{
    if (x <= 0.0)
        return 1.0;
    if (x >= 1.0)
        return 0.0;
    double front = a * log(x) + b * log1p(-x) - lnorm;   /* log of x^a (1-x)^b / B(a, b) */
    if (x < (a + 1.0) / (a + b + 2.0))
        return 1.0 - exp(front) * beta_cf(x, a, b) / a;
    return exp(front) * beta_cf(1.0 - x, b, a) / b;
}

/* The x with P(Beta(a, b) > x) = alpha, by bisection on [0, 1] refined
 * with Newton steps (the derivative is minus the density); to 1e-13. */
double pol_beta_upper_quantile(double a, double b, double alpha)
{
    return pol_beta_upper_quantile_ln(a, b, alpha, pol_beta_lnorm(a, b), 0.0);
}

double pol_beta_upper_quantile_ln(double a, double b, double alpha, double lnorm, double lo)
{
    if (!(alpha > 0.0))
        return 1.0;
    if (!(alpha < 1.0))
        return 0.0;
    double hi = 1.0, x = lo > 0.0 ? lo : a / (a + b);
    for (int it = 0; it < 200 && hi - lo > 1e-13; it++) {
        double g = pol_beta_upper_tail_ln(x, a, b, lnorm) - alpha;   /* decreasing in x */
        if (g == 0.0)
            return x;
        if (g > 0)
            lo = x;
        else
            hi = x;
        double dens = exp((a - 1) * log(x) + (b - 1) * log1p(-x) - lnorm);
        double next = dens > 0 ? x + g / dens : -1.0;
        x = next > lo && next < hi ? next : 0.5 * (lo + hi);
    }
    return fmin(1.0, fmax(0.0, x));
}

/* ---- features of the structured workloads ---- */

static const double one_feature[1] = {1.0};

int pol_dim(const struct pol_config *cfg)
{
    return cfg->dim > 0 ? cfg->dim : 1;
}

const double *pol_features(const struct bench_round *round, int a, int cfg_dim, int *dim)
{
    if (round->arm_features && cfg_dim > 0) {
        *dim = cfg_dim;
        return round->arm_features + (size_t)a * (size_t)cfg_dim;
    }
    if (round->context && cfg_dim > 0) {
        *dim = cfg_dim;
        return round->context;
    }
    *dim = 1;
    return one_feature;
}

int pol_linear_argmax(const struct bench_round *round, int k, int cfg_dim, const double *theta)
{
    int best = 0;
    double best_s = -INFINITY;
    for (int a = 0; a < k; a++) {
        int d;
        const double *x = pol_features(round, a, cfg_dim, &d);
        double s = la_dot(theta, x, d);
        if (s > best_s) {
            best_s = s;
            best = a;
        }
    }
    return best;
}

const double *pol_fb_features(const struct pol_feedback *fb, int cfg_dim, int *dim)
{
    if (fb->features && cfg_dim > 0) {
        *dim = cfg_dim;
        return fb->features;
    }
    if (fb->context && cfg_dim > 0) {
        *dim = cfg_dim;
        return fb->context;
    }
    *dim = 1;
    return one_feature;
}

void pol_top_l(const double *score, int k, int l, int *out)
{
    if (l > k)
        l = k;
    int n = 0;
    for (int i = 0; i < k; i++) {
        /* insertion into the sorted prefix out[0..n), keeping at most l */
        int pos = n;
        while (pos > 0 && score[i] > score[out[pos - 1]])
            pos--;
        if (pos >= l)
            continue;
        if (n < l)
            n++;
        for (int j = n - 1; j > pos; j--)
            out[j] = out[j - 1];
        out[pos] = i;
    }
}
