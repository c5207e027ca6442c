/*
 * Ranking workloads: each round the policy shows a list of L = `positions`
 * distinct items (arms) out of K, and the user's clicks come back per
 * position. Item i has attraction probability w_i (the base means:
 * `means`, or best/gap, or best/worst log-spaced, shuffled per seed).
 *
 *   cascade  the cascade model of Craswell, Zoeter, Taylor & Ramsey (2008),
 *            "An experimental comparison of click position-bias models",
 *            WSDM, as the cascading bandit of Kveton, Szepesvari, Wen &
 *            Ashkan (2015), "Cascading bandits: learning to rank in the
 *            cascade model", ICML, section 2: the user scans the list from
 *            the top, clicks the first attractive item and leaves. Reward 1
 *            if some item is clicked: f(A, w) = 1 - prod_k (1 - w(a_k))
 *            (their eq. 1); the best list is the L most attractive items.
 *            Feedback: the click position C; items above C were examined
 *            and not attractive, items below C were not examined.
 *   pbm      the position-based model (Richardson, Dominowska & Ragno
 *            2007; Lagree, Vernade & Cappe 2016, "Multiple-play bandits in
 *            the position-based model", NIPS, section 2): position l is
 *            examined with probability kappa_l = (l + 1)^-kappa_decay,
 *            independently, and item i at l is clicked with probability
 *            kappa_l w_i. Reward: the number of clicks (normalised by L);
 *            the best list puts the items in decreasing w in the positions
 *            (kappa decreasing). The examination probabilities are known
 *            to the policies (round->position_weights), as in PBM-UCB.
 * Catalogue churn (the names and meanings of the Bernoulli workloads):
 * every `churn_every` rounds, and besides each round with probability
 * `churn`, one slot chosen at random gets a new item whose attraction is
 * one of the base attractions drawn at random (stream 4); the round lists
 * the slot in round->replaced and the best list is recomputed.
 * Regret is against the best list of the round: f(A*, w) - f(A_t, w).
 * Item i's clicks come from stream 1024 + i (common random numbers: its
 * n-th examination gives the same answer under every policy).
 */
#include <math.h>
#include <stdlib.h>

#include "base/xalloc.h"
#include "benchmarks/policy.h"
#include "benchmarks/stats.h"
#include "benchmarks/workload.h"
#include "benchmarks/workloads/bern_common.h"

struct slate_state {
    int k, l;
    bool cascade;
    double *w;                   /* k attractions, this seed's order */
    double *kappa;               /* l examination probabilities (pbm) */
    struct rng *item_rng;        /* k */
    struct rng exam_rng;         /* pbm: examinations */
    double best;                 /* the value of the best list */
    long long churn_every;
    double churn_p;
    struct rng churn_rng;
    const double *base;          /* k base attractions (cfg->means): new items' */
    double *sorted;              /* k scratch */
    int replaced;
};

static size_t slate_size(const struct wl_config *cfg)
{
    return sizeof(struct slate_state) +
           (size_t)cfg->k * (sizeof(struct rng) + 2 * sizeof(double)) +
           (size_t)cfg->slate_size * sizeof(double);
}

/* The value of the best list: the l largest w, in decreasing order. */
static void slate_best(struct slate_state *st)
{
    for (int i = 0; i < st->k; i++)
        st->sorted[i] = st->w[i];
    stats_sort(st->sorted, (size_t)st->k);   /* increasing: read from the end */
    double miss = 1.0, sum = 0.0;
    for (int l = 0; l < st->l; l++) {
        double w = st->sorted[st->k - 1 - l];
        miss *= 1.0 - w;
        sum += st->kappa[l] * w;
    }
    st->best = st->cascade ? 1.0 - miss : sum;
}

static void slate_init_common(void *state, const struct wl_config *cfg,
                              const struct wl_seed *seed, bool cascade)
{
    struct slate_state *st = state;
    st->k = cfg->k;
    st->l = cfg->slate_size;
    st->cascade = cascade;
    st->item_rng = (struct rng *)(st + 1);
    st->w = (double *)(st->item_rng + st->k);
    st->kappa = st->w + st->k;
    st->sorted = st->kappa + st->l;
    st->base = cfg->means;
    st->churn_every = (long long)wl_value(cfg, "churn_every");
    st->churn_p = wl_value(cfg, "churn");
    rng_stream(&st->churn_rng, seed->key, 4);
    for (int i = 0; i < st->k; i++) {
        st->w[i] = cfg->means[i];
        wl_arm_stream(&st->item_rng[i], seed, i);
    }
    if (cfg->shuffle)
        wl_shuffle(st->w, st->k, seed);
    rng_stream(&st->exam_rng, seed->key, 3);
    double eta = cascade ? 0 : wl_value(cfg, "kappa_decay");
    for (int l = 0; l < st->l; l++)
        st->kappa[l] = pow(l + 1.0, -eta);
    slate_best(st);
}

static void cascade_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    slate_init_common(state, cfg, seed, true);
}

static void pbm_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed)
{
    slate_init_common(state, cfg, seed, false);
}

static long long slate_advance(void *state, long long t, struct wl_arms *arms)
{
    return WL_NEVER;
}

static void slate_round(void *state, long long t, struct bench_round *round,
                        struct wl_arms *arms)
{
    struct slate_state *st = state;
    round->n_replaced = 0;
    if ((st->churn_every > 0 && t % st->churn_every == 0) ||
        (st->churn_p > 0 && rng_uniform(&st->churn_rng) < st->churn_p)) {
        st->replaced = (int)rng_below(&st->churn_rng, (uint64_t)st->k);
        st->w[st->replaced] = st->base[rng_below(&st->churn_rng, (uint64_t)st->k)];
        slate_best(st);
        round->replaced = &st->replaced;
        round->n_replaced = 1;
    }
    round->position_weights = st->cascade ? NULL : st->kappa;
    arms->means = st->w;
    arms->best = st->best;
    arms->best_arm = 0;
}

static double slate_pull_one(void *state, int arm)   /* unused: lists only */
{
    struct slate_state *st = state;
    return rng_uniform(&st->item_rng[arm]) < st->w[arm] ? 1.0 : 0.0;
}

static double slate_pull(void *state, const int *slate, int l, double *clicks, int *examined)
{
    struct slate_state *st = state;
    double reward = 0.0;
    for (int j = 0; j < l; j++)
        clicks[j] = 0.0;
    if (st->cascade) {
        for (int j = 0; j < l; j++)
            if (rng_uniform(&st->item_rng[slate[j]]) < st->w[slate[j]]) {
                clicks[j] = 1.0;
                *examined = j + 1;
                return 1.0;
            }
        *examined = l;
        return 0.0;
    }
    for (int j = 0; j < l; j++) {
        bool seen = rng_uniform(&st->exam_rng) < st->kappa[j];
        bool attracted = rng_uniform(&st->item_rng[slate[j]]) < st->w[slate[j]];
        clicks[j] = seen && attracted ? 1.0 : 0.0;
        reward += clicks[j];
    }
    *examined = l;
    return reward;
}

static double slate_value(void *state, const int *slate, int l)
{
    struct slate_state *st = state;
    double miss = 1.0, sum = 0.0;
    for (int j = 0; j < l; j++) {
        miss *= 1.0 - st->w[slate[j]];
        sum += st->kappa[j] * st->w[slate[j]];
    }
    return st->cascade ? 1.0 - miss : sum;
}

extern const struct wl_type wl_pbm;

static int slate_configure(struct wl_config *cfg, const struct bench_spec *s, struct diag_list *diags)
{
    double l = wl_value(cfg, "positions");
    if (!(l >= 1 && l == floor(l) && l <= cfg->k)) {
        wl_param_error(s, "positions", diags,
                       "parameter 'positions' must be a whole number in [1, arms = %d], not %g",
                       cfg->k, l);
        return -1;
    }
    cfg->slate_size = (int)l;
    double every = wl_value(cfg, "churn_every"), p = wl_value(cfg, "churn");
    if (!(every >= 0 && every == floor(every))) {
        wl_param_error(s, "churn_every", diags,
                       "parameter 'churn_every' must be a whole number >= 0, not %g", every);
        return -1;
    }
    if (!(p >= 0 && p <= 1)) {
        wl_param_error(s, "churn", diags, "parameter 'churn' must be in [0, 1], not %g", p);
        return -1;
    }
    if (every > 0 || p > 0)
        cfg->stationary = false;
    const bool pbm = cfg->type == &wl_pbm;
    if (pbm && !(wl_value(cfg, "kappa_decay") >= 0)) {
        wl_param_error(s, "kappa_decay", diags, "parameter 'kappa_decay' must be >= 0, not %g",
                       wl_value(cfg, "kappa_decay"));
        return -1;
    }
    if (pbm)   /* rewards count clicks */
        cfg->hi = l;
    if (wl_bern_check_means(cfg, s, diags) < 0)
        return -1;
    return 0;
}

static const struct wl_param cascade_params[] = {
    {"best", 0.2, "attraction probability of the most attractive item"},
    {"gap", NAN, "if set, every other item has best - gap"},
    {"worst", 0.01, "without gap: attractions log-spaced from best down to worst"},
    {"positions", 4, "L, the length of the list shown"},
    {"churn_every", 0, "every N rounds one item is replaced by a new one (0: never)"},
    {"churn", 0, "each round, with this probability, one item is replaced by a new one"},
    {NULL, 0, NULL},
};

static const struct wl_param pbm_params[] = {
    {"best", 0.2, "attraction probability of the most attractive item"},
    {"gap", NAN, "if set, every other item has best - gap"},
    {"worst", 0.01, "without gap: attractions log-spaced from best down to worst"},
    {"positions", 4, "L, the length of the list shown"},
    {"kappa_decay", 1, "position l (0-based) is examined with probability (l + 1)^-kappa_decay"},
    {"churn_every", 0, "every N rounds one item is replaced by a new one (0: never)"},
    {"churn", 0, "each round, with this probability, one item is replaced by a new one"},
    {NULL, 0, NULL},
};

const struct wl_type wl_cascade = {
    .name = "cascade",
    .summary = "ranked lists, cascade clicks: the first attractive item is clicked",
    .params = cascade_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_SLATE,
    .binary = true,
    .configure = slate_configure,
    .state_size = slate_size,
    .init = cascade_init,
    .advance = slate_advance,
    .pull = slate_pull_one,
    .round = slate_round,
    .pull_slate = slate_pull,
    .slate_value = slate_value,
};

const struct wl_type wl_pbm = {
    .name = "pbm",
    .summary = "ranked lists, position-based clicks: kappa_l x attraction per position",
    .params = pbm_params,
    .goal = WL_GOAL_REGRET,
    .kind = WL_KIND_SLATE,
    .binary = false,
    .configure = slate_configure,
    .state_size = slate_size,
    .init = pbm_init,
    .advance = slate_advance,
    .pull = slate_pull_one,
    .round = slate_round,
    .pull_slate = slate_pull,
    .slate_value = slate_value,
};
