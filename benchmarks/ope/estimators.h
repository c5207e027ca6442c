/*
 * estimators: off-policy value estimators, fed one logged row at a time,
 * with Poisson-bootstrap 95% intervals and effective sample sizes.
 *
 * Setting. A log row i holds a context x_i, the logged action a_i drawn
 * by the behaviour policy mu, its propensity p_i = mu(a_i | x_i) and the
 * reward r_i. The target (evaluation) policy pi gives w_i = pi(a_i|x_i)/p_i,
 * a reward model q(x, a) gives q_i = q(x_i, a_i) and the model's value of pi
 * at x_i, v_i = sum_a pi(a|x_i) q(x_i, a). Every estimator here is a ratio
 * of two sums over rows, sum num_i / sum den_i:
 *
 *   replay  num = r_i m_i, den = m_i, with m_i = 1 when an action sampled
 *           from pi equals a_i (Li, Chu, Langford, Wang, WSDM 2011,
 *           Algorithm 3; unbiased only when mu is uniformly random)
 *   ips     num = w_i r_i, den = 1 (Horvitz-Thompson; unbiased when the
 *           propensities are right and positive wherever pi is)
 *   snips   num = w_i r_i, den = w_i (self-normalised: Swaminathan and
 *           Joachims, NeurIPS 2015; consistent, bias O(1/n))
 *   dm      num = v_i, den = 1 (direct method; biased as the model is)
 *   dr      num = v_i + w_i (r_i - q_i), den = 1 (Dudik, Langford, Li,
 *           ICML 2011, Sec. 2: unbiased if either the propensities or
 *           the model are right)
 *   switch-dr  num = v_i + w_i (r_i - q_i) [w_i <= tau], den = 1: the DR
 *           correction only where the weight is at most tau, the model
 *           alone elsewhere (Wang, Agarwal, Dudik, ICML 2017, Sec. 4, in
 *           the per-logged-action form Open Bandit Pipeline uses)
 *   dr-clip num = v_i + min(w_i, M) (r_i - q_i), den = 1 (DR with clipped
 *           weights; trades bias for variance as Bottou et al., JMLR 2013,
 *           do for IPS)
 *
 * Intervals. Each row gets B independent Poisson(1) multiplicities k_ib
 * (ope_bootstrap_draw()), and replicate b accumulates
 * sum k_ib num_ib / sum k_ib den_i: the Poisson bootstrap (Hanley and
 * MacGibbon 2006; Chamandy et al., Google 2012), which is the ordinary
 * bootstrap done in one streaming pass with memory B x estimators x 2
 * doubles, whatever the log's length. The caller draws the multiplicities,
 * so the same k_ib can also weight a reward model refitted per replicate
 * (num_ib then uses replicate b's model, and the interval includes the
 * model's fitting noise); without replicate models num_ib = num_i. The
 * 95% interval is the 2.5% and 97.5% percentiles of the replicates.
 *
 * Effective sample size: Kish's (sum v_i)^2 / sum v_i^2 over each
 * estimator's per-row importance weight v_i (w_i for ips, snips and dr;
 * w_i [w_i <= tau] for switch-dr, min(w_i, M) for dr-clip, m_i for replay,
 * 1 for dm), i.e. how many on-policy rows the estimate is worth.
 *
 * An accumulator is a heap object owned by its creator. Not thread-safe.
 */
#ifndef BM_OPE_ESTIMATORS_H
#define BM_OPE_ESTIMATORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchmarks/rng.h"

enum ope_estimator {
    OPE_REPLAY,
    OPE_IPS,
    OPE_SNIPS,
    OPE_DM,
    OPE_DR,
    OPE_SWITCH_DR,
    OPE_DR_CLIP,
    OPE_N_ESTIMATORS
};

/* "replay", "ips", "snips", "dm", "dr", "switch-dr", "dr-clip". */
const char *ope_estimator_name(enum ope_estimator e);
/* The estimator called name, or -1. */
int ope_estimator_parse(const char *name);
/* Whether e uses the reward model (dm, dr, switch-dr, dr-clip). */
bool ope_estimator_needs_model(enum ope_estimator e);

/* Bit 1u << e for each estimator e; OPE_ALL is every one. */
enum { OPE_ALL = (1u << OPE_N_ESTIMATORS) - 1 };

/* One logged row, seen through the target policy and the reward model. */
struct ope_obs {
    double reward;               /* r_i */
    double weight;               /* w_i = pi(a_i|x_i) / p_i, >= 0 */
    double q_logged;             /* q(x_i, a_i); 0 when no model */
    double q_target;             /* sum_a pi(a|x_i) q(x_i, a); 0 when no model */
    bool replay_match;           /* m_i */
    const double *q_logged_rep;  /* B replicate models' q(x_i, a_i), or NULL */
    const double *q_target_rep;  /* B replicate models' value of pi at x_i, or NULL */
};

struct ope_est_config {
    unsigned mask;               /* which estimators (bits 1u << e) */
    int bootstrap;               /* replicates B >= 0; 0 gives no intervals */
    double switch_tau;           /* switch-dr threshold tau > 0 */
    double clip;                 /* dr-clip cap M > 0 */
};

struct ope_estimate {
    enum ope_estimator id;
    double value;                /* NaN when undefined (e.g. replay matched no row) */
    double ci_lo, ci_hi;         /* 95% percentile interval; NaN without replicates */
    double ess;                  /* Kish effective sample size */
    long n;                      /* rows with a non-zero denominator term */
};

struct ope_acc;

/* A fresh accumulator. cfg is copied. BUG() on a bad config (zero mask,
 * negative B, non-positive tau or M). Free with ope_acc_free(). */
struct ope_acc *ope_acc_new(const struct ope_est_config *cfg);
void ope_acc_free(struct ope_acc *acc);

/* Draw the B Poisson(1) multiplicities of one row into mult (capped at
 * 255, which has probability below 1e-300). */
void ope_bootstrap_draw(struct rng *r, int B, uint8_t *mult);

/* Add one row with its B multiplicities (NULL when B is 0): O(B x
 * estimators) work, no allocation. */
void ope_acc_add(struct ope_acc *acc, const struct ope_obs *obs, const uint8_t *mult);

/* Write one estimate per selected estimator, in enum order, to out (room
 * for OPE_N_ESTIMATORS). Returns how many. The accumulator is unchanged. */
/* The name of an estimator one of whose running sums (its main ones or a
 * bootstrap replicate's) is no longer finite, or NULL when all are. Called
 * after each ope_acc_add(), so the row that overflowed can be named; costs
 * O(estimators) while the terms are small enough that no replicate can
 * overflow, O(B x estimators) otherwise. */
const char *ope_acc_overflow(const struct ope_acc *acc);

size_t ope_acc_finish(const struct ope_acc *acc, struct ope_estimate *out);

/* The p-quantile (0 <= p <= 1) of v[0..n-1] by linear interpolation
 * between order statistics (Hyndman and Fan type 7). Sorts v in place.
 * NaN when n is 0. */
double ope_quantile(double *v, size_t n, double p);

#endif
