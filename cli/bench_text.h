/*
 * bench_text: the text `banditmap bench` (and `bench --sweep`) reads and
 * prints: its number options, the run-size guard, the results table of a
 * run and the catalogues of policies and workloads. Writes only to the
 * FILE given (messages to stderr).
 */
#ifndef BM_CLI_BENCH_TEXT_H
#define BM_CLI_BENCH_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "benchmarks/runner.h"
#include "benchmarks/spec.h"

/* ---- options ---- */

/* A whole number in decimal digits only (no sign, spaces, hex, exponent or
 * fraction) between min and max, for option opt. 0 with *out set; -1
 * after printing `banditmap bench: error: ...` naming opt and text. */
int cli_bench_parse_whole(const char *opt, const char *text, long long min, long long max,
                          long long *out);
/* A finite number in decimal notation (strtod's, without hex or inf/nan).
 * 0 with *out set; -1 after printing why. */
int cli_bench_parse_number(const char *opt, const char *text, double *out);

/* ---- the run-size guard ---- */

/* Runs estimated above this many CPU seconds (bench_estimate_seconds) are
 * refused without --allow-long; above CLI_BENCH_NOTE_SECONDS the estimate
 * is printed to stderr before the run, terminal or not. */
#define CLI_BENCH_LONG_SECONDS 7200.0
#define CLI_BENCH_NOTE_SECONDS 10.0

/* Check an estimated run of cpu_seconds on `parallel` cores: -1 after
 * printing `WHERE: error: this run would take about ... of CPU (SIZE)`
 * when it is above the limit and allow_long is false; otherwise 0,
 * after printing a note with the estimate when it is long. where is
 * "FILE:LINE:COL" or "banditmap bench"; size says what was counted, and
 * smaller how to make the run smaller (e.g. "lower --horizon or --seeds"). */
int cli_bench_guard(double cpu_seconds, int parallel, bool allow_long, const char *where,
                    const char *size, const char *smaller);

/* The --help text. */
void cli_bench_usage(FILE *out);
/* The table of r (run from spec s): regret with its CI and quartiles per
 * policy, the lower bound and the verdict. */
void cli_bench_table(const struct bench_results *r, const struct bench_spec *s, FILE *out);
/* Every policy with its knobs, and every workload with its params. */
void cli_bench_list_policies(FILE *out);
void cli_bench_list_workloads(FILE *out);

#endif
