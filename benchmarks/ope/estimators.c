/*
 * estimators: the ratio-of-sums estimators and their Poisson bootstrap
 * (see estimators.h for the formulas and the papers).
 */
#include "benchmarks/ope/estimators.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/rng.h"
#include "benchmarks/stats.h"

static const struct {
    const char *name;
    bool needs_model;
} estimator_info[OPE_N_ESTIMATORS] = {
    [OPE_REPLAY] = {"replay", false},
    [OPE_IPS] = {"ips", false},
    [OPE_SNIPS] = {"snips", false},
    [OPE_DM] = {"dm", true},
    [OPE_DR] = {"dr", true},
    [OPE_SWITCH_DR] = {"switch-dr", true},
    [OPE_DR_CLIP] = {"dr-clip", true},
};

const char *ope_estimator_name(enum ope_estimator e)
{
    if ((unsigned)e >= OPE_N_ESTIMATORS)
        BUG("ope_estimator_name: %d", (int)e);
    return estimator_info[e].name;
}

int ope_estimator_parse(const char *name)
{
    for (int e = 0; e < OPE_N_ESTIMATORS; e++)
        if (!strcmp(name, estimator_info[e].name))
            return e;
    return -1;
}

bool ope_estimator_needs_model(enum ope_estimator e)
{
    if ((unsigned)e >= OPE_N_ESTIMATORS)
        BUG("ope_estimator_needs_model: %d", (int)e);
    return estimator_info[e].needs_model;
}

/* Running sums of one estimator over the unresampled log. */
struct sums {
    double num, den;             /* sum num_i, sum den_i */
    double v, v2;                /* sum v_i, sum v_i^2 (Kish) */
    long n;                      /* rows with den_i != 0 */
};

struct ope_acc {
    struct ope_est_config cfg;
    int sel[OPE_N_ESTIMATORS];   /* the selected estimators, in enum order */
    int n_sel;
    struct sums sums[OPE_N_ESTIMATORS];
    double *rep;                 /* owned; B x n_sel x {num, den} */
    double max_abs;              /* largest |num| or |den| term added so far */
    long n_added;                /* rows added */
};

struct ope_acc *ope_acc_new(const struct ope_est_config *cfg)
{
    if (!(cfg->mask & OPE_ALL) || (cfg->mask & ~(unsigned)OPE_ALL))
        BUG("ope_acc_new: estimator mask %#x", cfg->mask);
    if (cfg->bootstrap < 0 || !(cfg->switch_tau > 0) || !(cfg->clip > 0))
        BUG("ope_acc_new: B %d, tau %g, M %g", cfg->bootstrap, cfg->switch_tau, cfg->clip);
    struct ope_acc *acc = xcalloc(1, sizeof(*acc));
    acc->cfg = *cfg;
    for (int e = 0; e < OPE_N_ESTIMATORS; e++)
        if (cfg->mask & (1u << e))
            acc->sel[acc->n_sel++] = e;
    acc->rep = xcalloc((size_t)cfg->bootstrap * (size_t)acc->n_sel * 2 + 1, sizeof(double));
    return acc;
}

void ope_acc_free(struct ope_acc *acc)
{
    if (!acc)
        return;
    free(acc->rep);
    free(acc);
}

/* Poisson(1) by inversion of its distribution function: one uniform per
 * draw, P(k) = e^-1 / k!. */
void ope_bootstrap_draw(struct rng *r, int B, uint8_t *mult)
{
    for (int b = 0; b < B; b++) {
        double u = rng_uniform(r);
        double p = 0.36787944117144233;  /* e^-1 */
        double F = p;
        int k = 0;
        while (u >= F && k < 255) {
            k++;
            p /= k;
            F += p;
            if (p < 1e-300)
                break;   /* F has reached 1 - u's rounding: stop here */
        }
        mult[b] = (uint8_t)k;
    }
}

/* Row i's terms for estimator e: numerator, denominator, Kish weight. */
static void terms(const struct ope_est_config *cfg, int e, const struct ope_obs *o,
                  double *num, double *den, double *v)
{
    double w = o->weight, resid = o->reward - o->q_logged;
    switch ((enum ope_estimator)e) {
    case OPE_REPLAY:
        *den = *v = o->replay_match ? 1.0 : 0.0;
        *num = *den * o->reward;
        return;
    case OPE_IPS:
        *num = w * o->reward;
        *den = 1.0;
        *v = w;
        return;
    case OPE_SNIPS:
        *num = w * o->reward;
        *den = *v = w;
        return;
    case OPE_DM:
        *num = o->q_target;
        *den = *v = 1.0;
        return;
    case OPE_DR:
        *num = o->q_target + w * resid;
        *den = 1.0;
        *v = w;
        return;
    case OPE_SWITCH_DR:
        *v = w <= cfg->switch_tau ? w : 0.0;
        *num = o->q_target + *v * resid;
        *den = 1.0;
        return;
    case OPE_DR_CLIP:
        *v = w < cfg->clip ? w : cfg->clip;
        *num = o->q_target + *v * resid;
        *den = 1.0;
        return;
    case OPE_N_ESTIMATORS:
        break;
    }
    BUG("estimator %d", e);
}

void ope_acc_add(struct ope_acc *acc, const struct ope_obs *obs, const uint8_t *mult)
{
    double num[OPE_N_ESTIMATORS], den[OPE_N_ESTIMATORS];
    bool model_rep[OPE_N_ESTIMATORS];
    for (int s = 0; s < acc->n_sel; s++) {
        int e = acc->sel[s];
        double v;
        terms(&acc->cfg, e, obs, &num[s], &den[s], &v);
        model_rep[s] = obs->q_target_rep && ope_estimator_needs_model((enum ope_estimator)e);
        struct sums *S = &acc->sums[e];
        S->num += num[s];
        S->den += den[s];
        S->v += v;
        S->v2 += v * v;
        S->n += den[s] != 0.0;
        acc->max_abs = fmax(acc->max_abs, fmax(fabs(num[s]), fabs(den[s])));
    }
    acc->n_added++;
    if (acc->cfg.bootstrap > 0 && !mult)
        BUG("ope_acc_add: no multiplicities for %d replicates", acc->cfg.bootstrap);
    double *rep = acc->rep;
    struct ope_obs ob = *obs;
    for (int b = 0; b < acc->cfg.bootstrap; b++, rep += 2 * acc->n_sel) {
        int k = mult[b];
        if (k == 0)
            continue;
        if (obs->q_target_rep) {
            ob.q_logged = obs->q_logged_rep[b];
            ob.q_target = obs->q_target_rep[b];
        }
        for (int s = 0; s < acc->n_sel; s++) {
            double nm = num[s], dn = den[s], v;
            if (model_rep[s]) {
                terms(&acc->cfg, acc->sel[s], &ob, &nm, &dn, &v);
                acc->max_abs = fmax(acc->max_abs, fmax(fabs(nm), fabs(dn)));
            }
            rep[2 * s] += k * nm;
            rep[2 * s + 1] += k * dn;
        }
    }
}

const char *ope_acc_overflow(const struct ope_acc *acc)
{
    for (int s = 0; s < acc->n_sel; s++) {
        const struct sums *S = &acc->sums[acc->sel[s]];
        if (!isfinite(S->num) || !isfinite(S->den) || !isfinite(S->v) || !isfinite(S->v2))
            return estimator_info[acc->sel[s]].name;
    }
    /* A replicate's sum is at most sum_i k_i |term_i| <= 255 n max|term|
     * (a Poisson multiplicity is below 256), so while that bound is finite
     * with room to spare no replicate can have overflowed, and the B x
     * estimators sums need no look. */
    if (255.0 * (double)acc->n_added * acc->max_abs < DBL_MAX / 4)
        return NULL;
    size_t n = (size_t)acc->cfg.bootstrap * (size_t)acc->n_sel * 2;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(acc->rep[i]))
            return estimator_info[acc->sel[(i / 2) % (size_t)acc->n_sel]].name;
    return NULL;
}

double ope_quantile(double *v, size_t n, double p)
{
    if (n == 0)
        return NAN;
    stats_sort(v, n);
    return stats_quantile_sorted(v, n, p);
}

size_t ope_acc_finish(const struct ope_acc *acc, struct ope_estimate *out)
{
    int B = acc->cfg.bootstrap;
    double *vals = xmalloc(((size_t)B + 1) * sizeof(double));
    for (int s = 0; s < acc->n_sel; s++) {
        int e = acc->sel[s];
        const struct sums *S = &acc->sums[e];
        struct ope_estimate *est = &out[s];
        est->id = (enum ope_estimator)e;
        est->value = S->den != 0.0 ? S->num / S->den : NAN;
        est->ess = S->v2 > 0.0 ? S->v * S->v / S->v2 : 0.0;
        est->n = S->n;
        size_t n = 0;
        for (int b = 0; b < B; b++) {
            const double *r = acc->rep + ((size_t)b * (size_t)acc->n_sel + (size_t)s) * 2;
            if (r[1] != 0.0)
                vals[n++] = r[0] / r[1];
        }
        /* Replicates with an empty denominator (replay matching nothing)
         * have no value; with more than 5% of them the interval would
         * describe a different population, so there is none. */
        if (B > 0 && (double)n >= 0.95 * B) {
            stats_sort(vals, n);   /* once, for both ends */
            est->ci_lo = stats_quantile_sorted(vals, n, 0.025);
            est->ci_hi = stats_quantile_sorted(vals, n, 0.975);
        } else {
            est->ci_lo = est->ci_hi = NAN;
        }
    }
    free(vals);
    return (size_t)acc->n_sel;
}
