/*
 * model_quiz: the questionnaire's actions: which questions apply (ask_if,
 * through adv_profile_applies), the current question, answering, numeric
 * values at a prompt, presets, and saving the answers as a profile.
 * Called by tui/model.c only.
 */
#ifndef BM_TUI_MODEL_QUIZ_H
#define BM_TUI_MODEL_QUIZ_H

#include <stddef.h>

#include "tui/actions.h"
#include "tui/model_state.h"

struct tui_model;

/* Set up the questions for the model's taxonomy and profile, on the
 * first one, with the answers focused. */
void tui_quiz_init(struct tui_model *m);
/* Free the list of questions; tui_quiz_init() builds it again. */
void tui_quiz_release(struct tui_model *m);
/* Recompute quiz.asked after the answers (or the taxonomy) changed,
 * staying on trait index keep (or the nearest question before it) when it
 * still applies. */
void tui_quiz_refresh(struct tui_model *m, size_t keep);
/* Perform a questionnaire action; key is the key pressed (QUIZ_PICK reads
 * its digit). Returns TUI_REACT_* bits. */
unsigned tui_quiz_apply(struct tui_model *m, enum tui_action a, int key, const struct tui_geom *g);
/* Enter on the number prompt: answer the current question with the typed
 * value, or keep the prompt open with why it is refused. */
unsigned tui_quiz_number_accept(struct tui_model *m);
/* Enter on the save prompt: save the answers to the typed path. */
unsigned tui_quiz_save_accept(struct tui_model *m);
/* Enter in the presets overlay: load the highlighted preset. */
unsigned tui_presets_choose(struct tui_model *m);

#endif
