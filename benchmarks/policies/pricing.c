/*
 * Pricing policies on a price grid (round->arm_values; all 1 without
 * them). A purchase is a reward > 0; the revenue is price x purchase.
 *
 * price_ucb   UCB on the purchase probability, scaled by the price: index
 *             p_i min(1, d^_i + sqrt(2 ln t / n_i)) (UCB1 of Auer et al.
 *             2002 on the demand, as in the discretised-price bandits of
 *             Kleinberg & Leighton 2003, and the price-scaled bound of
 *             Misra, Schwartz & Abernethy 2019, "Dynamic online pricing
 *             with incomplete information using multiarmed bandit
 *             experiments", Marketing Science, section 3).
 * price_ts    Thompson sampling on the demand at each price, Ferreira,
 *             Simchi-Levi & Wang (2018), "Online network revenue
 *             management using Thompson sampling", Operations Research,
 *             Algorithm 1 without inventory: theta_i ~ Beta(1 + sales, 1 +
 *             no-sales), play argmax p_i theta_i.
 * demand_ts   parametric demand learning with Thompson sampling: a
 *             logistic demand d(p) = sigma(alpha + beta p / p_max) with a
 *             Gaussian (Laplace) posterior on (alpha, beta), updated by one
 *             online Newton step per visitor (H += sigma' x x^T, m += H^{-1}
 *             x (y - sigma(x^T m)), x = (1, p / p_max)); each round a draw
 *             from N(m, H^{-1}) and the price maximising p d(p) under it
 *             (Chapelle & Li 2011's Laplace TS on the demand model; Broder
 *             & Rusmevichientong 2012 for parametric demand learning).
 *             Shared across prices, it learns from every sale.
 * Catalogue churn (round->replaced): the price grid is the policy's arms
 * and is read once, at the first round with prices. price_ucb and price_ts
 * model the demand at each price on its own (a Bernoulli purchase
 * probability per arm: Kleinberg & Leighton 2003, section 3; Ferreira et
 * al. 2018, section 3.1), so a replaced slot is a new product at that
 * price with unknown demand: its visitors and sales go back to 0 (index
 * infinite, posterior Beta(1, 1)). demand_ts resets the same counts (which
 * it does not use) and keeps its demand curve: the logistic model d(p) is
 * over the price alone, shared by every arm, so it holds for the new item
 * at its price as it did for the old one.
 */
#include <math.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"

struct price_pol {
    int k, kind;
    bool have_prices;
    double pmax;
    double *price, *n, *s;       /* k each */
    double m[2], h[4];           /* demand_ts: mean and precision (2 x 2) */
};

enum { P_UCB, P_TS, P_DEMAND };

static size_t pp_size(const struct pol_config *cfg)
{
    return sizeof(struct price_pol) + 3 * (size_t)cfg->k * sizeof(double);
}

static void pp_init(struct price_pol *st, const struct pol_config *cfg, int kind)
{
    st->k = cfg->k;
    st->kind = kind;
    st->price = (double *)(st + 1);
    st->n = st->price + st->k;
    st->s = st->n + st->k;
    for (int i = 0; i < st->k; i++)
        st->price[i] = 1.0;
    st->pmax = 1.0;
    st->h[0] = st->h[3] = 1.0;   /* prior N(0, I) on (alpha, beta) */
}

static void init_ucb(void *s, const struct pol_config *c) { pp_init(s, c, P_UCB); }
static void init_ts(void *s, const struct pol_config *c) { pp_init(s, c, P_TS); }
static void init_demand(void *s, const struct pol_config *c) { pp_init(s, c, P_DEMAND); }

static void see_prices(struct price_pol *st, const struct bench_round *round)
{
    if (st->have_prices || !round->arm_values)
        return;
    memcpy(st->price, round->arm_values, (size_t)st->k * sizeof(double));
    st->pmax = 0;
    for (int i = 0; i < st->k; i++)
        st->pmax = fmax(st->pmax, st->price[i]);
    st->have_prices = true;
}

static double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

static int pp_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct price_pol *st = state;
    see_prices(st, round);
    for (int i = 0; i < round->n_replaced; i++) {   /* a new item: see the top comment */
        int a = round->replaced[i];
        st->n[a] = st->s[a] = 0.0;
    }
    double a = 0, b = 0;
    if (st->kind == P_DEMAND) {   /* (a, b) ~ N(m, H^{-1}) via the 2 x 2 Cholesky of H */
        double l11 = sqrt(st->h[0]), l21 = st->h[2] / l11;
        double l22 = sqrt(fmax(st->h[3] - l21 * l21, 1e-12));
        double z1 = rng_normal(rng), z2 = rng_normal(rng);
        double y2 = z2 / l22, y1 = (z1 - l21 * y2) / l11;   /* L^T y = z */
        a = st->m[0] + y1;
        b = st->m[1] + y2;
    }
    double lt = log((double)(round->t > 1 ? round->t : 1));
    int best = 0;
    double best_v = -INFINITY;
    for (int i = 0; i < st->k; i++) {
        double v;
        if (st->kind == P_DEMAND)
            v = st->price[i] * sigmoid(a + b * st->price[i] / st->pmax);
        else if (st->kind == P_TS)
            v = st->price[i] * rng_beta(rng, 1 + st->s[i], 1 + st->n[i] - st->s[i]);
        else
            v = st->n[i] == 0 ? INFINITY
                              : st->price[i] * fmin(1.0, st->s[i] / st->n[i] +
                                                             sqrt(2 * lt / st->n[i]));
        if (v > best_v) {
            best_v = v;
            best = i;
        }
    }
    return best;
}

static void pp_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct price_pol *st = state;
    double y = fb->raw > 0 ? 1.0 : 0.0;
    st->n[fb->arm] += 1;
    st->s[fb->arm] += y;
    if (st->kind != P_DEMAND)
        return;
    double x0 = 1.0, x1 = st->price[fb->arm] / st->pmax;
    double p = sigmoid(st->m[0] * x0 + st->m[1] * x1), w = p * (1 - p);
    st->h[0] += w * x0 * x0;
    st->h[1] += w * x0 * x1;
    st->h[2] += w * x0 * x1;
    st->h[3] += w * x1 * x1;
    double det = st->h[0] * st->h[3] - st->h[1] * st->h[2], g = y - p;
    st->m[0] += g * (st->h[3] * x0 - st->h[1] * x1) / det;
    st->m[1] += g * (-st->h[2] * x0 + st->h[0] * x1) / det;
}

const struct pol_type pol_price_ucb = {
    .name = "price_ucb",
    .title = "discretised-price UCB on demand x price (Kleinberg & Leighton 2003; Misra et al. 2019)",
    .flags = POL_PRICING,
    .state_size = pp_size,
    .init = init_ucb,
    .select = pp_select,
    .update = pp_update,
};

const struct pol_type pol_price_ts = {
    .name = "price_ts",
    .title = "discretised-price Thompson sampling (Ferreira, Simchi-Levi & Wang 2018)",
    .flags = POL_RANDOMISED | POL_PRICING,
    .baseline_on = WL_KIND_PRICING,
    .tier = POL_TIER_SPECIALIST,
    .state_size = pp_size,
    .init = init_ts,
    .select = pp_select,
    .update = pp_update,
};

const struct pol_type pol_demand_ts = {
    .name = "demand_ts",
    .title = "parametric (logistic) demand-learning Thompson sampling, Laplace posterior",
    .flags = POL_RANDOMISED | POL_PRICING,
    .state_size = pp_size,
    .init = init_demand,
    .select = pp_select,
    .update = pp_update,
};
