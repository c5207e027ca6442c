/*
 * bm_speed: the speed measurements of `make bench` (benchmarks/run-bench.sh).
 *
 * Per core, T = 10^6, Bernoulli arms (best 0.5, others 0.4): the harness's
 * UCB1, TS and KL-UCB (through bench_run, one thread, so the number
 * includes the workload and the bookkeeping) against naive C loops in the
 * same process that do the same work the textbook way:
 *   naive UCB1    every index S/n + sqrt(2 log t / n) every round;
 *   naive TS      Beta(S+1, F+1) for every arm every round as
 *                 Gamma/(Gamma+Gamma) with Marsaglia-Tsang set up afresh
 *                 and a Box-Muller normal (no caching, no ziggurat);
 *   naive KL-UCB  every index by bisection (50 halvings) every round.
 * Then K = 100, and thread scaling (1 vs 2 workers, wall clock).
 * Not a test: timings vary with the machine and its load.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xalloc.h"
#include "benchmarks/policy.h"
#include "benchmarks/rng.h"
#include "benchmarks/runner.h"
#include "benchmarks/spec.h"

/* Thread CPU time, as the runner measures its runs: per-core rates that
 * other processes on the machine do not deflate. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static struct bench_spec *make_spec(const char *policy, int k, long long horizon, int seeds)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->name, "speed");
    bench_spec_set_string(&s->workload, "bernoulli");
    s->arms = k;
    s->horizon = horizon;
    s->seeds = seeds;
    s->seed = 7;
    bench_spec_set_param(s, "best", 0.5);
    bench_spec_set_param(s, "gap", 0.1);
    bench_spec_add_policy(s, policy);
    return s;
}

/* Runs s (one policy) and returns its rounds per second per core; frees s.
 * The mean final regret goes to *regret. */
static double run_rate(struct bench_spec *s, double *regret)
{
    struct bench_results r;
    bench_results_init(&r);
    if (bench_run(s, &r, NULL, NULL) < 0) {
        fprintf(stderr, "bm_speed: bench_run failed for %s on %s\n", s->policies[0],
                s->workload);
        exit(1);
    }
    double rate = r.policies[0].rounds_per_second;
    *regret = r.policies[0].regret.mean;
    bench_results_release(&r);
    bench_spec_free(s);
    return rate;
}

/* Rounds per second per core of a policy in the harness. */
static double harness_rate(const char *policy, int k, long long horizon, int seeds, double *regret)
{
    return run_rate(make_spec(policy, k, horizon, seeds), regret);
}

/* Rounds per second per core of a policy on a structured workload (default
 * parameters: d = 10 features, 4 positions, a 10-price grid). */
static double workload_rate(const char *workload, const char *policy, int k, long long horizon,
                            double *regret)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, workload);
    s->arms = k;
    s->horizon = horizon;
    s->seeds = 1;
    s->seed = 7;
    bench_spec_add_policy(s, policy);
    return run_rate(s, regret);
}

/* ---- naive loops: same arms, same Bernoulli draws as the harness ---- */

struct arms {
    int k;
    double *p;
    struct rng r;
};

static void arms_init(struct arms *a, int k)
{
    a->k = k;
    a->p = xcalloc((size_t)k, sizeof(double));
    for (int i = 0; i < k; i++)
        a->p[i] = i == k - 1 ? 0.5 : 0.4;
    rng_seed(&a->r, 99);
}

/*
 * The index policies' textbook loop: every round, index(S_i/n_i, n_i, t) of
 * every arm (unpulled arms first), pull the argmax. UCB1 and KL-UCB differ
 * only in the index; TS (below) keeps successes and failures instead. The
 * index takes t, not log t, so that naive UCB1 still pays a log per arm per
 * round, as it did before the loop was shared (its rate is the baseline).
 */
typedef double (*naive_index_fn)(double mean, double n, double t);

static double naive_index_loop(int k, long long horizon, naive_index_fn index, double *regret)
{
    struct arms a;
    arms_init(&a, k);
    double *s = xcalloc((size_t)k, sizeof(double)), *n = xcalloc((size_t)k, sizeof(double));
    double reg = 0;
    double t0 = now();
    for (long long t = 1; t <= horizon; t++) {
        int best = 0;
        double bi = -1;
        for (int i = 0; i < k; i++) {
            double idx = n[i] == 0 ? INFINITY : index(s[i] / n[i], n[i], (double)t);
            if (idx > bi) {
                bi = idx;
                best = i;
            }
        }
        double r = rng_uniform(&a.r) < a.p[best];
        s[best] += r;
        n[best] += 1;
        reg += 0.5 - a.p[best];
    }
    double rate = (double)horizon / (now() - t0);
    *regret = reg;
    free(s);
    free(n);
    free(a.p);
    return rate;
}

/* UCB1 (Auer, Cesa-Bianchi and Fischer 2002): mean + sqrt(2 log t / n). */
static double ucb1_index(double mean, double n, double t)
{
    return mean + sqrt(2.0 * log(t) / n);
}

static double naive_ucb1(int k, long long horizon, double *regret)
{
    return naive_index_loop(k, horizon, ucb1_index, regret);
}

static double box_muller(struct rng *r)
{
    double u1 = 1.0 - rng_uniform(r), u2 = rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static double naive_gamma(struct rng *r, double a)
{
    double d = a - 1.0 / 3.0, c = 1.0 / sqrt(9.0 * d);
    for (;;) {
        double x = box_muller(r), v = 1.0 + c * x;
        if (v <= 0)
            continue;
        v = v * v * v;
        double u = rng_uniform(r);
        if (log(u) < 0.5 * x * x + d * (1.0 - v + log(v)))
            return d * v;
    }
}

static double naive_ts(int k, long long horizon, double *regret)
{
    struct arms a;
    arms_init(&a, k);
    struct rng pr;
    rng_seed(&pr, 5);
    double *s = xcalloc((size_t)k, sizeof(double)), *f = xcalloc((size_t)k, sizeof(double));
    double reg = 0;
    double t0 = now();
    for (long long t = 1; t <= horizon; t++) {
        int best = 0;
        double bt = -1;
        for (int i = 0; i < k; i++) {
            double x = naive_gamma(&pr, s[i] + 1), y = naive_gamma(&pr, f[i] + 1);
            double th = x / (x + y);
            if (th > bt) {
                bt = th;
                best = i;
            }
        }
        if (rng_uniform(&a.r) < a.p[best])
            s[best] += 1;
        else
            f[best] += 1;
        reg += 0.5 - a.p[best];
    }
    double rate = (double)horizon / (now() - t0);
    *regret = reg;
    free(s);
    free(f);
    free(a.p);
    return rate;
}

/* KL-UCB (Garivier and Cappe 2011): the largest q with n kl(p, q) <= log t,
 * by 50 halvings (each costs two logs, so the log t here is noise). */
static double bisect_klucb(double p, double n, double t)
{
    double level = log(t);
    double lo = p, hi = 1.0;
    for (int i = 0; i < 50; i++) {
        double mid = 0.5 * (lo + hi);
        if (n * pol_kl_bernoulli(p, mid) <= level)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static double naive_klucb(int k, long long horizon, double *regret)
{
    return naive_index_loop(k, horizon, bisect_klucb, regret);
}

static void line(const char *what, int k, double rate, double naive, double target,
                 double regret)
{
    printf("%-8s K=%-4d %8.2f M rounds/s", what, k, rate / 1e6);
    if (naive > 0)
        printf("   naive %7.2f M/s   x%-6.1f", naive / 1e6, rate / naive);
    else
        printf("   %-30s", "");
    if (target > 0)
        printf(" target %5.1f M/s %s", target / 1e6, rate >= target ? "PASS" : "MISS");
    printf("   (mean regret %.1f)\n", regret);
}

static double thread_wall(int threads, long long horizon, int seeds)
{
    struct bench_spec *s = make_spec("ts", 10, horizon, seeds);
    bench_spec_add_policy(s, "ucb1");
    bench_spec_add_policy(s, "klucb");
    struct bench_results r;
    bench_results_init(&r);
    r.threads = threads;
    bench_run(s, &r, NULL, NULL);
    double wall = r.wall_seconds;
    bench_results_release(&r);
    bench_spec_free(s);
    return wall;
}

int main(int argc, char **argv)
{
    long long horizon = argc > 1 ? atoll(argv[1]) : 1000000;
    int seeds = argc > 2 ? atoi(argv[2]) : 3;
    double reg, nreg, rate, naive;
    printf("banditmap speed, per core, T = %lld, Bernoulli best 0.5 vs 0.4, %d seeds\n",
           horizon, seeds);
    naive = naive_ucb1(10, horizon, &nreg);
    rate = harness_rate("ucb1", 10, horizon, seeds, &reg);
    line("ucb1", 10, rate, naive, 50e6, reg);
    naive = naive_ts(10, horizon / 10, &nreg);
    rate = harness_rate("ts", 10, horizon, seeds, &reg);
    line("ts", 10, rate, naive, 10e6, reg);
    naive = naive_klucb(10, horizon / 10, &nreg);
    rate = harness_rate("klucb", 10, horizon, seeds, &reg);
    line("klucb", 10, rate, naive, 5e6, reg);
    printf("(naive TS and KL-UCB loops run T/10 rounds to keep `make bench` short;\n"
           " their rate does not depend on T)\n");
    naive = naive_ucb1(100, horizon, &nreg);
    rate = harness_rate("ucb1", 100, horizon, seeds, &reg);
    line("ucb1", 100, rate, naive, 0, reg);
    naive = naive_ts(100, horizon / 100, &nreg);
    rate = harness_rate("ts", 100, horizon, 1, &reg);
    line("ts", 100, rate, naive, 0, reg);
    naive = naive_klucb(100, horizon / 100, &nreg);
    rate = harness_rate("klucb", 100, horizon, 1, &reg);
    line("klucb", 100, rate, naive, 0, reg);
    const struct {
        const char *id;
        int k;
    } more[] = {{"moss", 10}, {"gts", 10}, {"bayesucb", 10}, {"egreedy", 10}};
    for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
        rate = harness_rate(more[i].id, more[i].k, horizon, 1, &reg);
        line(more[i].id, more[i].k, rate, 0, 0, reg);
    }
    /* the structured workloads: contextual (d = 10), ranking, pricing and budgets */
    long long tc = horizon / 10 > 1000 ? horizon / 10 : 1000;
    printf("structured workloads, T = %lld (contextual K = 1000: T / 10), 1 seed:\n", tc);
    const struct {
        const char *workload, *id;
        int k;
        double target;
    } ext[] = {
        {"contextual_linear", "linucb", 10, 0},    {"contextual_linear", "linucb", 100, 2e5},
        {"contextual_linear", "linucb", 1000, 0},  {"contextual_linear", "lints", 100, 0},
        {"contextual_linear", "lints", 1000, 0},   {"contextual_logistic", "logistic_ts", 100, 0},
        {"contextual_logistic", "glm_ucb", 100, 0}, {"contextual_linear", "uniform", 100, 0},
        {"cascade", "cascade_ucb1", 50, 0},        {"cascade", "cascade_klucb", 50, 0},
        {"cascade", "cascade_ts", 50, 0},          {"pbm", "topk_position_ts", 50, 0},
        {"pricing", "price_ucb", 10, 0},           {"pricing", "price_ts", 10, 0},
        {"pricing", "demand_ts", 10, 0},           {"knapsack", "ucb_bwk", 10, 0},
        {"knapsack", "bwk_primal_dual", 10, 0},
    };
    for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
        long long t = ext[i].k >= 1000 ? tc / 10 : tc;
        rate = workload_rate(ext[i].workload, ext[i].id, ext[i].k, t, &reg);
        printf("%-20s ", ext[i].workload);
        line(ext[i].id, ext[i].k, rate, 0, ext[i].target, reg);
    }
    double w1 = thread_wall(1, horizon, 4), w2 = thread_wall(2, horizon, 4);
    printf("threads: ts+ucb1+klucb, K=10, 4 seeds: 1 thread %.2f s, 2 threads %.2f s wall, "
           "speed-up x%.2f\n(wall clock: shared with whatever else the machine runs)\n",
           w1, w2, w1 / w2);
    return 0;
}
