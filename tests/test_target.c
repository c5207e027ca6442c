/*
 * test_target: benchmarks/ope/target.c, the evaluation policies give their
 * documented distributions, and bad targets are reported.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "base/xalloc.h"
#include "benchmarks/ope/log_csv.h"
#include "benchmarks/ope/target.h"
#include "benchmarks/rng.h"

#include "tests/ope_fixture.h"

/* ---- targets ---- */

static struct ope_target *make_target(const char *spec, const char *rel_log, const char *items,
                                      struct ope_log **log, struct diag_list *d)
{
    *log = ope_log_open(fixture(rel_log), 0, d);
    assert_non_null(*log);
    char *items_path = items ? xstrdup(fixture(items)) : NULL;
    struct ope_target_env env = {.n_actions = 3, .n_positions = 2, .log = *log,
                                 .items_path = items_path, .seed = 1};
    struct ope_target *t = ope_target_new(spec, &env, d);
    free(items_path);
    return t;
}

static void test_targets_give_the_documented_distributions(void **state)
{
    (void)state;
    static const struct {
        const char *spec, *items;
        int row;                 /* 0-based data row of obd_small.csv */
        double probs[3];
    } cases[] = {
        {"uniform", NULL, 0, {1.0 / 3, 1.0 / 3, 1.0 / 3}},
        {"item:2", NULL, 1, {0, 0, 1}},
        /* item_feature_0: -0.5, 2.0, 1.5 -> item 1 at position 1, item 2 at 2 */
        {"top:item_feature_0", "ope/items.csv", 0, {0, 1, 0}},
        {"top:item_feature_0", "ope/items.csv", 1, {0, 0, 1}},
        /* row 4 (position 1): affinities 0, 5, 1 -> item 1 */
        {"top:user-item_affinity_", NULL, 4, {0, 1, 0}},
        /* row 1 (position 2): affinities 2, 0, 0 -> second best: 1 (tie, lower id) */
        {"top:user-item_affinity_", NULL, 1, {0, 1, 0}},
        {"dist:" BM_FIXTURES "/ope/dist_positions.csv", NULL, 0, {1, 0, 0}},
        {"dist:" BM_FIXTURES "/ope/dist_positions.csv", NULL, 1, {0, 0.5, 0.5}},
        /* obd_small's own frequencies at position 2: items 1, 0, 2 once each */
        {"freq:" BM_FIXTURES "/ope/obd_small.csv", NULL, 1, {1.0 / 3, 1.0 / 3, 1.0 / 3}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct diag_list d;
        diag_list_init(&d);
        struct ope_log *log;
        struct ope_target *t = make_target(cases[i].spec, "ope/obd_small.csv", cases[i].items,
                                           &log, &d);
        if (!t) {
            char *text = format_all(&d);
            fail_msg("%s: %s", cases[i].spec, text);
        }
        struct ope_row r;
        for (int k = 0; k <= cases[i].row; k++)
            assert_int_equal(ope_log_next(log, &r, &d), 1);
        double p[3];
        ope_target_probs(t, &r, p);
        for (int a = 0; a < 3; a++)
            if (fabs(p[a] - cases[i].probs[a]) > 1e-12)
                fail_msg("%s row %d: pi(%d) = %g, want %g", cases[i].spec, cases[i].row, a,
                         p[a], cases[i].probs[a]);
        ope_target_free(t);
        ope_log_free(log);
        diag_list_release(&d);
    }
}

static void test_bad_targets_are_reported(void **state)
{
    (void)state;
    static const struct {
        const char *spec, *expected;
    } cases[] = {
        {"sometimes", "error: unknown policy 'sometimes'"},
        {"item:", "error: policy 'item:' needs an argument after ':'"},
        {"item:7", "error: policy 'item:7': item '7' is not an integer in [0, 3)"},
        {"top:nothing", "no numeric columns nothing0..nothing2 and no --items file"},
        {"dist:" BM_FIXTURES "/ope/dist_bad_sum.csv",
         "dist_bad_sum.csv: error: probabilities for position 1 sum to 0.75, not 1"},
        {"dist:/nonexistent/dist.csv", "error: cannot read '/nonexistent/dist.csv'"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct diag_list d;
        diag_list_init(&d);
        struct ope_log *log;
        struct ope_target *t = make_target(cases[i].spec, "ope/obd_small.csv", NULL, &log, &d);
        assert_null(t);
        char *text = format_all(&d);
        assert_contains(text, cases[i].expected);
        free(text);
        ope_log_free(log);
        diag_list_release(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* evaluation policies */
        cmocka_unit_test(test_targets_give_the_documented_distributions),
        cmocka_unit_test(test_bad_targets_are_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
