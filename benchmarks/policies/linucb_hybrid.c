/*
 * linucb_hybrid: LinUCB with hybrid linear models, Li, Chu, Langford &
 * Schapire (2010), "A contextual-bandit approach to personalized news
 * article recommendation", WWW, section 3.2 and Algorithm 2.
 *
 * Model (their eq. 6): E[r_{t,a} | z, x] = z_{t,a}^T beta* + x_{t,a}^T
 * theta*_a, with shared coefficients beta* (k of them) over the features
 * z of the user-item pair, and per-arm coefficients theta*_a (d) over
 * the user features x. In the harness z = round->arm_features row a (the
 * user x item product u_t (.) v_a) and x = round->context (u_t); both
 * have cfg->dim entries ({1} when the workload has none). The shared part
 * is what lets a cold-start item (catalogue churn) score from its
 * features on its first round, where disjoint LinUCB knows nothing.
 *
 * Algorithm 2 keeps A0 = I + sum z z^T - sum_a B_a^T A_a^{-1} B_a (k x k),
 * b0 (k), and per arm A_a = I + sum x x^T (d x d), B_a = sum x z^T (d x k),
 * b_a = sum r x (d); beta = A0^{-1} b0, theta_a = A_a^{-1} (b_a - B_a beta),
 * and the index p_{t,a} = z^T beta + x^T theta_a + alpha sqrt(s_{t,a}) with
 *   s_{t,a} = z^T A0^{-1} z - 2 z^T A0^{-1} B_a^T A_a^{-1} x
 *             + x^T A_a^{-1} x + x^T A_a^{-1} B_a A0^{-1} B_a^T A_a^{-1} x.
 * With y = A_a^{-1} x and w = B_a^T y this is s = (z - w)^T A0^{-1} (z - w)
 * + x^T y, and z^T beta + x^T theta_a = (z - w)^T beta + y^T b_a: O(d^2 +
 * d k + k^2) per arm, with no inverse formed.
 *
 * Update. Algorithm 2 adds B_a^T A_a^{-1} B_a to A0 (and B_a^T A_a^{-1}
 * b_a to b0), updates A_a += x x^T, B_a += x z^T, b_a += r x, then adds
 * z z^T - B_a^T A_a^{-1} B_a (and r z - B_a^T A_a^{-1} b_a) with the new
 * blocks. A0 is the Schur complement of the joint (z, x) Gram matrix, and
 * the net change of those lines is rank one: with y = A_a^{-1} x, q = x^T
 * y, c = z - B_a^T y and e = r - y^T b_a (old blocks), expanding (A_a + x
 * x^T)^{-1} by Sherman-Morrison gives
 *   A0 <- A0 + c c^T / (1 + q),     b0 <- b0 + e c / (1 + q).
 * So we keep A0^{-1} itself and update it by Sherman-Morrison (linalg.h),
 * and A_a^{-1} likewise: O(d^2 + d k + k^2) per round, never an O(d^3)
 * inversion; the test checks the result against Algorithm 2 computed
 * literally with direct inversions. A replaced slot (churn) gets a new
 * arm's A_a = I, B_a = 0, b_a = 0 (Algorithm 2, "if a is new"); what the
 * retired item taught A0 and b0 stays. lambda generalises the identity
 * initialisations to lambda I. Nothing is allocated after init.
 */
#include <math.h>
#include <string.h>

#include "benchmarks/linalg.h"
#include "benchmarks/policy.h"

struct hybrid_state {
    int n_arms;
    int k, d, cfg_dim;           /* k shared (z) and d per-arm (x) features: both dim */
    double alpha, lambda;
    double *a0inv;               /* k x k: A0^{-1} */
    double *b0, *beta;           /* k each: b0 and beta = A0^{-1} b0 */
    double *z, *x, *y, *w, *tmp; /* scratch: k, d, d, k, max(k, d) */
    double *arms;                /* per arm: A_a^{-1} (d x d), B_a (d x k, row-major), b_a (d) */
};

static size_t hybrid_arm_doubles(int d, int k)
{
    return (size_t)d * (size_t)d + (size_t)d * (size_t)k + (size_t)d;
}

static size_t hybrid_size(const struct pol_config *cfg)
{
    size_t n = (size_t)pol_dim(cfg);
    return sizeof(struct hybrid_state) +
           (n * n + 2 * n + 5 * n + (size_t)cfg->k * hybrid_arm_doubles((int)n, (int)n)) *
               sizeof(double);
}

static double *arm_ainv(const struct hybrid_state *st, int a)
{
    return st->arms + (size_t)a * hybrid_arm_doubles(st->d, st->k);
}

static void hybrid_reset_arm(struct hybrid_state *st, int a)
{
    double *ainv = arm_ainv(st, a);
    la_identity(ainv, st->d, 1.0 / st->lambda);
    memset(ainv + (size_t)st->d * (size_t)st->d, 0,
           ((size_t)st->d * (size_t)st->k + (size_t)st->d) * sizeof(double));
}

static void hybrid_init(void *state, const struct pol_config *cfg)
{
    struct hybrid_state *st = state;
    const int n = pol_dim(cfg);
    st->n_arms = cfg->k;
    st->k = n;
    st->d = n;
    st->cfg_dim = cfg->dim;
    st->alpha = cfg->knobs[0];
    st->lambda = cfg->knobs[1];
    st->a0inv = (double *)(st + 1);
    st->b0 = st->a0inv + (size_t)n * (size_t)n;
    st->beta = st->b0 + n;
    st->z = st->beta + n;
    st->x = st->z + n;
    st->y = st->x + n;
    st->w = st->y + n;
    st->tmp = st->w + n;
    st->arms = st->tmp + n;
    la_identity(st->a0inv, st->k, 1.0 / st->lambda);
    for (int a = 0; a < cfg->k; a++)
        hybrid_reset_arm(st, a);
}

/* The user features x when a round has no context: the constant 1. */
static const double unit1[1] = {1.0};

/* Copy n features into out[0..len), zero-padded. */
static void load_features(double *out, int len, const double *f, int n)
{
    int m = n < len ? n : len;
    memcpy(out, f, (size_t)m * sizeof(double));
    for (int i = m; i < len; i++)
        out[i] = 0.0;
}

/* For arm a with st->x set: y = A_a^{-1} x, w = B_a^T y, and x^T y. */
static double hybrid_project(struct hybrid_state *st, int a)
{
    const int d = st->d, k = st->k;
    const double *ainv = arm_ainv(st, a), *bmat = ainv + (size_t)d * (size_t)d;
    la_matvec(ainv, st->x, d, st->y);
    for (int j = 0; j < k; j++)
        st->w[j] = 0.0;
    for (int i = 0; i < d; i++) {
        const double *row = bmat + (size_t)i * (size_t)k;
        for (int j = 0; j < k; j++)
            st->w[j] += row[j] * st->y[i];
    }
    return la_dot(st->x, st->y, d);
}

static int hybrid_select(void *state, const struct bench_round *round, struct rng *rng)
{
    struct hybrid_state *st = state;
    for (int i = 0; i < round->n_replaced; i++)
        hybrid_reset_arm(st, round->replaced[i]);
    const int d = st->d, k = st->k;
    const double *ctx = round->context && st->cfg_dim > 0 ? round->context : NULL;
    load_features(st->x, d, ctx ? ctx : unit1, ctx ? st->cfg_dim : 1);
    int best = 0;
    double best_p = -INFINITY;
    for (int a = 0; a < st->n_arms; a++) {
        int n;
        const double *f = pol_features(round, a, st->cfg_dim, &n);
        load_features(st->z, k, f, n);
        double xy = hybrid_project(st, a);
        const double *ba = arm_ainv(st, a) + (size_t)d * (size_t)d + (size_t)d * (size_t)k;
        for (int j = 0; j < k; j++)
            st->z[j] -= st->w[j];   /* z - B_a^T A_a^{-1} x */
        double mean = la_dot(st->z, st->beta, k) + la_dot(st->y, ba, d);
        double s = la_quad(st->a0inv, st->z, k) + xy;
        double p = mean + st->alpha * sqrt(s > 0 ? s : 0);
        if (p > best_p) {
            best_p = p;
            best = a;
        }
    }
    return best;
}

static void hybrid_update(void *state, const struct pol_feedback *fb, struct rng *rng)
{
    struct hybrid_state *st = state;
    const int d = st->d, k = st->k, a = fb->arm;
    const double *ctx = fb->context && st->cfg_dim > 0 ? fb->context : NULL;
    int n;
    const double *f = pol_fb_features(fb, st->cfg_dim, &n);
    load_features(st->z, k, f, n);
    load_features(st->x, d, ctx ? ctx : unit1, ctx ? st->cfg_dim : 1);
    double *ainv = arm_ainv(st, a), *bmat = ainv + (size_t)d * (size_t)d;
    double *ba = bmat + (size_t)d * (size_t)k;
    const double r = fb->reward;
    /* the net rank-one change of A0 and b0 (top comment), old blocks */
    double q = hybrid_project(st, a);
    double e = r - la_dot(st->y, ba, d);
    for (int j = 0; j < k; j++)
        st->w[j] = st->z[j] - st->w[j];   /* c = z - B_a^T A_a^{-1} x */
    la_sherman_morrison(st->a0inv, st->w, 1.0 / (1.0 + q), k, st->tmp);
    for (int j = 0; j < k; j++)
        st->b0[j] += e * st->w[j] / (1.0 + q);
    la_matvec(st->a0inv, st->b0, k, st->beta);
    /* A_a += x x^T (kept as its inverse), B_a += x z^T, b_a += r x */
    la_sherman_morrison(ainv, st->x, 1.0, d, st->tmp);
    for (int i = 0; i < d; i++) {
        double *row = bmat + (size_t)i * (size_t)k;
        for (int j = 0; j < k; j++)
            row[j] += st->x[i] * st->z[j];
        ba[i] += r * st->x[i];
    }
}

static const struct pol_knob hybrid_knobs[] = {
    {"alpha", 1.0, "width of the confidence bound (Li et al. 2010, Alg. 2)"},
    {"lambda", 1.0, "ridge penalty: A0 and every A_a start at lambda I"},
};

const struct pol_type pol_linucb_hybrid = {
    .name = "linucb_hybrid",
    .title = "LinUCB, hybrid shared + per-arm models (Li, Chu, Langford & Schapire 2010, Alg. 2)",
    .flags = POL_CONTEXTUAL,
    .knobs = hybrid_knobs,
    .n_knobs = 2,
    .state_size = hybrid_size,
    .init = hybrid_init,
    .select = hybrid_select,
    .update = hybrid_update,
};
