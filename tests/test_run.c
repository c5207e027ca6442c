/*
 * test_run: benchmarks/run.c, one simulated run. The feedback part on
 * every workload kind: censoring by an attribution window against its
 * closed form, stale feedback of a replaced slot dropped (a list whole
 * when any of its slots was), feedback routed through the queue with zero
 * delay equal to immediate feedback (so the copies of contexts, features,
 * lists, clicks and costs are exact), batches delivering only at their
 * boundaries on a list workload.
 *
 * A probe policy records, round by round, what it was shown and what it
 * got back, and checks the feedback contract of policy.h and workload.h
 * on every update; the tests then compare its records with what the
 * contract says must happen.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/runner.h"
#include "benchmarks/runner_internal.h"

#include "tests/runner_fixture.h"

/* ---- the probe policy ---- */

/* What the probe saw, per round t in [1, T] (index t). One run at a time. */
struct probe_log {
    long long horizon, batch;
    int k, l, dim;
    int *arm;                    /* the arm played (the list's first) */
    int *slate;                  /* l per round: the list shown */
    double *context, *features;  /* dim per round: the context, the played arm's features */
    int *replaced;               /* the first slot replaced in round t, or -1 */
    int *n_replaced;             /* how many were */
    int *delivered;              /* how many updates came back for the play of round t */
    long long *t_now;            /* the round before which it came back */
    double *raw;                 /* the raw reward it came back with */
    double *cost;                /* and the cost */
    double *budget_left;         /* round->budget_left when round t was shown */
    long long violations;        /* updates breaking the contract */
};

static struct probe_log P;

static void probe_begin(long long horizon, int k, int l, int dim, long long batch)
{
    size_t n = (size_t)horizon + 1;
    P = (struct probe_log){.horizon = horizon, .batch = batch, .k = k, .l = l, .dim = dim};
    P.arm = calloc(n, sizeof(int));
    P.slate = calloc(n * (size_t)(l ? l : 1), sizeof(int));
    P.context = calloc(n * (size_t)(dim ? dim : 1), sizeof(double));
    P.features = calloc(n * (size_t)(dim ? dim : 1), sizeof(double));
    P.replaced = calloc(n, sizeof(int));
    P.n_replaced = calloc(n, sizeof(int));
    P.delivered = calloc(n, sizeof(int));
    P.t_now = calloc(n, sizeof(long long));
    P.raw = calloc(n, sizeof(double));
    P.cost = calloc(n, sizeof(double));
    P.budget_left = calloc(n, sizeof(double));
}

static void probe_end(void)
{
    free(P.arm);
    free(P.slate);
    free(P.context);
    free(P.features);
    free(P.replaced);
    free(P.n_replaced);
    free(P.delivered);
    free(P.t_now);
    free(P.raw);
    free(P.cost);
    free(P.budget_left);
}

static size_t probe_state_size(const struct pol_config *cfg)
{
    (void)cfg;
    return sizeof(double);
}

static void probe_init(void *state, const struct pol_config *cfg)
{
    (void)cfg;
}

static void probe_see(const struct bench_round *round, int a)
{
    long long t = round->t;
    P.arm[t] = a;
    P.replaced[t] = round->n_replaced > 0 ? round->replaced[0] : -1;
    P.n_replaced[t] = round->n_replaced;
    P.budget_left[t] = round->budget_left;
    size_t d = (size_t)P.dim;
    if (d && round->context)
        memcpy(P.context + (size_t)t * d, round->context, d * sizeof(double));
    if (d && round->arm_features)
        memcpy(P.features + (size_t)t * d, round->arm_features + (size_t)a * d,
               d * sizeof(double));
}

/* Round robin: every arm, in turn. */
static int probe_select(void *state, const struct bench_round *round, struct rng *rng)
{
    (void)rng;
    int a = (int)((round->t - 1) % round->k);
    probe_see(round, a);
    return a;
}

static void probe_select_slate(void *state, const struct bench_round *round, struct rng *rng,
                               int *out)
{
    (void)rng;
    for (int i = 0; i < round->slate_size; i++)
        out[i] = (int)((round->t - 1 + i) % round->k);
    memcpy(P.slate + (size_t)round->t * (size_t)P.l, out, (size_t)P.l * sizeof(int));
    probe_see(round, out[0]);
}

static void probe_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    (void)rng;
    long long t = fb->t_played;
    if (t < 1 || t >= fb->t_now || fb->t_now > P.horizon) {
        P.violations++;
        return;
    }
    P.delivered[t]++;
    P.t_now[t] = fb->t_now;
    P.raw[t] = fb->raw;
    P.cost[t] = fb->cost;
    bool ok = fb->arm == P.arm[t];
    if (P.batch > 1)
        ok = ok && (fb->t_now - 1) % P.batch == 0;
    size_t d = (size_t)P.dim;
    if (d && fb->context)
        ok = ok && !memcmp(fb->context, P.context + (size_t)t * d, d * sizeof(double));
    if (d && fb->features)
        ok = ok && !memcmp(fb->features, P.features + (size_t)t * d, d * sizeof(double));
    if (P.l) {
        ok = ok && fb->slate_len == P.l && fb->slate && fb->clicks &&
             !memcmp(fb->slate, P.slate + (size_t)t * (size_t)P.l, (size_t)P.l * sizeof(int));
        double any = 0;
        for (int i = 0; ok && i < P.l; i++) {
            ok = fb->clicks[i] == 0 || fb->clicks[i] == 1;
            any += fb->clicks[i];
        }
        ok = ok && (fb->raw > 0) == (any > 0);
    }
    if (!ok)
        P.violations++;
}

static const struct pol_type probe_type = {
    .name = "probe",
    .title = "records what the runner shows and delivers",
    .flags = POL_CONTEXTUAL | POL_SLATE,
    .state_size = probe_state_size,
    .init = probe_init,
    .select = probe_select,
    .update = probe_update,
    .select_slate = probe_select_slate,
};

/* One run of the probe on seed 0 of s (whose first policy it replaces). */
static void run_probe(const struct bench_spec *s)
{
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(bench_check_spec(s, &d), 0);
    diag_list_release(&d);
    struct bench_exec pl;
    bench_exec_init(&pl, s);
    pl.types[0] = &probe_type;
    bench_run_one(&pl, 0, 0);
    bench_exec_release(&pl);
}

static struct bench_spec *constant_conversions(long long horizon, double delay_mean,
                                               double delay_kind, double window)
{
    struct bench_spec *s = make("bernoulli", 2, horizon, 1, "uniform");
    s->means = calloc(2, sizeof(double));
    s->means[0] = s->means[1] = 1.0;   /* every play converts */
    s->n_means = 2;
    bench_spec_set_param(s, "delay_mean", delay_mean);
    bench_spec_set_param(s, "delay_kind", delay_kind);
    bench_spec_set_param(s, "window", window);
    return s;
}

/* ---- censoring ---- */

/* The share of conversions that reach the probe as 0, over the plays
 * whose window closes before the horizon; every such play must come back,
 * a censored one exactly at the window's end. */
static double lost_share(long long horizon, long long w)
{
    long long n = 0, lost = 0;
    for (long long t = 1; t + 1 + w <= horizon; t++) {
        assert_int_equal(P.delivered[t], 1);
        assert_true(P.t_now[t] <= t + 1 + w);
        n++;
        if (P.raw[t] == 0) {
            assert_int_equal(P.t_now[t], t + 1 + w);
            lost++;
        } else {
            assert_true(P.raw[t] == 1);
        }
    }
    return (double)lost / (double)n;
}

static void test_window_censors_the_closed_form_share_of_geometric_delays(void **state)
{
    static const struct {
        double m;
        long long w;
    } cases[] = {{10, 5}, {3, 1}, {40, 20}};   /* window 0 would be no window */
    const long long T = 100000;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct bench_spec *s = constant_conversions(T, cases[i].m, 0, (double)cases[i].w);
        probe_begin(T, 2, 0, 0, 1);
        run_probe(s);
        double p = pow(cases[i].m / (1 + cases[i].m), (double)(cases[i].w + 1));
        double sd = sqrt(p * (1 - p) / (double)T);   /* delays are independent */
        assert_near(lost_share(T, cases[i].w), p, 5 * sd);
        /* and each delivered conversion comes back after its own delay:
         * P(D = 0 | D <= w) = q / (1 - P(D > w)), q = 1 / (1 + m) */
        long long n = 0, zero = 0;
        for (long long t = 1; t + 1 + cases[i].w <= T; t++)
            if (P.raw[t] == 1) {
                n++;
                zero += P.t_now[t] == t + 1;
            }
        double q = 1 / (1 + cases[i].m), q0 = q / (1 - p);
        assert_near((double)zero / (double)n, q0, 5 * sqrt(q0 * (1 - q0) / (double)n));
        assert_int_equal(P.violations, 0);
        probe_end();
        bench_spec_free(s);
    }
}

static void test_window_censors_a_fixed_delay_all_or_nothing(void **state)
{
    const long long T = 2000;
    struct bench_spec *s = constant_conversions(T, 3, 1, 2);   /* D = 3 > w = 2: all lost */
    probe_begin(T, 2, 0, 0, 1);
    run_probe(s);
    assert_near(lost_share(T, 2), 1.0, 0);
    probe_end();
    bench_spec_set_param(s, "window", 3);   /* D = 3 <= w: none lost, each 4 rounds late */
    probe_begin(T, 2, 0, 0, 1);
    run_probe(s);
    assert_near(lost_share(T, 3), 0.0, 0);
    for (long long t = 1; t + 4 <= T; t++)
        assert_int_equal(P.t_now[t], t + 4);
    probe_end();
    bench_spec_free(s);
}

/* ---- replaced slots ---- */

/* With a fixed delay d, the play of round t arrives before round t+1+d,
 * and a replacement of its slot in rounds t+1 .. t+d makes it the old
 * item's: it must never reach the policy; every other play due by the
 * horizon must, exactly then. Holds on the round-hook path (contextual)
 * and the advance() path (bernoulli). */
static void test_stale_feedback_of_a_replaced_slot_is_dropped(void **state)
{
    static const struct {
        const char *workload;
        int dim;
    } cases[] = {{"contextual_linear", 4}, {"bernoulli", 0}};
    const long long T = 3000, every = 7, d = 10;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct bench_spec *s = make(cases[i].workload, 5, T, 1, "uniform");
        if (cases[i].dim)
            bench_spec_set_param(s, "dim", cases[i].dim);
        bench_spec_set_param(s, "churn_every", (double)every);
        bench_spec_set_param(s, "delay_mean", (double)d);
        bench_spec_set_param(s, "delay_kind", 1);
        probe_begin(T, 5, 0, cases[i].dim, 1);
        run_probe(s);
        assert_int_equal(P.violations, 0);
        long long dropped = 0, delivered = 0, changes = 0;
        for (long long t = 1; t <= T; t++) {
            assert_true(P.n_replaced[t] <= 1);
            changes += P.n_replaced[t];
            bool stale = false;
            for (long long u = t + 1; u <= t + d && u <= T; u++)
                stale = stale || P.replaced[u] == P.arm[t];
            bool due = t + 1 + d <= T;
            assert_int_equal(P.delivered[t], due && !stale);
            if (due && !stale)
                assert_int_equal(P.t_now[t], t + 1 + d);
            dropped += due && stale;
            delivered += P.delivered[t];
        }
        assert_true(changes >= T / every - 1 && changes <= T / every + 1);
        assert_true(dropped > 50);
        assert_true(delivered > T / 2);
        probe_end();
        bench_spec_free(s);
    }
}

/* A list belongs to all the items it showed: with a fixed delay d, the
 * list of round t is dropped whole when any of its slots, at any
 * position, was replaced in rounds t+1 .. t+d (workload.h, "Arm
 * replacement"), and arrives exactly at t+1+d otherwise. The probe's
 * round-robin lists put every slot at every position in turn, so many
 * drops come from a slot below the first. */
static void test_a_list_in_flight_is_dropped_whole_when_any_slot_is_replaced(void **state)
{
    enum { K = 8, L = 3 };
    const long long T = 3000, every = 7, d = 10;
    struct bench_spec *s = make("cascade", K, T, 1, "uniform");
    bench_spec_set_param(s, "positions", L);
    bench_spec_set_param(s, "best", 0.5);
    bench_spec_set_param(s, "churn_every", (double)every);
    bench_spec_set_param(s, "delay_mean", (double)d);
    bench_spec_set_param(s, "delay_kind", 1);
    probe_begin(T, K, L, 0, 1);
    run_probe(s);
    assert_int_equal(P.violations, 0);
    long long dropped = 0, dropped_below = 0, delivered = 0, changes = 0;
    for (long long t = 1; t <= T; t++) {
        assert_true(P.n_replaced[t] <= 1);
        changes += P.n_replaced[t];
        const int *list = P.slate + (size_t)t * L;
        bool stale = false, first = false;
        for (long long u = t + 1; u <= t + d && u <= T; u++)
            for (int j = 0; j < L; j++)
                if (P.n_replaced[u] && P.replaced[u] == list[j]) {
                    stale = true;
                    first = first || j == 0;
                }
        bool due = t + 1 + d <= T;
        assert_int_equal(P.delivered[t], due && !stale);
        if (due && !stale)
            assert_int_equal(P.t_now[t], t + 1 + d);
        dropped += due && stale;
        dropped_below += due && stale && !first;
        delivered += P.delivered[t];
    }
    assert_true(changes >= T / every - 1 && changes <= T / every + 1);
    assert_true(dropped_below > 100);
    assert_true(dropped > dropped_below);
    assert_true(delivered > T / 4);
    probe_end();
    bench_spec_free(s);
}

/* The hot loop (immediate feedback, single arm) and the general loop hand
 * the policy the same replaced slots, in the round of the change only. */
static void test_replaced_slots_reach_the_policy_in_every_loop(void **state)
{
    const long long T = 3000;
    struct bench_spec *s = make("bernoulli", 6, T, 1, "uniform");
    bench_spec_set_param(s, "churn_every", 40);
    probe_begin(T, 6, 0, 0, 1);
    run_probe(s);   /* run_plain */
    int *plain = calloc((size_t)T + 1, sizeof(int));
    long long changes = 0;
    for (long long t = 1; t <= T; t++) {
        plain[t] = P.n_replaced[t] ? P.replaced[t] : -1;
        changes += P.n_replaced[t];
    }
    assert_true(changes >= T / 40 - 1 && changes <= T / 40 + 1);
    probe_end();
    bench_spec_set_param(s, "delay_mean", 1e-9);   /* run_general, the queue */
    probe_begin(T, 6, 0, 0, 1);
    run_probe(s);
    for (long long t = 1; t <= T; t++)
        assert_int_equal(P.n_replaced[t] ? P.replaced[t] : -1, plain[t]);
    for (long long t = 1; t < T; t++)   /* D = 0: nothing is stale */
        assert_int_equal(P.delivered[t], 1);
    probe_end();
    free(plain);
    bench_spec_free(s);
}

/* ---- the queue against immediate feedback ---- */

static void assert_same_results(const struct bench_results *a, const struct bench_results *b)
{
    assert_int_equal(a->n_policies, b->n_policies);
    assert_int_equal(a->n_checkpoints, b->n_checkpoints);
    size_t seeds = (size_t)a->seeds, n_cp = a->n_checkpoints;
    for (size_t p = 0; p < a->n_policies; p++) {
        const struct bench_policy_result *x = &a->policies[p], *y = &b->policies[p];
        assert_memory_equal(x->final_regret, y->final_regret, seeds * sizeof(double));
        assert_memory_equal(x->samples, y->samples, seeds * sizeof(double));
        assert_memory_equal(x->reward_curve, y->reward_curve, n_cp * sizeof(double));
        for (size_t c = 0; c < n_cp; c++)
            assert_memory_equal(&x->curve[c].mean, &y->curve[c].mean, sizeof(double));
        assert_memory_equal(&x->budget_used.mean, &y->budget_used.mean, sizeof(double));
    }
}

/* A geometric delay of mean 1e-9 is 0 at every play of these runs, so the
 * feedback goes through the queue (copied, delivered at the start of the
 * next round, after the workload has overwritten its round buffers and
 * replaced its slots) yet must change nothing. And explicit immediate
 * settings (batch 1, delay 0, no window) are the run without them. */
static void test_zero_delay_through_the_queue_is_immediate_feedback(void **state)
{
    static const struct {
        const char *workload, *policies, *key;
        double value;
    } cases[] = {
        {"contextual_linear", "linucb,lints", "churn_every", 50},
        {"contextual_logistic", "logistic_ts", NULL, 0},
        {"cascade", "cascade_ts,cascade_ucb1", NULL, 0},
        {"pbm", "topk_position_ts", NULL, 0},
        {"pricing", "price_ts", NULL, 0},
        {"knapsack", "ucb_bwk,bwk_primal_dual", NULL, 0},
        {"delayed", "ts", "delay_mean", 0},
        {"bernoulli", "ucb1,ts,klucb", "churn_every", 30},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct bench_spec *s = make(cases[i].workload, 10, 2000, 2, cases[i].policies);
        if (cases[i].key)
            bench_spec_set_param(s, cases[i].key, cases[i].value);
        struct bench_results plain, queued, explicit_;
        run_ok(s, &plain, 1);
        bench_spec_set_param(s, "batch", 1);
        bench_spec_set_param(s, "delay_mean", 0);
        bench_spec_set_param(s, "window", 0);
        run_ok(s, &explicit_, 1);
        assert_same_results(&plain, &explicit_);
        bench_spec_set_param(s, "delay_mean", 1e-9);
        bench_spec_set_param(s, "window", 5);
        run_ok(s, &queued, 1);
        assert_same_results(&plain, &queued);
        bench_results_release(&plain);
        bench_results_release(&explicit_);
        bench_results_release(&queued);
        bench_spec_free(s);
    }
}

/* ---- budgets ---- */

/* Costs are realised at the play: with delayed, batched and censored
 * feedback the budget left each round, the rounds played and the costs
 * that come back are those of immediate feedback (the probe's plays do
 * not depend on its feedback, and costs come from per-arm streams). */
static void test_budget_is_spent_at_the_play_whatever_the_delay(void **state)
{
    const long long T = 4000;
    struct bench_spec *s = make("knapsack", 6, T, 1, "uniform");
    probe_begin(T, 6, 0, 0, 1);
    run_probe(s);
    double *left = calloc((size_t)T + 1, sizeof(double));
    double *cost = calloc((size_t)T + 1, sizeof(double));
    long long played = 0;   /* rounds with a play: a prefix */
    for (long long t = 1; t <= T; t++) {
        left[t] = P.budget_left[t];
        cost[t] = P.cost[t];
        played += P.budget_left[t] >= 1.0;
    }
    assert_true(played < T);   /* the budget runs out: the test bites */
    assert_true(left[played] < left[1]);
    probe_end();
    bench_spec_set_param(s, "delay_mean", 80);
    bench_spec_set_param(s, "batch", 7);
    bench_spec_set_param(s, "window", 100);
    probe_begin(T, 6, 0, 0, 7);
    run_probe(s);
    assert_int_equal(P.violations, 0);
    long long delivered = 0;
    for (long long t = 1; t <= played; t++) {
        assert_memory_equal(&P.budget_left[t], &left[t], sizeof(double));
        if (P.delivered[t]) {
            assert_memory_equal(&P.cost[t], &cost[t], sizeof(double));
            delivered++;
        }
    }
    assert_true(delivered > played / 2);
    probe_end();
    free(left);
    free(cost);
    bench_spec_free(s);
}

/* ---- batches on lists ---- */

/* The first batch boundary (rounds B+1, 2B+1, ...) at or after round a. */
static long long boundary(long long a, long long b)
{
    return ((a - 2) / b + 1) * b + 1;
}

static void test_batch_on_a_slate_workload_delivers_at_batch_boundaries(void **state)
{
    const long long T = 1000, B = 25;
    struct bench_spec *s = make("cascade", 8, T, 1, "uniform");
    bench_spec_set_param(s, "positions", 3);
    bench_spec_set_param(s, "best", 0.5);
    bench_spec_set_param(s, "batch", (double)B);
    probe_begin(T, 8, 3, 0, B);
    run_probe(s);
    assert_int_equal(P.violations, 0);   /* lists and clicks as shown, at boundaries */
    long long clicks = 0;
    for (long long t = 1; t <= T; t++) {
        long long b = boundary(t + 1, B);
        assert_int_equal(P.delivered[t], b <= T);
        if (b <= T)
            assert_int_equal(P.t_now[t], b);
        clicks += P.raw[t] > 0;
    }
    assert_true(clicks > 100);
    probe_end();
    /* with geometric delays on top: still only at boundaries, still the lists shown */
    bench_spec_set_string(&s->workload, "pbm");
    bench_spec_set_param(s, "delay_mean", 12);
    bench_spec_set_param(s, "window", 30);
    probe_begin(T, 8, 3, 0, B);
    run_probe(s);
    assert_int_equal(P.violations, 0);
    long long delivered = 0;
    for (long long t = 1; t <= T; t++) {
        assert_true(P.delivered[t] <= 1);
        if (P.delivered[t])
            assert_true(P.t_now[t] <= boundary(t + 1 + 30, B));
        delivered += P.delivered[t];
    }
    assert_true(delivered > T - 3 * B);
    probe_end();
    bench_spec_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* censoring by an attribution window */
        cmocka_unit_test(test_window_censors_the_closed_form_share_of_geometric_delays),
        cmocka_unit_test(test_window_censors_a_fixed_delay_all_or_nothing),
        /* replaced slots */
        cmocka_unit_test(test_stale_feedback_of_a_replaced_slot_is_dropped),
        cmocka_unit_test(test_replaced_slots_reach_the_policy_in_every_loop),
        cmocka_unit_test(test_a_list_in_flight_is_dropped_whole_when_any_slot_is_replaced),
        /* composition: feedback parts on every kind */
        cmocka_unit_test(test_zero_delay_through_the_queue_is_immediate_feedback),
        cmocka_unit_test(test_batch_on_a_slate_workload_delivers_at_batch_boundaries),
        cmocka_unit_test(test_budget_is_spent_at_the_play_whatever_the_delay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
