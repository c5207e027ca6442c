/*
 * log_writer: writes an interaction log in the generic OPE format (read
 * back by benchmarks/ope/log_csv.h; see benchmarks/OPE.md), so a simulated
 * run can be evaluated offline against the value it is known to have. It
 * lives in the harness, beside the runner that produces the rounds
 * (bench_log_explore) and below the OPE library that reads them, so the
 * harness never includes ope/.
 *
 * Columns, in order:
 *     round,action,reward,propensity[,position][,x_0,...,x_<n_x - 1>]
 * round is ignored by the reader; propensity must be the logging policy's
 * probability of the action it took (in (0, 1]: a deterministic policy
 * logs 1, and then only replay-free estimators of *that* policy make
 * sense). Numbers are written in the shortest form that reads back to the
 * same double, so equal runs give byte-identical files.
 *
 * The file is written through base/atomic_file.h: readers see the old
 * file or the complete new one. A writer is a heap object; commit or abort
 * frees it. Not thread-safe.
 */
#ifndef BM_LOG_WRITER_H
#define BM_LOG_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "benchmarks/rng.h"

/* One logged round. */
struct bench_log_record {
    long long round;             /* 1-based round of the run */
    int action;                  /* >= 0 */
    int position;                /* >= 1; written only if the writer has positions */
    double reward;
    double propensity;           /* in (0, 1] */
    const double *x;             /* n_x context values, or NULL when n_x is 0 */
};

struct bench_log_writer;

/* Start writing path with n_x context columns (and a position column when
 * with_position). NULL with a diagnostic if path cannot be written. */
struct bench_log_writer *bench_log_writer_open(const char *path, size_t n_x, bool with_position,
                                               struct diag_list *diags);

/* Append one record. A propensity outside (0, 1] or a negative action is a
 * programmer error (BUG), since the file would not read back. */
void bench_log_writer_row(struct bench_log_writer *w, const struct bench_log_record *rec);

/* Finish: the file appears at its path. -1 with a diagnostic if it could
 * not be written (path unchanged). Frees w either way. */
int bench_log_writer_commit(struct bench_log_writer *w, struct diag_list *diags);

/* Give up: path is unchanged. Frees w; NULL is harmless. */
void bench_log_writer_abort(struct bench_log_writer *w);

/* Exploration with a known propensity around any policy: with probability
 * epsilon play a uniformly random arm of k, else policy_arm. Returns the
 * arm played and sets *propensity to its exact probability,
 * epsilon / k + (1 - epsilon) [arm == policy_arm], which is positive for
 * every arm when epsilon > 0, so ips and dr can evaluate any target on
 * the log. Draws exactly two numbers from r. 0 <= epsilon <= 1. */
int bench_log_explore(struct rng *r, int k, double epsilon, int policy_arm, double *propensity);

#endif
