/*
 * Contextual workloads: a user arrives with features, each item (arm) has
 * features, and the click model is linear or logistic in their product.
 *
 *   contextual_linear    r = x_{t,a}^T theta + eps, eps ~ N(0, noise^2):
 *                        the linear payoff model of Li, Chu, Langford &
 *                        Schapire (2010), "A contextual-bandit approach to
 *                        personalized news article recommendation", WWW,
 *                        eq. (2);
 *   contextual_logistic  r ~ Bernoulli(sigma(x_{t,a}^T theta)): the
 *                        logistic click model of Chapelle & Li (2011),
 *                        section 4 (display advertising), and of Filippi et
 *                        al. (2010).
 * Features (dimension d = `dim`): the user u_t has u_0 = 1 and u_j ~ N(0, 1)
 * for j >= 1, drawn afresh each round; item a has v_a0 = base + spread (U -
 * 1/2) (its own appeal) and v_aj ~ N(0, 1 / (d - 1)); the arm features are
 * the user x item interaction x_{t,a} = u_t (.) v_a (elementwise), and
 * theta = (1, scale w) with w a uniformly random unit vector. So the mean
 * of arm a is v_a0 + scale sum_j w_j u_j v_aj: a per-item bias plus a
 * personal effect. This one model is exact for both views the policies
 * take: a shared theta over the arm features (LinTS, GLM-UCB, the ridge
 * policies), and one parameter per arm, theta (.) v_a, over the user
 * features u_t (disjoint LinUCB).
 * Catalogue churn: every `churn_every` rounds (0: never), and besides
 * each round with probability `churn` (0: never; the names and meanings of
 * the Bernoulli workloads' churn), one slot chosen at random retires its
 * item and a new one appears, known only by its
 * features (a cold start); the round lists the slot in round->replaced.
 * Drift (`amplitude` A > 0): item a's appeal moves by A (spread / 2)
 * sin(2 pi t / P + 2 pi a / K), P = `period` (horizon / 4 when unset),
 * hidden from the features, so the policies must track it: the drift
 * workload's seasonal swing (nonstationary.c) on the appeal scale.
 * Budget (`budget_fraction` > 0): contextual bandits with knapsacks
 * (Badanidiyuru, Langford & Slivkins 2014, "Resourceful contextual
 * bandits", COLT; Agrawal & Devanur 2016, "Linear contextual bandits with
 * knapsacks", NeurIPS): each pull of arm a also costs Bernoulli(c_a), c_a ~
 * U[cost_min, 1] per seed as in the knapsack workload, against B =
 * budget_fraction x horizon; the run stops playing when less than 1 is
 * left. The benchmark is the best fixed policy of the LP: a map from
 * contexts to arms, played for a share q of the rounds,
 *   OPT / T = max E_x[sum_a y_a(x) mu_a(x)] s.t. E_x[sum_a y_a(x) c_a] <=
 *   B / T, sum_a y_a(x) = q <= 1,
 * whose dual is min_{lambda >= 0} lambda B / T + max(0, E_x[max_a (mu_a(x)
 * - lambda c_a)]) (Lagrangian duality of the LP; with one context it is
 * the knapsack LP with its null arm). The expectation is over
 * lp_samples(k) users drawn from their own stream, the minimum found by
 * bisection on the subgradient; the sampling error shifts every policy's
 * regret of a seed by the same amount, so the paired verdict is exact.
 * Budgets need a fixed catalogue with fixed appeals (that LP is over
 * fixed items), so `budget_fraction` with churn or drift is refused.
 * Per seed: theta and the items come from stream 1, users from stream 3,
 * churn from stream 4, costs and the LP's users from the streams of
 * budget_common.h, arm a's noise from stream 1024 + a and its realised
 * costs from 1024 + k + a, so every policy of a seed sees the same users
 * and items (common random numbers).
 * Up to 10,000 arms; O(k d) memory and O(k d) work per round.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/policy.h"
#include "benchmarks/workload.h"
#include "benchmarks/workloads/budget_common.h"

static const double two_pi = 6.28318530717958647692;

struct ctx_state {
    int k, d;
    bool logistic;
    double noise, base, spread, scale;
    long long churn_every;
    double churn_p;
    double drift, omega;         /* A spread / 2, and 2 pi / P (drift) */
    double *cphi, *sphi, *offset;   /* k each: cos, sin of 2 pi a / K; this round's drift */
    double *theta;               /* d */
    double *w;                   /* k x d: theta (.) v_a */
    double *v;                   /* k x d item features */
    double *x;                   /* k x d arm features of this round */
    double *u;                   /* d user features of this round */
    double *means;               /* k */
    double *cost;                /* k cost means (budget) */
    double lp;                   /* OPT / T of the LP (budget) */
    bool budgeted;
    struct rng item_rng, user_rng, churn_rng;
    struct rng *arm_rng;         /* k */
    struct rng *cost_rng;        /* k (budget) */
    int replaced;
};

static size_t ctx_size(const struct wl_config *cfg)
{
    size_t k = (size_t)cfg->k, d = (size_t)cfg->dim;
    return sizeof(struct ctx_state) + 2 * k * sizeof(struct rng) +
           (d + 3 * k * d + d + 5 * k) * sizeof(double);
}

static void draw_item(struct ctx_state *st, int a)
{
    double *v = st->v + (size_t)a * (size_t)st->d, *w = st->w + (size_t)a * (size_t)st->d;
    v[0] = st->base + st->spread * (rng_uniform(&st->item_rng) - 0.5);
    double sd = 1.0 / sqrt((double)(st->d - 1));
    for (int j = 1; j < st->d; j++)
        v[j] = sd * rng_normal(&st->item_rng);
    for (int j = 0; j < st->d; j++)
        w[j] = st->theta[j] * v[j];
}

/* The expected rewards of every item for one user u (u_0 = 1), with the
 * appeals moved by offset (k, or NULL: none). */
static void ctx_means(const struct ctx_state *st, const double *u, const double *offset,
                      double *means)
{
    for (int a = 0; a < st->k; a++) {
        const double *w = st->w + (size_t)a * (size_t)st->d;
        double eta = offset ? offset[a] : 0.0;
        for (int j = 0; j < st->d; j++)
            eta += w[j] * u[j];
        means[a] = st->logistic ? 1.0 / (1.0 + exp(-eta)) : eta;
    }
}

/* Users sampled for the LP: about 2^19 item evaluations, 256 to 2048 users. */
static int lp_samples(int k)
{
    int n = (1 << 19) / k;
    return n < 256 ? 256 : n > 2048 ? 2048 : n;
}

/* E_x[max_a (mu_a(x) - lambda c_a)] over the n sampled users (mu: n x k),
 * and in *spend the mean cost of the maximising arms. */
static double lp_dual_inner(const double *mu, int n, int k, const double *c, double lambda,
                            double *spend)
{
    double g = 0.0, used = 0.0;
    for (int i = 0; i < n; i++) {
        const double *m = mu + (size_t)i * (size_t)k;
        int best = 0;
        double v = m[0] - lambda * c[0];
        for (int a = 1; a < k; a++)
            if (m[a] - lambda * c[a] > v) {
                v = m[a] - lambda * c[a];
                best = a;
            }
        g += v;
        used += c[best];
    }
    *spend = used / n;
    return g / n;
}

/* OPT / T by the dual in the top comment: h(lambda) = lambda rho + max(0,
 * g(lambda)) is convex, with subgradient rho - spend while g > 0 and rho
 * once g <= 0; bisection on its sign. */
static double ctx_lp(struct ctx_state *st, const struct wl_seed *seed, double rho)
{
    const int n = lp_samples(st->k), k = st->k, d = st->d;
    double *mu = xmalloc((size_t)n * (size_t)k * sizeof(double));
    double *u = xmalloc((size_t)d * sizeof(double));
    struct rng r;
    rng_stream(&r, seed->key, WL_LP_STREAM);
    for (int i = 0; i < n; i++) {
        u[0] = 1.0;
        for (int j = 1; j < d; j++)
            u[j] = rng_normal(&r);
        ctx_means(st, u, NULL, mu + (size_t)i * (size_t)k);
    }
    double spend, g = lp_dual_inner(mu, n, k, st->cost, 0.0, &spend);
    double opt = fmax(0.0, g);   /* lambda = 0: the budget does not bind */
    if (g > 0 && spend > rho) {
        double lo = 0.0, hi = 1.0;
        for (int it = 0; it < 60; it++) {   /* grow hi until the subgradient is >= 0 there */
            g = lp_dual_inner(mu, n, k, st->cost, hi, &spend);
            if (g <= 0 || spend <= rho)
                break;
            lo = hi;
            hi *= 2;
        }
        for (int it = 0; it < 60; it++) {
            double mid = 0.5 * (lo + hi);
            g = lp_dual_inner(mu, n, k, st->cost, mid, &spend);
            if (g > 0 && spend > rho)
                lo = mid;
            else
                hi = mid;
        }
        g = lp_dual_inner(mu, n, k, st->cost, hi, &spend);
        opt = hi * rho + fmax(0.0, g);
    }
    free(mu);
    free(u);
    return opt;
}

static void ctx_init_common(void *state, const struct wl_config *cfg, const struct wl_seed *seed,
                            bool logistic)
{
    struct ctx_state *st = state;
    size_t k = (size_t)cfg->k, d = (size_t)cfg->dim;
    st->k = cfg->k;
    st->d = cfg->dim;
    st->logistic = logistic;
    st->noise = logistic ? 0 : wl_value(cfg, "noise");
    st->base = wl_value(cfg, "base");
    st->spread = wl_value(cfg, "spread");
    st->scale = wl_value(cfg, "scale");
    st->churn_every = (long long)wl_value(cfg, "churn_every");
    st->churn_p = wl_value(cfg, "churn");
    double period = wl_value(cfg, "period");
    st->drift = wl_value(cfg, "amplitude") * st->spread / 2;
    st->omega = two_pi / (isnan(period) ? fmax(2.0, (double)cfg->horizon / 4.0) : period);
    st->arm_rng = (struct rng *)(st + 1);
    st->cost_rng = st->arm_rng + k;
    st->theta = (double *)(st->cost_rng + k);
    st->w = st->theta + d;
    st->v = st->w + k * d;
    st->x = st->v + k * d;
    st->u = st->x + k * d;
    st->means = st->u + d;
    st->cost = st->means + k;
    st->cphi = st->cost + k;
    st->sphi = st->cphi + k;
    st->offset = st->sphi + k;
    for (size_t a = 0; a < k; a++) {
        st->cphi[a] = cos(two_pi * (double)a / (double)k);
        st->sphi[a] = sin(two_pi * (double)a / (double)k);
    }
    rng_stream(&st->item_rng, seed->key, 1);
    rng_stream(&st->user_rng, seed->key, 3);
    rng_stream(&st->churn_rng, seed->key, 4);
    double norm = 0;
    for (size_t j = 1; j < d; j++) {
        st->theta[j] = rng_normal(&st->item_rng);
        norm += st->theta[j] * st->theta[j];
    }
    norm = sqrt(norm);
    st->theta[0] = 1.0;
    for (size_t j = 1; j < d; j++)
        st->theta[j] *= st->scale / (norm > 0 ? norm : 1);
    for (int a = 0; a < st->k; a++) {
        draw_item(st, a);
        wl_arm_stream(&st->arm_rng[a], seed, a);
    }
    st->budgeted = cfg->budget > 0;
    if (st->budgeted) {
        wl_knap_draw_costs(st->cost, st->k, wl_value(cfg, "cost_min"), seed);
        for (int a = 0; a < st->k; a++)
            wl_arm_stream(&st->cost_rng[a], seed, st->k + a);
        st->lp = ctx_lp(st, seed, cfg->budget / (double)cfg->horizon);
    }
}

static void ctx_linear_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    ctx_init_common(state, cfg, seed, false);
}

static void ctx_logistic_init(void *state, const struct wl_config *cfg,
                              const struct wl_seed *seed)
{
    ctx_init_common(state, cfg, seed, true);
}

static long long ctx_advance(void *state, long long t, struct wl_arms *arms)
{
    return WL_NEVER;   /* the round hook does the work */
}

static void ctx_round(void *state, long long t, struct bench_round *round, struct wl_arms *arms)
{
    struct ctx_state *st = state;
    const int d = st->d;
    round->n_replaced = 0;
    if ((st->churn_every > 0 && t % st->churn_every == 0) ||
        (st->churn_p > 0 && rng_uniform(&st->churn_rng) < st->churn_p)) {
        st->replaced = (int)rng_below(&st->churn_rng, (uint64_t)st->k);
        draw_item(st, st->replaced);
        round->replaced = &st->replaced;
        round->n_replaced = 1;
    }
    st->u[0] = 1.0;
    for (int j = 1; j < d; j++)
        st->u[j] = rng_normal(&st->user_rng);
    int best = 0;
    if (st->drift > 0) {   /* sin(wt + phi_a) = sin wt cos phi_a + cos wt sin phi_a */
        double swt = sin(st->omega * (double)t), cwt = cos(st->omega * (double)t);
        for (int a = 0; a < st->k; a++)
            st->offset[a] = st->drift * (swt * st->cphi[a] + cwt * st->sphi[a]);
    }
    ctx_means(st, st->u, st->drift > 0 ? st->offset : NULL, st->means);
    for (int a = 0; a < st->k; a++) {
        const double *v = st->v + (size_t)a * (size_t)d;
        double *x = st->x + (size_t)a * (size_t)d;
        for (int j = 0; j < d; j++)
            x[j] = st->u[j] * v[j];
        if (st->means[a] > st->means[best])
            best = a;
    }
    round->context = st->u;
    round->dim = d;
    round->arm_features = st->x;
    arms->means = st->means;
    arms->best = st->budgeted ? st->lp : st->means[best];   /* per round: the LP's value */
    arms->best_arm = best;
}

static double ctx_cost(void *state, int arm, double reward)
{
    struct ctx_state *st = state;
    return st->budgeted && rng_uniform(&st->cost_rng[arm]) < st->cost[arm] ? 1.0 : 0.0;
}

static double ctx_pull(void *state, int arm)
{
    struct ctx_state *st = state;
    if (st->logistic)
        return rng_uniform(&st->arm_rng[arm]) < st->means[arm] ? 1.0 : 0.0;
    return st->means[arm] + st->noise * rng_normal(&st->arm_rng[arm]);
}

extern const struct wl_type wl_contextual_linear;

static int ctx_configure(struct wl_config *cfg, const struct bench_spec *s, struct diag_list *diags)
{
    double dim = wl_value(cfg, "dim"), churn = wl_value(cfg, "churn_every");
    if (!(dim >= 2 && dim <= 64 && dim == floor(dim))) {
        wl_param_error(s, "dim", diags, "parameter 'dim' must be a whole number in [2, 64], not %g",
                       dim);
        return -1;
    }
    if (!(churn >= 0 && churn == floor(churn))) {
        wl_param_error(s, "churn_every", diags,
                       "parameter 'churn_every' must be a whole number >= 0, not %g", churn);
        return -1;
    }
    if (cfg->k > 10000) {
        diag_add(diags, DIAG_ERROR, s->file, s->line_workload, s->col_workload,
                 "workload '%s' takes at most 10000 arms, not %d", cfg->type->name, cfg->k);
        return -1;
    }
    if (cfg->type == &wl_contextual_linear && !(wl_value(cfg, "noise") >= 0)) {
        wl_param_error(s, "noise", diags, "parameter 'noise' must be >= 0, not %g",
                       wl_value(cfg, "noise"));
        return -1;
    }
    double f = wl_value(cfg, "budget_fraction"), cmin = wl_value(cfg, "cost_min");
    if (!(f >= 0 && f <= 1)) {
        wl_param_error(s, "budget_fraction", diags,
                       "parameter 'budget_fraction' must be in [0, 1] (0: no budget), not %g", f);
        return -1;
    }
    if (!(cmin >= 0 && cmin <= 1)) {
        wl_param_error(s, "cost_min", diags, "parameter 'cost_min' must be in [0, 1], not %g",
                       cmin);
        return -1;
    }
    double p = wl_value(cfg, "churn");
    if (!(p >= 0 && p <= 1)) {
        wl_param_error(s, "churn", diags, "parameter 'churn' must be in [0, 1], not %g", p);
        return -1;
    }
    double amp = wl_value(cfg, "amplitude"), period = wl_value(cfg, "period");
    if (!(amp >= 0 && isfinite(amp))) {
        wl_param_error(s, "amplitude", diags, "parameter 'amplitude' must be >= 0, not %g", amp);
        return -1;
    }
    if (!isnan(period) && !(period >= 2 && isfinite(period))) {
        wl_param_error(s, "period", diags, "parameter 'period' must be >= 2 rounds, not %g",
                       period);
        return -1;
    }
    if (f > 0 && (churn > 0 || p > 0 || amp > 0)) {
        const char *which = churn > 0 ? "churn_every" : p > 0 ? "churn" : "amplitude";
        wl_param_error(s, which, diags,
                       "workload '%s' cannot combine 'budget_fraction' with '%s' yet: the "
                       "budget's benchmark is the LP over a fixed catalogue, and %s",
                       cfg->type->name, which,
                       amp > 0 && which[0] == 'a' ? "drift moves its appeals"
                                                  : "churn replaces its items");
        return -1;
    }
    cfg->dim = (int)dim;
    cfg->stationary = false;
    cfg->budget = f > 0 ? fmax(1.0, floor(f * (double)cfg->horizon)) : 0;
    return 0;
}

static const struct wl_param linear_params[] = {
    {"dim", 10, "feature dimension d (user and item), >= 2; feature 0 is the item's own appeal"},
    {"base", 0.5, "mean item appeal (the expected reward of an average user)"},
    {"spread", 0.2, "item appeals spread uniformly over base +- spread / 2"},
    {"noise", 0.1, "standard deviation of the Gaussian reward noise"},
    {"scale", 0.5, "size of the personal (user x item) effect"},
    {"churn_every", 0, "every N rounds one item retires and a new one appears (0: never)"},
    {"churn", 0, "each round, with this probability, one item retires and a new one appears"},
    {"amplitude", 0, "drift: item appeals swing by amplitude x spread / 2 (0: none)"},
    {"period", NAN, "drift: rounds per swing (default horizon / 4)"},
    {"budget_fraction", 0, "budget B as a share of the horizon, a pull costs 0 or 1 (0: none)"},
    {"cost_min", 0.1, "with a budget: costs are uniform in [cost_min, 1] per seed"},
    {NULL, 0, NULL},
};

static const struct wl_param logistic_params[] = {
    {"dim", 10, "feature dimension d (user and item), >= 2; feature 0 is the item's own appeal"},
    {"base", -2, "mean item appeal on the logit scale (-2: CTR about 12%)"},
    {"spread", 1, "item appeals spread uniformly over base +- spread / 2"},
    {"scale", 1.5, "size of the personal (user x item) effect on the logit scale"},
    {"churn_every", 0, "every N rounds one item retires and a new one appears (0: never)"},
    {"churn", 0, "each round, with this probability, one item retires and a new one appears"},
    {"amplitude", 0, "drift: item appeals swing by amplitude x spread / 2 (0: none)"},
    {"period", NAN, "drift: rounds per swing (default horizon / 4)"},
    {"budget_fraction", 0, "budget B as a share of the horizon, a pull costs 0 or 1 (0: none)"},
    {"cost_min", 0.1, "with a budget: costs are uniform in [cost_min, 1] per seed"},
    {NULL, 0, NULL},
};

const struct wl_type wl_contextual_linear = {
    .name = "contextual_linear",
    .summary = "user x item features, linear rewards with Gaussian noise (LinUCB's model)",
    .params = linear_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_CONTEXTUAL,
    .binary = false,
    .configure = ctx_configure,
    .state_size = ctx_size,
    .init = ctx_linear_init,
    .advance = ctx_advance,
    .pull = ctx_pull,
    .round = ctx_round,
    .cost = ctx_cost,
};

const struct wl_type wl_contextual_logistic = {
    .name = "contextual_logistic",
    .summary = "user x item features, clicks with a logistic model (display ads)",
    .params = logistic_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_CONTEXTUAL,
    .binary = true,
    .configure = ctx_configure,
    .state_size = ctx_size,
    .init = ctx_logistic_init,
    .advance = ctx_advance,
    .pull = ctx_pull,
    .round = ctx_round,
    .cost = ctx_cost,
};
