/*
 * sweep_json: a sweep's results as one JSON document, written cell by
 * cell as the cells finish, so a long sweep streams:
 *   {"sweep", "cells_total", "seeds", "seed",
 *    "cells": [{"cell", "label", "workload", "grid": {KEY: VALUE},
 *               "result": <bench results, report/results.h>}]}
 * Numbers follow base/jsonw.h (%.10g). One cell per line. Call begin, then
 * cell for each cell in order, then end. Writes only to the FILE given.
 */
#ifndef BM_REPORT_SWEEP_JSON_H
#define BM_REPORT_SWEEP_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "benchmarks/runner.h"
#include "benchmarks/sweep.h"

void report_sweep_json_begin(const struct sweep *sw, FILE *out);
/* Cell c's result r; c == 0 is the first cell written (no leading comma). */
void report_sweep_json_cell(const struct sweep *sw, size_t c, const struct bench_results *r,
                            bool timing, FILE *out);
void report_sweep_json_end(FILE *out);

#endif
