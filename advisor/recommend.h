/*
 * recommend: the advisor's answer for one profile.
 *
 * adv_recommend() evaluates every algorithm of the profile's taxonomy with
 * the rules (rules.h), ranks the ones not excluded, and adds what would
 * change the pick (sensitivity.h) and operating advice (advice.h). The
 * result is plain data the CLI and the TUI present; the benchmark that
 * would validate the pick is planned from it by benchmarks/plan.h, and
 * report/recommendation.h serialises both. The engine never prints.
 *
 * The ranking order is rank.h's (deterministic: score, evidence,
 * unconfirmed specialisation, id).
 *
 * Ownership: the caller owns the result; free with
 * adv_recommendation_free(). It points into the profile and taxonomy, which
 * must outlive it. Thread-safe for distinct results.
 */
#ifndef BM_ADV_RECOMMEND_H
#define BM_ADV_RECOMMEND_H

#include <stddef.h>

#include "advisor/advice.h"
#include "advisor/profile.h"
#include "advisor/rank.h"
#include "advisor/rules.h"
#include "advisor/sensitivity.h"
#include "taxonomy/taxonomy.h"

struct adv_recommendation {
    const struct tax *tax;
    const struct adv_profile *profile;   /* not owned */
    struct adv_eval *ranked;             /* owned; algorithms not excluded, best first */
    size_t n_ranked;
    struct adv_eval *excluded;           /* owned; excluded algorithms, taxonomy order */
    size_t n_excluded;
    struct adv_whatif_list what_if;      /* owned */
    struct adv_advice_list advice;       /* owned */
};

/* Rank every algorithm for p. Never NULL. */
struct adv_recommendation *adv_recommend(const struct adv_profile *p);
void adv_recommendation_free(struct adv_recommendation *r);

/* The 1-based rank of the algorithm with this id in r, or 0 if it is not
 * ranked (excluded or unknown). */
size_t adv_rank_of(const struct adv_recommendation *r, const char *alg_id);

#endif
