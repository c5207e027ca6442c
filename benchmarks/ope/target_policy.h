/*
 * target_policy: a harness policy (benchmarks/policy.h) used as the
 * evaluation policy of off-policy evaluation, run through the log.
 *
 * At each row the policy is asked for its action; when it matches the
 * logged action the policy is told the logged reward and learns from it,
 * the replay method of Li, Chu, Langford and Wang (WSDM 2011, Algorithm
 * 3). Rows it does not match are invisible to it, as in the paper. Its
 * "probabilities" are its action distribution where the descriptor gives
 * one, else the indicator of the action it picked: for a randomised policy
 * the indicator of a draw is an unbiased estimate of its probability, so
 * IPS and DR stay unbiased for the value of the sequence of policies the
 * replay produces (with more variance).
 *
 * Owned by the target that creates it (target.c). Not thread-safe.
 */
#ifndef BM_OPE_TARGET_POLICY_H
#define BM_OPE_TARGET_POLICY_H

#include "base/diag.h"
#include "benchmarks/ope/log_csv.h"
#include "benchmarks/ope/target.h"

struct ope_target_policy;

/* The harness policy called name (its registry id, optionally with
 * parameters as the registry accepts them) for env's K actions. NULL with
 * a diagnostic if there is no such policy. */
struct ope_target_policy *ope_target_policy_new(const char *name,
                                                const struct ope_target_env *env,
                                                struct diag_list *diags);
void ope_target_policy_free(struct ope_target_policy *p);

/* The policy's distribution over actions for row (see above). */
void ope_target_policy_probs(struct ope_target_policy *p, const struct ope_row *row,
                             double *probs);

/* The policy's last pick matched row's logged action: learn its reward. */
void ope_target_policy_observe(struct ope_target_policy *p, const struct ope_row *row);

#endif
