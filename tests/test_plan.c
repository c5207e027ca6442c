/*
 * test_plan: benchmarks/plan.c, the benchmark plan a recommendation turns
 * into: traits map to workloads and spec parameters, and a top pick with no
 * harness policy is substituted.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "benchmarks/spec.h"

#include "tests/rec_json.h"
#include "tests/recommend_fixture.h"

/* ---- benchmark plan ---- */

static void test_bench_plan_maps_traits_to_workloads(void **state)
{
    const char *const kv[] = {"feedback_model", "bandit", "reward_value", "binary",
                              "action_structure", "single", "dynamics", "abrupt_changes",
                              "arms", "5000", "horizon", "3000000", "traffic_per_day",
                              "100000", "base_rate", "0.05", "expected_lift", "0.2", NULL};
    struct adv_profile *p = profile(*state, kv);
    struct adv_recommendation *r = adv_recommend(p);
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    const struct bench_plan *b = &plan;
    assert_string_equal(b->workload, "piecewise");
    assert_int_equal(b->arms, BENCH_PLAN_MAX_ARMS);
    assert_int_equal(b->horizon, BENCH_PLAN_MAX_HORIZON);
    assert_string_equal(b->recommended, "swucb");
    assert_string_equal(b->policies[0], "swucb");
    assert_false(b->substitute);
    bool has_uniform = false;
    for (size_t i = 0; i < b->n_policies; i++) {
        has_uniform |= !strcmp(b->policies[i], "uniform");
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(b->policies[i], b->policies[j]);
    }
    assert_true(has_uniform);
    assert_non_null(strstr(b->note, "scaled down"));
    struct bench_spec *s = bench_plan_spec(b, p);
    assert_string_equal(s->workload, "piecewise");
    assert_near(bench_spec_param_or(s, "best", -1), 0.06, 1e-12);
    assert_near(bench_spec_param_or(s, "gap", -1), 0.01, 1e-12);
    /* 30 days = 4 weeks -> 5 segments of the simulated horizon */
    assert_near(bench_spec_param_or(s, "change_every", -1), BENCH_PLAN_MAX_HORIZON / 5, 0);
    assert_string_equal(s->recommended, "swucb");
    bench_spec_free(s);
    bench_plan_release(&plan);
    adv_recommendation_free(r);
    /* best-arm identification: BAI workload and BAI policies only */
    adv_profile_set_choice(p, "objective", "identify_best");
    adv_profile_set_choice(p, "dynamics", "stationary");
    r = adv_recommend(p);
    bench_plan_make(r, &plan);
    assert_string_equal(plan.workload, "bai_fixed_budget");
    for (size_t i = 0; i < plan.n_policies; i++)
        assert_true(bench_plan_is_bai_policy(plan.policies[i]) ||
                    !strcmp(plan.policies[i], "uniform"));
    bench_plan_release(&plan);
    adv_recommendation_free(r);
    adv_profile_clear(p, "horizon");
    r = adv_recommend(p);
    bench_plan_make(r, &plan);
    assert_string_equal(plan.workload, "bai_fixed_confidence");
    bench_plan_release(&plan);
    adv_recommendation_free(r);
    adv_profile_free(p);
}

static void test_bench_substitutes_when_the_top_pick_has_no_policy(void **state)
{
    const char *const kv[] = {"feedback_model", "bandit", "reward_value", "binary",
                              "action_structure", "slate", "position_bias", "cascade",
                              "dynamics", "stationary", "arms", "50", NULL};
    struct adv_profile *p = profile(*state, kv);
    struct adv_recommendation *r = adv_recommend(p);
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    const struct bench_plan *b = &plan;
    assert_string_equal(b->top->id, "cascade_klucb");
    assert_true(b->substitute);
    assert_string_equal(b->validated->id, r->ranked[1].alg->id);
    assert_string_equal(b->recommended, r->ranked[1].alg->policy);
    assert_non_null(strstr(b->note, "has no harness policy"));
    char *json = json_of(r);
    assert_non_null(strstr(json, "\"top_pick_simulated\": false"));
    free(json);
    bench_plan_release(&plan);
    adv_recommendation_free(r);
    adv_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* benchmark plan */
        cmocka_unit_test(test_bench_plan_maps_traits_to_workloads),
        cmocka_unit_test(test_bench_substitutes_when_the_top_pick_has_no_policy),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
