/*
 * Bandits with knapsacks (one resource besides time): each pull pays a
 * reward and consumes an unknown cost in [0, 1] of a budget B
 * (cfg->budget; fb->cost; round->budget_left). The benchmark is the LP
 * relaxation of Badanidiyuru, Kleinberg & Slivkins (2013, FOCS; J. ACM
 * 65(3), 2018): OPT_LP / T = max sum x_i r_i s.t. sum x_i c_i <= B / T,
 * sum x_i <= 1 (the rest on a null arm of reward and cost 0).
 *
 * Estimates (both policies): after N_i pulls of arm i with empirical
 * reward rbar_i and cost cbar_i, both papers are optimistic on both: an
 * upper confidence bound on the reward and a lower one on the cost,
 *     UCB(r_i) = min(1, rbar_i + rad(rbar_i, N_i)),
 *     LCB(c_i) = max(0, cbar_i - rad(cbar_i, N_i)),
 * with the confidence radius of Badanidiyuru et al. (after Kleinberg,
 * Slivkins & Upfal 2008), which Agrawal & Devanur (2014) reuse:
 *     rad(nu, N) = sqrt(C_rad nu / N) + C_rad / N,
 * which holds for [0, 1] outcomes (known support) and shrinks with nu:
 * for a small cost or a conversion rate of a few percent it is much
 * tighter than UCB1's sqrt(2 ln t / N), under which every cost LCB stayed
 * at 0 for thousands of pulls and both policies spent like UCB1. The
 * paper's C_rad = Theta(log(d T)) is there for a union bound over all
 * rounds; like lints' v (linear.c) we default to a practical value, c_rad
 * = 1 (rad ~ one standard error of a Bernoulli mean), and c_rad = ln(2 T)
 * gives the paper's scale (d = 2 resources: budget and time). On
 * specs/knapsack-k10.yaml, ucb_bwk / bwk_primal_dual regret: 787 / 138 at
 * c_rad = 1, 4131 / 790 at ln(2 T); ts: 17395 (README).
 * Each arm is pulled once first (Badanidiyuru et al., Alg. PrimalDualBwK,
 * line 2).
 *
 * ucb_bwk          UCB-BwK of Agrawal & Devanur (2014), "Bandits with
 *                  concave rewards and convex knapsacks", EC, their UCB
 *                  algorithm specialised to linear rewards and knapsacks
 *                  (the BwK case): each
 *                  round solve max_p sum p_i UCB(r_i) s.t. sum p_i LCB(c_i)
 *                  <= B / T, p in the simplex with the null arm, and play
 *                  an arm drawn from p. The harness has no null arm; the
 *                  LP puts weight on it only when every LCB cost exceeds
 *                  B / T (p_i = (B / T) / LCB(c_i) on one arm), and playing
 *                  that arm every round until the budget runs out earns the
 *                  same in expectation, so we do. Knob resolve = 1 replaces
 *                  B / T by budget left / rounds left each round (the
 *                  re-solving heuristic, not in the paper).
 * bwk_primal_dual  PrimalDualBwK, Badanidiyuru, Kleinberg & Slivkins (2013,
 *                  FOCS, Alg. 2 "PrimalDualBwK"): resources j = budget and
 *                  time, time scaled to consume B / T per round so that both
 *                  have budget B; Hedge weights v_j over the resources with
 *                  eps = sqrt(ln d / B), d = 2; play the best "bang per
 *                  buck" argmax_i UCB(r_i) / (LCB(c_i) . y) with y = v /
 *                  |v|_1, then v_j <- v_j (1 + eps)^{c_t(j)} with c_t the
 *                  consumption of the round (budget: the realised cost;
 *                  time: B / T). The weights are kept as logarithms.
 * Without a budget (plain workloads) both reduce to optimistic play on the
 * rewards.
 * Catalogue churn (round->replaced): in the BwK model (Badanidiyuru et al.
 * 2018, section 2) each arm has its own reward and cost distributions, so a
 * new item in a slot is an arm about which nothing is known: its pull
 * count, reward sum and cost sum go back to 0, as at init, and it is
 * pulled once again first (the initial round of PrimalDualBwK). What is
 * kept belongs to the resources, not the arms: the Hedge weights v_j of
 * bwk_primal_dual (the prices of budget and time, driven by what has been
 * consumed) and the budget left, which the runner reports.
 */
#include <math.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"

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
    bool primal_dual, resolve;
    long long horizon;
    double budget, eps, c_rad, logv[2];
    double *n, *rs, *cs, *ucb, *lcb;   /* k each */
};

static size_t bwk_size(const struct pol_config *cfg)
{
    return sizeof(struct bwk_state) + 5 * (size_t)cfg->k * sizeof(double);
}

/* knobs: [0] c_rad, [1] resolve (ucb_bwk only). */
static void bwk_init_common(struct bwk_state *st, const struct pol_config *cfg, bool pd)
{
    st->k = cfg->k;
    st->primal_dual = pd;
    st->resolve = !pd && cfg->knobs[1] != 0;
    st->horizon = cfg->horizon;
    st->budget = cfg->budget;
    st->eps = cfg->budget > 1 ? sqrt(log(2.0) / cfg->budget) : 0.5;
    st->c_rad = fmax(cfg->knobs[0], 0.0);
    st->n = (double *)(st + 1);
    st->rs = st->n + st->k;
    st->cs = st->rs + st->k;
    st->ucb = st->cs + st->k;
    st->lcb = st->ucb + st->k;
}

static void init_ucb_bwk(void *s, const struct pol_config *c) { bwk_init_common(s, c, false); }
static void init_pd_bwk(void *s, const struct pol_config *c) { bwk_init_common(s, c, true); }

/* rad(nu, N) of Badanidiyuru et al. (2018, section 4). */
static double bwk_rad(double c_rad, double nu, double n)
{
    return sqrt(c_rad * nu / n) + c_rad / n;
}

static int pd_select(const struct bwk_state *st)
{
    double top = fmax(st->logv[0], st->logv[1]);
    double v0 = exp(st->logv[0] - top), v1 = exp(st->logv[1] - top);
    double y0 = v0 / (v0 + v1), y1 = v1 / (v0 + v1);
    double time_use = st->budget / (double)st->horizon;
    int best = 0;
    double best_v = -INFINITY;
    for (int i = 0; i < st->k; i++) {
        double v = st->ucb[i] / fmax(y0 * st->lcb[i] + y1 * time_use, 1e-12);
        if (v > best_v) {
            best_v = v;
            best = i;
        }
    }
    return best;
}

static int ucb_bwk_select(const struct bwk_state *st, const struct bench_round *round,
                          struct rng *rng)
{
    double rho = st->budget / (double)st->horizon;
    if (st->resolve) {
        long long left_rounds = st->horizon - round->t + 1;
        rho = round->budget_left / (double)(left_rounds > 0 ? left_rounds : 1);
    }
    int i, j;
    double xj;
    pol_bwk_lp(st->ucb, st->lcb, st->k, rho, &i, &j, &xj);
    if (i < 0)
        return pol_argmax(st->ucb, st->k);
    if (j < 0)
        return i;   /* alone, or alone with the null arm: see the top comment */
    return rng_uniform(rng) < xj ? j : i;
}

static int bwk_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct bwk_state *st = state;
    for (int i = 0; i < round->n_replaced; i++) {   /* a new item: see the top comment */
        int a = round->replaced[i];
        st->n[a] = st->rs[a] = st->cs[a] = 0.0;
    }
    for (int i = 0; i < st->k; i++) {
        if (st->n[i] == 0)
            return i;
        double r = st->rs[i] / st->n[i], c = st->cs[i] / st->n[i];
        st->ucb[i] = fmin(1.0, r + bwk_rad(st->c_rad, r, st->n[i]));
        st->lcb[i] = fmax(0.0, c - bwk_rad(st->c_rad, c, st->n[i]));
    }
    if (!(st->budget > 0))
        return pol_argmax(st->ucb, st->k);
    return st->primal_dual ? pd_select(st) : ucb_bwk_select(st, round, rng);
}

static void bwk_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct bwk_state *st = state;
    st->n[fb->arm] += 1;
    st->rs[fb->arm] += fmin(fmax(fb->reward, 0.0), 1.0);
    st->cs[fb->arm] += fmin(fmax(fb->cost, 0.0), 1.0);
    if (st->primal_dual && st->budget > 0) {
        st->logv[0] += fb->cost * log1p(st->eps);
        st->logv[1] += st->budget / (double)st->horizon * log1p(st->eps);
    }
}

static const struct pol_knob bwk_knobs[] = {
    {"c_rad", 1.0, "confidence radius constant C_rad of rad(nu, N) (the paper: ln(2 T))"},
    {"resolve", 0, "LP budget rate: 0 = B / T as the paper, 1 = budget left / rounds left"},
};

const struct pol_type pol_ucb_bwk = {
    .name = "ucb_bwk",
    .title = "UCB-BwK, optimistic LP (Agrawal & Devanur 2014)",
    .flags = POL_RANDOMISED | POL_BUDGET,
    .baseline_on = WL_KIND_KNAPSACK,
    .tier = POL_TIER_SPECIALIST,
    .knobs = bwk_knobs,
    .n_knobs = 2,
    .state_size = bwk_size,
    .init = init_ucb_bwk,
    .select = bwk_select,
    .update = bwk_update,
};

const struct pol_type pol_bwk_primal_dual = {
    .name = "bwk_primal_dual",
    .title = "PrimalDualBwK (Badanidiyuru, Kleinberg & Slivkins 2013, Alg. 2)",
    .flags = POL_BUDGET,
    .knobs = bwk_knobs,
    .n_knobs = 1,
    .state_size = bwk_size,
    .init = init_pd_bwk,
    .select = bwk_select,
    .update = bwk_update,
};
