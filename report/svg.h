/*
 * svg: regret curves as a standalone SVG, in plain C, into a caller FILE.
 *
 * One chart: cumulative regret (mean over seeds) against the round on a
 * log axis, a shaded 95% CI band per policy, and the Lai-Robbins lower
 * bound C ln t as a dashed line when the workload has one. Colours are
 * the Okabe-Ito palette (readable by colour-blind readers), the legend
 * names each policy with its final mean regret. Deterministic output.
 */
#ifndef BM_SVG_H
#define BM_SVG_H

#include <stdio.h>

#include "benchmarks/runner.h"

/* title may be NULL (then "regret on WORKLOAD"). */
void report_results_svg(const struct bench_results *r, FILE *out, const char *title);

#endif
