/*
 * Best-arm identification.
 *
 * se    Successive Elimination, Even-Dar, Mannor & Mansour (2006),
 *       "Action elimination and stopping conditions for the multi-armed
 *       bandit and reinforcement learning problems", JMLR 7, section 3,
 *       Algorithm 3: sample every remaining arm once per phase t; remove
 *       the arms with p_max - p_a >= 2 alpha_t, alpha_t = sqrt(ln(c n t^2 / delta) / t),
 *       c = 4; stop when one arm is left.
 * lucb  LUCB1, Kalyanakrishnan, Tewari, Auer & Stone (2012), "PAC subset
 *       selection in stochastic multi-armed bandits", ICML, section 3 with
 *       m = 1, epsilon = 0: beta(u, t) = sqrt(ln(k1 K t^4 / delta) / (2u)),
 *       k1 = 5/4; each LUCB round samples h = the empirical best and l =
 *       argmax_{j != h} UCB_j; stop when LCB_h > UCB_l.
 * ttts  Top-two Thompson sampling, Russo (2016), "Simple Bayesian
 *       algorithms for best arm identification", COLT (Operations Research
 *       68(6), 2020), section 3.2, beta = 1/2 with Beta(1, 1) priors: draw
 *       theta, I = argmax; with probability beta play I, else redraw until
 *       the argmax J differs from I and play J (after 100 redraws, the
 *       runner-up of the last draw: a cap that only binds when
 *       P(J != I) < 1%, where the exact rule would stall). Russo gives no
 *       stopping rule; we use the Chernoff GLR rule of Garivier & Kaufmann (2016), "Optimal best
 *       arm identification with fixed confidence", COLT, eq. (9), with the
 *       threshold log((1 + log t) / delta) of their experiments.
 * All recommend the empirical best (the last arm for se).
 *
 * Replaced arms (round->replaced, catalogue churn; the identification
 * workloads never replace, regret workloads may): every policy forgets
 * the slot's statistics. se puts it back in the active set and plays it
 * before the round robin until it has the phase's samples, so the
 * elimination goes on with every active arm at the same count; lucb and
 * ttts sample an unplayed arm first (lucb) or through its prior (ttts).
 */
#include <math.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"

/* ---- shared ---- */

static int empirical_best(const double *sum, const double *n, int k, const bool *active)
{
    int best = -1;
    double best_mean = -INFINITY;
    for (int i = 0; i < k; i++) {
        if (active && !active[i])
            continue;
        double m = n[i] > 0 ? sum[i] / n[i] : 0.0;
        if (best < 0 || m > best_mean) {
            best_mean = m;
            best = i;
        }
    }
    return best < 0 ? 0 : best;
}

/* ---- successive elimination ---- */

struct se_state {
    int k, n_active, next;
    bool catch_up;               /* an active arm may have fewer than phase samples */
    double delta;
    long long phase;             /* samples per active arm completed */
    double *sum, *n;
    bool *active;
};

static size_t se_size(const struct pol_config *cfg)
{
    return sizeof(struct se_state) + 2 * (size_t)cfg->k * sizeof(double) + (size_t)cfg->k;
}

static void se_init(void *state, const struct pol_config *cfg)
{
    struct se_state *st = state;
    st->k = st->n_active = cfg->k;
    st->delta = cfg->delta;
    st->sum = (double *)(st + 1);
    st->n = st->sum + cfg->k;
    st->active = (bool *)(st->n + cfg->k);
    for (int i = 0; i < cfg->k; i++)
        st->active[i] = true;
}

static int se_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct se_state *st = state;
    for (int r = 0; r < round->n_replaced; r++) {
        int a = round->replaced[r];
        st->sum[a] = st->n[a] = 0.0;
        if (!st->active[a]) {
            st->active[a] = true;
            st->n_active++;
        }
        st->catch_up = true;
    }
    if (st->catch_up) {
        for (int i = 0; i < st->k; i++)
            if (st->active[i] && st->n[i] < (double)st->phase)
                return i;
        st->catch_up = false;
    }
    for (int tries = 0; tries < st->k; tries++) {
        int a = st->next;
        st->next = (st->next + 1) % st->k;
        if (st->active[a])
            return a;
    }
    return empirical_best(st->sum, st->n, st->k, st->active);
}

static void se_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct se_state *st = state;
    st->sum[fb->arm] += fb->reward;
    st->n[fb->arm] += 1.0;
    if (st->n_active <= 1)
        return;
    double phase = INFINITY;
    for (int i = 0; i < st->k; i++)
        if (st->active[i])
            phase = fmin(phase, st->n[i]);
    if (phase <= (double)st->phase)
        return;
    st->phase = (long long)phase;   /* every active arm has phase samples */
    double t = phase;
    double a = sqrt(log(4.0 * st->k * t * t / st->delta) / t);
    double best = -INFINITY;
    for (int i = 0; i < st->k; i++)
        if (st->active[i])
            best = fmax(best, st->sum[i] / st->n[i]);
    for (int i = 0; i < st->k; i++)
        if (st->active[i] && best - st->sum[i] / st->n[i] >= 2.0 * a) {
            st->active[i] = false;
            st->n_active--;
        }
}

static bool se_stopped(const void *state)
{
    return ((const struct se_state *)state)->n_active <= 1;
}

static int se_recommend(const void *state)
{
    const struct se_state *st = state;
    return empirical_best(st->sum, st->n, st->k, st->active);
}

const struct pol_type pol_se = {
    .name = "se",
    .title = "successive elimination (Even-Dar, Mannor & Mansour 2006)",
    .flags = POL_IDENTIFICATION,
    .baseline_on = WL_KIND_BAI,
    .tier = POL_TIER_SPECIALIST,
    .state_size = se_size,
    .init = se_init,
    .select = se_select,
    .update = se_update,
    .stopped = se_stopped,
    .recommend = se_recommend,
};

/* ---- LUCB1 ---- */

struct lucb_state {
    int k;
    double delta;
    long long rounds;            /* LUCB rounds started */
    int queue[2], queued;        /* arms still to play this round */
    int pending;                 /* plays of this round without feedback */
    bool stop;
    double *sum, *n;
};

static size_t lucb_size(const struct pol_config *cfg)
{
    return sizeof(struct lucb_state) + 2 * (size_t)cfg->k * sizeof(double);
}

static void lucb_init(void *state, const struct pol_config *cfg)
{
    struct lucb_state *st = state;
    st->k = cfg->k;
    st->delta = cfg->delta;
    st->sum = (double *)(st + 1);
    st->n = st->sum + cfg->k;
}

static double lucb_beta(const struct lucb_state *st, double u, double t)
{
    return sqrt(log(1.25 * st->k * t * t * t * t / st->delta) / (2.0 * u));
}

/* The pair (h, l) of LUCB round t and whether the stopping rule holds. */
static bool lucb_pair(const struct lucb_state *st, double t, int *h, int *l)
{
    *h = empirical_best(st->sum, st->n, st->k, NULL);
    double best_ucb = -INFINITY;
    *l = *h == 0 ? (st->k > 1 ? 1 : 0) : 0;
    for (int i = 0; i < st->k; i++) {
        if (i == *h)
            continue;
        double ucb = st->sum[i] / st->n[i] + lucb_beta(st, st->n[i], t);
        if (ucb > best_ucb) {
            best_ucb = ucb;
            *l = i;
        }
    }
    double lcb_h = st->sum[*h] / st->n[*h] - lucb_beta(st, st->n[*h], t);
    return st->k == 1 || lcb_h > best_ucb;
}

static int lucb_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct lucb_state *st = state;
    for (int r = 0; r < round->n_replaced; r++)
        st->sum[round->replaced[r]] = st->n[round->replaced[r]] = 0.0;
    for (int i = 0; i < st->k; i++)
        if (st->n[i] == 0)
            return i;   /* sample every arm once first */
    if (st->queued == 0) {
        int h, l;
        st->rounds++;
        lucb_pair(st, (double)st->rounds, &h, &l);
        st->queue[0] = l;
        st->queue[1] = h;
        st->queued = h == l ? 1 : 2;
    }
    return st->queue[--st->queued];
}

static void lucb_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct lucb_state *st = state;
    st->sum[fb->arm] += fb->reward;
    st->n[fb->arm] += 1.0;
    if (st->queued == 0) {
        for (int i = 0; i < st->k; i++)
            if (st->n[i] == 0)
                return;
        int h, l;
        st->stop = lucb_pair(st, (double)(st->rounds > 0 ? st->rounds : 1), &h, &l);
    }
}

static bool lucb_stopped(const void *state)
{
    return ((const struct lucb_state *)state)->stop;
}

static int lucb_recommend(const void *state)
{
    const struct lucb_state *st = state;
    return empirical_best(st->sum, st->n, st->k, NULL);
}

const struct pol_type pol_lucb = {
    .name = "lucb",
    .title = "LUCB1 (Kalyanakrishnan, Tewari, Auer & Stone 2012)",
    .flags = POL_IDENTIFICATION,
    .baseline_on = WL_KIND_BAI,
    .tier = POL_TIER_SPECIALIST,
    .state_size = lucb_size,
    .init = lucb_init,
    .select = lucb_select,
    .update = lucb_update,
    .stopped = lucb_stopped,
    .recommend = lucb_recommend,
};

/* ---- top-two TS ---- */

struct ttts_state {
    int k;
    bool binary, stop;
    double beta, delta;
    long long t;
    double *succ, *n;
};

static const struct pol_knob ttts_knobs[] = {
    {"beta", 0.5, "probability of playing the sampled best arm"},
};

static size_t ttts_size(const struct pol_config *cfg)
{
    return sizeof(struct ttts_state) + 2 * (size_t)cfg->k * sizeof(double);
}

static void ttts_init(void *state, const struct pol_config *cfg)
{
    struct ttts_state *st = state;
    st->k = cfg->k;
    st->binary = cfg->binary_rewards;
    st->beta = cfg->knobs[0];
    st->delta = cfg->delta;
    st->succ = (double *)(st + 1);
    st->n = st->succ + cfg->k;
}

/* argmax of one posterior draw; *second gets the runner-up. */
static int ttts_draw(struct ttts_state *st, struct rng *rng, int *second)
{
    int best = 0, next = -1;
    double b = -1.0, s = -1.0;
    for (int i = 0; i < st->k; i++) {
        double th = rng_beta(rng, st->succ[i] + 1.0, st->n[i] - st->succ[i] + 1.0);
        if (th > b) {
            s = b;
            next = best;
            b = th;
            best = i;
        } else if (th > s) {
            s = th;
            next = i;
        }
    }
    *second = next < 0 ? best : next;
    return best;
}

static int ttts_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct ttts_state *st = state;
    for (int r = 0; r < round->n_replaced; r++)
        st->succ[round->replaced[r]] = st->n[round->replaced[r]] = 0.0;
    int second;
    int i = ttts_draw(st, rng, &second);
    if (st->k == 1 || rng_uniform(rng) < st->beta)
        return i;
    for (int tries = 0; tries < 100; tries++) {
        int j = ttts_draw(st, rng, &second);
        if (j != i)
            return j;
    }
    return second;
}

/* Garivier & Kaufmann (2016) eq. (9): min over b of the GLR of "a beats b". */
static double ttts_glr(const struct ttts_state *st, int a)
{
    double z = INFINITY, pa = st->succ[a] / st->n[a];
    for (int b = 0; b < st->k; b++) {
        if (b == a)
            continue;
        double pb = st->succ[b] / st->n[b];
        if (pb >= pa)
            return 0.0;
        double mix = (st->succ[a] + st->succ[b]) / (st->n[a] + st->n[b]);
        z = fmin(z, st->n[a] * pol_kl_bernoulli(pa, mix) + st->n[b] * pol_kl_bernoulli(pb, mix));
    }
    return z;
}

static void ttts_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct ttts_state *st = state;
    double r = fmin(1.0, fmax(0.0, fb->reward));
    if (!st->binary)
        r = rng_uniform(rng) < r;
    st->succ[fb->arm] += r;
    st->n[fb->arm] += 1.0;
    st->t++;
    for (int i = 0; i < st->k; i++)
        if (st->n[i] == 0)
            return;
    int a = empirical_best(st->succ, st->n, st->k, NULL);
    st->stop = ttts_glr(st, a) > log((1.0 + log((double)st->t)) / st->delta);
}

static bool ttts_stopped(const void *state)
{
    return ((const struct ttts_state *)state)->stop;
}

static int ttts_recommend(const void *state)
{
    const struct ttts_state *st = state;
    return empirical_best(st->succ, st->n, st->k, NULL);
}

const struct pol_type pol_ttts = {
    .name = "ttts",
    .title = "top-two Thompson sampling (Russo 2016)",
    .flags = POL_IDENTIFICATION | POL_RANDOMISED,
    .baseline_on = WL_KIND_BAI,
    .tier = POL_TIER_SPECIALIST,
    .knobs = ttts_knobs,
    .n_knobs = 1,
    .state_size = ttts_size,
    .init = ttts_init,
    .select = ttts_select,
    .update = ttts_update,
    .stopped = ttts_stopped,
    .recommend = ttts_recommend,
};
