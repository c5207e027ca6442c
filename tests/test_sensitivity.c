/*
 * test_sensitivity: advisor/sensitivity.c, the what-if list: each resolution
 * of a not_sure answer, and numeric answers across their thresholds.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "advisor/sensitivity.h"

#include "tests/recommend_fixture.h"

/* ---- what-if ---- */

static const struct adv_whatif *find_whatif(const struct adv_recommendation *r, const char *trait,
                                            const char *to)
{
    for (size_t i = 0; i < r->what_if.count; i++)
        if (!strcmp(r->what_if.items[i].trait->id, trait) && !strcmp(r->what_if.items[i].to, to))
            return &r->what_if.items[i];
    return NULL;
}

static void test_what_if_lists_each_resolution_of_a_not_sure(void **state)
{
    const char *const kv[] = {"feedback_model", "bandit", "reward_value", "binary",
                              "action_structure", "single", NULL};
    struct adv_profile *p = profile(*state, kv);
    struct adv_recommendation *r = adv_recommend(p);
    assert_string_equal(r->ranked[0].alg->id, "ts");
    const struct adv_whatif *w = find_whatif(r, "dynamics", "abrupt_changes");
    assert_non_null(w);
    assert_true(w->from_not_sure && w->changes_top);
    assert_string_equal(w->top->id, "sw_ucb");
    assert_string_equal(w->text, "you are not sure about dynamics: if it is abrupt_changes, the "
                                 "pick becomes Sliding-window UCB (sw_ucb) instead of Thompson "
                                 "sampling");
    w = find_whatif(r, "dynamics", "stationary");
    assert_non_null(w);
    assert_false(w->changes_top);
    /* an answered trait lists only the alternatives that change the pick */
    for (size_t i = 0; i < r->what_if.count; i++)
        if (!r->what_if.items[i].from_not_sure)
            assert_true(r->what_if.items[i].changes_top);
    /* position_bias does not apply to a single item: no what-if on it */
    for (size_t i = 0; i < r->what_if.count; i++)
        assert_string_not_equal(r->what_if.items[i].trait->id, "position_bias");
    adv_recommendation_free(r);
    adv_profile_free(p);
}

static void test_what_if_crosses_numeric_thresholds(void **state)
{
    const char *const kv[] = {"feedback_model", "bandit", "reward_value", "binary",
                              "action_structure", "slate", "position_bias", "cascade",
                              "dynamics", "stationary", "arms", "50", NULL};
    struct adv_profile *p = profile(*state, kv);
    struct adv_recommendation *r = adv_recommend(p);
    assert_string_equal(r->ranked[0].alg->id, "cascade_klucb");
    const struct adv_whatif *w = find_whatif(r, "arms", "at most 10");
    assert_non_null(w);
    assert_true(w->changes_top);
    assert_near(w->to_value, 10, 0);
    assert_string_equal(w->from, "50");
    adv_recommendation_free(r);
    adv_profile_set_number(p, "arms", 10);
    r = adv_recommend(p);
    w = find_whatif(r, "arms", "at least 11");
    assert_non_null(w);
    assert_string_equal(w->top->id, "cascade_klucb");
    adv_recommendation_free(r);
    adv_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* what-if */
        cmocka_unit_test(test_what_if_lists_each_resolution_of_a_not_sure),
        cmocka_unit_test(test_what_if_crosses_numeric_thresholds),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
