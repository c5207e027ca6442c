/*
 * rank: the ranking order and the top pick (see rank.h).
 */
#include "advisor/rank.h"

#include <math.h>
#include <string.h>

/* Scores are sums of small fractions; closer than this counts as a tie. */
#define SCORE_EPS 1e-9

int adv_eval_compare(const struct adv_eval *a, const struct adv_eval *b)
{
    if (a->excluded != b->excluded)
        return a->excluded ? 1 : -1;
    if (fabs(a->score - b->score) > SCORE_EPS)
        return a->score > b->score ? -1 : 1;
    if (a->alg->evidence != b->alg->evidence)
        return a->alg->evidence > b->alg->evidence ? -1 : 1;
    if (fabs(a->unconfirmed - b->unconfirmed) > SCORE_EPS)
        return a->unconfirmed < b->unconfirmed ? -1 : 1;
    return strcmp(a->alg->id, b->alg->id);
}

const struct tax_algorithm *adv_top_pick(const struct adv_profile *p, double *score)
{
    const struct tax *tax = p->tax;
    struct adv_eval best = {0}, cur;
    bool have = false;
    for (size_t i = 0; i < tax->n_algorithms; i++) {
        adv_rules_eval(p, &tax->algorithms[i], false, &cur);
        if (!cur.excluded && (!have || adv_eval_compare(&cur, &best) < 0)) {
            best = cur;
            have = true;
        }
    }
    if (score)
        *score = have ? best.score : NAN;
    return have ? best.alg : NULL;
}
