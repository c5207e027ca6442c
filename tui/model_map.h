/*
 * model_map: the map screen's actions: the tree of families and
 * algorithms, which families are open, the incremental search filter and
 * the cursor. Called by tui/model.c only; the rows point into the model's
 * taxonomy, so tui_map_release() and tui_map_init() go round a reload.
 */
#ifndef BM_TUI_MODEL_MAP_H
#define BM_TUI_MODEL_MAP_H

#include <stdbool.h>

#include "tui/actions.h"
#include "tui/model_state.h"

struct tui_model;

/* Build the tree for the model's taxonomy: every family closed, the filter
 * kept, the cursor on the first row. */
void tui_map_init(struct tui_model *m);
/* Free the tree; tui_map_init() builds it again. */
void tui_map_release(struct tui_model *m);
/* Perform a map action. Returns TUI_REACT_* bits. */
unsigned tui_map_apply(struct tui_model *m, enum tui_action a, const struct tui_geom *g);
/* The search prompt's text changed: filter the tree by it and jump to the
 * first matching algorithm. Returns TUI_REACT_* bits. */
unsigned tui_map_search_text(struct tui_model *m);
/* Close the search prompt, keeping the filter (keep) or restoring the one
 * in use when the search began. */
void tui_map_search_done(struct tui_model *m, bool keep);

#endif
