/*
 * model: the TUI's state and what every action does to it, without curses.
 *
 * Flow (style practice 12): a key becomes an action (tui/actions.h), the
 * action changes the model through tui_apply() and returns reaction bits,
 * and the views draw from a const model. The model owns the loaded
 * taxonomy, the questionnaire's answers (an advisor profile), the current
 * recommendation and the benchmark job; it calls the engines and keeps
 * their results, it never draws. It gets its page sizes from the caller in
 * a struct tui_geom (computed by view_geom()), so it knows nothing about
 * the terminal.
 *
 * The model is opaque; views read it through the accessors below, which
 * return const pointers valid until the next tui_apply()/tui_model_text()/
 * tui_model_tick() call. Single-threaded: only the benchmark worker runs on
 * another thread, behind tui/job.h.
 *
 * Inside, calls only go down: model.c (this API: lifecycle, reload, the
 * dispatcher, prompts, overlays, accessors) calls the screens'
 * model_map.c, model_quiz.c, model_recs.c and model_bench.c; they and
 * model.c call model_util.c (the model's layout and the state every screen
 * shares) and tui/scroll.h. No screen calls another screen or model.c.
 */
#ifndef BM_TUI_MODEL_H
#define BM_TUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "advisor/profile.h"
#include "base/diag.h"
#include "taxonomy/taxonomy.h"
#include "tui/actions.h"
#include "tui/model_state.h"

struct tui_model;
struct tui_job;

struct tui_model_opts {
    const char *const *tax_files; /* taxonomy files; none = the bundled taxonomy */
    size_t n_tax_files;
    const char *data_dir;        /* the bundled taxonomy and presets/, NULL = tax_default_dir() */
    const char *profile_path;    /* answers to start from, or NULL */
    bool no_timings;             /* keep wall-clock times off the screen (script mode:
                                    saved screens must be reproducible) */
};

/* Create the model: load the taxonomy (and the profile, if given). Returns
 * NULL when the taxonomy does not load, with every problem in diags. A bad
 * profile is not fatal: its problems open the diagnostics overlay and the
 * answers start empty. The caller frees with tui_model_free(). */
struct tui_model *tui_model_new(const struct tui_model_opts *opts, struct diag_list *diags);
void tui_model_free(struct tui_model *m);

/* Perform one action. key is the key that triggered it (QUIZ_PICK reads
 * its digit; 0 from scripts means "1"). g gives the current page sizes.
 * Returns TUI_REACT_* bits. */
unsigned tui_apply(struct tui_model *m, enum tui_action a, int key, const struct tui_geom *g);

/* Does a prompt take printable keys as text right now? */
bool tui_model_wants_text(const struct tui_model *m);
/* Insert one printable key into the prompt (incremental search filters as
 * it goes). Returns TUI_REACT_* bits; 0 when no prompt is open. */
unsigned tui_model_text(struct tui_model *m, int key);

/* Handle one key: text for an open prompt, else the action the key is
 * bound to in the current context (tui_model_context). Keys bound to
 * nothing are ignored (0). */
unsigned tui_model_key(struct tui_model *m, int key, const struct tui_geom *g);

/* Poll the benchmark worker and copy its progress into the model. Returns
 * TUI_REACT_REDRAW when something changed. Cheap; call it every loop. */
unsigned tui_model_tick(struct tui_model *m);
/* Is a benchmark running (the main loop then wakes up every 100 ms)? */
bool tui_model_busy(const struct tui_model *m);
/* Block until the running benchmark (if any) ends; for script mode. */
void tui_model_wait(struct tui_model *m);

/* The TUI_CTX_* bit the next key is looked up in. */
unsigned tui_model_context(const struct tui_model *m);

const struct tax *tui_model_tax(const struct tui_model *m);
const struct adv_profile *tui_model_profile(const struct tui_model *m);
enum tui_screen tui_model_screen(const struct tui_model *m);
enum tui_pane tui_model_focus(const struct tui_model *m);
enum tui_overlay tui_model_overlay(const struct tui_model *m);
/* The prompt; kind TUI_PROMPT_NONE when none is open. */
struct tui_prompt tui_model_prompt(const struct tui_model *m);
struct tui_status tui_model_status(const struct tui_model *m);
const struct tui_map_state *tui_model_map(const struct tui_model *m);
const struct tui_quiz_state *tui_model_quiz(const struct tui_model *m);
const struct tui_recs_state *tui_model_recs(const struct tui_model *m);
const struct tui_list_state *tui_model_list(const struct tui_model *m);
/* The benchmark job (tui/job.h), or NULL before the first run. */
const struct tui_job *tui_model_job(const struct tui_model *m);
/* Are wall-clock times shown (not in script mode)? */
bool tui_model_timings(const struct tui_model *m);
/* How many questions the profile answers (given answers, not_sure included). */
size_t tui_model_answered(const struct tui_model *m);
/* How far the benchmark results are scrolled. */
int tui_model_bench_scroll(const struct tui_model *m);

#endif
