/*
 * model_recs: the recommendations screen's actions: move through the
 * ranked algorithms or scroll the details, and export the recommendation
 * as Markdown or JSON. The recommendation itself is derived from the
 * answers in tui/model_util.h; handing over to the benchmark ("b") is the
 * dispatcher's, in tui/model.c. Called by tui/model.c only.
 */
#ifndef BM_TUI_MODEL_RECS_H
#define BM_TUI_MODEL_RECS_H

#include "tui/actions.h"
#include "tui/model_state.h"

struct tui_model;

/* Perform a recommendations-screen action. Returns TUI_REACT_* bits. */
unsigned tui_recs_apply(struct tui_model *m, enum tui_action a, const struct tui_geom *g);
/* Enter on the export prompt: write the recommendation to the typed path
 * (.json: JSON, else Markdown). */
unsigned tui_recs_export_accept(struct tui_model *m);

#endif
