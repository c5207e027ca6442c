/*
 * advice: operating advice derived from a profile's answers, the part of
 * running a bandit that does not depend much on which algorithm runs:
 * traffic needed per arm and the days it takes to tell arms apart, the
 * value of the lift per day, a burn-in, the update cadence, the attribution
 * window for delayed rewards, a holdout to measure lift, and what the
 * dynamics, constraints and objective imply.
 *
 * The traffic figures use the standard sample size of a two-sided test of
 * two proportions with a normal approximation (Fleiss, Levin & Paik,
 * "Statistical Methods for Rates and Proportions", 3rd ed., Wiley 2003,
 * ch. 4, without continuity correction; also Chow, Shao & Wang, "Sample
 * Size Calculations in Clinical Research", 2nd ed., 2008, ch. 4):
 *   n = (z_{1-a/2} sqrt(2 pbar (1-pbar)) + z_{1-b} sqrt(p1(1-p1) + p2(1-p2)))^2 / (p2-p1)^2
 * per arm, with pbar = (p1+p2)/2, a = 0.05 (Bonferroni-corrected over the
 * K-1 comparisons with the incumbent when K > 2) and power 1-b = 0.8.
 *
 * Pure functions; the result owns its strings. Thread-safe.
 */
#ifndef BM_ADV_ADVICE_H
#define BM_ADV_ADVICE_H

#include <stddef.h>

#include "advisor/profile.h"
#include "taxonomy/taxonomy.h"

struct adv_advice {
    const char *topic;           /* static: "traffic", "value", "burn_in", "cadence",
                                    "attribution", "holdout", "dynamics", "constraints",
                                    "exploration", "reward", "objective", "algorithm" */
    char *text;                  /* owned: the advice, one paragraph */
    char *basis;                 /* owned: the formula or source it rests on, or NULL */
    double value;                /* the key number (NaN if none) */
    const char *unit;            /* static: the unit of value, or NULL */
};

struct adv_advice_list {
    struct adv_advice *items;    /* owned */
    size_t count;
};

/* Build the advice for p; top is the top pick (its own `advice` text is
 * added last), or NULL. out is overwritten; release with
 * adv_advice_list_release(). */
void adv_advice_build(const struct adv_profile *p, const struct tax_algorithm *top,
                      struct adv_advice_list *out);
void adv_advice_list_release(struct adv_advice_list *l);

/* The standard normal quantile: x such that P(Z <= x) = prob, 0 < prob < 1
 * (Acklam's rational approximation refined by one Halley step; |error| <
 * 1e-12). */
double adv_normal_quantile(double prob);

/* Decisions per arm needed to tell rate p1 from p2 with a two-sided
 * level-alpha test at the given power (formula above). Infinite when
 * p1 == p2 or a rate is outside [0, 1]. */
double adv_sample_size_two_proportions(double p1, double p2, double alpha, double power);

/* The per-arm sample size the advice uses for a profile: base rate vs
 * base rate x (1 + lift), alpha 0.05 Bonferroni-corrected for the arms. */
double adv_sample_size_for_profile(const struct adv_profile *p);

#endif
