/*
 * adv_props: the advisor's properties as test helpers (test-only), shared
 * by test_recommend.c (every fixture profile) and
 * test_recommend_literature.c (the bundled taxonomy):
 *  - oracle_delta(): what the README's rule semantics say a not_sure -> x
 *    change of one trait does to one algorithm, computed from the raw data
 *    independently of advisor/rules.c;
 *  - check_notes_refer_to_answers(): every why and caution names its trait
 *    and the profile's own answer for it;
 *  - check_exclusions_hold(): no ranked algorithm is excluded by an answer
 *    given, and the ranking is sorted.
 */
#ifndef BM_TEST_ADV_PROPS_H
#define BM_TEST_ADV_PROPS_H

#include <string.h>

#include "tests/helpers.h"
#include "advisor/recommend.h"

/* ---- the independent oracle for a not_sure -> x change of one trait ---- */

static inline double fit_of(const struct tax_algorithm *a, const struct tax_trait *t,
                     const struct tax_answer *x)
{
    for (size_t i = 0; i < a->n_fits; i++)
        if (a->fits[i].trait == t && a->fits[i].answer == x)
            return a->fits[i].score;
    return 0;
}

static inline bool names(const struct tax_condition *c, const struct tax_answer *x)
{
    for (size_t i = 0; i < c->n_answers; i++)
        if (c->answers[i] == x)
            return true;
    return false;
}

/* Score change of a when trait t goes from not_sure to x, from the raw data
 * and the README's semantics (not_sure adds nothing and costs only the
 * assumptions on t); *excluded when x excludes it. */
static inline double oracle_delta(const struct tax_algorithm *a, const struct tax_trait *t,
                           const struct tax_answer *x, bool *excluded)
{
    double n = (double)t->n_answers - 1, d = fit_of(a, t, x);
    *excluded = false;
    for (size_t i = 0; i < a->n_excludes; i++)
        *excluded |= a->excludes[i].when.trait == t && names(&a->excludes[i].when, x);
    for (size_t i = 0; i < a->n_cautions; i++)
        if (a->cautions[i].when.trait == t && names(&a->cautions[i].when, x))
            d -= a->cautions[i].penalty;
    for (size_t i = 0; i < a->n_assumes; i++)
        if (a->assumes[i].trait == t)
            d += ADV_OPEN_ASSUMPTION_WEIGHT * (n - 1) / n;
    return d;
}

/* Every note names its trait and the profile's own answer for it. */
static inline void check_notes_refer_to_answers(const struct adv_profile *p,
                                                const struct adv_eval *e)
{
    for (size_t i = 0; i < e->n_notes; i++) {
        const struct adv_note *n = &e->notes[i];
        const struct adv_answer *a = adv_profile_slot(p, n->trait);
        assert_true(adv_profile_applies(p, n->trait) != ADV_APPLIES_NO);
        assert_non_null(strstr(n->text, n->trait->id));
        if (n->trait->kind == TAX_TRAIT_CHOICE)
            assert_ptr_equal(n->answer, a->choice);
        else
            assert_near(n->value, a->value, 0);
        switch (n->kind) {
        case ADV_NOTE_WHY:
        case ADV_NOTE_BROKEN_ASSUMPTION:
        case ADV_NOTE_EXCLUSION: assert_false(a->not_sure); break;
        case ADV_NOTE_OPEN_EXCLUSION:
        case ADV_NOTE_OPEN_CAUTION:
        case ADV_NOTE_OPEN_ASSUMPTION: assert_true(a->not_sure); break;
        case ADV_NOTE_CAUTION:
            assert_true(!a->not_sure || n->trait->kind != TAX_TRAIT_CHOICE);
            break;
        }
    }
}

static inline void check_exclusions_hold(const struct adv_profile *p,
                                         const struct adv_recommendation *r)
{
    for (size_t i = 0; i < r->n_ranked; i++) {
        const struct tax_algorithm *a = r->ranked[i].alg;
        for (size_t k = 0; k < a->n_excludes; k++) {
            const struct tax_condition *c = &a->excludes[k].when;
            const struct adv_answer *ans = adv_profile_slot(p, c->trait);
            if (!ans->not_sure && adv_profile_applies(p, c->trait) != ADV_APPLIES_NO &&
                adv_condition_fires(p, c))
                fail_msg("%s is ranked although %s excludes it", a->id, c->trait->id);
        }
        if (i)
            assert_true(adv_eval_compare(&r->ranked[i - 1], &r->ranked[i]) < 0);
    }
}


/* Is some trait asked only under an answer of tr (tr=... in its ask_if)? */
static inline bool is_ask_if_parent(const struct tax *t, const struct tax_trait *tr)
{
    size_t n = strlen(tr->id);
    for (size_t i = 0; i < t->n_traits; i++) {
        const char *a = t->traits[i].ask_if;
        if (a && !strncmp(a, tr->id, n) && a[n] == '=')
            return true;
    }
    return false;
}

/* Changing one not_sure answer to x moves every algorithm exactly as
 * oracle_delta() says, and excludes it only when x is in an exclusion.
 * Traits that other questions depend on are skipped (their change also
 * switches those questions on or off). */
static inline void check_not_sure_direction(const struct adv_profile *p)
{
    const struct tax *t = p->tax;
    for (size_t k = 0; k < p->n_answers; k++) {
        const struct adv_answer *a = &p->answers[k];
        const struct tax_trait *tr = a->trait;
        if (tr->kind != TAX_TRAIT_CHOICE || !a->not_sure || is_ask_if_parent(t, tr) ||
            adv_profile_applies(p, tr) == ADV_APPLIES_NO)
            continue;
        for (size_t x = 0; x + 1 < tr->n_answers; x++) {
            struct adv_profile *q = adv_profile_copy(p);
            adv_profile_set_choice(q, tr->id, tr->answers[x].id);
            for (size_t i = 0; i < t->n_algorithms; i++) {
                const struct tax_algorithm *alg = &t->algorithms[i];
                struct adv_eval e1, e2;
                bool oracle_ex;
                adv_rules_eval(p, alg, false, &e1);
                adv_rules_eval(q, alg, false, &e2);
                double d = oracle_delta(alg, tr, &tr->answers[x], &oracle_ex);
                if (!e1.excluded) {
                    if (e2.excluded != oracle_ex)
                        fail_msg("%s: %s not_sure -> %s: %s excluded %d, its rules say %d",
                                 p->name ? p->name : "", tr->id, tr->answers[x].id, alg->id,
                                 e2.excluded, oracle_ex);
                    if (!e2.excluded && !(fabs(e2.score - e1.score - d) < 1e-9))
                        fail_msg("%s: %s not_sure -> %s moved %s by %g, its rules say %g",
                                 p->name ? p->name : "", tr->id, tr->answers[x].id, alg->id,
                                 e2.score - e1.score, d);
                }
                adv_eval_release(&e1);
                adv_eval_release(&e2);
            }
            adv_profile_free(q);
        }
    }
}

#endif
