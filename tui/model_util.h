/*
 * model_util: the layout of struct tui_model and the state every screen's
 * actions share: the status line, the one-line prompt, the diagnostics
 * overlay, the current screen, the recommendation derived from the answers,
 * and writing an export named at a prompt.
 *
 * Included by tui/model.c and the screens' tui/model_<screen>.c only;
 * views read the model through the accessors of tui/model.h. Everything
 * here calls only down (engines, tui/job.h, base/), never into a screen or
 * into model.c. Single-threaded, like the model.
 *
 * Invariants (checked by assert_sane_model() in tests/test_tui_model.c
 * after every key):
 *  - tax, profile are never NULL; profile->tax == tax.
 *  - map.rows/n_rows is the visible tree for filter and open[];
 *    0 <= map.cursor < n_rows (or 0 when empty).
 *  - quiz.asked lists the traits whose question applies under profile, in
 *    taxonomy order, and quiz.pos < n_asked (n_asked >= 1 whenever the
 *    taxonomy has traits).
 *  - rec, when not NULL, was computed from the current profile unless
 *    rec_stale is set.
 */
#ifndef BM_TUI_MODEL_UTIL_H
#define BM_TUI_MODEL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "advisor/presets.h"
#include "advisor/profile.h"
#include "advisor/recommend.h"
#include "benchmarks/plan.h"
#include "tui/job.h"
#include "tui/model_state.h"

enum { TUI_PROMPT_MAX = 1024 };

struct tui_model {
    struct tax *tax;                       /* owned */
    char **files;                          /* owned: --taxonomy files, NULL = bundled */
    size_t n_files;
    char *data_dir;                        /* owned: bundled taxonomy directory */
    struct adv_profile *profile;           /* owned */
    char *profile_path;                    /* owned: last loaded or saved profile, or NULL */

    enum tui_screen screen;
    enum tui_pane focus[TUI_SCREEN_COUNT];
    enum tui_overlay overlay;

    enum tui_prompt_kind prompt;
    char prompt_label[128];
    char prompt_text[TUI_PROMPT_MAX];
    size_t prompt_len;
    char *prompt_error;                    /* owned, or NULL */
    char *search_before;                   /* owned: the filter when `/` was pressed */

    enum tui_status_kind status_kind;
    char status[512];

    struct tui_map_state map;              /* rows point into map_rows, open into open */
    struct tui_map_row *map_rows;          /* owned */
    bool *open;                            /* owned, one per family */
    char filter[TUI_PROMPT_MAX];

    struct tui_quiz_state quiz;            /* asked points into asked */
    size_t *asked;                         /* owned */

    struct tui_recs_state recs;
    struct adv_recommendation *rec;        /* owned, or NULL */
    struct bench_plan plan;                /* owned; planned from rec when rec is set */
    bool rec_stale;

    struct tui_list_state list;            /* overlays */
    struct adv_preset_list presets;        /* owned */
    struct diag_list diags;                /* owned: shown by TUI_OVERLAY_DIAGS */
    char diags_title[256];

    struct tui_job *job;                   /* owned, or NULL */
    int bench_scroll;                      /* the results below the chart */
    enum tui_job_state bench_seen;         /* the job state tui_model_tick() last saw */
    bool timings;                          /* show wall-clock times */
    struct tui_geom geom;                  /* page sizes of the last tui_apply() */
};

/* ---- the status line ---- */

/* Replace the status line with a printf-formatted message of kind. */
void tui_set_status(struct tui_model *m, enum tui_status_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- the prompt ---- */

/* Open a prompt of kind with label and initial text (NULL = empty),
 * replacing any open one and its error. */
void tui_open_prompt(struct tui_model *m, enum tui_prompt_kind kind, const char *label,
                     const char *initial);
/* Close the prompt, dropping its text and error. */
void tui_close_prompt(struct tui_model *m);
/* Keep the prompt open and show why its text was refused. */
void tui_prompt_fail(struct tui_model *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* tui_prompt_fail() with the first diagnostic of d as file:line:col text,
 * or "cannot write the file" when d is empty. d is left unchanged. */
void tui_prompt_fail_diags(struct tui_model *m, const struct diag_list *d);

/* ---- overlays and screens ---- */

/* Show diags (moved out of src) in the diagnostics overlay under title. */
void tui_show_diags(struct tui_model *m, struct diag_list *src, const char *title);
/* Make s the current screen; the recommendations and the benchmark get a
 * recommendation for the current answers first (tui_rec_ensure). */
void tui_switch_screen(struct tui_model *m, enum tui_screen s);

/* ---- the recommendation derived from the answers ---- */

/* Compute the recommendation and its benchmark plan if there is none or
 * it is stale; a new one starts with the top pick selected. */
void tui_rec_ensure(struct tui_model *m);
/* Free the recommendation and its plan; the next tui_rec_ensure()
 * computes them again. */
void tui_rec_release(struct tui_model *m);
/* The answers changed: the recommendation is stale. */
void tui_profile_changed(struct tui_model *m);

/* ---- exports ---- */

/* Does s end in suffix (an export's file type: ".json", ".csv", ...)? */
bool tui_has_suffix(const char *s, const char *suffix);

/* Writes one export of the model to out; path is the name the user typed
 * (its suffix picks the format). */
typedef void (*tui_export_fn)(const struct tui_model *m, const char *path, FILE *out);

/* Accept the prompt's text as the path of an export of what ("the
 * results"): write it through atomic_file with write, then say so in the
 * status line and close the prompt. On failure the prompt stays open with
 * the diagnostic and the file is unchanged. Returns TUI_REACT_REDRAW. */
unsigned tui_export_accept(struct tui_model *m, const char *what, tui_export_fn write);

#endif
