/*
 * Baselines and randomised exploration.
 *
 * uniform        each round an arm uniformly at random; expected regret
 *                T (mu* - mean_i mu_i), the closed form tests check.
 * egreedy        epsilon-greedy (Watkins 1989; Sutton & Barto 1998,
 *                section 2.2): play each arm once, then with probability
 *                epsilon an arm uniformly at random, else the best
 *                empirical mean; epsilon = 0.1.
 * egreedy_decay  epsilon_n-GREEDY of Auer, Cesa-Bianchi & Fischer (2002),
 *                Figure 3: epsilon_n = min{1, cK / (d^2 n)}, c = 0.15,
 *                d = 0.1 (d should not exceed the smallest gap).
 * softmax        Boltzmann exploration (Sutton & Barto 1998, section 2.3;
 *                Vermorel & Mohri 2005): after one pull of each arm,
 *                P(i) proportional to exp(mu_i / tau), tau = 0.1.
 * exp3           Auer, Cesa-Bianchi, Freund & Schapire (2002), "The
 *                nonstochastic multiarmed bandit problem", SIAM J. Comput.
 *                32(1), Figure 1: p_i = (1 - gamma) w_i / sum w + gamma / K,
 *                w_j <- w_j exp(gamma x_j / (p_j K)); gamma from Corollary
 *                3.2 with g = T: min{1, sqrt(K ln K / ((e - 1) T))}.
 *                Weights are kept as logarithms (no overflow). With delayed
 *                feedback the importance weight uses the probabilities of
 *                the latest round (exact without delay).
 * Greedy ties go to the lowest index.
 *
 * Replaced arms (round->replaced, catalogue churn): egreedy,
 * egreedy_decay and softmax forget the slot's sum and count, so the new
 * item is unplayed and is played next; exp3 gives it the mean weight of
 * the arms (log of the average of w_j), i.e. the share an arm has when
 * nothing distinguishes it, with the other weights unchanged; uniform
 * keeps nothing.
 */
#include <math.h>

#include "benchmarks/policy.h"
#include "benchmarks/workload.h"

static const double euler_e = 2.718281828459045;

/* ---- uniform ---- */

struct uniform_state {
    int k;
};

static size_t uniform_size(const struct pol_config *cfg)
{
    return sizeof(struct uniform_state);
}

static void uniform_init(void *state, const struct pol_config *cfg)
{
    ((struct uniform_state *)state)->k = cfg->k;
}

static int uniform_select(void *state, const struct bench_round *round, struct rng *rng)
{
    return (int)rng_below(rng, (uint64_t)((struct uniform_state *)state)->k);
}

/* A uniformly random list of slate_size distinct arms (partial
 * Fisher-Yates by rejection: slate_size is small against k). */
static void uniform_select_slate(void *state, const struct bench_round *round, struct rng *rng,
                                 int *out)
{
    int k = ((struct uniform_state *)state)->k;
    int l = round->slate_size < k ? round->slate_size : k;
    for (int j = 0; j < l; j++) {
        bool again;
        do {
            out[j] = (int)rng_below(rng, (uint64_t)k);
            again = false;
            for (int i = 0; i < j; i++)
                again |= out[i] == out[j];
        } while (again);
    }
}

static void ignore_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
}

const struct pol_type pol_uniform = {
    .name = "uniform",
    .title = "uniform random (baseline)",
    .flags = POL_RANDOMISED | POL_UNIFORM,
    .baseline_on = WL_KIND_SINGLE | WL_KIND_BAI | WL_KIND_CONTEXTUAL | WL_KIND_SLATE |
                   WL_KIND_PRICING | WL_KIND_KNAPSACK,   /* every kind */
    .tier = POL_TIER_FLOOR,
    .state_size = uniform_size,
    .init = uniform_init,
    .select = uniform_select,
    .update = ignore_update,
    .select_slate = uniform_select_slate,
};

/* ---- shared: empirical means ---- */

struct means_state {
    int k;
    double p1, p2;               /* the policy's knobs, in order */
    double gamma;                /* exp3 */
    double *sum, *n, *prob;      /* prob: softmax/exp3 probabilities of the last round */
};

static size_t means_size(const struct pol_config *cfg)
{
    return sizeof(struct means_state) + 3 * (size_t)cfg->k * sizeof(double);
}

static void means_init_knobs(void *state, const struct pol_config *cfg, int n_knobs)
{
    struct means_state *st = state;
    st->k = cfg->k;
    st->p1 = n_knobs > 0 ? cfg->knobs[0] : 0.0;
    st->p2 = n_knobs > 1 ? cfg->knobs[1] : 0.0;
    st->sum = (double *)(st + 1);
    st->n = st->sum + cfg->k;
    st->prob = st->n + cfg->k;
}

static void means_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct means_state *st = state;
    st->sum[fb->arm] += fb->reward;
    st->n[fb->arm] += 1.0;
}

/* Forget the replaced slots of round. */
static void means_forget(struct means_state *st, const struct bench_round *round)
{
    for (int r = 0; r < round->n_replaced; r++) {
        int a = round->replaced[r];
        st->sum[a] = st->n[a] = 0.0;
    }
}

/* The first unplayed arm, or -1. */
static int first_unplayed(const struct means_state *st)
{
    for (int i = 0; i < st->k; i++)
        if (st->n[i] == 0)
            return i;
    return -1;
}

static int greedy(const struct means_state *st)
{
    int best = 0;
    double best_mean = st->sum[0] / st->n[0];
    for (int i = 1; i < st->k; i++) {
        double m = st->sum[i] / st->n[i];
        if (m > best_mean) {
            best_mean = m;
            best = i;
        }
    }
    return best;
}

/* ---- epsilon-greedy ---- */

static const struct pol_knob egreedy_knobs[] = {
    {"epsilon", 0.1, "probability of a uniformly random arm"},
};

static void egreedy_init(void *state, const struct pol_config *cfg)
{
    means_init_knobs(state, cfg, 1);
}

static int egreedy_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct means_state *st = state;
    means_forget(st, round);
    int a = first_unplayed(st);
    if (a >= 0)
        return a;
    if (rng_uniform(rng) < st->p1)
        return (int)rng_below(rng, (uint64_t)st->k);
    return greedy(st);
}

const struct pol_type pol_egreedy = {
    .name = "egreedy",
    .title = "epsilon-greedy (Sutton & Barto 1998)",
    .flags = POL_RANDOMISED,
    .knobs = egreedy_knobs,
    .n_knobs = 1,
    .state_size = means_size,
    .init = egreedy_init,
    .select = egreedy_select,
    .update = means_update,
};

/* ---- epsilon_n-greedy ---- */

static const struct pol_knob egreedy_decay_knobs[] = {
    {"c", 0.15, "epsilon_n = min(1, c K / (d^2 n))"},
    {"d", 0.1, "a lower bound on the smallest gap, in (0, 1)"},
};

static void egreedy_decay_init(void *state, const struct pol_config *cfg)
{
    means_init_knobs(state, cfg, 2);
}

static int egreedy_decay_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct means_state *st = state;
    means_forget(st, round);
    int a = first_unplayed(st);
    if (a >= 0)
        return a;
    double eps = fmin(1.0, st->p1 * st->k / (st->p2 * st->p2 * (double)round->t));
    if (rng_uniform(rng) < eps)
        return (int)rng_below(rng, (uint64_t)st->k);
    return greedy(st);
}

const struct pol_type pol_egreedy_decay = {
    .name = "egreedy_decay",
    .title = "epsilon_n-greedy (Auer, Cesa-Bianchi & Fischer 2002)",
    .flags = POL_RANDOMISED,
    .knobs = egreedy_decay_knobs,
    .n_knobs = 2,
    .state_size = means_size,
    .init = egreedy_decay_init,
    .select = egreedy_decay_select,
    .update = means_update,
};

/* ---- softmax ---- */

static const struct pol_knob softmax_knobs[] = {
    {"tau", 0.1, "temperature on normalised rewards"},
};

static void softmax_init(void *state, const struct pol_config *cfg)
{
    means_init_knobs(state, cfg, 1);
}

/* Sample from weights w[0..k) (not normalised) by inversion. */
static int sample_weights(const double *w, int k, double total, struct rng *rng)
{
    double u = rng_uniform(rng) * total, acc = 0.0;
    for (int i = 0; i < k; i++) {
        acc += w[i];
        if (u < acc)
            return i;
    }
    for (int i = k - 1; i > 0; i--)   /* rounding: the last arm with weight */
        if (w[i] > 0)
            return i;
    return 0;
}

static int softmax_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct means_state *st = state;
    means_forget(st, round);
    int a = first_unplayed(st);
    if (a >= 0)
        return a;
    double m = -INFINITY, total = 0.0;
    for (int i = 0; i < st->k; i++)
        m = fmax(m, st->sum[i] / st->n[i]);
    for (int i = 0; i < st->k; i++) {
        st->prob[i] = exp((st->sum[i] / st->n[i] - m) / st->p1);
        total += st->prob[i];
    }
    return sample_weights(st->prob, st->k, total, rng);
}

const struct pol_type pol_softmax = {
    .name = "softmax",
    .title = "softmax / Boltzmann exploration (Sutton & Barto 1998)",
    .flags = POL_RANDOMISED,
    .knobs = softmax_knobs,
    .n_knobs = 1,
    .state_size = means_size,
    .init = softmax_init,
    .select = softmax_select,
    .update = means_update,
};

/* ---- EXP3 ---- */

static const struct pol_knob exp3_knobs[] = {
    {"gamma", NAN, "exploration rate; default min(1, sqrt(K ln K / ((e - 1) T)))"},
};

static void exp3_init(void *state, const struct pol_config *cfg)
{
    struct means_state *st = state;
    means_init_knobs(state, cfg, 1);
    double k = cfg->k, t = (double)cfg->horizon;
    st->gamma = isnan(st->p1) ? fmin(1.0, sqrt(k * log(k > 1 ? k : 2) / ((euler_e - 1.0) * t)))
                              : st->p1;
    for (int i = 0; i < cfg->k; i++)
        st->prob[i] = 1.0 / k;
}

/* A new item gets log(mean_j w_j) over the current weights (the other
 * slots replaced in the same round count as they stand). */
static void exp3_forget(struct means_state *st, const struct bench_round *round)
{
    for (int r = 0; r < round->n_replaced; r++) {
        int a = round->replaced[r];
        double m = -INFINITY, total = 0.0;
        for (int i = 0; i < st->k; i++)
            if (i != a)
                m = fmax(m, st->sum[i]);
        for (int i = 0; i < st->k; i++)
            if (i != a)
                total += exp(st->sum[i] - m);
        st->sum[a] = st->k > 1 ? m + log(total / (st->k - 1)) : 0.0;
        st->n[a] = 0.0;
    }
}

static int exp3_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct means_state *st = state;   /* sum[] holds log-weights */
    if (round->n_replaced)
        exp3_forget(st, round);
    double m = -INFINITY, total = 0.0;
    for (int i = 0; i < st->k; i++)
        m = fmax(m, st->sum[i]);
    for (int i = 0; i < st->k; i++) {
        st->prob[i] = exp(st->sum[i] - m);
        total += st->prob[i];
    }
    for (int i = 0; i < st->k; i++)
        st->prob[i] = (1.0 - st->gamma) * st->prob[i] / total + st->gamma / st->k;
    return sample_weights(st->prob, st->k, 1.0, rng);
}

static void exp3_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct means_state *st = state;
    double x = fmin(1.0, fmax(0.0, fb->reward));
    st->sum[fb->arm] += st->gamma * (x / st->prob[fb->arm]) / st->k;
    st->n[fb->arm] += 1.0;
}

const struct pol_type pol_exp3 = {
    .name = "exp3",
    .title = "EXP3 (Auer, Cesa-Bianchi, Freund & Schapire 2002)",
    .flags = POL_RANDOMISED,
    .knobs = exp3_knobs,
    .n_knobs = 1,
    .state_size = means_size,
    .init = exp3_init,
    .select = exp3_select,
    .update = exp3_update,
};
