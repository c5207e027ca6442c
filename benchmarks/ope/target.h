/*
 * target: the evaluation policy pi whose value off-policy evaluation
 * estimates, built from a --policy spec.
 *
 * The log's action is the item and its position is part of the context,
 * as Open Bandit Pipeline treats the three slots of OBD's widget: pi gives
 * a distribution over the K actions for each row, at the row's position.
 * Each position is evaluated as its own bandit; interactions between the
 * items of one slate are outside this model.
 *
 * Specs:
 *   uniform        pi(a | x, p) = 1/K
 *   item:A         always action A, at every position
 *   top:NAME       rank the actions by a feature, highest first, ties to
 *                  the lower id, and show the k-th ranked at position k
 *                  (k > K wraps). NAME is a numeric column of the --items
 *                  file (one ranking for every row), or a prefix P such that
 *                  the log has numeric columns P0 .. P<K-1> (a ranking per
 *                  row, e.g. OBD's top:user-item_affinity_)
 *   dist:FILE      a fixed distribution read from a CSV file with columns
 *                  action (or item_id), prob and optionally position; each
 *                  position's probabilities must sum to 1 and actions left
 *                  out get 0; without a position column the distribution
 *                  holds at every position
 *   freq:LOG       the per-position action frequencies of another log (a
 *                  log's own average behaviour, e.g. BTS in OBD)
 *   policy:NAME[,knob=value...]
 *                  a harness policy from benchmarks/policy.h (its registry
 *                  id and knobs), one learner per position, learning as it
 *                  is replayed (see target_policy.h)
 *
 * A target is a heap object; ope_target_free() frees it. Not thread-safe.
 */
#ifndef BM_OPE_TARGET_H
#define BM_OPE_TARGET_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "benchmarks/ope/log_csv.h"
#include "benchmarks/rng.h"

struct ope_target_env {
    int n_actions;               /* K >= 1 */
    int n_positions;             /* P >= 1: positions 1..P occur in the log */
    const struct ope_log *log;   /* the log being evaluated, for column lookups */
    const char *items_path;      /* --items file, or NULL */
    uint64_t seed;               /* for targets with their own randomness */
    long horizon;                /* rows to evaluate (a harness policy's T) */
    double r_min, r_max;         /* observed reward range (harness rewards are scaled to [0, 1]) */
    bool binary_rewards;         /* every reward is 0 or 1 */
    bool freq_drop_mismatch;     /* freq:LOG drops LOG's rows with an action or position
                                    beyond n_actions / n_positions (else they are errors) */
};

/* Check only the spec's shape (a known kind with an argument where one is
 * needed). -1 with a diagnostic otherwise: a usage error. */
int ope_target_check_spec(const char *spec, struct diag_list *diags);

/* Build the target spec names for env. NULL with diagnostics (bad spec,
 * unreadable or malformed file, unknown column) on failure. */
struct ope_target *ope_target_new(const char *spec, const struct ope_target_env *env,
                                  struct diag_list *diags);
void ope_target_free(struct ope_target *t);

/* Write pi(a | row) for a = 0..K-1 into probs. */
void ope_target_probs(struct ope_target *t, const struct ope_row *row, double *probs);

/* The action pi picks for row: a draw from probs (as filled by
 * ope_target_probs() for this row) with r. */
int ope_target_sample(const double *probs, int n_actions, struct rng *r);

/* Replay feedback: the action pi picked for row was the logged one, so
 * its reward is known. Adaptive targets (policy:) learn from it; fixed
 * ones ignore it. */
void ope_target_observe(struct ope_target *t, const struct ope_row *row);

/* Whether the target changes as it observes (replay is then the only
 * sound estimator for it: its probabilities depend on the replay). */
bool ope_target_adaptive(const struct ope_target *t);

#endif
