/*
 * model_bench: the benchmark screen's actions: start the benchmark the
 * advisor planned for the current answers on a worker (tui/job.h), follow
 * its progress, cancel it, scroll its results, and export them as JSON,
 * CSV or SVG. Called by tui/model.c only; the job is owned by the model
 * and freed by tui_bench_release().
 */
#ifndef BM_TUI_MODEL_BENCH_H
#define BM_TUI_MODEL_BENCH_H

#include <stdbool.h>

#include "tui/actions.h"
#include "tui/model_state.h"

struct tui_model;

/* Free the job (cancelling a running one) and its results. */
void tui_bench_release(struct tui_model *m);
/* Perform a benchmark-screen action. Returns TUI_REACT_* bits. */
unsigned tui_bench_apply(struct tui_model *m, enum tui_action a, const struct tui_geom *g);
/* Start the planned benchmark, unless one is running or none fits the
 * answers (the status line says which). Returns TUI_REACT_* bits. */
unsigned tui_bench_start(struct tui_model *m);
/* Enter on the export prompt: write the results to the typed path. */
unsigned tui_bench_export_accept(struct tui_model *m);

/* Poll the job; TUI_REACT_REDRAW when its progress or state changed. */
unsigned tui_bench_tick(struct tui_model *m);
/* Is the job running? */
bool tui_bench_busy(const struct tui_model *m);
/* Block until a running job ends. */
void tui_bench_wait(struct tui_model *m);

#endif
