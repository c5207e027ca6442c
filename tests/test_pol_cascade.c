/*
 * test_pol_cascade: benchmarks/policies/cascade.c, cascade-aware learning
 * beats the position-blind baseline, and position-aware TS wins on the
 * position-based model.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/runner.h"

#include "tests/slates_fixture.h"

static double mean_regret(const struct bench_results *r, const char *id)
{
    for (size_t i = 0; i < r->n_policies; i++)
        if (!strcmp(r->policies[i].id, id))
            return r->policies[i].regret.mean;
    fail_msg("no policy %s", id);
    return 0;
}

static void test_cascade_aware_beats_position_blind(void **state)
{
    struct bench_spec *s = list_spec("cascade", 20000, 4);
    bench_spec_add_policy(s, "cascade_klucb");
    bench_spec_add_policy(s, "cascade_ts");
    bench_spec_add_policy(s, "cascade_ucb1");
    bench_spec_add_policy(s, "cucb");
    bench_spec_add_policy(s, "uniform");
    struct bench_results r;
    bench_results_init(&r);
    r.threads = 2;
    assert_int_equal(bench_run(s, &r, NULL, NULL), 0);
    double blind = mean_regret(&r, "cucb");
    assert_true(mean_regret(&r, "cascade_klucb") < 0.5 * blind);
    assert_true(mean_regret(&r, "cascade_ts") < 0.5 * blind);
    assert_true(mean_regret(&r, "cascade_ucb1") < 0.5 * blind);
    assert_true(blind < mean_regret(&r, "uniform"));
    assert_int_equal(r.slate_size, 3);
    bench_results_release(&r);
    bench_spec_free(s);
}

static void test_position_aware_ts_wins_on_the_position_based_model(void **state)
{
    struct bench_spec *s = list_spec("pbm", 20000, 4);
    bench_spec_add_policy(s, "topk_position_ts");
    bench_spec_add_policy(s, "cucb");
    bench_spec_add_policy(s, "uniform");
    struct bench_results r1, r2;
    bench_results_init(&r1);
    bench_results_init(&r2);
    r2.threads = 2;
    assert_int_equal(bench_run(s, &r1, NULL, NULL), 0);
    assert_int_equal(bench_run(s, &r2, NULL, NULL), 0);
    assert_true(mean_regret(&r1, "topk_position_ts") < mean_regret(&r1, "cucb"));
    assert_true(mean_regret(&r1, "cucb") < mean_regret(&r1, "uniform"));
    for (size_t p = 0; p < r1.n_policies; p++)   /* thread count changes nothing */
        for (int j = 0; j < r1.seeds; j++)
            assert_true(r1.policies[p].final_regret[j] == r2.policies[p].final_regret[j]);
    bench_results_release(&r1);
    bench_results_release(&r2);
    bench_spec_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* policies */
        cmocka_unit_test(test_cascade_aware_beats_position_blind),
        cmocka_unit_test(test_position_aware_ts_wins_on_the_position_based_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
