/*
 * report: serialise bench results as JSON or CSV into a caller FILE (the
 * engines never choose where output goes; cli/ and tui/ do).
 *
 * JSON (stable contract, see benchmarks/README.md):
 *   {"workload", "goal", "arms", "horizon", "seeds", "seed", "checkpoints":[t...],
 *    "lower_bound": {"constant", "curve":[...]} | null,
 *    "results": [{"policy", "title", "final_regret_mean", "final_regret_ci95":[lo,hi],
 *                 "final_regret_sd", "final_regret_median", "final_regret_q1",
 *                 "final_regret_q3", "rounds_per_second", "error_rate",
 *                 "samples_mean", "samples_ci95", "curve":[{"t","regret","ci95","reward"}]}],
 *    "verdict": {"kind", "recommended", "best", "runner_up", "metric", "recommended_mean",
 *                "best_mean", "difference", "difference_ci95", "relative", "seeds", "text"}}
 * With timing false, rounds_per_second is null so that output is
 * byte-identical across runs and thread counts.
 * CSV: one row per policy and checkpoint (header first).
 */
#ifndef BM_REPORT_RESULTS_H
#define BM_REPORT_RESULTS_H

#include <stdbool.h>
#include <stdio.h>

#include "base/jsonw.h"
#include "benchmarks/runner.h"

void report_results_json(const struct bench_results *r, FILE *out, bool pretty, bool timing);
/* The same object as one value of an open writer (e.g. inside a sweep's
 * cell). */
void report_results_json_value(struct jsonw *w, const struct bench_results *r, bool timing);
void report_results_csv(const struct bench_results *r, FILE *out);

const char *bench_goal_name(enum wl_goal g);   /* "regret", "fixed_confidence", ... */

#endif
