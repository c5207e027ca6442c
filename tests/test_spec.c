/*
 * test_spec: benchmark specs load, round-trip, and bad ones are rejected
 * with file:line:col (by bench_spec_load for the spec's own keys, by
 * bench_check_spec for workload params, policy ids and knobs).
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchmarks/runner.h"
#include "benchmarks/spec.h"

/* ---- helpers ---- */

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *nl = strchr(buf, '\n');
    if (nl)
        *nl = '\0';
    return buf;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* ---- loading ---- */

static void test_load_full_spec_reads_every_key(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *s = bench_spec_load(fixture("spec/good/full.yaml"), &d);
    assert_non_null(s);
    assert_int_equal(d.errors, 0);
    assert_string_equal(s->name, "fixture full");
    assert_string_equal(s->description, "two policies on three arms");
    assert_string_equal(s->workload, "bernoulli");
    assert_int_equal(s->arms, 3);
    assert_int_equal(s->horizon, 2000);
    assert_int_equal(s->seeds, 4);
    assert_int_equal(s->seed, 11);
    assert_int_equal(s->n_policies, 2);
    assert_string_equal(s->policies[1], "ts");
    assert_string_equal(s->recommended, "ts");
    assert_int_equal(s->n_means, 3);
    assert_near(s->means[2], 0.05, 1e-15);
    const struct bench_spec_param *p = bench_spec_find_param(s, "ts.alpha");
    assert_non_null(p);
    assert_int_equal(p->line, 13);
    assert_int_equal(p->col, 3);
    assert_int_equal(s->line_workload, 4);
    assert_int_equal(bench_check_spec(s, &d), 0);
    bench_spec_free(s);
    diag_list_release(&d);
}

static void test_minimal_spec_gets_defaults(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *s = bench_spec_load(fixture("spec/good/minimal.yaml"), &d);
    assert_non_null(s);
    assert_int_equal(s->arms, 10);
    assert_int_equal(s->horizon, 100000);
    assert_int_equal(s->seeds, 20);
    assert_int_equal(s->seed, 1);
    assert_null(s->recommended);
    bench_spec_free(s);
    diag_list_release(&d);
}

static void test_save_then_load_round_trips(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *a = bench_spec_load(fixture("spec/good/full.yaml"), &d);
    assert_non_null(a);
    bench_spec_set_string(&a->description, "quotes \" and\nnewlines");
    char path[] = "/tmp/bm_spec_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(bench_spec_save(a, path, &d), 0);
    struct bench_spec *b = bench_spec_load(path, &d);
    assert_non_null(b);
    assert_string_equal(a->description, b->description);
    assert_int_equal(a->seed, b->seed);
    assert_int_equal(a->n_params, b->n_params);
    for (size_t i = 0; i < a->n_params; i++) {
        assert_string_equal(a->params[i].key, b->params[i].key);
        assert_true(a->params[i].value == b->params[i].value);
    }
    for (size_t i = 0; i < a->n_means; i++)
        assert_true(a->means[i] == b->means[i]);
    bench_spec_free(a);
    bench_spec_free(b);
    remove(path);
    diag_list_release(&d);
}

static void test_save_into_missing_directory_fails_cleanly(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, "bernoulli");
    assert_int_equal(bench_spec_save(s, "/nonexistent-dir-bm/x.yaml", &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "/nonexistent-dir-bm/x.yaml"));
    bench_spec_free(s);
    diag_list_release(&d);
}

static void test_set_param_replaces(void **state)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_param(s, "gap", 0.1);
    bench_spec_set_param(s, "gap", 0.2);
    assert_int_equal(s->n_params, 1);
    assert_near(bench_spec_param_or(s, "gap", 9), 0.2, 0);
    assert_near(bench_spec_param_or(s, "best", 9), 9, 0);
    bench_spec_free(s);
}

/* ---- bad specs: each file is paired with its expected first line ---- */

static const char *const bad_files[] = {
    "unknown-key", "bad-seeds", "means-arms", "no-workload", "unknown-param",
    "unknown-workload", "unknown-knob", "bad-param-value", "many-arms",
};

static void test_bad_specs_are_rejected_with_position(void **state)
{
    for (size_t i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
        char rel[256], exp_rel[256];
        snprintf(rel, sizeof(rel), "spec/bad/%s.yaml", bad_files[i]);
        snprintf(exp_rel, sizeof(exp_rel), "spec/bad/%s.expected", bad_files[i]);
        char expected[4096];
        snprintf(expected, sizeof(expected), "%s", read_all(fixture(exp_rel)));
        struct diag_list d;
        diag_list_init(&d);
        struct bench_spec *s = bench_spec_load(fixture(rel), &d);
        if (s) {   /* valid YAML keys: the harness check must catch it */
            assert_int_equal(bench_check_spec(s, &d), -1);
            bench_spec_free(s);
        }
        assert_true(d.errors >= 1);
        char *line = diag_format(&d.items[0]);
        if (!ends_with(line, expected))
            fail_msg("%s: got '%s', expected '%s'", bad_files[i], line, expected);
        free(line);
        diag_list_release(&d);
    }
}

static void test_unknown_policy_is_reported_with_hint(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, "bernoulli");
    bench_spec_add_policy(s, "ucb2");
    assert_int_equal(bench_check_spec(s, &d), -1);
    assert_non_null(strstr(d.items[0].message, "unknown policy 'ucb2' (did you mean"));
    bench_spec_free(s);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* loading */
        cmocka_unit_test(test_load_full_spec_reads_every_key),
        cmocka_unit_test(test_minimal_spec_gets_defaults),
        cmocka_unit_test(test_save_then_load_round_trips),
        cmocka_unit_test(test_save_into_missing_directory_fails_cleanly),
        cmocka_unit_test(test_set_param_replaces),
        /* rejection */
        cmocka_unit_test(test_bad_specs_are_rejected_with_position),
        cmocka_unit_test(test_unknown_policy_is_reported_with_hint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
