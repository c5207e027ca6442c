/*
 * test_cli_bench: `banditmap bench` (cli/cmd_bench.c) run as a process
 * (BM_BINARY): without --policy a quick run races the baselines of the
 * workload's kind, --param overrides a spec's params and knobs, and a bad
 * --param KEY or VALUE is an error that names it.
 */
#include "tests/helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "benchmarks/policy.h"

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
        {"bench --param gap=abc --dry-run", 2, "--param needs a number, not 'abc'"},
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* default policies */
        cmocka_unit_test(test_bench_on_cascade_without_policies_races_list_policies),
        /* --param */
        cmocka_unit_test(test_param_overrides_the_spec),
        cmocka_unit_test(test_bad_param_key_or_value_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
