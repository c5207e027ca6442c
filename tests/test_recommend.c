/*
 * test_recommend: advisor/recommend.c, ranking on the fixture map, plus the
 * properties taxonomy/README.md lists, checked on every combination of
 * answers of the fixture questionnaire:
 *  - determinism (identical bytes twice);
 *  - an answer that excludes an algorithm never lets it appear;
 *  - every "why" and caution refers to an answer the profile gives;
 *  - changing only a not_sure answer moves each score exactly as the rules
 *    of that trait say (checked against an independent oracle in
 *    tests/adv_props.h).
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "report/recommendation.h"

#include "tests/adv_props.h"
#include "tests/rec_json.h"
#include "tests/recommend_fixture.h"

static void check_profile(const struct adv_profile *p, bool direction)
{
    struct adv_recommendation *r = adv_recommend(p), *r2 = adv_recommend(p);
    char *j1 = json_of(r), *j2 = json_of(r2);
    assert_string_equal(j1, j2);
    free(j1);
    free(j2);
    assert_int_equal(r->n_ranked + r->n_excluded, p->tax->n_algorithms);
    check_exclusions_hold(p, r);
    for (size_t i = 0; i < r->n_ranked; i++)
        check_notes_refer_to_answers(p, &r->ranked[i]);
    if (direction)
        check_not_sure_direction(p);
    adv_recommendation_free(r);
    adv_recommendation_free(r2);
}

static void test_properties_hold_for_every_combination_of_answers(void **state)
{
    const struct tax *t = *state;
    const char *const arms[] = {NULL, "5", "5000"};
    size_t choice[16], n_choice = 0, idx[16] = {0}, checked = 0;
    for (size_t i = 0; i < t->n_traits; i++)
        if (t->traits[i].kind == TAX_TRAIT_CHOICE)
            choice[n_choice++] = i;
    for (;;) {
        for (size_t a = 0; a < 3; a++) {
            struct adv_profile *p = adv_profile_new(t);
            for (size_t c = 0; c < n_choice; c++) {
                const struct tax_trait *tr = &t->traits[choice[c]];
                adv_profile_set_choice(p, tr->id, tr->answers[idx[c]].id);
            }
            if (arms[a])
                adv_profile_set_number(p, "arms", atof(arms[a]));
            check_profile(p, a == 0);
            adv_profile_free(p);
            checked++;
        }
        size_t c = 0;
        while (c < n_choice && ++idx[c] == t->traits[choice[c]].n_answers)
            idx[c++] = 0;
        if (c == n_choice)
            break;
    }
    assert_true(checked >= 900);
}

/* ---- ranking ---- */

static void test_ranking_order_and_ties(void **state)
{
    const char *const kv[] = {"feedback_model", "bandit", "reward_value", "bounded_real",
                              "dynamics", "stationary", "action_structure", "single",
                              "objective", "maximise", NULL};
    struct adv_profile *p = profile(*state, kv);
    struct adv_recommendation *r = adv_recommend(p);
    /* ucb1 2+2+2 = 6; ts -1+2+2 = 3; sw_ucb 1+0+2 = 3: a tie, broken by evidence */
    assert_int_equal(r->n_ranked, 3);
    assert_string_equal(r->ranked[0].alg->id, "ucb1");
    assert_string_equal(r->ranked[1].alg->id, "ts");       /* field beats theory */
    assert_string_equal(r->ranked[2].alg->id, "sw_ucb");
    assert_int_equal(adv_rank_of(r, "ts"), 2);
    assert_int_equal(adv_rank_of(r, "supervised"), 0);
    assert_int_equal(r->n_excluded, 2);
    char *reason = report_excluded_reason(&r->excluded[0]);
    assert_string_equal(r->excluded[0].alg->id, "cascade_klucb");
    assert_string_equal(reason, "action_structure = single: it ranks lists");
    free(reason);
    assert_ptr_equal(adv_top_pick(p, NULL), r->ranked[0].alg);
    adv_recommendation_free(r);
    adv_profile_free(p);
}

static void test_full_information_leaves_only_the_exit(void **state)
{
    const char *const kv[] = {"feedback_model", "full_information", "reward_value",
                              "heavy_tailed", NULL};
    struct adv_profile *p = profile(*state, kv);
    struct adv_recommendation *r = adv_recommend(p);
    assert_int_equal(r->n_ranked, 1);   /* only the supervised-learning exit */
    assert_string_equal(r->ranked[0].alg->id, "supervised");
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    assert_null(plan.validated);   /* nothing the harness can run */
    assert_non_null(strstr(plan.note, "cannot simulate Supervised learning"));
    assert_null(plan.recommended);
    bench_plan_release(&plan);
    adv_recommendation_free(r);
    adv_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* ranking */
        cmocka_unit_test(test_ranking_order_and_ties),
        cmocka_unit_test(test_full_information_leaves_only_the_exit),
        /* properties */
        cmocka_unit_test(test_properties_hold_for_every_combination_of_answers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
