/*
 * test_pol_claims: the statistical claims of benchmarks/README.md that run
 * in seconds, on the README's own specs and seeds, each against a
 * tolerance derived from the run's own confidence intervals or a closed
 * form (stated at each test):
 *   - TS's regret slope per ln T on chapelle-k10-eps0.1 is near the
 *     Lai-Robbins constant C (computed here from the means), UCB1's is
 *     several times C, and the verdict is `best` for TS;
 *   - on knapsack-k10 the BwK policies earn nearly all of OPT_LP and the
 *     budget-blind ones about half of it;
 *   - linucb_hybrid at its best alpha beats disjoint linucb at its best
 *     alpha of the grid on a static catalogue.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "benchmarks/runner.h"

#include "tests/runner_fixture.h"

#define SPECS BM_SOURCE_ROOT "/benchmarks/specs"

static const struct bench_policy_result *find(const struct bench_results *r, const char *id)
{
    for (size_t i = 0; i < r->n_policies; i++)
        if (!strcmp(r->policies[i].id, id))
            return &r->policies[i];
    fail_msg("no result for %s", id);
    return NULL;
}

static struct bench_spec *load(const char *path)
{
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *s = bench_spec_load(path, &d);
    assert_non_null(s);
    assert_int_equal(d.errors, 0);
    diag_list_release(&d);
    return s;
}

static size_t checkpoint(const struct bench_results *r, long long t)
{
    for (size_t c = 0; c < r->n_checkpoints; c++)
        if (r->checkpoints[c] == t)
            return c;
    fail_msg("no checkpoint at %lld", t);
    return 0;
}

static double half_width(const struct stats_ci *ci)
{
    return (ci->hi - ci->lo) / 2;
}

static double kl(double p, double q)
{
    return p * log(p / q) + (1 - p) * log((1 - p) / (1 - q));
}

/* "Where T = 10^6 is in the logarithmic regime its slope is close to the
 * Lai-Robbins constant C (43 vs 44.7)" and "UCB1's slope is 7-13 times C"
 * (K = 10, eps = 0.1, T = 10^6, 20 seeds). C = sum over the 9 worse arms
 * of eps / kl(0.4, 0.5) = 44.70 (Lai & Robbins 1985). Slope = (R(10^6) -
 * R(10^5)) / ln 10. Tolerance: TS is asymptotically optimal (Kaufmann,
 * Korda & Munos 2012), so its slope tends to C; at finite T the o(ln T)
 * terms are allowed 25% of C either way, plus 3 standard errors of the
 * mean slope over the seeds. The slope is paired per seed: the same spec
 * run to T = 10^5 plays the same rounds 1..10^5 (ts and ucb1 do not use
 * the horizon; checked: its mean is the long run's curve there), so
 * R_s(10^6) - R_s(10^5) is known for each seed s. UCB1's slope must be at
 * least 5 C (its bound's constant is 8 sum 1 / gap = 720 = 16 C; the
 * README measures 6.7 C). */
static void slope_stats(const struct bench_policy_result *lng, const struct bench_policy_result *sh,
                        int n, double *mean, double *se)
{
    double s = 0, s2 = 0;
    for (int i = 0; i < n; i++) {
        double d = (lng->final_regret[i] - sh->final_regret[i]) / log(10.0);
        s += d;
        s2 += d * d;
    }
    *mean = s / n;
    *se = sqrt((s2 / n - *mean * *mean) * n / (n - 1) / n);
}

static void test_ts_slope_is_near_the_lai_robbins_constant(void **state)
{
    (void)state;
    struct bench_spec *s = load(SPECS "/chapelle-k10-eps0.1.yaml");
    struct bench_results r, r5;
    run_ok(s, &r, 2);
    s->horizon = 100000;
    run_ok(s, &r5, 2);
    double c = 9 * 0.1 / kl(0.4, 0.5);
    assert_near(r.lower_bound_c, c, 1e-9 * c);
    size_t a = checkpoint(&r, 100000);
    const struct bench_policy_result *ts = find(&r, "ts"), *ucb = find(&r, "ucb1");
    assert_near(find(&r5, "ts")->regret.mean, ts->curve[a].mean, 1e-9 * ts->curve[a].mean);
    double slope, se, ucb_slope, ucb_se;
    slope_stats(ts, find(&r5, "ts"), r.seeds, &slope, &se);
    slope_stats(ucb, find(&r5, "ucb1"), r.seeds, &ucb_slope, &ucb_se);
    if (fabs(slope - c) > 0.25 * c + 3 * se)
        fail_msg("ts slope %g (se %g) per ln T, C = %g", slope, se, c);
    if (ucb_slope < 5 * c)
        fail_msg("ucb1 slope %g per ln T, below 5 C = %g", ucb_slope, 5 * c);
    bench_results_release(&r5);
    assert_int_equal(r.verdict.kind, BENCH_VERDICT_BEST);
    assert_string_equal(r.verdict.best, "ts");
    bench_results_release(&r);
    bench_spec_free(s);
}

/* The knapsack table: rewards as shares of OPT_LP (reward + regret
 * against it): ucb_bwk 97.9%, bwk_primal_dual 99.6%, ucb1 49.6%, ts
 * 54.2%, uniform 39.7%. Each share must be within its README value +-
 * (1 point + the half-width of its regret's 95% interval over OPT_LP):
 * the interval is the run's own noise in the mean over 20 seeds, and the
 * point covers OPT_LP's own variation across seeds. And the claim that
 * matters: both BwK policies earn more than 95% and beat every
 * budget-blind policy, by the intervals and on every seed. */
static void test_knapsack_shares_of_the_lp_optimum(void **state)
{
    (void)state;
    struct bench_spec *s = load(SPECS "/knapsack-k10.yaml");
    struct bench_results r;
    run_ok(s, &r, 2);
    static const struct {
        const char *id;
        double share;
    } want[] = {{"ucb_bwk", 0.979}, {"bwk_primal_dual", 0.996}, {"ucb1", 0.496},
                {"ts", 0.542}, {"uniform", 0.397}};
    size_t last = r.n_checkpoints - 1;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        const struct bench_policy_result *p = find(&r, want[i].id);
        double reward = p->reward_curve[last], opt = reward + p->regret.mean;
        double share = reward / opt, tol = 0.01 + half_width(&p->regret) / opt;
        if (fabs(share - want[i].share) > tol)
            fail_msg("%s earns %.4f of OPT_LP, the README %.3f (tolerance %.4f)", want[i].id,
                     share, want[i].share, tol);
        if (i < 2)
            assert_true(share > 0.95);
    }
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 2; j < 5; j++) {
            const struct bench_policy_result *bwk = find(&r, want[i].id), *o = find(&r, want[j].id);
            assert_true(bwk->regret.hi < o->regret.lo);
            for (int sd = 0; sd < r.seeds; sd++)   /* "on every seed" */
                if (!(bwk->final_regret[sd] < o->final_regret[sd]))
                    fail_msg("seed %d: %s %g, %s %g", sd, bwk->id, bwk->final_regret[sd], o->id,
                             o->final_regret[sd]);
        }
    bench_results_release(&r);
    bench_spec_free(s);
}

/* "Each at its best alpha of the grid, hybrid beats disjoint 3.5 times on
 * the static catalogue (27.6 against 95.5)": contextual_linear, K = 20,
 * dim 5, T = 5000, 20 seeds, seed 5. Disjoint linucb's best alpha of
 * {0.1, 0.3, 0.5, 1} is found here, then hybrid at alpha 0.1 must beat it
 * by its interval and by at least 2 times (the README's 3.5 with room for
 * the seeds' noise: the disjoint mean's interval is about +-15%). */
static double linucb_regret(const char *id, double alpha, struct stats_ci *ci)
{
    struct bench_spec *s = make("contextual_linear", 20, 5000, 20, id);
    s->seed = 5;
    bench_spec_set_param(s, "dim", 5);
    char key[64];
    snprintf(key, sizeof(key), "%s.alpha", id);
    bench_spec_set_param(s, key, alpha);
    struct bench_results r;
    run_ok(s, &r, 2);
    *ci = r.policies[0].regret;
    bench_results_release(&r);
    bench_spec_free(s);
    return ci->mean;
}

static void test_hybrid_linucb_beats_disjoint_on_a_static_catalogue(void **state)
{
    (void)state;
    static const double grid[] = {0.1, 0.3, 0.5, 1.0};
    struct stats_ci best = {.mean = INFINITY}, ci, hybrid;
    double best_alpha = 0;
    for (size_t i = 0; i < 4; i++)
        if (linucb_regret("linucb", grid[i], &ci) < best.mean) {
            best = ci;
            best_alpha = grid[i];
        }
    linucb_regret("linucb_hybrid", 0.1, &hybrid);
    if (!(hybrid.hi < best.lo && 2 * hybrid.mean < best.mean))
        fail_msg("hybrid at 0.1: %g [%g, %g]; disjoint at its best alpha %g: %g [%g, %g]",
                 hybrid.mean, hybrid.lo, hybrid.hi, best_alpha, best.mean, best.lo, best.hi);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ts_slope_is_near_the_lai_robbins_constant),
        cmocka_unit_test(test_knapsack_shares_of_the_lp_optimum),
        cmocka_unit_test(test_hybrid_linucb_beats_disjoint_on_a_static_catalogue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
