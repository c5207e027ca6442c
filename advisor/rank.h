/*
 * rank: the advisor's ranking order and the top pick it implies.
 *
 * Ranking order (deterministic): score descending, then evidence (field >
 * benchmark > theory), then unconfirmed specialisation ascending (see
 * rules.h), then id ascending; scores closer than 1e-9 tie. Excluded
 * evaluations sort after every other.
 *
 * These are the primitives the full ranking (recommend.h) and the what-if
 * search (sensitivity.h) share, so both agree on which algorithm is first.
 * Pure functions of their arguments; thread-safe.
 */
#ifndef BM_ADV_RANK_H
#define BM_ADV_RANK_H

#include "advisor/profile.h"
#include "advisor/rules.h"
#include "taxonomy/taxonomy.h"

/* Ranking order: < 0 when a ranks before b, > 0 after, 0 when they tie on
 * every key (evaluations of the same algorithm). */
int adv_eval_compare(const struct adv_eval *a, const struct adv_eval *b);

/* The top pick for p alone, without notes (fast: what sensitivity uses).
 * NULL when every algorithm is excluded. *score (may be NULL) gets its
 * score, NaN when there is none. */
const struct tax_algorithm *adv_top_pick(const struct adv_profile *p, double *score);

#endif
