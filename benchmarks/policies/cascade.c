/*
 * Ranking policies: each round a list of L items (round->slate_size), per
 * item statistics updated from per-position clicks (policy.h, "slates").
 * With slate_size 1 they play one arm and learn from its reward.
 *
 * cascade_ucb1    CascadeUCB1, Kveton, Szepesvari, Wen & Ashkan (2015),
 *                 "Cascading bandits: learning to rank in the cascade
 *                 model", ICML, Algorithm 1 with the UCB1 index U_t(e) =
 *                 w^(e) + sqrt(1.5 log t / T(e)) (section 3.1): show the L
 *                 items with the largest indices; only the items up to and
 *                 including the click (the examined ones) are updated.
 * cascade_klucb   CascadeKL-UCB, same paper, the KL-UCB index max{q : T(e)
 *                 kl(w^(e), q) <= log t + 3 log log t}.
 * cascade_ts      Thompson sampling with cascade feedback: Beta(1 + clicks,
 *                 1 + examinations - clicks) per item, the L largest draws
 *                 (the Bernoulli CTS of Huyuk & Tekin 2019, "Analysis of
 *                 Thompson sampling for combinatorial multi-armed bandit
 *                 with probabilistically triggered arms", AISTATS; Cheung,
 *                 Tan & Zhong 2019 study the Gaussian variant).
 * topk_position_ts  position-aware top-k Thompson sampling for the
 *                 position-based model: the clicks at position l are
 *                 Bernoulli(kappa_l w), so item i's posterior is
 *                 approximated by Beta(1 + S_i, 1 + N~_i - S_i) with N~_i =
 *                 sum of kappa over its impressions, the "effective views"
 *                 of Lagree, Vernade & Cappe (2016), section 4, and
 *                 Komiyama, Honda & Takeda (2017); the L largest draws go
 *                 to the positions in order of kappa. Without known kappa
 *                 (cascade), an impression counts when it was examined.
 * pbm_ucb         PBM-UCB, Lagree, Vernade & Cappe (2016), Algorithm 1:
 *                 U_i = S_i / N~_i + sqrt(N_i / N~_i) sqrt((1 + eps) log t /
 *                 (2 N~_i)), with N_i the impressions; eps = 0.
 * cucb            CUCB, Chen, Wang & Yuan (2013), "Combinatorial
 *                 multi-armed bandit: general framework and applications",
 *                 ICML, with semi-bandit feedback on every shown item:
 *                 position-blind, it counts every item of the list as a
 *                 trial, so in the cascade model the items below a click
 *                 are wrongly scored as skipped (the baseline that
 *                 cascade-aware learning beats).
 * Ties go to the lower index. Positions are assumed to be examined in
 * decreasing order of kappa (true for both workloads).
 * Catalogue churn (round->replaced, before select or select_slate): every
 * statistic here is per item, so a replaced slot starts afresh, as at
 * init: in the models of these papers (the item's attraction w(e) in the
 * cascade model, Kveton et al. 2015, section 2; w_i with the positions'
 * kappa_l in the PBM, Lagree et al. 2016, section 2; the base arm's mean
 * in CUCB) nothing an item's clicks say carries over to another item. Its
 * examinations or effective views, impressions and clicks go back to 0:
 * the UCB indices are then infinite (shown at once), the posteriors
 * Beta(1, 1). The examination probabilities kappa belong to the positions,
 * not the items, and are kept.
 */
#include <math.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"

enum rank_kind { R_CASC_UCB1, R_CASC_KLUCB, R_CASC_TS, R_TOPK_TS, R_PBM_UCB, R_CUCB };

struct rank_state {
    enum rank_kind kind;
    int k, l;
    double *n;                   /* k: examinations (or effective views N~) */
    double *m;                   /* k: impressions (pbm_ucb) */
    double *s;                   /* k: clicks */
    double *score;               /* k */
    double *kappa;               /* l: examination probabilities, seen at select */
    bool have_kappa;
};

static int slate_of(const struct pol_config *cfg)
{
    return cfg->slate_size > 1 ? cfg->slate_size : 1;
}

static size_t rank_size(const struct pol_config *cfg)
{
    return sizeof(struct rank_state) +
           (4 * (size_t)cfg->k + (size_t)slate_of(cfg)) * sizeof(double);
}

static void rank_init(struct rank_state *st, const struct pol_config *cfg, enum rank_kind kind)
{
    st->kind = kind;
    st->k = cfg->k;
    st->l = slate_of(cfg);
    st->n = (double *)(st + 1);
    st->m = st->n + st->k;
    st->s = st->m + st->k;
    st->score = st->s + st->k;
    st->kappa = st->score + st->k;
}

static void rank_scores(struct rank_state *st, long long t, struct rng *rng)
{
    double lt = log((double)(t > 1 ? t : 1));
    double klbound = lt + (t >= 3 ? 3.0 * log(lt) : 0.0);
    for (int i = 0; i < st->k; i++) {
        double n = st->n[i], s = st->s[i];
        if (st->kind == R_CASC_TS || st->kind == R_TOPK_TS) {
            st->score[i] = rng_beta(rng, 1.0 + s, 1.0 + fmax(n - s, 0.0));
            continue;
        }
        if (n <= 0) {
            st->score[i] = INFINITY;
            continue;
        }
        double mean = fmin(s / n, 1.0);
        switch (st->kind) {
        case R_CASC_KLUCB: st->score[i] = pol_kl_ucb(mean, n, klbound); break;
        case R_PBM_UCB:
            st->score[i] = mean + sqrt(st->m[i] / n) * sqrt(lt / (2.0 * n));
            break;
        default: st->score[i] = mean + sqrt(1.5 * lt / n); break;
        }
    }
}

/* Forget the items of the replaced slots (see the top comment). */
static void rank_forget(struct rank_state *st, const struct bench_round *round)
{
    for (int i = 0; i < round->n_replaced; i++) {
        int a = round->replaced[i];
        st->n[a] = st->m[a] = st->s[a] = 0.0;
    }
}

static void rank_select_slate(void *state, const struct bench_round *round, struct rng *rng,
                              int *out)
{
    struct rank_state *st = state;
    rank_forget(st, round);
    if (round->position_weights && !st->have_kappa) {
        memcpy(st->kappa, round->position_weights, (size_t)st->l * sizeof(double));
        st->have_kappa = true;
    }
    rank_scores(st, round->t, rng);
    pol_top_l(st->score, st->k, round->slate_size < st->l ? round->slate_size : st->l, out);
}

static int rank_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct rank_state *st = state;
    rank_forget(st, round);
    rank_scores(st, round->t, rng);
    return pol_argmax(st->score, st->k);   /* = pol_top_l with l = 1 */
}

static void rank_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct rank_state *st = state;
    if (!fb->slate) {   /* one arm */
        st->n[fb->arm] += 1;
        st->m[fb->arm] += 1;
        st->s[fb->arm] += fmin(fmax(fb->reward, 0.0), 1.0);
        return;
    }
    for (int j = 0; j < fb->slate_len; j++) {
        int a = fb->slate[j];
        double view;
        if (st->kind == R_CUCB)
            view = 1.0;                              /* position-blind */
        else if ((st->kind == R_TOPK_TS || st->kind == R_PBM_UCB) && st->have_kappa)
            view = st->kappa[j];                     /* effective views */
        else
            view = j < fb->examined ? 1.0 : 0.0;     /* cascade: examined only */
        st->n[a] += view;
        st->m[a] += view > 0 ? 1.0 : 0.0;
        st->s[a] += fb->clicks[j];
    }
}

#define RANK_INIT(fn, kind)                                                  \
    static void fn(void *state, const struct pol_config *cfg)               \
    {                                                                        \
        rank_init(state, cfg, kind);                                         \
    }
RANK_INIT(init_cascade_ucb1, R_CASC_UCB1)
RANK_INIT(init_cascade_klucb, R_CASC_KLUCB)
RANK_INIT(init_cascade_ts, R_CASC_TS)
RANK_INIT(init_topk_ts, R_TOPK_TS)
RANK_INIT(init_pbm_ucb, R_PBM_UCB)
RANK_INIT(init_cucb, R_CUCB)
#undef RANK_INIT

/* Every ranking policy is of the slate kind; base and tier place it among
 * a plan's baselines (policy.h). */
#define RANK_TYPE(var, id, ttl, fl, initfn, base, tr)                        \
    const struct pol_type var = {                                            \
        .name = id, .title = ttl, .flags = POL_SLATE | (fl), .baseline_on = base, \
        .tier = tr, .state_size = rank_size, .init = initfn,                 \
        .select = rank_select, .update = rank_update,                        \
        .select_slate = rank_select_slate,                                   \
    };
RANK_TYPE(pol_cascade_ucb1, "cascade_ucb1",
          "CascadeUCB1 (Kveton, Szepesvari, Wen & Ashkan 2015, Alg. 1)", 0, init_cascade_ucb1,
          0, POL_TIER_SPECIALIST)
RANK_TYPE(pol_cascade_klucb, "cascade_klucb",
          "CascadeKL-UCB (Kveton, Szepesvari, Wen & Ashkan 2015, Alg. 1)", 0, init_cascade_klucb,
          0, POL_TIER_SPECIALIST)
RANK_TYPE(pol_cascade_ts, "cascade_ts", "Thompson sampling with cascade feedback (CTS)",
          POL_RANDOMISED, init_cascade_ts, WL_KIND_SLATE, POL_TIER_SPECIALIST)
RANK_TYPE(pol_topk_position_ts, "topk_position_ts",
          "position-aware top-k Thompson sampling (effective views, Lagree et al. 2016)",
          POL_RANDOMISED, init_topk_ts, 0, POL_TIER_SPECIALIST)
RANK_TYPE(pol_pbm_ucb, "pbm_ucb", "PBM-UCB (Lagree, Vernade & Cappe 2016, Alg. 1)", 0,
          init_pbm_ucb, 0, POL_TIER_SPECIALIST)
/* CUCB is UCB1 over the positions of a list: the classic baseline of its kind. */
RANK_TYPE(pol_cucb, "cucb", "CUCB, position-blind semi-bandit (Chen, Wang & Yuan 2013)", 0,
          init_cucb, WL_KIND_SLATE, POL_TIER_CLASSIC)
#undef RANK_TYPE
