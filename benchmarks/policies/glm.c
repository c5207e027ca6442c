/*
 * Generalised linear (logistic) contextual policies, on one shared
 * parameter over the arm features (round->arm_features, or the context,
 * or the constant 1). Rewards are used as labels in [0, 1] (clicks; other
 * rewards are clipped), with the logistic link sigma(z) = 1 / (1 + e^-z).
 *
 * logistic_ts  Thompson sampling for logistic regression with a Laplace
 *              approximation, Chapelle & Li (2011), "An empirical
 *              evaluation of Thompson sampling", NIPS, Algorithm 3: a
 *              Gaussian posterior with diagonal precision, N(m_i, q_i^-1).
 *              After each observation (x, y), w = argmin 1/2 sum q_i (w_i
 *              - m_i)^2 + logloss(y, sigma(w^T x)); m = w; q_i += x_i^2
 *              p (1 - p) with p = sigma(w^T x). For one observation the
 *              minimiser is w = m + beta Q^{-1} x with beta = y - sigma(m^T
 *              x + beta x^T Q^{-1} x), a monotone scalar equation solved
 *              by Newton's method: O(d) per update, exact. Each round w~ ~
 *              N(m, alpha^2 Q^{-1}) and the arm maximising x^T w~ is
 *              played (alpha = 1 is the paper's posterior; it also
 *              reports alpha = 0.5 doing well).
 * glm_ucb      GLM-UCB, Filippi, Cappe, Garivier & Szepesvari (2010),
 *              "Parametric bandits: the generalized linear case", NIPS,
 *              Algorithm 1: play argmax x^T theta + rho ||x||_{V^{-1}},
 *              V = lambda I + sum x x^T (the index on the linear predictor;
 *              the link is increasing). The maximum-likelihood theta is
 *              tracked by one online Newton step per observation, theta
 *              += H^{-1} x (y - sigma(x^T theta)), H = lambda I + sum
 *              sigma'(x^T theta) x x^T, with H^{-1} and V^{-1} kept by
 *              Sherman-Morrison: O(d^2) per update instead of the paper's
 *              full MLE (O(t d) per round). rho = 1 by default (the
 *              paper's rho(t) is of order sqrt(d log t) times the link's
 *              constants, far too wide in practice, as Li et al. 2017 note).
 * Catalogue churn (round->replaced): both keep everything they learned.
 * Their models have no parameter of an arm's own: P(click) = sigma(w^T x)
 * with one w over the features x of the (user, ad) pair (Chapelle & Li
 * 2011, section 4), mu(x^T theta*) with one theta* for every arm (Filippi
 * et al. 2010, section 2). A new item is known by its features and scored
 * by the same w, which is what a feature model is for (the cold start);
 * the past observations are evidence about w and stay valid. There is no
 * per-slot statistic to reset: without arm features every arm has the
 * same features (the context, or the constant 1) and the same score.
 */
#include <math.h>
#include <string.h>

#include "benchmarks/linalg.h"
#include "benchmarks/policy.h"

static double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

static double label(double r)
{
    return r < 0 ? 0 : r > 1 ? 1 : r;
}

/* ---- logistic_ts ---- */

struct lts_state {
    int k, d, cfg_dim;
    double alpha;
    double *m, *q, *w;           /* d each */
};

static size_t lts_size(const struct pol_config *cfg)
{
    return sizeof(struct lts_state) + 3 * (size_t)pol_dim(cfg) * sizeof(double);
}

static void lts_init(void *state, const struct pol_config *cfg)
{
    struct lts_state *st = state;
    st->k = cfg->k;
    st->d = pol_dim(cfg);
    st->cfg_dim = cfg->dim;
    st->alpha = cfg->knobs[0];
    st->m = (double *)(st + 1);
    st->q = st->m + st->d;
    st->w = st->q + st->d;
    for (int i = 0; i < st->d; i++)
        st->q[i] = cfg->knobs[1];
}

static int lts_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct lts_state *st = state;
    for (int i = 0; i < st->d; i++)
        st->w[i] = st->m[i] + st->alpha * rng_normal(rng) / sqrt(st->q[i]);
    return pol_linear_argmax(round, st->k, st->cfg_dim, st->w);
}

static void lts_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct lts_state *st = state;
    int d;
    const double *x = pol_fb_features(fb, st->cfg_dim, &d);
    double y = label(fb->reward), mx = la_dot(st->m, x, d), s = 0.0;
    for (int i = 0; i < d; i++)
        s += x[i] * x[i] / st->q[i];
    double beta = 0.0;   /* g(beta) = beta - y + sigma(mx + beta s), increasing */
    for (int it = 0; it < 50; it++) {
        double p = sigmoid(mx + beta * s);
        double step = (beta - y + p) / (1.0 + p * (1.0 - p) * s);
        beta -= step;
        if (fabs(step) < 1e-12)
            break;
    }
    for (int i = 0; i < d; i++)
        st->m[i] += beta * x[i] / st->q[i];
    double p = sigmoid(la_dot(st->m, x, d));
    for (int i = 0; i < d; i++)
        st->q[i] += x[i] * x[i] * p * (1.0 - p);
}

static const struct pol_knob lts_knobs[] = {
    {"alpha", 1.0, "scale of the posterior draw (Chapelle & Li 2011 also try 0.5)"},
    {"lambda", 1.0, "prior precision q_i of every weight"},
};

const struct pol_type pol_logistic_ts = {
    .name = "logistic_ts",
    .title = "logistic Thompson sampling, Laplace approximation (Chapelle & Li 2011, Alg. 3)",
    .flags = POL_RANDOMISED | POL_CONTEXTUAL,
    .knobs = lts_knobs,
    .n_knobs = 2,
    .state_size = lts_size,
    .init = lts_init,
    .select = lts_select,
    .update = lts_update,
};

/* ---- glm_ucb ---- */

struct glmucb_state {
    int k, d, cfg_dim;
    double rho;
    double *hinv, *vinv;         /* d x d each */
    double *theta, *tmp;         /* d each */
};

static size_t glmucb_size(const struct pol_config *cfg)
{
    size_t d = (size_t)pol_dim(cfg);
    return sizeof(struct glmucb_state) + (2 * d * d + 2 * d) * sizeof(double);
}

static void glmucb_init(void *state, const struct pol_config *cfg)
{
    struct glmucb_state *st = state;
    st->k = cfg->k;
    st->d = pol_dim(cfg);
    st->cfg_dim = cfg->dim;
    st->rho = cfg->knobs[0];
    size_t dd = (size_t)st->d * (size_t)st->d;
    st->hinv = (double *)(st + 1);
    st->vinv = st->hinv + dd;
    st->theta = st->vinv + dd;
    st->tmp = st->theta + st->d;
    la_identity(st->hinv, st->d, 1.0 / cfg->knobs[1]);
    la_identity(st->vinv, st->d, 1.0 / cfg->knobs[1]);
}

static int glmucb_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct glmucb_state *st = state;
    int best = 0;
    double best_s = -INFINITY;
    for (int a = 0; a < st->k; a++) {
        int d;
        const double *x = pol_features(round, a, st->cfg_dim, &d);
        double s = la_dot(st->theta, x, d) + st->rho * sqrt(la_quad(st->vinv, x, d));
        if (s > best_s) {
            best_s = s;
            best = a;
        }
    }
    return best;
}

static void glmucb_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct glmucb_state *st = state;
    int d;
    const double *x = pol_fb_features(fb, st->cfg_dim, &d);
    double p = sigmoid(la_dot(st->theta, x, d));
    la_sherman_morrison(st->vinv, x, 1.0, d, st->tmp);
    la_sherman_morrison(st->hinv, x, p * (1.0 - p), d, st->tmp);
    la_matvec(st->hinv, x, d, st->tmp);
    double g = label(fb->reward) - p;
    for (int i = 0; i < d; i++)
        st->theta[i] += st->tmp[i] * g;
}

static const struct pol_knob glmucb_knobs[] = {
    {"rho", 1.0, "width of the confidence bound on the linear predictor"},
    {"lambda", 1.0, "ridge penalty: V and H start at lambda I"},
};

const struct pol_type pol_glm_ucb = {
    .name = "glm_ucb",
    .title = "GLM-UCB, logistic link (Filippi, Cappe, Garivier & Szepesvari 2010, Alg. 1)",
    .flags = POL_CONTEXTUAL,
    .knobs = glmucb_knobs,
    .n_knobs = 2,
    .state_size = glmucb_size,
    .init = glmucb_init,
    .select = glmucb_select,
    .update = glmucb_update,
};
