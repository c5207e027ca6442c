/*
 * bench_text: what `banditmap bench` prints as text: the results table of
 * a run and the catalogues of policies and workloads. Writes only to the
 * FILE given.
 */
#ifndef BM_CLI_BENCH_TEXT_H
#define BM_CLI_BENCH_TEXT_H

#include <stdio.h>

#include "benchmarks/runner.h"
#include "benchmarks/spec.h"

/* The --help text. */
void cli_bench_usage(FILE *out);
/* The table of r (run from spec s): regret with its CI and quartiles per
 * policy, the lower bound and the verdict. */
void cli_bench_table(const struct bench_results *r, const struct bench_spec *s, FILE *out);
/* Every policy with its knobs, and every workload with its params. */
void cli_bench_list_policies(FILE *out);
void cli_bench_list_workloads(FILE *out);

#endif
