/*
 * Linear contextual policies: a ridge-regression model of the reward,
 * updated by rank-one formulas (linalg.h), O(d^2) per update and O(k d)
 * (shared model) or O(k d^2) (one model per arm) per selection; nothing
 * is allocated after init.
 *
 * linucb         LinUCB with disjoint linear models, Li, Chu, Langford &
 *                Schapire (2010), "A contextual-bandit approach to
 *                personalized news article recommendation", WWW,
 *                Algorithm 1: per arm A_a = lambda I + sum x x^T, b_a =
 *                sum r x, theta_a = A_a^{-1} b_a, and the index (eq. 5)
 *                p_a = theta_a^T x_t + alpha sqrt(x_t^T A_a^{-1} x_t), on
 *                the user features x_t (round->context). A_a^{-1} is kept
 *                directly and updated by Sherman-Morrison. Exact pruning:
 *                x^T A^{-1} x <= tr(A^{-1}) ||x||^2, and the trace follows
 *                each update in O(d), so an arm whose mean plus alpha
 *                sqrt(tr) ||x|| cannot beat the best index so far skips its
 *                O(d^2) quadratic form (the argmax, ties to the lowest
 *                index, is unchanged).
 * lints          Linear Thompson sampling, Agrawal & Goyal (2013),
 *                "Thompson sampling for contextual bandits with linear
 *                payoffs", ICML, Algorithm 1: one shared theta over the arm
 *                features b_i(t) (round->arm_features); B = lambda I + sum
 *                b b^T, mu = B^{-1} f, theta~ ~ N(mu, v^2 B^{-1}), play
 *                argmax b_i^T theta~. B is kept as its Cholesky factor L
 *                (rank-one update), so theta~ = mu + v L^{-T} z with z ~
 *                N(0, I) costs two triangular solves, O(d^2). The paper's
 *                v = R sqrt(24 d ln(1/delta) / eps) is very conservative;
 *                the default v = 0.5 is the noise scale of [0, 1] rewards.
 * ridge_greedy   greedy on a shared online ridge model (Bastani, Bayati &
 *                Khosravi 2021, "Mostly exploration-free algorithms for
 *                contextual bandits", Management Science: greedy works when
 *                the contexts are diverse).
 * ridge_egreedy  epsilon-greedy on the same model (Langford & Zhang 2007's
 *                epsilon-greedy baseline).
 * squarecb       SquareCB, Foster & Rakhlin (2020), "Beyond UCB: optimal
 *                and efficient contextual bandits with regression oracles",
 *                ICML, Algorithm 1 with inverse gap weighting (eq. 3):
 *                p_a = 1 / (K + gamma (yhat_b - yhat_a)) for a != b =
 *                argmax yhat, p_b = 1 - sum of the others, over the ridge
 *                oracle yhat_a = x_a^T theta. Their gamma = sqrt(K T /
 *                Reg_Sq) needs the oracle's regret bound; by default we use
 *                the anytime schedule of Vowpal Wabbit's --squarecb, gamma_t
 *                = 10 sqrt(t) (gamma_scale 10, gamma_exponent 0.5), or a
 *                fixed gamma when the knob is set.
 * bootstrapped_ts  bootstrap Thompson sampling, Eckles & Kaptein (2014),
 *                "Thompson sampling with the online bootstrap", arXiv
 *                1410.4009, Algorithm 1: M ridge replicates, each
 *                observation added to each replicate with weight 2 w.p.
 *                1/2, else 0 (double-or-nothing); each round, greedy on one
 *                replicate chosen uniformly (Osband & Van Roy 2015). Each
 *                replicate starts from its own draw of the prior, theta_j ~
 *                N(0, prior_sd^2 I), and is shrunk toward it (ridge with
 *                b = lambda theta_j): Osband & Van Roy's "prior via
 *                artificial data" (2015, sec. 3), without which an arm never
 *                played scores 0 in every replicate and is never tried.
 *                prior_sd defaults to 1/(2 sqrt(lambda)): the ridge's own
 *                Gaussian prior, precision lambda over a reward noise of
 *                sd 1/2, the largest a reward in [0, 1] can have.
 * Shared-parameter models (every policy but linucb) do not grow with the
 * catalogue, so they scale to 10,000 arms and score cold-start items by
 * their features alone.
 * Catalogue churn (round->replaced): linucb's model is disjoint, one
 * theta_a per arm over the user features (Li et al. 2010, eq. 2), so a
 * replaced slot's A_a, b_a go back to lambda I, 0 (its index is the
 * prior's). The others keep everything: their model is one theta over the
 * arm features, E[r | x_a] = x_a^T theta for every arm (Agrawal & Goyal
 * 2013, section 2; the ridge oracle of Foster & Rakhlin 2020, section 2;
 * the linear model of Bastani et al. 2021; each bootstrap replicate of
 * Eckles & Kaptein 2014 fits the same theta), with no parameter of an
 * arm's own: the new item is scored by its features with the theta
 * learned from every item before it, and there is no per-slot statistic
 * to reset (squarecb's yhat is recomputed each round; without arm
 * features every arm has the same features and the same score).
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "benchmarks/linalg.h"
#include "benchmarks/policy.h"
#include "benchmarks/workload.h"


/* ---- a ridge model: A^{-1}, b, theta in d^2 + 2d doubles ---- */

struct ridge {
    double *ainv, *b, *theta;
};

static void ridge_bind(struct ridge *r, double *mem, int d)
{
    r->ainv = mem;
    r->b = mem + (size_t)d * (size_t)d;
    r->theta = r->b + d;
}

static void ridge_reset(struct ridge *r, int d, double lambda)
{
    la_identity(r->ainv, d, 1.0 / lambda);
    memset(r->b, 0, 2 * (size_t)d * sizeof(double));
}

static void ridge_add(struct ridge *r, const double *x, double y, double w, int d, double *tmp)
{
    if (w == 0.0)
        return;
    la_sherman_morrison(r->ainv, x, w, d, tmp);
    for (int i = 0; i < d; i++)
        r->b[i] += w * y * x[i];
    la_matvec(r->ainv, r->b, d, r->theta);
}

static size_t ridge_doubles(int d)
{
    return (size_t)d * (size_t)d + 2 * (size_t)d;
}

/* ---- linucb (disjoint) ---- */

struct linucb_state {
    int k, d, cfg_dim;
    double alpha, lambda;
    double *tmp;
    double *e1;                  /* d: (1, 0, ..., 0), the features without a context */
    double *trace;               /* k: tr(A_a^{-1}) */
    double *models;              /* k ridge blocks */
};

static size_t linucb_size(const struct pol_config *cfg)
{
    int d = pol_dim(cfg);
    size_t k = (size_t)cfg->k;
    return sizeof(struct linucb_state) + (2 * (size_t)d + k + k * ridge_doubles(d)) * sizeof(double);
}

/* The user features of a disjoint model (Li et al. 2010, eq. 2): the
 * round's context, or, in a round without one, the constant feature
 * padded to the model's d (each arm's model then learns its mean). */
static const double *user_x(const struct linucb_state *st, const double *context)
{
    return context && st->cfg_dim > 0 ? context : st->e1;
}

static void linucb_reset(struct linucb_state *st, int a);

static void linucb_arm(struct linucb_state *st, int a, struct ridge *r)
{
    ridge_bind(r, st->models + (size_t)a * ridge_doubles(st->d), st->d);
}

static void linucb_init(void *state, const struct pol_config *cfg)
{
    struct linucb_state *st = state;
    st->k = cfg->k;
    st->d = pol_dim(cfg);
    st->cfg_dim = cfg->dim;
    st->alpha = cfg->knobs[0];
    st->lambda = cfg->knobs[1];
    st->tmp = (double *)(st + 1);
    st->e1 = st->tmp + st->d;
    st->e1[0] = 1.0;
    st->trace = st->e1 + st->d;
    st->models = st->trace + st->k;
    for (int a = 0; a < st->k; a++)
        linucb_reset(st, a);
}

static void linucb_reset(struct linucb_state *st, int a)
{
    struct ridge r;
    linucb_arm(st, a, &r);
    ridge_reset(&r, st->d, st->lambda);
    st->trace[a] = st->d / st->lambda;
}

static int linucb_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct linucb_state *st = state;
    for (int i = 0; i < round->n_replaced; i++)
        linucb_reset(st, round->replaced[i]);
    const double *x = user_x(st, round->context);
    const int d = st->d;
    const size_t stride = ridge_doubles(d);
    const double anorm = st->alpha * sqrt(la_dot(x, x, d));
    int best = 0;
    double best_p = -INFINITY;
    for (int a = 0; a < st->k; a++) {
        const double *ainv = st->models + (size_t)a * stride;
        const double *theta = ainv + (size_t)d * (size_t)d + d;
        double mean = la_dot(theta, x, d);
        if (mean + anorm * sqrt(st->trace[a]) <= best_p)
            continue;   /* cannot win: x^T A^{-1} x <= tr(A^{-1}) ||x||^2 */
        double p = mean + st->alpha * sqrt(la_quad(ainv, x, d));
        if (p > best_p) {
            best_p = p;
            best = a;
        }
    }
    return best;
}

static void linucb_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct linucb_state *st = state;
    struct ridge r;
    linucb_arm(st, fb->arm, &r);
    const double *x = user_x(st, fb->context);
    /* tr((A + x x^T)^{-1}) = tr(A^{-1}) - ||A^{-1} x||^2 / (1 + x^T A^{-1} x) */
    double q = la_sherman_morrison(r.ainv, x, 1.0, st->d, st->tmp);
    st->trace[fb->arm] -= la_dot(st->tmp, st->tmp, st->d) / (1.0 + q);
    for (int i = 0; i < st->d; i++)
        r.b[i] += fb->reward * x[i];
    la_matvec(r.ainv, r.b, st->d, r.theta);
}

static const struct pol_knob linucb_knobs[] = {
    {"alpha", 1.0, "width of the confidence bound (Li et al. 2010, eq. 5)"},
    {"lambda", 1.0, "ridge penalty: A_a starts at lambda I"},
};

const struct pol_type pol_linucb = {
    .name = "linucb",
    .title = "LinUCB, disjoint models (Li, Chu, Langford & Schapire 2010, Alg. 1)",
    .flags = POL_CONTEXTUAL,
    .knobs = linucb_knobs,
    .n_knobs = 2,
    .state_size = linucb_size,
    .init = linucb_init,
    .select = linucb_select,
    .update = linucb_update,
};

/* ---- a shared ridge model: ridge_greedy, ridge_egreedy, squarecb ---- */

struct shared_state {
    int k, d, cfg_dim;
    double lambda, knob;         /* knob: epsilon or gamma */
    double *tmp;                 /* d */
    double *yhat;                /* k (squarecb) */
    struct ridge r;
};

static size_t shared_size(const struct pol_config *cfg)
{
    int d = pol_dim(cfg);
    return sizeof(struct shared_state) + ((size_t)d + (size_t)cfg->k + ridge_doubles(d)) * sizeof(double);
}

static void shared_init_common(struct shared_state *st, const struct pol_config *cfg)
{
    st->k = cfg->k;
    st->d = pol_dim(cfg);
    st->cfg_dim = cfg->dim;
    st->tmp = (double *)(st + 1);
    st->yhat = st->tmp + st->d;
    ridge_bind(&st->r, st->yhat + st->k, st->d);
    ridge_reset(&st->r, st->d, st->lambda);
}

/* Greedy predictions into yhat; returns the argmax (lowest index on ties). */
static int shared_predict(struct shared_state *st, const struct bench_round *round,
                          const double *theta)
{
    int best = 0;
    for (int a = 0; a < st->k; a++) {
        int d;
        const double *x = pol_features(round, a, st->cfg_dim, &d);
        st->yhat[a] = la_dot(theta, x, d);
        if (st->yhat[a] > st->yhat[best])
            best = a;
    }
    return best;
}

static void shared_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct shared_state *st = state;
    int d;
    const double *x = pol_fb_features(fb, st->cfg_dim, &d);
    ridge_add(&st->r, x, fb->reward, 1.0, d, st->tmp);
}

/* knobs: [0] lambda, [1] epsilon or gamma (when the type has it). */
static void greedy_init(void *state, const struct pol_config *cfg)
{
    struct shared_state *st = state;
    st->lambda = cfg->knobs[0];
    shared_init_common(st, cfg);
}

static void egreedy_init(void *state, const struct pol_config *cfg)
{
    struct shared_state *st = state;
    st->lambda = cfg->knobs[0];
    st->knob = cfg->knobs[1];
    shared_init_common(st, cfg);
}

static int greedy_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct shared_state *st = state;
    return shared_predict(st, round, st->r.theta);
}

static int egreedy_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct shared_state *st = state;
    if (rng_uniform(rng) < st->knob)
        return (int)rng_below(rng, (uint64_t)st->k);
    return shared_predict(st, round, st->r.theta);
}

static const struct pol_knob greedy_knobs[] = {
    {"lambda", 1.0, "ridge penalty"},
    {"epsilon", 0.05, "share of uniformly random plays (ridge_egreedy)"},
};

const struct pol_type pol_ridge_greedy = {
    .name = "ridge_greedy",
    .title = "greedy on an online ridge model (Bastani, Bayati & Khosravi 2021)",
    .flags = POL_CONTEXTUAL,
    .knobs = greedy_knobs,
    .n_knobs = 1,
    .state_size = shared_size,
    .init = greedy_init,
    .select = greedy_select,
    .update = shared_update,
};

const struct pol_type pol_ridge_egreedy = {
    .name = "ridge_egreedy",
    .title = "epsilon-greedy on an online ridge model (Langford & Zhang 2007)",
    .flags = POL_RANDOMISED | POL_CONTEXTUAL,
    .knobs = greedy_knobs,
    .n_knobs = 2,
    .state_size = shared_size,
    .init = egreedy_init,
    .select = egreedy_select,
    .update = shared_update,
};

/* ---- squarecb ---- */

static void squarecb_init(void *state, const struct pol_config *cfg)
{
    struct shared_state *st = state;
    st->lambda = cfg->knobs[0];
    st->knob = cfg->knobs[1];
    shared_init_common(st, cfg);
}

static int squarecb_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct shared_state *st = state;
    int b = shared_predict(st, round, st->r.theta);
    double gamma = isnan(st->knob) ? 10.0 * sqrt((double)round->t) : st->knob;
    /* Inverse gap weighting (Foster & Rakhlin 2020, eq. 3): draw u and walk
     * the arms other than b; what is left over is b's probability. */
    double u = rng_uniform(rng), acc = 0.0, k = (double)st->k;
    for (int a = 0; a < st->k; a++) {
        if (a == b)
            continue;
        acc += 1.0 / (k + gamma * (st->yhat[b] - st->yhat[a]));
        if (u < acc)
            return a;
    }
    return b;
}

static const struct pol_knob squarecb_knobs[] = {
    {"lambda", 1.0, "ridge penalty of the regression oracle"},
    {"gamma", NAN, "learning rate; auto: 10 sqrt(t), Vowpal Wabbit's schedule"},
};

const struct pol_type pol_squarecb = {
    .name = "squarecb",
    .title = "SquareCB over a ridge oracle (Foster & Rakhlin 2020, Alg. 1)",
    .flags = POL_RANDOMISED | POL_CONTEXTUAL,
    .knobs = squarecb_knobs,
    .n_knobs = 2,
    .state_size = shared_size,
    .init = squarecb_init,
    .select = squarecb_select,
    .update = shared_update,
};

/* ---- lints ---- */

struct lints_state {
    int k, d, cfg_dim;
    double v;
    double *l;                   /* d x d lower Cholesky factor of B */
    double *f, *mu, *z, *theta, *work;   /* d each */
};

static size_t lints_size(const struct pol_config *cfg)
{
    size_t d = (size_t)pol_dim(cfg);
    return sizeof(struct lints_state) + (d * d + 5 * d) * sizeof(double);
}

static void lints_init(void *state, const struct pol_config *cfg)
{
    struct lints_state *st = state;
    st->k = cfg->k;
    st->d = pol_dim(cfg);
    st->cfg_dim = cfg->dim;
    st->v = cfg->knobs[0];
    st->l = (double *)(st + 1);
    st->f = st->l + (size_t)st->d * (size_t)st->d;
    st->mu = st->f + st->d;
    st->z = st->mu + st->d;
    st->theta = st->z + st->d;
    st->work = st->theta + st->d;
    la_identity(st->l, st->d, sqrt(cfg->knobs[1]));
}

static int lints_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct lints_state *st = state;
    const int d = st->d;
    for (int i = 0; i < d; i++)
        st->z[i] = rng_normal(rng);
    la_solve_lower_t(st->l, st->z, d, st->z);   /* L^{-T} z ~ N(0, B^{-1}) */
    for (int i = 0; i < d; i++)
        st->theta[i] = st->mu[i] + st->v * st->z[i];
    return pol_linear_argmax(round, st->k, st->cfg_dim, st->theta);
}

static void lints_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct lints_state *st = state;
    int d;
    const double *x = pol_fb_features(fb, st->cfg_dim, &d);
    la_chol_update(st->l, x, d, st->work);
    for (int i = 0; i < d; i++)
        st->f[i] += fb->reward * x[i];
    la_solve_lower(st->l, st->f, d, st->work);
    la_solve_lower_t(st->l, st->work, d, st->mu);
}

static const struct pol_knob lints_knobs[] = {
    {"v", 0.5, "posterior scale (the paper's v; 0.5 is the noise scale of [0, 1] rewards)"},
    {"lambda", 1.0, "prior precision: B starts at lambda I"},
};

const struct pol_type pol_lints = {
    .name = "lints",
    .title = "linear Thompson sampling, shared model (Agrawal & Goyal 2013, Alg. 1)",
    .flags = POL_RANDOMISED | POL_CONTEXTUAL,
    .baseline_on = WL_KIND_CONTEXTUAL,
    .tier = POL_TIER_SPECIALIST,
    .knobs = lints_knobs,
    .n_knobs = 2,
    .state_size = lints_size,
    .init = lints_init,
    .select = lints_select,
    .update = lints_update,
};

/* ---- bootstrapped_ts ---- */

enum { BOOT_MAX = 100 };

struct boot_state {
    int k, d, cfg_dim, m;
    double lambda, prior_sd;
    bool primed;                 /* every replicate has drawn its prior */
    double *tmp;
    double *models;              /* m ridge blocks */
};

static size_t boot_size(const struct pol_config *cfg)
{
    int d = pol_dim(cfg);
    size_t m = (size_t)fmin(fmax(cfg->knobs[0], 1), BOOT_MAX);
    return sizeof(struct boot_state) + ((size_t)d + m * ridge_doubles(d)) * sizeof(double);
}

static void boot_init(void *state, const struct pol_config *cfg)
{
    struct boot_state *st = state;
    st->k = cfg->k;
    st->d = pol_dim(cfg);
    st->cfg_dim = cfg->dim;
    st->m = (int)fmin(fmax(cfg->knobs[0], 1), BOOT_MAX);
    st->lambda = cfg->knobs[1];
    st->prior_sd = isnan(cfg->knobs[2]) ? 0.5 / sqrt(st->lambda) : cfg->knobs[2];
    st->tmp = (double *)(st + 1);
    st->models = st->tmp + st->d;
    for (int j = 0; j < st->m; j++) {
        struct ridge r;
        ridge_bind(&r, st->models + (size_t)j * ridge_doubles(st->d), st->d);
        ridge_reset(&r, st->d, st->lambda);
    }
}

/* Draw each replicate's prior mean on the first round (init has no rng):
 * theta = theta_j and b = lambda theta_j, as A^{-1} = I / lambda. */
static void boot_prime(struct boot_state *st, struct rng *rng)
{
    for (int j = 0; j < st->m; j++) {
        struct ridge r;
        ridge_bind(&r, st->models + (size_t)j * ridge_doubles(st->d), st->d);
        for (int i = 0; i < st->d; i++) {
            r.theta[i] = st->prior_sd * rng_normal(rng);
            r.b[i] = st->lambda * r.theta[i];
        }
    }
    st->primed = true;
}

static int boot_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct boot_state *st = state;
    if (!st->primed)
        boot_prime(st, rng);
    struct ridge r;
    int j = (int)rng_below(rng, (uint64_t)st->m);
    ridge_bind(&r, st->models + (size_t)j * ridge_doubles(st->d), st->d);
    return pol_linear_argmax(round, st->k, st->cfg_dim, r.theta);
}

static void boot_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct boot_state *st = state;
    int d;
    const double *x = pol_fb_features(fb, st->cfg_dim, &d);
    for (int j = 0; j < st->m; j++) {
        struct ridge r;
        ridge_bind(&r, st->models + (size_t)j * ridge_doubles(st->d), st->d);
        ridge_add(&r, x, fb->reward, rng_uniform(rng) < 0.5 ? 2.0 : 0.0, d, st->tmp);
    }
}

static const struct pol_knob boot_knobs[] = {
    {"m", 10, "bootstrap replicates (1 to 100)"},
    {"lambda", 1.0, "ridge penalty of each replicate"},
    {"prior_sd", NAN, "sd of each replicate's prior draw; default 1/(2 sqrt(lambda)), 0: none"},
};

const struct pol_type pol_bootstrapped_ts = {
    .name = "bootstrapped_ts",
    .title = "bootstrap Thompson sampling, ridge replicates (Eckles & Kaptein 2014)",
    .flags = POL_RANDOMISED | POL_CONTEXTUAL,
    .knobs = boot_knobs,
    .n_knobs = 3,
    .state_size = boot_size,
    .init = boot_init,
    .select = boot_select,
    .update = boot_update,
};
