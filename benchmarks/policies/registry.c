/*
 * The list of policies: adding one means a new descriptor in a family file
 * and one line here. Ids are the taxonomy's `policy` field.
 */
#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"
#include "base/xalloc.h"
#include "benchmarks/policy.h"

extern const struct pol_type pol_uniform, pol_egreedy, pol_egreedy_decay, pol_softmax,
    pol_ucb1, pol_ucbv, pol_klucb, pol_moss, pol_ts, pol_gts, pol_bayesucb, pol_exp3,
    pol_swucb, pol_ducb, pol_dts, pol_cusum_ucb, pol_se, pol_lucb, pol_ttts,
    /* contextual (issue 5) */
    pol_linucb, pol_lints, pol_logistic_ts, pol_glm_ucb, pol_ridge_greedy, pol_ridge_egreedy,
    pol_bootstrapped_ts, pol_squarecb,
    /* ranking (issue 5) */
    pol_cascade_ucb1, pol_cascade_klucb, pol_cascade_ts, pol_topk_position_ts, pol_pbm_ucb,
    pol_cucb,
    /* pricing and budgets (issue 5) */
    pol_price_ucb, pol_price_ts, pol_demand_ts, pol_ucb_bwk, pol_bwk_primal_dual;
extern const struct pol_type pol_linucb_hybrid;   /* policies/linucb_hybrid.c */

const struct pol_type *const pol_registry[] = {
    &pol_uniform, &pol_egreedy, &pol_egreedy_decay, &pol_softmax, &pol_ucb1,
    &pol_ucbv,    &pol_klucb,   &pol_moss,          &pol_ts,      &pol_gts,
    &pol_bayesucb, &pol_exp3,   &pol_swucb,         &pol_ducb,    &pol_dts,
    &pol_cusum_ucb, &pol_se,    &pol_lucb,          &pol_ttts,
    &pol_linucb, &pol_lints, &pol_logistic_ts, &pol_glm_ucb, &pol_ridge_greedy,
    &pol_ridge_egreedy, &pol_bootstrapped_ts, &pol_squarecb,
    &pol_cascade_ucb1, &pol_cascade_klucb, &pol_cascade_ts, &pol_topk_position_ts,
    &pol_pbm_ucb, &pol_cucb,
    &pol_price_ucb, &pol_price_ts, &pol_demand_ts, &pol_ucb_bwk, &pol_bwk_primal_dual,
    &pol_linucb_hybrid,
};
const size_t pol_registry_count = sizeof(pol_registry) / sizeof(pol_registry[0]);

const struct pol_type *pol_find(const char *name)
{
    for (size_t i = 0; i < pol_registry_count; i++)
        if (!strcmp(pol_registry[i]->name, name))
            return pol_registry[i];
    return NULL;
}

int pol_knob_index(const struct pol_type *t, const char *knob)
{
    for (size_t i = 0; i < t->n_knobs; i++)
        if (!strcmp(t->knobs[i].name, knob))
            return (int)i;
    return -1;
}

size_t pol_check_taxonomy(const struct tax *t, struct diag_list *diags)
{
    size_t bad = 0;
    const char **ids = xcalloc(pol_registry_count + 1, sizeof(*ids));
    for (size_t i = 0; i < pol_registry_count; i++)
        ids[i] = pol_registry[i]->name;
    for (size_t i = 0; i < t->n_algorithms; i++) {
        const struct tax_algorithm *a = &t->algorithms[i];
        if (!a->policy || pol_find(a->policy))
            continue;
        const char *hint = suggest_closest(a->policy, ids, pol_registry_count);
        diag_add(diags, DIAG_ERROR, a->policy_pos.file, a->policy_pos.line, a->policy_pos.col,
                 "unknown harness policy '%s' in algorithm '%s'%s%s%s (see 'banditmap bench "
                 "--list-policies')", a->policy, a->id, hint ? " (did you mean '" : "",
                 hint ? hint : "", hint ? "'?)" : "");
        bad++;
    }
    free(ids);
    return bad;
}
