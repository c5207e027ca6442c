/*
 * The registry of policies: POLICIES below is the one table. Adding a
 * policy means its descriptor in a file under policies/ and one X(...)
 * line here, in the place it takes in --list-policies. Ids are the
 * taxonomy's `policy` field.
 */
#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"
#include "base/xalloc.h"
#include "benchmarks/policy.h"

#define POLICIES(X) \
    X(pol_uniform)            /* policies/simple.c */ \
    X(pol_egreedy)            /* policies/simple.c */ \
    X(pol_egreedy_decay)      /* policies/simple.c */ \
    X(pol_softmax)            /* policies/simple.c */ \
    X(pol_ucb1)               /* policies/ucb.c */ \
    X(pol_ucbv)               /* policies/ucb.c */ \
    X(pol_klucb)              /* policies/klucb.c */ \
    X(pol_moss)               /* policies/ucb.c */ \
    X(pol_ucb_chernoff)       /* policies/chernoff_ucb.c */ \
    X(pol_ts)                 /* policies/thompson.c */ \
    X(pol_gts)                /* policies/thompson.c */ \
    X(pol_bayesucb)           /* policies/klucb.c */ \
    X(pol_exp3)               /* policies/simple.c */ \
    X(pol_swucb)              /* policies/nonstationary.c */ \
    X(pol_ducb)               /* policies/nonstationary.c */ \
    X(pol_dts)                /* policies/nonstationary.c */ \
    X(pol_cusum_ucb)          /* policies/nonstationary.c */ \
    X(pol_se)                 /* policies/identification.c */ \
    X(pol_lucb)               /* policies/identification.c */ \
    X(pol_ttts)               /* policies/identification.c */ \
    X(pol_linucb)             /* policies/linear.c */ \
    X(pol_lints)              /* policies/linear.c */ \
    X(pol_logistic_ts)        /* policies/glm.c */ \
    X(pol_glm_ucb)            /* policies/glm.c */ \
    X(pol_ridge_greedy)       /* policies/linear.c */ \
    X(pol_ridge_egreedy)      /* policies/linear.c */ \
    X(pol_bootstrapped_ts)    /* policies/linear.c */ \
    X(pol_squarecb)           /* policies/linear.c */ \
    X(pol_cascade_ucb1)       /* policies/cascade.c */ \
    X(pol_cascade_klucb)      /* policies/cascade.c */ \
    X(pol_cascade_ts)         /* policies/cascade.c */ \
    X(pol_topk_position_ts)   /* policies/cascade.c */ \
    X(pol_pbm_ucb)            /* policies/cascade.c */ \
    X(pol_cucb)               /* policies/cascade.c */ \
    X(pol_price_ucb)          /* policies/pricing.c */ \
    X(pol_price_ts)           /* policies/pricing.c */ \
    X(pol_demand_ts)          /* policies/pricing.c */ \
    X(pol_ucb_bwk)            /* policies/bwk.c */ \
    X(pol_bwk_primal_dual)    /* policies/bwk.c */ \
    X(pol_linucb_hybrid)      /* policies/linucb_hybrid.c */

#define DECLARE(var) extern const struct pol_type var;
POLICIES(DECLARE)
#undef DECLARE

#define ENTRY(var) &var,
const struct pol_type *const pol_registry[] = {POLICIES(ENTRY)};
#undef ENTRY
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
