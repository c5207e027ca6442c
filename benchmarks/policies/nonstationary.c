/*
 * Policies for changing means.
 *
 * swucb      Sliding-window UCB, Garivier & Moulines (2011), "On
 *            upper-confidence bound policies for switching bandit
 *            problems", ALT, section 3: statistics over the last tau
 *            plays, index  X_t(tau, i) + B sqrt(xi log(min(t, tau)) / N_t(tau, i)),
 *            B = 1, xi = 0.6; tau defaults to their 2 B sqrt(T log T / Y)
 *            with Y = 1 breakpoint. Memory O(tau) for the window (the one
 *            policy whose state grows with a knob; it never grows with T
 *            beyond the chosen tau).
 * ducb       Discounted UCB, Kocsis & Szepesvari (2006) as analysed by
 *            Garivier & Moulines (2011), section 2: discounted counts and
 *            sums with factor gamma, index
 *                X_t(gamma, i) + 2B sqrt(xi log n_t(gamma) / N_t(gamma, i)),
 *            xi = 0.6, gamma = 1 - 1/(4 sqrt(T)) (their choice with Y = 1).
 * dts        Discounted Thompson sampling, Raj & Kalyani (2017), "Taming
 *            non-stationary bandits: a Bayesian approach", arXiv:1707.09727,
 *            Algorithm 2: S_i <- gamma S_i + r, F_i <- gamma F_i + (1 - r) for
 *            the played arm and S_i <- gamma S_i, F_i <- gamma F_i for the
 *            others; theta_i ~ Beta(S_i + alpha, F_i + beta); gamma = 0.95.
 * cusum_ucb  Liu, Lee & Shroff (2018), "A change-detection based framework
 *            for piecewise-stationary multi-armed bandit problem", AAAI,
 *            Algorithms 1-2: with probability alpha a uniform arm, else UCB
 *            on the samples since each arm's last alarm; a two-sided CUSUM
 *            per arm (mean estimated on its first M samples, drift eps,
 *            threshold h) resets that arm. Defaults from their Remark with
 *            Y = 1: h = log T, alpha = sqrt(log(T) / T), M = 100, eps = 0.05.
 *
 * Replaced arms (round->replaced, catalogue churn): swucb drops the
 * slot's plays from its window exactly (its window sums are zeroed and
 * its ring entries marked retired, one O(tau) pass per replacement; the
 * retired entries still hold their places in the window of the last tau
 * plays); ducb and dts zero the slot's discounted statistics (dts: back
 * to the prior); cusum_ucb restarts the slot as after an alarm.
 */
#include <math.h>

#include "benchmarks/policy.h"

/* ---- SW-UCB ---- */

struct swucb_state {
    int k;
    long long tau;               /* window length */
    double xi;
    long long filled, head;      /* ring buffer of the last tau plays */
    double *sum, *n;             /* over the window */
    int *ring_arm;
    double *ring_reward;
};

static const struct pol_knob swucb_knobs[] = {
    {"tau", NAN, "window in plays; default 2 sqrt(T log T)"},
    {"xi", 0.6, "exploration constant (> 1/2 in the theory)"},
};

static long long swucb_tau(const struct pol_config *cfg)
{
    double t = (double)cfg->horizon, tau = cfg->knobs[0];
    if (isnan(tau))
        tau = 2.0 * sqrt(t * log(t > 2 ? t : 2));
    return (long long)fmin(fmax(tau, 1.0), 1e7);
}

static size_t swucb_size(const struct pol_config *cfg)
{
    size_t tau = (size_t)swucb_tau(cfg);
    return sizeof(struct swucb_state) + 2 * (size_t)cfg->k * sizeof(double) +
           tau * (sizeof(double) + sizeof(int));
}

static void swucb_init(void *state, const struct pol_config *cfg)
{
    struct swucb_state *st = state;
    st->k = cfg->k;
    st->tau = swucb_tau(cfg);
    st->xi = cfg->knobs[1];
    st->sum = (double *)(st + 1);
    st->n = st->sum + cfg->k;
    st->ring_reward = st->n + cfg->k;
    st->ring_arm = (int *)(st->ring_reward + st->tau);
}

/* Retire slot a: its window statistics and its ring entries (arm -1). */
static void swucb_forget(struct swucb_state *st, int a)
{
    st->sum[a] = st->n[a] = 0.0;
    for (long long j = 0; j < st->filled; j++)
        if (st->ring_arm[j] == a)
            st->ring_arm[j] = -1;
}

static int swucb_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct swucb_state *st = state;
    for (int r = 0; r < round->n_replaced; r++)
        swucb_forget(st, round->replaced[r]);
    double lt = log((double)(round->t < st->tau ? round->t : st->tau));
    int best = 0;
    double best_idx = -INFINITY;
    for (int i = 0; i < st->k; i++) {
        if (st->n[i] < 0.5)
            return i;
        double idx = st->sum[i] / st->n[i] + sqrt(st->xi * lt / st->n[i]);
        if (idx > best_idx) {
            best_idx = idx;
            best = i;
        }
    }
    return best;
}

static void swucb_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct swucb_state *st = state;
    if (st->filled == st->tau) {   /* the oldest play leaves the window */
        int old = st->ring_arm[st->head];
        if (old >= 0) {   /* -1: a retired item's play, already out of the sums */
            st->sum[old] -= st->ring_reward[st->head];
            st->n[old] -= 1.0;
            if (st->n[old] < 0.5) {   /* exact zero: no drift from rounding */
                st->n[old] = 0.0;
                st->sum[old] = 0.0;
            }
        }
    } else {
        st->filled++;
    }
    st->ring_arm[st->head] = fb->arm;
    st->ring_reward[st->head] = fb->reward;
    st->sum[fb->arm] += fb->reward;
    st->n[fb->arm] += 1.0;
    st->head = (st->head + 1) % st->tau;
}

const struct pol_type pol_swucb = {
    .name = "swucb",
    .title = "sliding-window UCB (Garivier & Moulines 2011)",
    .flags = POL_NONSTATIONARY,
    .knobs = swucb_knobs,
    .n_knobs = 2,
    .state_size = swucb_size,
    .init = swucb_init,
    .select = swucb_select,
    .update = swucb_update,
};

/* ---- D-UCB ---- */

struct ducb_state {
    int k;
    double gamma, xi;
    long long last_end;          /* sum and n are as of the end of this round */
    double *sum, *n;
};

static const struct pol_knob ducb_knobs[] = {
    {"gamma", NAN, "discount factor in (0, 1); default 1 - 1/(4 sqrt(T))"},
    {"xi", 0.6, "exploration constant"},
};

static size_t ducb_size(const struct pol_config *cfg)
{
    return sizeof(struct ducb_state) + 2 * (size_t)cfg->k * sizeof(double);
}

static void ducb_init(void *state, const struct pol_config *cfg)
{
    struct ducb_state *st = state;
    st->k = cfg->k;
    double g = cfg->knobs[0];
    st->gamma = isnan(g) ? 1.0 - 0.25 / sqrt((double)cfg->horizon) : g;
    st->xi = cfg->knobs[1];
    st->sum = (double *)(st + 1);
    st->n = st->sum + cfg->k;
}

/* Bring the discounted sums to the end of round u: N_u(gamma, i) =
 * sum_{s <= u} gamma^(u - s) 1{I_s = i} (Garivier & Moulines 2011, eq. 2),
 * so the play of round u weighs 1 when round u + 1 is chosen. */
static void ducb_age(struct ducb_state *st, long long u)
{
    if (u <= st->last_end)
        return;
    double f = u - st->last_end == 1 ? st->gamma : pow(st->gamma, (double)(u - st->last_end));
    for (int i = 0; i < st->k; i++) {
        st->sum[i] *= f;
        st->n[i] *= f;
    }
    st->last_end = u;
}

static int ducb_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct ducb_state *st = state;
    ducb_age(st, round->t - 1);
    for (int r = 0; r < round->n_replaced; r++)
        st->sum[round->replaced[r]] = st->n[round->replaced[r]] = 0.0;
    double total = 0.0;
    for (int i = 0; i < st->k; i++) {
        if (st->n[i] <= 0.0)
            return i;
        total += st->n[i];
    }
    double lt = log(fmax(total, 1.0));
    int best = 0;
    double best_idx = -INFINITY;
    for (int i = 0; i < st->k; i++) {
        double idx = st->sum[i] / st->n[i] + 2.0 * sqrt(st->xi * lt / st->n[i]);
        if (idx > best_idx) {
            best_idx = idx;
            best = i;
        }
    }
    return best;
}

static void ducb_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct ducb_state *st = state;
    /* Delivered before round t_now: counted as of the end of round
     * t_now - 1, a late reward discounted since the round it was played. */
    ducb_age(st, fb->t_now - 1);
    double w = fb->t_now - 1 > fb->t_played ? pow(st->gamma, (double)(fb->t_now - 1 - fb->t_played))
                                            : 1.0;
    st->sum[fb->arm] += w * fb->reward;
    st->n[fb->arm] += w;
}

const struct pol_type pol_ducb = {
    .name = "ducb",
    .title = "discounted UCB (Kocsis & Szepesvari 2006; Garivier & Moulines 2011)",
    .flags = POL_NONSTATIONARY,
    .knobs = ducb_knobs,
    .n_knobs = 2,
    .state_size = ducb_size,
    .init = ducb_init,
    .select = ducb_select,
    .update = ducb_update,
};

/* ---- discounted TS ---- */

struct dts_state {
    int k;
    bool binary;
    double gamma, alpha, beta;
    double *succ, *fail;
};

static const struct pol_knob dts_knobs[] = {
    {"gamma", 0.95, "discount factor in (0, 1]"},
    {"alpha", 1.0, "prior pseudo-successes (>= 1)"},
    {"beta", 1.0, "prior pseudo-failures (>= 1)"},
};

static size_t dts_size(const struct pol_config *cfg)
{
    return sizeof(struct dts_state) + 2 * (size_t)cfg->k * sizeof(double);
}

static void dts_init(void *state, const struct pol_config *cfg)
{
    struct dts_state *st = state;
    st->k = cfg->k;
    st->binary = cfg->binary_rewards;
    st->gamma = cfg->knobs[0];
    st->alpha = fmax(1.0, cfg->knobs[1]);
    st->beta = fmax(1.0, cfg->knobs[2]);
    st->succ = (double *)(st + 1);
    st->fail = st->succ + cfg->k;
}

static int dts_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct dts_state *st = state;
    for (int r = 0; r < round->n_replaced; r++)
        st->succ[round->replaced[r]] = st->fail[round->replaced[r]] = 0.0;
    int best = 0;
    double best_theta = -1.0;
    for (int i = 0; i < st->k; i++) {
        double theta = rng_beta(rng, st->succ[i] + st->alpha, st->fail[i] + st->beta);
        if (theta > best_theta) {
            best_theta = theta;
            best = i;
        }
    }
    return best;
}

static void dts_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct dts_state *st = state;
    double r = fmin(1.0, fmax(0.0, fb->reward));
    if (!st->binary)
        r = rng_uniform(rng) < r;
    for (int i = 0; i < st->k; i++) {
        st->succ[i] *= st->gamma;
        st->fail[i] *= st->gamma;
    }
    st->succ[fb->arm] += r;
    st->fail[fb->arm] += 1.0 - r;
}

const struct pol_type pol_dts = {
    .name = "dts",
    .title = "discounted Thompson sampling (Raj & Kalyani 2017)",
    .flags = POL_NONSTATIONARY | POL_RANDOMISED,
    .knobs = dts_knobs,
    .n_knobs = 3,
    .state_size = dts_size,
    .init = dts_init,
    .select = dts_select,
    .update = dts_update,
};

/* ---- CUSUM-UCB ---- */

struct cusum_arm {
    double sum, n;               /* since the last alarm */
    double ref_sum;              /* sum of the first M samples */
    double g_pos, g_neg;         /* the two CUSUM statistics */
};

struct cusum_state {
    int k;
    double m, eps, h, alpha;
    struct cusum_arm *arm;
};

static const struct pol_knob cusum_knobs[] = {
    {"M", 100, "samples used to estimate an arm's mean after each alarm"},
    {"eps", 0.05, "CUSUM drift: the smallest change worth detecting"},
    {"h", NAN, "CUSUM threshold; default log T"},
    {"alpha", NAN, "uniform exploration probability; default sqrt(log(T) / T)"},
};

static size_t cusum_size(const struct pol_config *cfg)
{
    return sizeof(struct cusum_state) + (size_t)cfg->k * sizeof(struct cusum_arm);
}

static void cusum_init(void *state, const struct pol_config *cfg)
{
    struct cusum_state *st = state;
    double t = (double)(cfg->horizon > 2 ? cfg->horizon : 2);
    st->k = cfg->k;
    st->m = fmax(1.0, cfg->knobs[0]);
    st->eps = cfg->knobs[1];
    st->h = isnan(cfg->knobs[2]) ? log(t) : cfg->knobs[2];
    st->alpha = isnan(cfg->knobs[3]) ? sqrt(log(t) / t) : cfg->knobs[3];
    st->arm = (struct cusum_arm *)(st + 1);
}

static int cusum_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct cusum_state *st = state;
    for (int r = 0; r < round->n_replaced; r++)
        st->arm[round->replaced[r]] = (struct cusum_arm){0};
    if (rng_uniform(rng) < st->alpha)
        return (int)rng_below(rng, (uint64_t)st->k);
    double total = 0.0;
    for (int i = 0; i < st->k; i++) {
        if (st->arm[i].n == 0)
            return i;
        total += st->arm[i].n;
    }
    double lt = log(total);
    int best = 0;
    double best_idx = -INFINITY;
    for (int i = 0; i < st->k; i++) {
        const struct cusum_arm *a = &st->arm[i];
        double idx = a->sum / a->n + sqrt(2.0 * lt / a->n);
        if (idx > best_idx) {
            best_idx = idx;
            best = i;
        }
    }
    return best;
}

static void cusum_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct cusum_state *st = state;
    struct cusum_arm *a = &st->arm[fb->arm];
    double y = fb->reward;
    a->sum += y;
    a->n += 1.0;
    if (a->n <= st->m) {
        a->ref_sum += y;
        return;
    }
    double u0 = a->ref_sum / st->m;
    a->g_pos = fmax(0.0, a->g_pos + y - u0 - st->eps);
    a->g_neg = fmax(0.0, a->g_neg + u0 - y - st->eps);
    if (a->g_pos > st->h || a->g_neg > st->h)
        *a = (struct cusum_arm){0};   /* alarm: restart this arm */
}

const struct pol_type pol_cusum_ucb = {
    .name = "cusum_ucb",
    .title = "CUSUM-UCB (Liu, Lee & Shroff 2018)",
    .flags = POL_NONSTATIONARY | POL_RANDOMISED,
    .knobs = cusum_knobs,
    .n_knobs = 4,
    .state_size = cusum_size,
    .init = cusum_init,
    .select = cusum_select,
    .update = cusum_update,
};
