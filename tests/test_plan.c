/*
 * test_plan: benchmarks/plan.c, the benchmark plan a recommendation turns
 * into: traits map to workloads and spec parameters, every answered trait
 * of every bundled preset is carried or explained, the horizon rule keeps
 * a run that fits and scales one that does not, the baselines come from
 * the descriptors, and a top pick with no harness policy is substituted.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/presets.h"
#include "advisor/recommend.h"
#include "base/xalloc.h"
#include "benchmarks/plan.h"
#include "benchmarks/policy.h"
#include "benchmarks/runner.h"
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
    assert_int_equal(b->profile_horizon, 3000000);
    assert_true(b->horizon <= b->profile_horizon);
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
    assert_non_null(strstr(b->note, b->scaled ? "scaled down" : "simulated as it is"));
    struct bench_spec *s = bench_plan_spec(b, p);
    assert_string_equal(s->workload, "piecewise");
    assert_near(bench_spec_param_or(s, "best", -1), 0.05 + 0.01 * b->gap_factor, 1e-12);
    assert_near(bench_spec_param_or(s, "gap", -1), 0.01 * b->gap_factor, 1e-12);
    /* 30 days = 4 weeks -> 5 segments of the simulated horizon */
    assert_near(bench_spec_param_or(s, "change_every", -1), floor((double)b->horizon / 5), 0);
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

/* ---- composition: every answered trait is carried or explained ---- */

#define PRESETS BM_SOURCE_ROOT "/taxonomy/presets"

static int setup_bundled(void **state)
{
    *state = adv_bundled_tax();
    return 0;
}

static int teardown_bundled(void **state)
{
    tax_free(*state);
    return 0;
}

/* What an answer asks the plan to simulate: the profile's trait, the
 * answers that need nothing ("" ends the list), the plan's trait record
 * and the spec params that carry it (any one; NULL: the workload itself). */
static const struct answered {
    const char *profile_trait;
    const char *trivial[4];
    const char *plan_trait;
    const char *params[3];
} answered[] = {
    {"reward_value", {"not_sure", ""}, "reward", {NULL}},
    {"context", {"none", "not_sure", ""}, "context", {"dim", NULL}},
    {"action_structure", {"single", "not_sure", ""}, "actions", {"positions", NULL}},
    {"resource_constraint", {"none", "not_sure", ""}, "constraints",
     {"budget_fraction", "inventory", NULL}},
    {"dynamics", {"stationary", "not_sure", ""}, "dynamics", {"change_every", "period", NULL}},
    {"catalogue_churn", {"static", "not_sure", ""}, "churn", {"churn_every", NULL}},
    {"reward_delay", {"immediate", "not_sure", ""}, "delays", {"delay_mean", NULL}},
    {"update_cadence", {"realtime", "minutes", "not_sure", ""}, "batches", {"batch", NULL}},
};

static bool trivial(const char *answer, const char *const *list)
{
    for (size_t i = 0; list[i][0]; i++)
        if (!strcmp(answer, list[i]))
            return true;
    return false;
}

static const struct bench_plan_trait *plan_trait(const struct bench_plan *b, const char *id)
{
    for (size_t i = 0; i < b->n_traits; i++)
        if (!strcmp(b->traits[i].trait, id))
            return &b->traits[i];
    return NULL;
}

/* One preset: each answered trait has a record; a carried one has its
 * params in the spec (the pricing grid and the list workloads' own kind
 * count for actions), a dropped one is in the note with its reason; and the
 * composed spec passes the harness's own checks. */
static void check_preset_plan(const struct tax *t, const struct adv_preset *ps)
{
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p = adv_profile_load(t, ps->path, &d);
    assert_non_null(p);
    struct adv_recommendation *r = adv_recommend(p);
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    struct bench_spec *s = bench_plan_spec(&plan, p);
    for (size_t i = 0; i < sizeof(answered) / sizeof(answered[0]); i++) {
        const struct answered *a = &answered[i];
        const char *ans = adv_profile_choice(p, a->profile_trait);
        if (!ans || trivial(ans, a->trivial))
            continue;
        const struct bench_plan_trait *tr = plan_trait(&plan, a->plan_trait);
        if (!tr)
            fail_msg("preset %s: %s=%s is neither carried nor explained", ps->id,
                     a->profile_trait, ans);
        if (tr->carried) {
            bool has = !a->params[0] || (!strcmp(a->plan_trait, "actions") &&
                                         strcmp(ans, "slate"));
            for (size_t k = 0; a->params[k]; k++)
                has |= bench_spec_find_param(s, a->params[k]) != NULL;
            if (!has)
                fail_msg("preset %s: %s is carried but the spec lacks its params", ps->id,
                         a->plan_trait);
        } else {
            char *want = xasprintf("%s (%s)", tr->trait, tr->text);
            if (!strstr(plan.note, want))
                fail_msg("preset %s: the note does not say why %s is dropped", ps->id,
                         a->plan_trait);
            free(want);
        }
    }
    if (bench_check_spec(s, &d) != 0)
        fail_msg("preset %s: the composed spec does not configure: %s", ps->id,
                 d.count ? d.items[0].message : "?");
    bench_spec_free(s);
    bench_plan_release(&plan);
    adv_recommendation_free(r);
    adv_profile_free(p);
    diag_list_release(&d);
}

static void test_every_preset_plan_carries_every_answered_trait(void **state)
{
    struct adv_preset_list l;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(adv_presets_list(PRESETS, &l, &d), 0);
    assert_true(l.count >= 13);
    for (size_t i = 0; i < l.count; i++)
        check_preset_plan(*state, &l.items[i]);
    adv_preset_list_release(&l);
    diag_list_release(&d);
}

static bool has_flag(const struct bench_plan *b, unsigned flag)
{
    for (size_t i = 0; i < b->n_policies; i++) {
        const struct pol_type *t = pol_find(b->policies[i]);
        if (t && (t->flags & flag))
            return true;
    }
    return false;
}

/* coupon_budget answers user context and a budget: one contextual
 * workload with the budget, raced by contextual and budget-aware policies. */
static void test_coupon_budget_plans_a_contextual_budgeted_workload(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    char *path = adv_preset_path(PRESETS, "coupon_budget", &d);
    struct adv_profile *p = adv_profile_load(*state, path, &d);
    assert_non_null(p);
    struct adv_recommendation *r = adv_recommend(p);
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    struct bench_spec *s = bench_plan_spec(&plan, p);
    assert_string_equal(s->workload, "contextual_linear");
    assert_near(bench_spec_param_or(s, "budget_fraction", -1), 0.2, 1e-12);
    assert_near(bench_spec_param_or(s, "dim", -1), 12, 0);
    assert_true(has_flag(&plan, POL_CONTEXTUAL));
    assert_true(has_flag(&plan, POL_BUDGET));
    assert_true(pol_find(plan.recommended)->flags & POL_CONTEXTUAL);
    assert_true(plan.budgeted);
    assert_int_equal(bench_check_spec(s, &d), 0);
    bench_spec_free(s);
    bench_plan_release(&plan);
    adv_recommendation_free(r);
    adv_profile_free(p);
    free(path);
    diag_list_release(&d);
}

/* ---- the horizon rule ---- */

static void plan_of(const struct tax *t, const char *const *kv, struct bench_plan *b)
{
    struct adv_profile *p = profile(t, kv);
    struct adv_recommendation *r = adv_recommend(p);
    bench_plan_make(r, b);
    adv_recommendation_free(r);
    adv_profile_free(p);
}

static double param(const struct bench_plan *b, const char *key)
{
    for (size_t i = 0; i < b->n_params; i++)
        if (!strcmp(b->params[i].key, key))
            return b->params[i].value;
    return NAN;
}

static void test_a_run_that_fits_is_simulated_at_its_own_horizon(void **state)
{
    const char *const kv[] = {"feedback_model", "bandit", "reward_value", "binary",
                              "action_structure", "single", "dynamics", "stationary",
                              "reward_delay", "immediate", "arms", "10", "horizon", "1000000",
                              "traffic_per_day", "100000", "base_rate", "0.05",
                              "expected_lift", "0.2", NULL};
    struct bench_plan b;
    plan_of(*state, kv, &b);
    assert_string_equal(b.workload, "bernoulli");
    assert_false(b.scaled);
    assert_int_equal(b.horizon, 1000000);
    assert_true(b.est_seconds <= BENCH_PLAN_BUDGET_SECONDS);
    assert_near(param(&b, "gap"), 0.01, 1e-15);
    assert_near(param(&b, "best"), 0.06, 1e-15);
    assert_non_null(strstr(b.note, "simulated as it is"));
    bench_plan_release(&b);
}

/* 10^9 decisions do not fit: the largest horizon that does, the gap x
 * sqrt(T / T_sim) over the same base rate, time scales x T_sim / T. */
static void test_a_run_that_does_not_fit_is_scaled_keeping_its_hardness(void **state)
{
    const char *const kv[] = {"feedback_model", "bandit", "reward_value", "binary",
                              "action_structure", "single", "dynamics", "stationary",
                              "reward_delay", "bounded", "delay_hours", "2", "arms", "10",
                              "horizon", "1000000000", "traffic_per_day", "1000000",
                              "base_rate", "0.05", "expected_lift", "0.2", NULL};
    struct bench_plan b;
    plan_of(*state, kv, &b);
    assert_string_equal(b.workload, "delayed");
    assert_true(b.scaled);
    assert_int_equal(b.profile_horizon, 1000000000);
    assert_true(b.est_seconds > BENCH_PLAN_BUDGET_SECONDS);
    double rate = bench_plan_rate(WL_KIND_SINGLE, 10, 0);
    double secs = (double)b.horizon * b.seeds * (double)b.n_policies / (rate * BENCH_PLAN_CORES);
    assert_true(secs <= BENCH_PLAN_BUDGET_SECONDS && secs > 0.8 * BENCH_PLAN_BUDGET_SECONDS);
    double g = sqrt(1e9 / (double)b.horizon);
    assert_near(b.gap_factor, g, 1e-12);
    assert_near(param(&b, "gap"), 0.01 * g, 1e-12);
    assert_near(param(&b, "best"), 0.05 + 0.01 * g, 1e-12);
    /* the median delay of 2 hours at 10^6 a day, as a geometric mean, x T_sim / T */
    assert_near(param(&b, "delay_mean"),
                round(2.0 / 24 * 1e6 / log(2) * (double)b.horizon / 1e9), 0);
    assert_non_null(strstr(b.note, "scaled down"));
    assert_non_null(strstr(b.note, "Lattimore & Szepesvari 2020"));
    bench_plan_release(&b);
}

/* ---- the baselines of a kind, from the descriptors ---- */

static void test_default_policies_of_a_list_workload_are_list_policies(void **state)
{
    (void)state;
    const char *ids[32];
    size_t n = bench_plan_default_policies(wl_find("cascade"), false, ids, 32);
    assert_true(n >= 3);
    bool specialist = false;
    for (size_t i = 0; i < n; i++) {
        const struct pol_type *t = pol_find(ids[i]);
        assert_non_null(t->select_slate);
        specialist |= (t->flags & POL_SLATE) != 0;
    }
    assert_true(specialist);
    /* a budget adds the budget policies to a contextual race */
    size_t m = bench_plan_default_policies(wl_find("contextual_linear"), true, ids, 32);
    bool budget = false, ctx = false;
    for (size_t i = 0; i < m; i++) {
        budget |= (pol_find(ids[i])->flags & POL_BUDGET) != 0;
        ctx |= (pol_find(ids[i])->flags & POL_CONTEXTUAL) != 0;
    }
    assert_true(budget && ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* benchmark plan */
        cmocka_unit_test(test_bench_plan_maps_traits_to_workloads),
        cmocka_unit_test(test_bench_substitutes_when_the_top_pick_has_no_policy),
        /* composition */
        cmocka_unit_test_setup_teardown(test_every_preset_plan_carries_every_answered_trait,
                                        setup_bundled, teardown_bundled),
        cmocka_unit_test_setup_teardown(test_coupon_budget_plans_a_contextual_budgeted_workload,
                                        setup_bundled, teardown_bundled),
        /* the horizon rule */
        cmocka_unit_test_setup_teardown(test_a_run_that_fits_is_simulated_at_its_own_horizon,
                                        setup_bundled, teardown_bundled),
        cmocka_unit_test_setup_teardown(test_a_run_that_does_not_fit_is_scaled_keeping_its_hardness,
                                        setup_bundled, teardown_bundled),
        /* baselines */
        cmocka_unit_test(test_default_policies_of_a_list_workload_are_list_policies),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
