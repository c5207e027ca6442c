/*
 * The UCB baseline of Chapelle & Li (2011), "An empirical evaluation of
 * Thompson sampling", NIPS 24, section 4 (the UCB of its Figure 1 and
 * Table 1): an upper confidence bound from the multiplicative Chernoff
 * bound on a Bernoulli mean at confidence level delta = sqrt(1/t),
 *     x_j + sqrt(2 x_j log(1/delta) / n_j) + 2 log(1/delta) / n_j,
 * x_j = S_j / n_j the empirical rate, log(1/delta) = (log t) / 2, and the
 * arm with the largest bound is played (lowest index among ties); each
 * arm is played once first. With rates of a few percent the bonus scales
 * with sqrt(x_j), not with UCB1's constant range, so it explores much less
 * on rare clicks. Rewards in [0, 1]. Knob kl = 1 uses the Chernoff bound
 * itself instead of its multiplicative relaxation: max{q >= x_j : n_j
 * kl(x_j, q) <= log(1/delta)} (P(x_hat <= x) <= exp(-n kl(x, p)), the
 * KL-UCB index of Garivier & Cappe 2011 eq. (4) at level (log t) / 2),
 * tighter than the closed form above.
 *
 * Naive and exact: every index every round, O(k). A replaced arm
 * (round->replaced, catalogue churn) is forgotten, so it is unplayed and
 * played next.
 */
#include <math.h>

#include "benchmarks/policy.h"

struct chernoff_state {
    int k;
    bool kl;                     /* the Chernoff (KL) bound, not its relaxation */
    double *sum, *n;
};

static const struct pol_knob chernoff_knobs[] = {
    {"kl", 0.0, "0: x + sqrt(2 x L / n) + 2 L / n (default); 1: max{q : n kl(x, q) <= L}; "
                "L = log(1/delta) = (log t) / 2"},
};

static size_t chernoff_size(const struct pol_config *cfg)
{
    return sizeof(struct chernoff_state) + 2 * (size_t)cfg->k * sizeof(double);
}

static void chernoff_init(void *state, const struct pol_config *cfg)
{
    struct chernoff_state *st = state;
    st->k = cfg->k;
    st->kl = cfg->knobs[0] != 0.0;
    st->sum = (double *)(st + 1);
    st->n = st->sum + cfg->k;
}

static int chernoff_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct chernoff_state *st = state;
    for (int r = 0; r < round->n_replaced; r++)
        st->sum[round->replaced[r]] = st->n[round->replaced[r]] = 0.0;
    for (int i = 0; i < st->k; i++)
        if (st->n[i] == 0)
            return i;
    double l = 0.5 * log((double)round->t);   /* log(1/delta), delta = sqrt(1/t) */
    int best = 0;
    double best_idx = -INFINITY;
    for (int i = 0; i < st->k; i++) {
        double x = st->sum[i] / st->n[i];
        double idx = st->kl ? pol_kl_ucb(x, st->n[i], l)
                            : x + sqrt(2.0 * x * l / st->n[i]) + 2.0 * l / st->n[i];
        if (idx > best_idx) {
            best_idx = idx;
            best = i;
        }
    }
    return best;
}

static void chernoff_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct chernoff_state *st = state;
    st->sum[fb->arm] += fmin(1.0, fmax(0.0, fb->reward));
    st->n[fb->arm] += 1.0;
}

const struct pol_type pol_ucb_chernoff = {
    .name = "ucb_chernoff",
    .title = "Chernoff-bound UCB, delta = 1/sqrt(t) (Chapelle & Li 2011)",
    .knobs = chernoff_knobs,
    .n_knobs = 1,
    .state_size = chernoff_size,
    .init = chernoff_init,
    .select = chernoff_select,
    .update = chernoff_update,
};
