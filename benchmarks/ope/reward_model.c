/*
 * reward_model: ridge reward regressions (see reward_model.h).
 *
 * Both forms are n_sys independent ridge systems of dimension d (one
 * system for additive, one per action with rows for disjoint; the actions
 * with rows get dense indices 0..n_seen-1 in ascending id order, so the
 * cost follows the data, not K) over sparse feature
 * vectors. The normal equations lambda I + sum phi phi^T are accumulated
 * in full and solved by Cholesky factorisation (Golub and Van Loan,
 * Matrix Computations, 4th ed., Algorithm 4.2.1), safe because the matrix
 * is symmetric positive definite for lambda > 0.
 */
#include "benchmarks/ope/reward_model.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/linalg.h"

struct ope_model {
    struct ope_model_config cfg;
    const struct ope_log *log;
    bool obd;                    /* numeric context = the scored action's affinity */
    size_t n_x_used;             /* numeric features */
    size_t n_cat;
    size_t base;                 /* index of the first shared feature */
    size_t d;                    /* dimension of one system */
    size_t n_sys;                /* 1 (additive) or K (disjoint) */
    size_t n_fit;                /* 1 + R: the main fit, then the replicates */
    size_t n_seen;               /* actions with rows */
    int *dense;                  /* owned; K: an action's index among them, or -1 (4 bytes
                                    per action, less than the K doubles of a target's
                                    probabilities that every prediction is asked for) */
    double *A;                   /* owned; n_fit x n_sys x d x d */
    double *b;                   /* owned; n_fit x n_sys x d */
    size_t *idx;                 /* owned; scratch: non-zero feature indices */
    double *val;                 /* owned; scratch: their values */
    bool fitted;                 /* b then holds the solutions theta */
};

/* The number of actions with parameters: those listed, or all K. */
static size_t n_modelled(const struct ope_model_config *cfg)
{
    return cfg->actions ? cfg->n_seen : (size_t)cfg->n_actions;
}

/* Layout of a model for log and cfg: feature base, dimension, systems. */
static void layout(const struct ope_log *log, const struct ope_model_config *cfg, size_t *base,
                   size_t *d, size_t *n_sys)
{
    bool obd = ope_log_format(log) == OPE_LOG_OBD;
    size_t n_x = obd ? 1 : ope_log_n_x(log), K = n_modelled(cfg);
    bool additive = cfg->form == OPE_MODEL_ADDITIVE;
    *base = additive ? K : 1;
    *n_sys = additive ? 1 : K;
    *d = *base + (size_t)(cfg->n_positions - 1) + n_x + ope_log_n_cat(log) * OPE_MODEL_BUCKETS;
}

size_t ope_model_memory(const struct ope_log *log, const struct ope_model_config *cfg)
{
    size_t base, d, n_sys;
    layout(log, cfg, &base, &d, &n_sys);
    return (size_t)(1 + cfg->replicates) * n_sys * (d * d + d) * sizeof(double);
}

size_t ope_model_config_dim(const struct ope_log *log, const struct ope_model_config *cfg)
{
    size_t base, d, n_sys;
    layout(log, cfg, &base, &d, &n_sys);
    return d;
}

struct ope_model *ope_model_new(const struct ope_log *log, const struct ope_model_config *cfg)
{
    if (cfg->n_actions < 1 || cfg->n_positions < 1 || !(cfg->lambda > 0) || cfg->replicates < 0)
        BUG("ope_model_new: %d actions, %d positions, lambda %g, %d replicates",
            cfg->n_actions, cfg->n_positions, cfg->lambda, cfg->replicates);
    struct ope_model *m = xcalloc(1, sizeof(*m));
    m->cfg = *cfg;
    m->n_seen = n_modelled(cfg);
    m->dense = xmalloc((size_t)cfg->n_actions * sizeof(int));
    for (int a = 0; a < cfg->n_actions; a++)
        m->dense[a] = cfg->actions ? -1 : a;
    for (size_t i = 0; cfg->actions && i < m->n_seen; i++) {
        int a = cfg->actions[i];
        if (a < 0 || a >= cfg->n_actions || (i && a <= cfg->actions[i - 1]))
            BUG("ope_model_new: action list not ascending in [0, %d) at %zu", cfg->n_actions, i);
        m->dense[a] = (int)i;
    }
    m->cfg.actions = NULL;   /* m->dense is what the model uses */
    m->log = log;
    m->obd = ope_log_format(log) == OPE_LOG_OBD;
    m->n_x_used = m->obd ? 1 : ope_log_n_x(log);
    m->n_cat = ope_log_n_cat(log);
    layout(log, cfg, &m->base, &m->d, &m->n_sys);
    m->n_fit = 1 + (size_t)cfg->replicates;
    size_t systems = m->n_fit * m->n_sys;
    m->A = xcalloc(systems * m->d * m->d, sizeof(double));
    m->b = xcalloc(systems * m->d, sizeof(double));
    size_t nnz = 2 + m->n_x_used + m->n_cat;
    m->idx = xcalloc(nnz, sizeof(size_t));
    m->val = xcalloc(nnz, sizeof(double));
    for (size_t s = 0; s < systems; s++)
        for (size_t i = 0; i < m->d; i++)
            m->A[(s * m->d + i) * m->d + i] = cfg->lambda;
    return m;
}

void ope_model_free(struct ope_model *m)
{
    if (!m)
        return;
    free(m->A);
    free(m->b);
    free(m->idx);
    free(m->val);
    free(m->dense);
    free(m);
}

size_t ope_model_dim(const struct ope_model *m)
{
    return m->d;
}

/* The dense index of action a among the modelled actions, or -1 when it
 * has no rows. */
static long dense_of(const struct ope_model *m, int a)
{
    return m->dense[a];
}

/* The non-zero features of (row, a) into m->idx / m->val; returns how
 * many. dense is a's index from dense_of(). An action without rows has no
 * intercept in the additive form: its parameter would be exactly 0 (its
 * row and column of the normal equations are lambda on the diagonal and 0
 * elsewhere), so leaving it out changes no other parameter and no
 * prediction, bit for bit; Cholesky and the triangular solves only skip
 * terms that are products with 0. */
static size_t features(struct ope_model *m, const struct ope_row *row, int a, long dense)
{
    size_t n = 0, k = m->base;
    if (m->cfg.form == OPE_MODEL_DISJOINT || dense >= 0) {
        m->idx[n] = m->cfg.form == OPE_MODEL_ADDITIVE ? (size_t)dense : 0;
        m->val[n++] = 1.0;
    }
    if (row->position >= 2 && row->position <= m->cfg.n_positions) {
        m->idx[n] = k + (size_t)row->position - 2;
        m->val[n++] = 1.0;
    }
    k += (size_t)(m->cfg.n_positions - 1);
    if (m->obd) {
        int j = ope_log_action_x(m->log, a);
        m->idx[n] = k++;
        m->val[n++] = j >= 0 ? row->x[j] : 0.0;
    } else {
        for (size_t j = 0; j < m->n_x_used; j++) {
            m->idx[n] = k++;
            m->val[n++] = row->x[j];
        }
    }
    for (size_t c = 0; c < m->n_cat; c++) {
        m->idx[n] = k + c * OPE_MODEL_BUCKETS + row->cat[c] % OPE_MODEL_BUCKETS;
        m->val[n++] = 1.0;
    }
    return n;
}

/* The system of an action with rows (dense >= 0). */
static size_t system_of(const struct ope_model *m, long dense)
{
    return m->cfg.form == OPE_MODEL_ADDITIVE ? 0 : (size_t)dense;
}

/* Add weight w times the row's outer product to fit f. */
static void accumulate(struct ope_model *m, size_t f, size_t s, size_t n, double y, double w)
{
    size_t d = m->d;
    double *A = m->A + (f * m->n_sys + s) * d * d, *b = m->b + (f * m->n_sys + s) * d;
    for (size_t i = 0; i < n; i++) {
        double wi = w * m->val[i];
        b[m->idx[i]] += wi * y;
        for (size_t j = 0; j < n; j++)
            A[m->idx[i] * d + m->idx[j]] += wi * m->val[j];
    }
}

void ope_model_add(struct ope_model *m, const struct ope_row *row, const uint8_t *mult)
{
    if (row->action < 0 || row->action >= m->cfg.n_actions)
        BUG("ope_model_add: action %d of %d", row->action, m->cfg.n_actions);
    if (m->fitted || (m->n_fit > 1 && !mult))
        BUG("ope_model_add: fitted %d, multiplicities %p", (int)m->fitted, (const void *)mult);
    long dense = dense_of(m, row->action);
    if (dense < 0)
        BUG("ope_model_add: action %d is not in the model's action list", row->action);
    size_t s = system_of(m, dense);
    size_t n = features(m, row, row->action, dense);
    double y = row->reward - m->cfg.r_mean;
    accumulate(m, 0, s, n, y, 1.0);
    for (size_t f = 1; f < m->n_fit; f++)
        if (mult[f - 1])
            accumulate(m, f, s, n, y, mult[f - 1]);
}

/* Solve A x = b in place (x overwrites b) for SPD A, overwriting A with
 * its Cholesky factor L (lower triangle). */
static void cholesky_solve(double *A, double *b, size_t d)
{
    for (size_t j = 0; j < d; j++) {
        double s = A[j * d + j];
        for (size_t k = 0; k < j; k++)
            s -= A[j * d + k] * A[j * d + k];
        if (!(s > 0))
            BUG("cholesky: matrix not positive definite at %zu (%g)", j, s);
        double ljj = sqrt(s);
        A[j * d + j] = ljj;
        for (size_t i = j + 1; i < d; i++) {
            double t = A[i * d + j];
            for (size_t k = 0; k < j; k++)
                t -= A[i * d + k] * A[j * d + k];
            A[i * d + j] = t / ljj;
        }
    }
    la_solve_lower(A, b, (int)d, b);          /* L y = b */
    la_solve_lower_t(A, b, (int)d, b);        /* L^T x = y */
}

void ope_model_fit(struct ope_model *m)
{
    if (m->fitted)
        BUG("ope_model_fit twice");
    for (size_t s = 0; s < m->n_fit * m->n_sys; s++)
        cholesky_solve(m->A + s * m->d * m->d, m->b + s * m->d, m->d);
    m->fitted = true;
}

static double clip(const struct ope_model *m, double q)
{
    return q < m->cfg.r_min ? m->cfg.r_min : q > m->cfg.r_max ? m->cfg.r_max : q;
}

/* rbar + theta . phi over the n features in idx / val, for fit f, of an
 * action with a system (dense >= 0, or any action in the additive form). */
static double dot(const struct ope_model *m, size_t f, long dense, size_t n)
{
    const double *theta = m->b + (f * m->n_sys + system_of(m, dense)) * m->d;
    double q = m->cfg.r_mean;
    for (size_t i = 0; i < n; i++)
        q += theta[m->idx[i]] * m->val[i];
    return clip(m, q);
}

double ope_model_predict(struct ope_model *m, const struct ope_row *row, int a)
{
    if (!m->fitted || a < 0 || a >= m->cfg.n_actions)
        BUG("ope_model_predict: action %d, fitted %d", a, (int)m->fitted);
    long dense = dense_of(m, a);
    if (m->cfg.form == OPE_MODEL_DISJOINT && dense < 0)
        return clip(m, m->cfg.r_mean);   /* theta = 0 solves lambda I theta = 0 */
    return dot(m, 0, dense, features(m, row, a, dense));
}

void ope_model_predict_replicates(struct ope_model *m, const struct ope_row *row, int a,
                                  double *q)
{
    if (!m->fitted || a < 0 || a >= m->cfg.n_actions)
        BUG("ope_model_predict_replicates: action %d, fitted %d", a, (int)m->fitted);
    long dense = dense_of(m, a);
    if (m->cfg.form == OPE_MODEL_DISJOINT && dense < 0) {
        for (size_t f = 1; f < m->n_fit; f++)
            q[f - 1] = clip(m, m->cfg.r_mean);
        return;
    }
    size_t n = features(m, row, a, dense);
    for (size_t f = 1; f < m->n_fit; f++)
        q[f - 1] = dot(m, f, dense, n);
}
