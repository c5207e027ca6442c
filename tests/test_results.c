/*
 * test_results: report/results.c and report/svg.c, the CSV and SVG
 * renderings of a benchmark run carry every curve and the Lai-Robbins bound.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/runner.h"
#include "report/results.h"
#include "report/svg.h"

#include "tests/runner_fixture.h"

static void test_svg_and_csv_have_curves_and_bound(void **state)
{
    struct bench_spec *s = make("bernoulli", 3, 2000, 4, "ucb1,ts");
    bench_spec_set_string(&s->recommended, "ts");
    struct bench_results r;
    run_ok(s, &r, 1);
    char *buf = NULL;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    report_results_svg(&r, f, "a <title> & more");
    fclose(f);
    assert_non_null(strstr(buf, "<svg"));
    assert_non_null(strstr(buf, "</svg>"));
    assert_non_null(strstr(buf, "a &lt;title&gt; &amp; more"));
    assert_non_null(strstr(buf, "Lai-Robbins"));
    assert_non_null(strstr(buf, "ts *"));
    assert_non_null(strstr(buf, "fill-opacity"));
    free(buf);
    f = open_memstream(&buf, &len);
    report_results_csv(&r, f);
    fclose(f);
    assert_true(!strncmp(buf, "policy,t,regret_mean", 20));
    int lines = 0;
    for (char *p = buf; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 1 + 2 * (int)r.n_checkpoints);
    free(buf);
    bench_results_release(&r);
    bench_spec_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* writers */
        cmocka_unit_test(test_svg_and_csv_have_curves_and_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
