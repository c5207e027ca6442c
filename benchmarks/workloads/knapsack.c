/*
 * knapsack: bandits with knapsacks, Badanidiyuru, Kleinberg & Slivkins
 * (2013), "Bandits with knapsacks", FOCS (J. ACM 65(3), 2018), with one
 * resource besides time: arm i pays Bernoulli(mu_i) (a conversion) and
 * costs Bernoulli(c_i) (a coupon redeemed, a unit of budget), both unknown
 * to the policy; the run stops playing when less than one unit of the
 * budget B = budget_fraction x horizon remains.
 * Rewards mu: the base means (best/gap/worst, or `means`), shuffled per
 * seed (stream 1); costs c_i uniform in [cost_min, 1] per seed from their
 * own stream (WL_COST_STREAM), so a cost is independent of the arm's
 * mean and of its position after the shuffle (budget_common.h lists the
 * streams).
 * Benchmark: the best fixed mixture of arms, the LP of their section 3,
 * OPT_LP / T = max sum_i x_i mu_i s.t. sum_i x_i c_i <= B / T, sum_i x_i
 * <= 1, x >= 0, solved exactly per seed (an optimum uses at most two
 * arms: O(k^2)). The per-round regret is OPT_LP / T - mu_{a_t} while the
 * budget lasts and OPT_LP / T afterwards.
 * Arm i's rewards come from stream 1024 + i, its realised costs from
 * 1024 + k + i.
 */
#include <math.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"
#include "benchmarks/workloads/budget_common.h"

struct knap_state {
    int k;
    double *mu, *cost;           /* k each */
    struct rng *reward_rng, *cost_rng;   /* k each */
    double lp;                   /* OPT_LP / T */
};

static size_t knap_size(const struct wl_config *cfg)
{
    return sizeof(struct knap_state) +
           (size_t)cfg->k * (2 * sizeof(struct rng) + 2 * sizeof(double));
}

static void knap_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    struct knap_state *st = state;
    st->k = cfg->k;
    st->reward_rng = (struct rng *)(st + 1);
    st->cost_rng = st->reward_rng + st->k;
    st->mu = (double *)(st->cost_rng + st->k);
    st->cost = st->mu + st->k;
    for (int i = 0; i < st->k; i++) {
        st->mu[i] = cfg->means[i];
        wl_arm_stream(&st->reward_rng[i], seed, i);
        wl_arm_stream(&st->cost_rng[i], seed, st->k + i);
    }
    if (cfg->shuffle)
        wl_shuffle(st->mu, st->k, seed);
    wl_knap_draw_costs(st->cost, st->k, wl_value(cfg, "cost_min"), seed);
    st->lp = pol_bwk_lp(st->mu, st->cost, st->k, cfg->budget / (double)cfg->horizon, NULL, NULL, NULL);
}

void wl_knap_draw_costs(double *cost, int k, double cost_min, const struct wl_seed *seed)
{
    struct rng r;
    rng_stream(&r, seed->key, WL_COST_STREAM);
    for (int i = 0; i < k; i++)
        cost[i] = cost_min + (1 - cost_min) * rng_uniform(&r);
}

static long long knap_advance(void *state, long long t, struct wl_arms *arms)
{
    return WL_NEVER;
}

static void knap_round(void *state, long long t, struct bench_round *round,
                       struct wl_arms *arms)
{
    struct knap_state *st = state;
    arms->means = st->mu;
    arms->best = st->lp;
    arms->best_arm = 0;
}

static double knap_pull(void *state, int arm)
{
    struct knap_state *st = state;
    return rng_uniform(&st->reward_rng[arm]) < st->mu[arm] ? 1.0 : 0.0;
}

static double knap_cost(void *state, int arm, double reward)
{
    struct knap_state *st = state;
    return rng_uniform(&st->cost_rng[arm]) < st->cost[arm] ? 1.0 : 0.0;
}

static int knap_configure(struct wl_config *cfg, const struct bench_spec *s, struct diag_list *diags)
{
    double f = wl_value(cfg, "budget_fraction"), cmin = wl_value(cfg, "cost_min");
    if (!(f > 0 && f <= 1)) {
        wl_param_error(s, "budget_fraction", diags,
                       "parameter 'budget_fraction' must be in (0, 1], not %g", f);
        return -1;
    }
    if (!(cmin >= 0 && cmin <= 1)) {
        wl_param_error(s, "cost_min", diags, "parameter 'cost_min' must be in [0, 1], not %g",
                       cmin);
        return -1;
    }
    for (int i = 0; i < cfg->k; i++)
        if (!(cfg->means[i] >= 0 && cfg->means[i] <= 1)) {
            wl_param_error(s, "best", diags, "arm mean %g of a knapsack workload is outside [0, 1]",
                           cfg->means[i]);
            return -1;
        }
    cfg->budget = fmax(1.0, floor(f * (double)cfg->horizon));
    return 0;
}

static const struct wl_param knap_params[] = {
    {"best", 0.5, "conversion rate of the best arm"},
    {"gap", NAN, "if set, every other arm has best - gap"},
    {"worst", 0.05, "without gap: rates log-spaced from best down to worst"},
    {"budget_fraction", 0.25, "budget B as a share of the horizon (each pull costs 0 or 1)"},
    {"cost_min", 0.1, "costs are uniform in [cost_min, 1] per seed"},
    {NULL, 0, NULL},
};

const struct wl_type wl_knapsack = {
    .name = "knapsack",
    .summary = "bandits with knapsacks: Bernoulli rewards and costs against a budget (LP benchmark)",
    .params = knap_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_KNAPSACK,
    .binary = true,
    .configure = knap_configure,
    .state_size = knap_size,
    .init = knap_init,
    .advance = knap_advance,
    .pull = knap_pull,
    .round = knap_round,
    .cost = knap_cost,
};
