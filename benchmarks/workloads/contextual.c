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
 * Catalogue churn: every `churn_every` rounds (0: never) one slot chosen
 * at random retires its item and a new one appears, known only by its
 * features (a cold start); the round lists the slot in round->replaced.
 * Per seed: theta and the items come from stream 1, users from stream 3,
 * churn from stream 4, and arm a's noise from stream 1024 + a, so every
 * policy of a seed sees the same users and items (common random numbers).
 * Up to 10,000 arms; O(k d) memory and O(k d) work per round.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"

struct ctx_state {
    int k, d;
    bool logistic;
    double noise, base, spread, scale;
    long long churn_every;
    double *theta;               /* d */
    double *w;                   /* k x d: theta (.) v_a */
    double *v;                   /* k x d item features */
    double *x;                   /* k x d arm features of this round */
    double *u;                   /* d user features of this round */
    double *means;               /* k */
    struct rng item_rng, user_rng, churn_rng;
    struct rng *arm_rng;         /* k */
    int replaced;
};

static size_t ctx_size(const struct wl_config *cfg)
{
    size_t k = (size_t)cfg->k, d = (size_t)cfg->dim;
    return sizeof(struct ctx_state) + k * sizeof(struct rng) +
           (d + 3 * k * d + d + k) * sizeof(double);
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
    st->arm_rng = (struct rng *)(st + 1);
    st->theta = (double *)(st->arm_rng + k);
    st->w = st->theta + d;
    st->v = st->w + k * d;
    st->x = st->v + k * d;
    st->u = st->x + k * d;
    st->means = st->u + d;
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
    if (st->churn_every > 0 && t % st->churn_every == 0) {
        st->replaced = (int)rng_below(&st->churn_rng, (uint64_t)st->k);
        draw_item(st, st->replaced);
        round->replaced = &st->replaced;
        round->n_replaced = 1;
    }
    st->u[0] = 1.0;
    for (int j = 1; j < d; j++)
        st->u[j] = rng_normal(&st->user_rng);
    int best = 0;
    for (int a = 0; a < st->k; a++) {
        const double *v = st->v + (size_t)a * (size_t)d, *w = st->w + (size_t)a * (size_t)d;
        double *x = st->x + (size_t)a * (size_t)d;
        double eta = 0.0;
        for (int j = 0; j < d; j++) {
            x[j] = st->u[j] * v[j];
            eta += w[j] * st->u[j];
        }
        st->means[a] = st->logistic ? 1.0 / (1.0 + exp(-eta)) : eta;
        if (st->means[a] > st->means[best])
            best = a;
    }
    round->context = st->u;
    round->dim = d;
    round->arm_features = st->x;
    arms->means = st->means;
    arms->best = st->means[best];
    arms->best_arm = best;
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
    cfg->dim = (int)dim;
    cfg->stationary = false;
    return wl_require_immediate(cfg, s, diags);
}

static const struct wl_param linear_params[] = {
    {"dim", 10, "feature dimension d (user and item), >= 2; feature 0 is the item's own appeal"},
    {"base", 0.5, "mean item appeal (the expected reward of an average user)"},
    {"spread", 0.2, "item appeals spread uniformly over base +- spread / 2"},
    {"noise", 0.1, "standard deviation of the Gaussian reward noise"},
    {"scale", 0.5, "size of the personal (user x item) effect"},
    {"churn_every", 0, "every N rounds one item retires and a new one appears (0: never)"},
    {NULL, 0, NULL},
};

static const struct wl_param logistic_params[] = {
    {"dim", 10, "feature dimension d (user and item), >= 2; feature 0 is the item's own appeal"},
    {"base", -2, "mean item appeal on the logit scale (-2: CTR about 12%)"},
    {"spread", 1, "item appeals spread uniformly over base +- spread / 2"},
    {"scale", 1.5, "size of the personal (user x item) effect on the logit scale"},
    {"churn_every", 0, "every N rounds one item retires and a new one appears (0: never)"},
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
};
