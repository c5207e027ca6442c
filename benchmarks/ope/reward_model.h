/*
 * reward_model: the reward regression q(x, a) behind the direct method
 * and the doubly robust estimators.
 *
 * Ridge regression (Hoerl and Kennard, Technometrics 1970) centred on the
 * log's mean reward rbar, in one of two forms:
 *
 *   additive (default)  q(x, a) = rbar + alpha_a + beta . phi(x, a): one
 *                       regression over all rows, with an intercept per
 *                       action and context effects shared by the actions.
 *                       Few parameters, which suits sparse rewards such as
 *                       clicks (OBD: 69 parameters for 10,000 rows).
 *   disjoint            q(x, a) = rbar + theta_a . (1, phi(x, a)): one
 *                       regression per action on the rows that logged it,
 *                       the disjoint model of LinUCB (Li, Chu, Langford,
 *                       Schapire, WWW 2010, Sec. 3.1); captures
 *                       action-context interactions but needs many rows
 *                       per action.
 *
 * The penalty is lambda |parameters|^2; centring makes it shrink a rarely
 * logged action toward the overall mean rather than toward zero.
 * Predictions are clipped to the observed reward range, so a click model
 * never predicts below 0 or above 1.
 *
 * Context features phi(x, a), all from the logged row:
 *   [position == p] for p = 2..P   position effects (P = positions in the log)
 *   numeric context                generic logs: every x_* column;
 *                                  OBD: only user-item_affinity_<a>, the
 *                                  affinity of the action being scored
 *   hashed categorical context     OPE_MODEL_BUCKETS indicator buckets per
 *                                  c_* / user_feature_* column (feature
 *                                  hashing, Weinberger et al., ICML 2009)
 *
 * Bootstrap replicates: the model can carry R replicate fits besides the
 * main one, replicate r weighting each row by the Poisson multiplicity the
 * estimators' bootstrap gives it (estimators.h), so that the intervals of
 * dm and the dr family include the model's own sampling noise.
 *
 * Fitting needs one pass of ope_model_add() over the log and one
 * ope_model_fit(); memory is independent of the number of rows:
 * ope_model_memory() bytes, (1 + R) d^2 doubles for additive
 * (d = A + P - 1 + features) or (1 + R) A d^2 for disjoint
 * (d = P + features), where A is the number of actions the log has rows
 * for (cfg->actions), not the K actions a target may choose among: an
 * action without rows has no parameters, and its prediction is what its
 * zero parameters would give (rbar plus the shared context terms). The
 * cost of ope_model_fit() is A Cholesky factorisations of d^3 / 3 for
 * disjoint, one of d^3 / 3 for additive. Heap object; not thread-safe
 * (prediction uses scratch space inside the model).
 */
#ifndef BM_OPE_REWARD_MODEL_H
#define BM_OPE_REWARD_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "benchmarks/ope/log_csv.h"

enum { OPE_MODEL_BUCKETS = 8 };

enum ope_model_form {
    OPE_MODEL_ADDITIVE,
    OPE_MODEL_DISJOINT,
};

struct ope_model_config {
    enum ope_model_form form;
    int n_actions;               /* >= 1 */
    int n_positions;             /* >= 1 */
    double lambda;               /* ridge penalty > 0 */
    double r_mean;               /* the log's mean reward, rbar */
    double r_min, r_max;         /* the observed reward range */
    int replicates;              /* R >= 0 bootstrap refits */
    const int *actions;          /* the actions the rows will have, ascending, or NULL for
                                    all of 0..K-1; only these get parameters (copied) */
    size_t n_seen;               /* entries in actions */
};

struct ope_model;

/* An empty model for rows of log (the log supplies the feature layout and
 * must outlive the model). BUG() on a bad config. Free with
 * ope_model_free(). */
struct ope_model *ope_model_new(const struct ope_log *log, const struct ope_model_config *cfg);
void ope_model_free(struct ope_model *m);

/* Bytes the model for log and cfg would take, and the dimension d of one
 * of its regressions. */
size_t ope_model_memory(const struct ope_log *log, const struct ope_model_config *cfg);
size_t ope_model_config_dim(const struct ope_log *log, const struct ope_model_config *cfg);

/* Add one logged row (its action and reward, an action of cfg->actions)
 * to the normal equations, with
 * weight 1 in the main fit and mult[r] in replicate r (mult may be NULL
 * when R is 0). */
void ope_model_add(struct ope_model *m, const struct ope_row *row, const uint8_t *mult);

/* Solve every action's ridge system. Call once, after the last add. */
void ope_model_fit(struct ope_model *m);

/* q(x, a) for the row's context and action a (any a, not only the logged
 * one). Valid only after ope_model_fit(). */
double ope_model_predict(struct ope_model *m, const struct ope_row *row, int a);
/* The same from each replicate fit: R values into q. */
void ope_model_predict_replicates(struct ope_model *m, const struct ope_row *row, int a,
                                  double *q);

/* The dimension d of one regression. */
size_t ope_model_dim(const struct ope_model *m);

#endif
