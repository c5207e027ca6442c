/*
 * Bandits with knapsacks (one resource besides time): each pull pays a
 * reward and consumes an unknown cost in [0, 1] of a budget B
 * (cfg->budget; fb->cost; round->budget_left).
 *
 * ucb_bwk          UCB-BwK of Agrawal & Devanur (2014), "Bandits with
 *                  concave rewards and convex knapsacks", EC, section 3.2
 *                  (the optimism-under-uncertainty LP): each round solve the
 *                  LP max sum x_i UCB(r_i) s.t. sum x_i LCB(c_i) <= rho_t,
 *                  sum x_i <= 1, with rho_t = budget left / rounds left, and
 *                  play an arm drawn from x (the rest: the best-UCB arm with
 *                  the smallest cost, since the harness has no null arm).
 *                  Radii sqrt(2 ln t / n).
 * bwk_primal_dual  PrimalDualBwK, Badanidiyuru, Kleinberg & Slivkins (2013),
 *                  "Bandits with knapsacks", FOCS, Algorithm 2: resources j
 *                  = budget and time (time consumes B / T per round, so both
 *                  have budget B); Hedge weights v_j over the resources with
 *                  eps = sqrt(ln 2 / B); play argmax_i UCB(r_i) / (lambda .
 *                  LCB(cost_i)) with lambda = v / |v|_1, then v_j <- v_j (1 +
 *                  eps)^{consumption_j}.
 * Unplayed arms are played first. Without a budget (plain workloads) both
 * reduce to optimistic play on the rewards.
 */
#include <math.h>

#include "benchmarks/policy.h"

double pol_bwk_lp(const double *r, const double *c, int k, double rho, int *i_out, int *j_out,
                  double *xj_out)
{
    double best = 0.0, xj = 0.0;
    int bi = -1, bj = -1;
    for (int i = 0; i < k; i++) {
        double v = c[i] <= rho ? r[i] : r[i] * rho / c[i];   /* i alone, with the null arm */
        if (v > best) {
            best = v;
            bi = i;
            bj = -1;
            xj = 0;
        }
        if (!(c[i] < rho))
            continue;
        for (int j = 0; j < k; j++) {
            if (!(c[j] > rho))
                continue;
            double w = (rho - c[i]) / (c[j] - c[i]);
            double vv = (1 - w) * r[i] + w * r[j];
            if (vv > best) {
                best = vv;
                bi = i;
                bj = j;
                xj = w;
            }
        }
    }
    if (i_out)
        *i_out = bi;
    if (j_out)
        *j_out = bj;
    if (xj_out)
        *xj_out = xj;
    return best;
}

struct bwk_state {
    int k;
    bool primal_dual;
    long long horizon;
    double budget, eps, logv[2];
    double *n, *rs, *cs, *ucb, *lcb;   /* k each */
};

static size_t bwk_size(const struct pol_config *cfg)
{
    return sizeof(struct bwk_state) + 5 * (size_t)cfg->k * sizeof(double);
}

static void bwk_init_common(struct bwk_state *st, const struct pol_config *cfg, bool pd)
{
    st->k = cfg->k;
    st->primal_dual = pd;
    st->horizon = cfg->horizon;
    st->budget = cfg->budget;
    st->eps = cfg->budget > 1 ? sqrt(log(2.0) / cfg->budget) : 0.5;
    st->n = (double *)(st + 1);
    st->rs = st->n + st->k;
    st->cs = st->rs + st->k;
    st->ucb = st->cs + st->k;
    st->lcb = st->ucb + st->k;
}

static void init_ucb_bwk(void *s, const struct pol_config *c) { bwk_init_common(s, c, false); }
static void init_pd_bwk(void *s, const struct pol_config *c) { bwk_init_common(s, c, true); }

static int bwk_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct bwk_state *st = state;
    double lt = log((double)(round->t > 1 ? round->t : 1));
    for (int i = 0; i < st->k; i++) {
        if (st->n[i] == 0)
            return i;
        double rad = sqrt(2 * lt / st->n[i]);
        st->ucb[i] = fmin(1.0, st->rs[i] / st->n[i] + rad);
        st->lcb[i] = fmax(0.0, st->cs[i] / st->n[i] - rad);
    }
    if (!(st->budget > 0))
        return pol_argmax(st->ucb, st->k);
    if (st->primal_dual) {
        double top = fmax(st->logv[0], st->logv[1]);
        double v0 = exp(st->logv[0] - top), v1 = exp(st->logv[1] - top);
        double l0 = v0 / (v0 + v1), l1 = v1 / (v0 + v1);
        double time_use = st->budget / (double)st->horizon;
        int best = 0;
        double best_v = -INFINITY;
        for (int i = 0; i < st->k; i++) {
            double v = st->ucb[i] / fmax(l0 * st->lcb[i] + l1 * time_use, 1e-12);
            if (v > best_v) {
                best_v = v;
                best = i;
            }
        }
        return best;
    }
    long long left_rounds = st->horizon - round->t + 1;
    double rho = round->budget_left / (double)(left_rounds > 0 ? left_rounds : 1);
    int i, j;
    double xj;
    pol_bwk_lp(st->ucb, st->lcb, st->k, rho, &i, &j, &xj);
    if (i < 0)
        return pol_argmax(st->ucb, st->k);
    double u = rng_uniform(rng);
    if (j >= 0)
        return u < xj ? j : i;
    double xi = st->lcb[i] <= rho ? 1.0 : rho / st->lcb[i];
    if (u < xi)
        return i;
    int cheap = 0;   /* the null arm's share: the cheapest arm */
    for (int a = 1; a < st->k; a++)
        if (st->lcb[a] < st->lcb[cheap])
            cheap = a;
    return cheap;
}

static void bwk_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct bwk_state *st = state;
    st->n[fb->arm] += 1;
    st->rs[fb->arm] += fmin(fmax(fb->reward, 0.0), 1.0);
    st->cs[fb->arm] += fb->cost;
    if (st->primal_dual && st->budget > 0) {
        st->logv[0] += fb->cost * log1p(st->eps);
        st->logv[1] += st->budget / (double)st->horizon * log1p(st->eps);
    }
}

const struct pol_type pol_ucb_bwk = {
    .name = "ucb_bwk",
    .title = "UCB-BwK, optimistic LP (Agrawal & Devanur 2014)",
    .flags = POL_RANDOMISED,
    .state_size = bwk_size,
    .init = init_ucb_bwk,
    .select = bwk_select,
    .update = bwk_update,
};

const struct pol_type pol_bwk_primal_dual = {
    .name = "bwk_primal_dual",
    .title = "PrimalDualBwK (Badanidiyuru, Kleinberg & Slivkins 2013, Alg. 2)",
    .state_size = bwk_size,
    .init = init_pd_bwk,
    .select = bwk_select,
    .update = bwk_update,
};
