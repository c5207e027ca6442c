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
 */
#ifndef BM_TUI_MODEL_H
#define BM_TUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "advisor/profile.h"
#include "base/diag.h"
#include "taxonomy/taxonomy.h"
#include "tui/actions.h"

struct tui_model;
struct tui_job;
struct adv_recommendation;
struct bench_plan;
struct adv_preset_list;

enum tui_screen {
    TUI_SCREEN_MAP,
    TUI_SCREEN_QUIZ,
    TUI_SCREEN_RECS,
    TUI_SCREEN_BENCH,
    TUI_SCREEN_COUNT
};

enum tui_overlay {
    TUI_OVERLAY_NONE,
    TUI_OVERLAY_HELP,            /* the keys of the screen underneath */
    TUI_OVERLAY_DIAGS,           /* problems of the last reload, preset or profile load */
    TUI_OVERLAY_PRESETS,         /* choose a preset profile */
};

enum tui_pane { TUI_PANE_LIST, TUI_PANE_DETAIL };

enum tui_prompt_kind {
    TUI_PROMPT_NONE,
    TUI_PROMPT_SEARCH,           /* incremental map search */
    TUI_PROMPT_NUMBER,           /* a numeric answer */
    TUI_PROMPT_SAVE_PROFILE,     /* a path: the profile (YAML) */
    TUI_PROMPT_EXPORT_REC,       /* a path: the recommendation (.md or .json) */
    TUI_PROMPT_EXPORT_RESULTS,   /* a path: the results (.json, .csv, .svg) */
};

enum tui_status_kind { TUI_STATUS_INFO, TUI_STATUS_OK, TUI_STATUS_ERROR };

/* Reaction bits returned by tui_apply() and friends. */
enum {
    TUI_REACT_REDRAW = 1 << 0,   /* something visible changed */
    TUI_REACT_REPAINT = 1 << 1,  /* repaint the whole terminal (C-l) */
    TUI_REACT_QUIT = 1 << 2,     /* leave the TUI */
};

/* Page sizes of the current screen, from view_geom(). */
struct tui_geom {
    int list_rows;               /* visible rows of the list pane */
    int detail_rows;             /* visible rows of the detail pane */
    int detail_lines;            /* lines of the detail pane's content */
    int overlay_rows;            /* visible rows of the overlay's body */
    int overlay_lines;           /* lines of the overlay's body */
};

struct tui_model_opts {
    const char *const *tax_files; /* taxonomy files; none = the bundled taxonomy */
    size_t n_tax_files;
    const char *data_dir;        /* the bundled taxonomy and presets/, NULL = tax_default_dir() */
    const char *profile_path;    /* answers to start from, or NULL */
    bool no_timings;             /* keep wall-clock times off the screen (script mode:
                                    saved screens must be reproducible) */
};

/* ---- the state views read ---- */

struct tui_prompt {
    enum tui_prompt_kind kind;
    const char *label;           /* e.g. "search: " */
    const char *text;            /* what the user typed so far */
    const char *error;           /* why the last Enter was refused, or NULL */
};

struct tui_status {
    enum tui_status_kind kind;
    const char *text;            /* "" when there is nothing to say */
};

struct tui_map_row {
    const struct tax_family *family;
    const struct tax_algorithm *alg;  /* NULL on a family row */
};

struct tui_map_state {
    const struct tui_map_row *rows;   /* the visible tree */
    size_t n_rows;
    int cursor, top;                  /* selected row, first visible row */
    int detail_scroll;
    const bool *open;                 /* per family (taxonomy order): expanded? */
    const char *filter;               /* the search text, "" for none */
};

struct tui_quiz_state {
    const size_t *asked;         /* indices into tax->traits of the questions that apply */
    size_t n_asked;
    size_t pos;                  /* position of the current question in asked[] */
    int cursor;                  /* highlighted answer (numeric: 0 = value, 1 = not sure) */
    int list_top;                /* first visible row of the question list */
    int detail_scroll;
};

struct tui_recs_state {
    const struct adv_recommendation *rec;   /* NULL until computed */
    const struct bench_plan *plan;          /* the benchmark that checks rec; NULL with it */
    int cursor, top;             /* selected ranked algorithm */
    int detail_scroll;
};

struct tui_list_state {          /* the overlays */
    int cursor, top;
    int scroll;
    const struct adv_preset_list *presets;
    const struct diag_list *diags;
    const char *title;           /* what the diagnostics are about */
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

/* The first visible row that keeps cursor on a page of rows rows, starting
 * from top (what both the model and the views use to scroll a list). */
int tui_scroll_top(int cursor, int top, int rows, int count);

#endif
