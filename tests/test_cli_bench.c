/*
 * test_cli_bench: `banditmap bench` (cli/cmd_bench.c) run as a process
 * (BM_BINARY): without --policy a quick run races the baselines of the
 * workload's kind, --param overrides a spec's params and knobs, a bad
 * --param KEY or VALUE is an error that names it, number options take
 * decimal digits only, and the run-size guard refuses a run whose
 * estimated cost (bench_estimate_seconds, which is monotone in the run's
 * size) is above its limit.
 */
#include "benchmarks/cost.h"
#include "tests/helpers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "benchmarks/policy.h"
#include "benchmarks/runner.h"

/* Run `banditmap ARGS 2>&1`; the output (caller frees) and the exit status. */
static char *run(const char *args, int *status)
{
    char *cmd = xasprintf("'%s' %s 2>&1", BM_BINARY, args);
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    char *out = NULL;
    size_t len = 0, cap = 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        if (len + 2 > cap)
            out = xrealloc(out, cap = 2 * cap + 256);
        out[len++] = (char)c;
    }
    out = out ? out : xmalloc(1);
    out[len] = '\0';
    int st = pclose(f);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    free(cmd);
    return out;
}

/* ---- default policies ---- */

static void test_bench_on_cascade_without_policies_races_list_policies(void **state)
{
    (void)state;
    int st;
    char *out = run("bench --workload cascade --horizon 300 --seeds 2 --json --no-timing", &st);
    if (st != 0)
        fail_msg("exit %d: %s", st, out);
    size_t n = 0, specialists = 0;
    for (const char *p = strstr(out, "\"policy\": \""); p; p = strstr(p + 1, "\"policy\": \"")) {
        char id[64];
        assert_int_equal(sscanf(p, "\"policy\": \"%63[^\"]\"", id), 1);
        const struct pol_type *t = pol_find(id);
        assert_non_null(t);
        assert_non_null(t->select_slate);
        specialists += (t->flags & POL_SLATE) != 0;
        n++;
    }
    assert_true(n >= 3);
    assert_true(specialists >= 1);
    free(out);
}

/* ---- --param ---- */

static void test_param_overrides_the_spec(void **state)
{
    (void)state;
    char path[] = "/tmp/bm_cli_bench_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *spec = "workload: bernoulli\narms: 3\nhorizon: 100\nseeds: 1\n"
                       "policies: [ts]\nparams:\n  gap: 0.1\n  ts.alpha: 1\n";
    assert_int_equal(write(fd, spec, strlen(spec)), (ssize_t)strlen(spec));
    close(fd);
    int st;
    char *args = xasprintf("bench %s --param gap=0.25 --param ts.alpha=3 --param batch=4 "
                           "--dry-run", path);
    char *out = run(args, &st);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "\"gap\": 0.25"));
    assert_non_null(strstr(out, "\"ts.alpha\": 3"));
    assert_non_null(strstr(out, "\"batch\": 4"));
    assert_null(strstr(out, "\"gap\": 0.1"));
    free(out);
    free(args);
    unlink(path);
}

static void test_bad_param_key_or_value_is_named(void **state)
{
    (void)state;
    static const struct {
        const char *args;
        int status;
        const char *message;
    } cases[] = {
        {"bench --param gapp=0.1 --dry-run", 2,
         "--param 'gapp=0.1': workload 'bernoulli' has no parameter 'gapp' (did you mean 'gap'?)"},
        {"bench --param ts.alpa=1 --dry-run", 2,
         "--param 'ts.alpa=1': policy 'ts' has no knob 'alpa' (did you mean 'alpha'?)"},
        {"bench --param nosuch.alpha=1 --dry-run", 2, "no policy 'nosuch'"},
        {"bench --param gap=abc --dry-run", 2, "--param needs a decimal number, not 'abc'"},
        {"bench --workload knapsack --param budget_fraction=2 --policy ts --horizon 10", 1,
         "parameter 'budget_fraction' must be in (0, 1], not 2"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int st;
        char *out = run(cases[i].args, &st);
        if (st != cases[i].status || !strstr(out, cases[i].message))
            fail_msg("'%s': exit %d, output: %s", cases[i].args, st, out);
        free(out);
    }
}

/* ---- bad option values: usage errors that name them ---- */

struct cli_case {
    const char *args;
    int status;
    const char *message;         /* a whole line of the output */
};

static void check_cases(const struct cli_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int st;
        char *out = run(cases[i].args, &st);
        const char *at = strstr(out, cases[i].message);
        size_t len = strlen(cases[i].message);
        bool whole = at && (at == out || at[-1] == '\n') && (at[len] == '\n' || !at[len]);
        if (st != cases[i].status || !whole)
            fail_msg("'%s': exit %d (want %d), output: %s(want the line '%s')", cases[i].args, st,
                     cases[i].status, out, cases[i].message);
        free(out);
    }
}

static void test_empty_policy_ids_are_usage_errors(void **state)
{
    (void)state;
    static const struct cli_case cases[] = {
        {"bench --policy , --horizon 10", 2,
         "banditmap bench: error: --policy ',' has an empty policy id (give ids separated by "
         "single commas, e.g. ucb1,ts)"},
        {"bench --policy '' --horizon 10", 2,
         "banditmap bench: error: --policy '' has an empty policy id (give ids separated by "
         "single commas, e.g. ucb1,ts)"},
        {"bench --policy ucb1,,ts --horizon 10", 2,
         "banditmap bench: error: --policy 'ucb1,,ts' has an empty policy id (give ids "
         "separated by single commas, e.g. ucb1,ts)"},
        {"bench --policies ts, --horizon 10", 2,
         "banditmap bench: error: --policy 'ts,' has an empty policy id (give ids separated "
         "by single commas, e.g. ucb1,ts)"},
        {"bench --recommended '' --horizon 10", 2,
         "banditmap bench: error: --recommended needs an id, not ''"},
        {"bench --means 0.5,,0.4 --horizon 10", 2,
         "banditmap bench: error: --means '0.5,,0.4' has an empty value"},
    };
    check_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_number_options_take_decimal_digits_only(void **state)
{
    (void)state;
    static const struct cli_case cases[] = {
        {"bench --arms 0x10 --dry-run", 2,
         "banditmap bench: error: --arms needs a whole number in decimal digits, not '0x10'"},
        {"bench --arms 1e3 --dry-run", 2,
         "banditmap bench: error: --arms needs a whole number in decimal digits, not '1e3'"},
        {"bench --arms 16.0 --dry-run", 2,
         "banditmap bench: error: --arms needs a whole number in decimal digits, not '16.0'"},
        {"bench --arms ' 16' --dry-run", 2,
         "banditmap bench: error: --arms needs a whole number in decimal digits, not ' 16'"},
        {"bench --horizon +100 --dry-run", 2,
         "banditmap bench: error: --horizon needs a whole number in decimal digits, not '+100'"},
        {"bench --seeds 0x5 --dry-run", 2,
         "banditmap bench: error: --seeds needs a whole number in decimal digits, not '0x5'"},
        {"bench --seed -1 --dry-run", 2,
         "banditmap bench: error: --seed needs a whole number in decimal digits, not '-1'"},
        {"bench --seed 99999999999999999999 --dry-run", 2,
         "banditmap bench: error: --seed 99999999999999999999 is above the limit of "
         "9223372036854775807"},
        {"bench --threads 0x2 --dry-run", 2,
         "banditmap bench: error: --threads needs a whole number in decimal digits, not '0x2'"},
        {"bench --seeds 0 --dry-run", 2,
         "banditmap bench: error: --seeds 0 is below the minimum of 1"},
        {"bench --best 0x1p-2 --dry-run", 2,
         "banditmap bench: error: --best needs a decimal number, not '0x1p-2'"},
        {"bench --gap inf --dry-run", 2, "banditmap bench: error: --gap needs a decimal number, not 'inf'"},
        {"bench --means 0.5,0x1 --dry-run", 2,
         "banditmap bench: error: --means needs a decimal number, not '0x1'"},
        {"bench --param gap=0x1 --dry-run", 2,
         "banditmap bench: error: --param needs a decimal number, not '0x1'"},
        {"bench --log-epsilon 0x0 --dry-run", 2,
         "banditmap bench: error: --log-epsilon needs a decimal number, not '0x0'"},
        {"bench --sweep x.yaml --threads 0x2", 2,
         "banditmap bench: error: --threads needs a whole number in decimal digits, not '0x2'"},
        {"bench --sweep x.yaml --timeout 0x10", 2,
         "banditmap bench: error: --timeout needs a decimal number, not '0x10'"},
        {"bench --sweep x.yaml --shard 0x1/2 --out /tmp", 2,
         "banditmap bench: error: --shard needs I/N in decimal digits with 1 <= I <= N <= "
         "100000, not '0x1/2'"},
        {"bench --sweep x.yaml --shard ' 1/2' --out /tmp", 2,
         "banditmap bench: error: --shard needs I/N in decimal digits with 1 <= I <= N <= "
         "100000, not ' 1/2'"},
        /* the decimal forms still work */
        {"bench --arms 16 --horizon 100 --seeds 5 --seed 0 --threads 2 --best 0.5 --gap 1e-1 "
         "--dry-run", 0, "arms: 16"},
    };
    check_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

/* One limit of arms (BENCH_MAX_ARMS), with the command's prefix. */
static void test_arms_limit_is_the_harness_limit(void **state)
{
    (void)state;
    char *too_many = xasprintf("banditmap bench: error: --arms %d is above the limit of %d",
                               2 * BENCH_MAX_ARMS, BENCH_MAX_ARMS);
    char *args = xasprintf("bench --arms %d --horizon 10", 2 * BENCH_MAX_ARMS);
    const struct cli_case cases[] = {
        {args, 2, too_many},
        {"bench --arms 2000000 --horizon 10", 2,
         "banditmap bench: error: --arms 2000000 is above the limit of 100000"},
    };
    check_cases(cases, sizeof(cases) / sizeof(cases[0]));
    free(args);
    free(too_many);
}

/* ---- the run-size guard ---- */

static void test_refused_run_names_its_estimate(void **state)
{
    (void)state;
    static const struct cli_case cases[] = {
        /* 10^5 arms x 10^7 rounds x 1000 seeds: 1e10 rounds, each O(K) */
        {"bench --arms 100000 --horizon 10000000 --seeds 1000", 1,
         "banditmap bench: error: this run would take about 446 days of CPU by the "
         "estimate (horizon 10000000 x 1000 seeds x 3 policies, 100000 arms), above the limit "
         "of 2 hours; lower --horizon, --seeds or --arms, or race fewer policies, or pass "
         "--allow-long"},
        /* 10^8 rounds was far under the old 1e11-round limit */
        {"bench --arms 100000 --policy ts --horizon 100000 --seeds 1000", 1,
         "banditmap bench: error: this run would take about 2 days of CPU by the estimate "
         "(horizon 100000 x 1000 seeds x 1 policies, 100000 arms), above the limit of 2 hours; "
         "lower --horizon, --seeds or --arms, or race fewer policies, or pass --allow-long"},
    };
    check_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void test_small_run_is_not_refused_and_says_nothing(void **state)
{
    (void)state;
    int st;
    char *out = run("bench --arms 10 --horizon 2000 --seeds 5 --policy ucb1,ts --json", &st);
    assert_int_equal(st, 0);
    assert_int_equal(out[0], '{');   /* stderr (first on the pipe) is empty */
    assert_null(strstr(out, "banditmap bench"));
    free(out);
}

/* Over CLI_BENCH_NOTE_SECONDS the estimate goes to stderr, terminal or not
 * (here a pipe, before the JSON); KL-UCB's figure is its slowest case, so
 * this run is estimated at 16 s and takes well under one. */
static void test_long_run_prints_its_estimate(void **state)
{
    (void)state;
    int st;
    char *out = run("bench --arms 100000 --policy klucb --horizon 1000 --seeds 5 --json", &st);
    assert_int_equal(st, 0);
    static const char note[] = "banditmap bench: note: this run takes about 16 s of CPU by the "
                               "estimate (horizon 1000 x 5 seeds x 1 policies, 100000 arms)\n{";
    if (strncmp(out, note, strlen(note)))
        fail_msg("output: %.300s", out);
    free(out);
}

static struct bench_spec *spec_of(const char *workload, long long k, long long t, int seeds,
                                  const char *policies)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, workload);
    s->arms = k;
    s->horizon = t;
    s->seeds = seeds;
    char *copy = xstrdup(policies), *save = NULL;
    for (char *p = strtok_r(copy, ",", &save); p; p = strtok_r(NULL, ",", &save))
        bench_spec_add_policy(s, p);
    free(copy);
    return s;
}

static double estimate(const char *workload, long long k, long long t, int seeds,
                       const char *policies)
{
    struct bench_spec *s = spec_of(workload, k, t, seeds, policies);
    double e = bench_estimate_seconds(s);
    bench_spec_free(s);
    assert_true(e > 0 && isfinite(e));
    return e;
}

static void test_estimate_is_monotone_in_the_run_size(void **state)
{
    (void)state;
    static const char *const kinds[][2] = {
        {"bernoulli", "ucb1,ts"}, {"contextual_linear", "linucb,lints"},
        {"cascade", "cascade_ts"}, {"pricing", "price_ts"}, {"knapsack", "ucb_bwk,ts"},
    };
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        const char *w = kinds[i][0], *p = kinds[i][1];
        double base = estimate(w, 10, 10000, 5, p);
        assert_true(estimate(w, 100, 10000, 5, p) > base);                  /* K */
        assert_true(estimate(w, 10, 20000, 5, p) > base);                   /* T */
        assert_true(estimate(w, 10, 10000, 10, p) > base);                  /* seeds */
        assert_near(estimate(w, 10, 20000, 5, p), 2 * base, 1e-9 * base);   /* linear in T */
        assert_near(estimate(w, 10, 10000, 10, p), 2 * base, 1e-9 * base);  /* and seeds */
    }
    /* policies: adding one never lowers it; KL-UCB and TS cost more than UCB1 */
    double one = estimate("bernoulli", 100, 10000, 5, "ucb1");
    assert_true(estimate("bernoulli", 100, 10000, 5, "ucb1,ts") > one);
    assert_true(estimate("bernoulli", 100, 10000, 5, "ucb1,ts,klucb") >
                estimate("bernoulli", 100, 10000, 5, "ucb1,ts"));
    /* a contextual policy is O(K d^2): 4x at twice the dim */
    struct bench_spec *s = spec_of("contextual_linear", 100, 1000, 5, "linucb");
    bench_spec_set_param(s, "dim", 5);
    double d5 = bench_estimate_seconds(s);
    bench_spec_set_param(s, "dim", 10);
    double d10 = bench_estimate_seconds(s);
    bench_spec_free(s);
    assert_near(d10, 4 * d5, 1e-9 * d10);
    /* the reference point: linucb, K = 100, d = 10, 0.19 M rounds/s */
    assert_near(estimate("contextual_linear", 100, 190000, 1, "linucb"), 1.0, 1e-3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* default policies */
        cmocka_unit_test(test_bench_on_cascade_without_policies_races_list_policies),
        /* --param */
        cmocka_unit_test(test_param_overrides_the_spec),
        cmocka_unit_test(test_bad_param_key_or_value_is_named),
        /* bad option values */
        cmocka_unit_test(test_empty_policy_ids_are_usage_errors),
        cmocka_unit_test(test_number_options_take_decimal_digits_only),
        cmocka_unit_test(test_arms_limit_is_the_harness_limit),
        /* the run-size guard */
        cmocka_unit_test(test_refused_run_names_its_estimate),
        cmocka_unit_test(test_small_run_is_not_refused_and_says_nothing),
        cmocka_unit_test(test_long_run_prints_its_estimate),
        cmocka_unit_test(test_estimate_is_monotone_in_the_run_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
