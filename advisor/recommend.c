/*
 * recommend: rank every algorithm for a profile (see recommend.h).
 */
#include "advisor/recommend.h"

#include <stdlib.h>
#include <string.h>

#include "advisor/rank.h"
#include "base/xalloc.h"

static int compare_qsort(const void *x, const void *y)
{
    return adv_eval_compare(x, y);
}

struct adv_recommendation *adv_recommend(const struct adv_profile *p)
{
    const struct tax *tax = p->tax;
    struct adv_recommendation *r = xcalloc(1, sizeof(*r));
    r->tax = tax;
    r->profile = p;
    r->ranked = xcalloc(tax->n_algorithms + 1, sizeof(*r->ranked));
    r->excluded = xcalloc(tax->n_algorithms + 1, sizeof(*r->excluded));
    for (size_t i = 0; i < tax->n_algorithms; i++) {
        struct adv_eval e;
        adv_rules_eval(p, &tax->algorithms[i], true, &e);
        if (e.excluded)
            r->excluded[r->n_excluded++] = e;
        else
            r->ranked[r->n_ranked++] = e;
    }
    qsort(r->ranked, r->n_ranked, sizeof(*r->ranked), compare_qsort);
    const struct tax_algorithm *top = r->n_ranked ? r->ranked[0].alg : NULL;
    adv_sensitivity(p, top, &r->what_if);
    adv_advice_build(p, top, &r->advice);
    return r;
}

void adv_recommendation_free(struct adv_recommendation *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_ranked; i++)
        adv_eval_release(&r->ranked[i]);
    for (size_t i = 0; i < r->n_excluded; i++)
        adv_eval_release(&r->excluded[i]);
    free(r->ranked);
    free(r->excluded);
    adv_whatif_list_release(&r->what_if);
    adv_advice_list_release(&r->advice);
    free(r);
}

size_t adv_rank_of(const struct adv_recommendation *r, const char *alg_id)
{
    for (size_t i = 0; i < r->n_ranked; i++)
        if (!strcmp(r->ranked[i].alg->id, alg_id))
            return i + 1;
    return 0;
}
