/*
 * pricing: dynamic pricing on a grid of K prices (the arms), evenly
 * spaced from price_min to price_max (Kleinberg & Leighton 2003, "The
 * value of knowing a demand curve", FOCS: discretise, then run a bandit).
 * A visitor buys at price p with probability d(p), a demand curve whose
 * parameters the policies do not know:
 *   demand 0: linear, d(p) = a - b p clipped to [0, 1] (a 1, b 0.1);
 *   demand 1: logistic, d(p) = 1 / (1 + exp(-(a - b p))) (a 3, b 0.6);
 *   demand 2: constant elasticity, d(p) = min(1, a p^-b) (a 2, b 1.5).
 * The reward is the revenue p x purchase (Besbes & Zeevi 2009; Ferreira,
 * Simchi-Levi & Wang 2018); round->arm_values gives the prices.
 * Optional inventory I: each sale uses one unit and the run stops selling
 * when it is gone; the benchmark is then the best fixed price of the
 * fluid relaxation, max_i p_i min(d(p_i), I / T) per round (Besbes & Zeevi
 * 2009, section 3), and the regret charges it for every round.
 * Drift (`amplitude` A > 0): the price sensitivity swings, b(t) = b (1 + A
 * sin(2 pi t / P)), P = `period` (horizon / 4 when unset), so the best
 * price moves with the season (the drift workload's swing, nonstationary.c,
 * on the demand curve); the benchmark is then the best price of each
 * round. Inventory with drift is refused: the fluid benchmark assumes a
 * fixed curve.
 * Arm i's purchases come from stream 1024 + i.
 */
#include <math.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"

struct price_state {
    int k;
    double *price, *buy, *means; /* k each */
    struct rng *arm_rng;         /* k */
    double best;
    double kind, a, b;           /* the demand curve */
    double amplitude, omega;     /* drift: A and 2 pi / P */
};

static const double two_pi = 6.28318530717958647692;

static size_t price_size(const struct wl_config *cfg)
{
    return sizeof(struct price_state) + (size_t)cfg->k * (sizeof(struct rng) + 3 * sizeof(double));
}

static double demand(double kind, double a, double b, double p)
{
    if (kind == 0)
        return fmin(1.0, fmax(0.0, a - b * p));
    if (kind == 1)
        return 1.0 / (1.0 + exp(-(a - b * p)));
    return fmin(1.0, a * pow(p, -b));
}

static const double def_a[3] = {1, 3, 2}, def_b[3] = {0.1, 0.6, 1.5};

static void price_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    struct price_state *st = state;
    st->k = cfg->k;
    st->arm_rng = (struct rng *)(st + 1);
    st->price = (double *)(st->arm_rng + st->k);
    st->buy = st->price + st->k;
    st->means = st->buy + st->k;
    double kind = wl_value(cfg, "demand"), lo = wl_value(cfg, "price_min"),
           hi = wl_value(cfg, "price_max");
    double a = wl_value(cfg, "a"), b = wl_value(cfg, "b");
    a = isnan(a) ? def_a[(int)kind] : a;
    b = isnan(b) ? def_b[(int)kind] : b;
    double period = wl_value(cfg, "period");
    st->kind = kind;
    st->a = a;
    st->b = b;
    st->amplitude = wl_value(cfg, "amplitude");
    st->omega = two_pi / (isnan(period) ? fmax(2.0, (double)cfg->horizon / 4.0) : period);
    double cap = cfg->budget > 0 ? cfg->budget / (double)cfg->horizon : INFINITY;
    st->best = 0;
    for (int i = 0; i < st->k; i++) {
        st->price[i] = st->k > 1 ? lo + (hi - lo) * i / (st->k - 1) : lo;
        st->buy[i] = demand(kind, a, b, st->price[i]);
        st->means[i] = st->price[i] * st->buy[i];
        st->best = fmax(st->best, st->price[i] * fmin(st->buy[i], cap));
        wl_arm_stream(&st->arm_rng[i], seed, i);
    }
}

static long long price_advance(void *state, long long t, struct wl_arms *arms)
{
    return WL_NEVER;
}

static void price_round(void *state, long long t, struct bench_round *round,
                        struct wl_arms *arms)
{
    struct price_state *st = state;
    if (st->amplitude > 0) {   /* this round's curve and its best price */
        double b = st->b * (1 + st->amplitude * sin(st->omega * (double)t));
        st->best = 0;
        for (int i = 0; i < st->k; i++) {
            st->buy[i] = demand(st->kind, st->a, b, st->price[i]);
            st->means[i] = st->price[i] * st->buy[i];
            st->best = fmax(st->best, st->means[i]);
        }
    }
    round->arm_values = st->price;
    arms->means = st->means;
    arms->best = st->best;
    arms->best_arm = 0;
}

static double price_pull(void *state, int arm)
{
    struct price_state *st = state;
    return rng_uniform(&st->arm_rng[arm]) < st->buy[arm] ? st->price[arm] : 0.0;
}

static double price_cost(void *state, int arm, double reward)
{
    return reward > 0 ? 1.0 : 0.0;   /* one unit of inventory per sale */
}

static int price_configure(struct wl_config *cfg, const struct bench_spec *s, struct diag_list *diags)
{
    double kind = wl_value(cfg, "demand"), lo = wl_value(cfg, "price_min"),
           hi = wl_value(cfg, "price_max"), inv = wl_value(cfg, "inventory");
    if (kind != 0 && kind != 1 && kind != 2) {
        wl_param_error(s, "demand", diags,
                       "parameter 'demand' must be 0 (linear), 1 (logistic) or 2 (constant "
                       "elasticity), not %g", kind);
        return -1;
    }
    if (!(lo > 0 && hi >= lo && isfinite(hi))) {
        wl_param_error(s, "price_max", diags,
                       "prices must satisfy 0 < price_min <= price_max, not %g and %g", lo, hi);
        return -1;
    }
    if (!(inv >= 0)) {
        wl_param_error(s, "inventory", diags, "parameter 'inventory' must be >= 0, not %g", inv);
        return -1;
    }
    double amp = wl_value(cfg, "amplitude"), period = wl_value(cfg, "period");
    if (!(amp >= 0 && amp < 1)) {
        wl_param_error(s, "amplitude", diags, "parameter 'amplitude' must be in [0, 1), not %g",
                       amp);
        return -1;
    }
    if (!isnan(period) && !(period >= 2 && isfinite(period))) {
        wl_param_error(s, "period", diags, "parameter 'period' must be >= 2 rounds, not %g",
                       period);
        return -1;
    }
    if (inv > 0 && amp > 0) {
        wl_param_error(s, "amplitude", diags,
                       "workload 'pricing' cannot combine 'inventory' with 'amplitude' yet: the "
                       "inventory's benchmark is the fluid relaxation of one fixed demand curve, "
                       "and drift moves the curve");
        return -1;
    }
    cfg->stationary = amp == 0;
    cfg->lo = 0;
    cfg->hi = hi;
    cfg->budget = inv;
    return 0;
}

static const struct wl_param price_params[] = {
    {"price_min", 1, "the lowest price of the grid"},
    {"price_max", 10, "the highest price of the grid (arms = grid points)"},
    {"demand", 0, "demand curve: 0 linear, 1 logistic, 2 constant elasticity"},
    {"a", NAN, "demand parameter a (unset: 1, 3 or 2 for the three curves)"},
    {"b", NAN, "demand parameter b, the price sensitivity (unset: 0.1, 0.6 or 1.5)"},
    {"inventory", 0, "units to sell over the horizon (0: unlimited)"},
    {"amplitude", 0, "drift: the price sensitivity b swings by this share (0: none)"},
    {"period", NAN, "drift: rounds per swing (default horizon / 4)"},
    {NULL, 0, NULL},
};

const struct wl_type wl_pricing = {
    .name = "pricing",
    .summary = "dynamic pricing: revenue = price x purchase on a price grid, optional inventory",
    .params = price_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_PRICING,
    .binary = false,
    .configure = price_configure,
    .state_size = price_size,
    .init = price_init,
    .advance = price_advance,
    .pull = price_pull,
    .round = price_round,
    .cost = price_cost,
};
