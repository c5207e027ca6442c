/*
 * ope: off-policy evaluation of one target policy on one logged data set,
 * the engine behind `banditmap ope`. Start here; the parts are
 *
 *   csv.h           line splitting shared by the readers
 *   log_csv.h       the streaming log reader (generic format and OBD)
 *   target.h        evaluation policies from a --policy spec
 *   reward_model.h  the ridge reward model behind dm and the dr family
 *   estimators.h    replay, ips, snips, dm, dr, switch-dr, dr-clip, with
 *                   Poisson-bootstrap intervals and effective sample sizes
 * The harness writes the logs of simulated runs in the generic format
 * (benchmarks/log_writer.h, beside the runner that produces them).
 *
 * ope_run() makes up to three streaming passes over the log file, so its
 * memory does not grow with the number of rows: (1) validate every row,
 * find the actions, positions and the on-policy value; (2) fit the reward
 * model, only when an estimator needs one; (3) feed every row, seen through
 * the target and the model, to the estimators. A log that is not a regular
 * file (a pipe) is read once and replayed from memory (csv.h). With the bootstrap on, the model is refitted
 * in each replicate (passes 2 and 3 draw the same Poisson multiplicities
 * from one stream), so the intervals of dm and the dr family include the
 * model's own noise, unless that would take more than
 * OPE_MAX_MODEL_MEMORY bytes (a note then says so). Everything that goes wrong or looks risky
 * (bad rows, tiny propensities, replay on a non-uniform log, a small
 * effective sample size) is a diagnostic; nothing is printed.
 *
 * Deterministic: the same log, config and seed give the same report, bit
 * for bit. Randomness comes from benchmarks/rng.h streams of cfg->seed:
 * stream OPE_STREAM_BOOTSTRAP for the bootstrap, OPE_STREAM_REPLAY for
 * replay's draws from the target, OPE_STREAM_POLICY for a harness policy.
 */
#ifndef BM_OPE_H
#define BM_OPE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/jsonw.h"
#include "benchmarks/ope/estimators.h"
#include "benchmarks/ope/reward_model.h"

enum { OPE_STREAM_BOOTSTRAP = 1, OPE_STREAM_REPLAY = 2, OPE_STREAM_POLICY = 3 };

/* Bytes above which the reward model is not refitted per replicate. */
enum { OPE_MAX_MODEL_MEMORY = 256 << 20 };
/* Limits on the main fit of the reward model, checked before the log is
 * read again: the dimension of one regression (its Cholesky factorisation
 * costs d^3 / 3, 2 * 10^10 flops at the limit, some seconds) and its
 * memory. The dimension grows with the actions that have rows, not with K
 * (reward_model.h). */
enum { OPE_MAX_MODEL_DIM = 4000 };
#define OPE_MAX_MODEL_FIT_MEMORY ((size_t)1 << 30)

struct ope_config {
    const char *log_path;        /* the logged data */
    const char *items_path;      /* item features for top:NAME, or NULL */
    const char *policy;          /* the target, a spec of target.h */
    unsigned estimators;         /* bits 1u << enum ope_estimator */
    int n_actions;               /* K, or 0 to take it from the log */
    int position;                /* evaluate rows at this position only; 0 = all */
    bool skip_bad;               /* skip malformed rows (as warnings) instead of failing */
    bool freq_drop_mismatch;     /* freq:LOG may have actions or positions this log lacks:
                                    drop those rows with a warning instead of failing */
    int bootstrap;               /* replicates B (0: no intervals) */
    uint64_t seed;               /* master seed */
    enum ope_model_form model;   /* reward model form */
    double ridge_lambda;         /* reward model penalty */
    double switch_tau;           /* switch-dr threshold on the weight */
    double clip;                 /* dr-clip cap on the weight */
    double tiny_propensity;      /* warn about propensities below this */
    int max_row_diags;           /* report at most this many bad rows one by one */
};

/* Defaults: every estimator, B = 200, seed 1, additive model, lambda 1,
 * tau 20, M 20,
 * tiny 1e-3, 20 row diagnostics; paths and policy NULL. */
void ope_config_init(struct ope_config *cfg);

struct ope_report {
    struct ope_estimate est[OPE_N_ESTIMATORS];   /* in enum order */
    size_t n_est;
    double on_policy_value;      /* mean logged reward of the rows evaluated */
    long n_rows;                 /* rows evaluated */
    long n_bad;                  /* malformed rows (skipped with skip_bad) */
    long n_other_position;       /* rows left out by cfg->position */
    int n_actions;               /* K used */
    int n_positions;             /* positions 1..P seen */
    double min_propensity, max_propensity;
    double max_weight;           /* largest pi(a_i|x_i) / p_i */
    double sum_weight;           /* sum of pi(a_i|x_i) / p_i (n_rows on average if the
                                    propensities are right and pi is covered) */
    long n_tiny;                 /* rows with propensity below cfg->tiny_propensity */
    size_t model_dim;            /* reward model dimension, 0 if none */
    bool model_refit;            /* the model was refitted in every bootstrap replicate */
};

/* Evaluate cfg->policy on cfg->log_path. 0 on success with rep filled
 * (warnings may be in diags); -1 if the log, the policy or any row is bad
 * (every problem is in diags; rep is then meaningless). */
int ope_run(const struct ope_config *cfg, struct ope_report *rep, struct diag_list *diags);

/* Write rep as the JSON object of the `banditmap ope --json` contract:
 *   {"estimates": [{"estimator", "value", "ci95": [lo, hi], "ess", "n"}],
 *    "on_policy_value": v, "rows": ..., ...}
 * Undefined numbers are null. */
void ope_report_write_json(const struct ope_report *rep, const struct ope_config *cfg,
                           struct jsonw *w);

#endif
