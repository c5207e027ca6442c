/*
 * test_recommend: ranking, what-if, bench plan and reports on the fixture
 * map, plus the properties taxonomy/README.md lists, checked on every
 * combination of answers of the fixture questionnaire:
 *  - determinism (identical bytes twice);
 *  - an answer that excludes an algorithm never lets it appear;
 *  - every "why" and caution refers to an answer the profile gives;
 *  - changing only a not_sure answer moves each score exactly as the rules
 *    of that trait say (checked against an independent oracle below).
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "benchmarks/spec.h"
#include "report/recommendation.h"
#include "tests/adv_fixture.h"
#include "tests/adv_props.h"

static int setup(void **state)
{
    *state = adv_fixture_tax();
    return 0;
}

static int teardown(void **state)
{
    tax_free(*state);
    return 0;
}

static char *json_of(const struct adv_recommendation *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    report_rec_json(r, &plan, 0, true, f);
    bench_plan_release(&plan);
    fclose(f);
    return buf;
}

static char *markdown_of(const struct adv_recommendation *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    report_rec_markdown(r, &plan, 3, f);
    bench_plan_release(&plan);
    fclose(f);
    return buf;
}

static struct adv_profile *profile(const struct tax *t, const char *const *kv)
{
    struct adv_profile *p = adv_profile_new(t);
    for (size_t i = 0; kv[i]; i += 2) {
        const struct tax_trait *tr = tax_find_trait(t, kv[i]);
        int rc = tr->kind == TAX_TRAIT_CHOICE ? adv_profile_set_choice(p, kv[i], kv[i + 1])
                                              : adv_profile_set_number(p, kv[i], atof(kv[i + 1]));
        if (rc)
            fail_msg("bad test answer %s=%s", kv[i], kv[i + 1]);
    }
    return p;
}

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

/* ---- reports ---- */

static void test_json_follows_the_contract(void **state)
{
    const char *const kv[] = {"reward_value", "binary", "action_structure", "single", NULL};
    struct adv_profile *p = profile(*state, kv);
    struct adv_recommendation *r = adv_recommend(p);
    char *j = json_of(r);
    const char *keys[] = {"\"recommendations\": [", "\"id\": \"ts\"", "\"name\":",
                          "\"family\": \"mab\"", "\"score\":", "\"why\": [",
                          "\"cautions\": [", "\"references\": [", "\"what_if\": [",
                          "\"advice\": [", "\"excluded\": [", "\"reason\":",
                          "\"benchmark\": {", "\"workload\": \"bernoulli\"", "\"policies\": ["};
    const char *at = j;
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const char *hit = strstr(at, keys[i]);
        if (!hit)
            fail_msg("JSON lacks %s (in order)", keys[i]);
        if (i < 8)
            at = hit;
    }
    assert_non_null(strstr(j, "Chapelle, O., Li, L. (2011). An empirical evaluation of "
                              "Thompson sampling. NIPS 2011."));
    free(j);
    char *md = markdown_of(r);
    assert_non_null(strstr(md, "# banditmap recommendation: profile"));
    assert_non_null(strstr(md, "### 1. Thompson sampling (`ts`)"));
    assert_non_null(strstr(md, "## What would change the pick"));
    assert_non_null(strstr(md, "## Operating advice"));
    assert_non_null(strstr(md, "## Excluded"));
    assert_non_null(strstr(md, "```yaml\nname:"));
    free(md);
    adv_recommendation_free(r);
    adv_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* ranking */
        cmocka_unit_test(test_ranking_order_and_ties),
        cmocka_unit_test(test_full_information_leaves_only_the_exit),
        /* what-if */
        cmocka_unit_test(test_what_if_lists_each_resolution_of_a_not_sure),
        cmocka_unit_test(test_what_if_crosses_numeric_thresholds),
        /* benchmark plan */
        cmocka_unit_test(test_bench_plan_maps_traits_to_workloads),
        cmocka_unit_test(test_bench_substitutes_when_the_top_pick_has_no_policy),
        /* reports */
        cmocka_unit_test(test_json_follows_the_contract),
        /* properties */
        cmocka_unit_test(test_properties_hold_for_every_combination_of_answers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
