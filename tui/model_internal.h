/*
 * model_internal: the layout of struct tui_model, shared by the model_*.c
 * files only (each screen's actions live in their own file). Nothing
 * outside tui/model*.c includes this; views use the accessors of model.h.
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
#ifndef BM_TUI_MODEL_INTERNAL_H
#define BM_TUI_MODEL_INTERNAL_H

#include <stdarg.h>
#include <stdio.h>

#include "advisor/presets.h"
#include "advisor/recommend.h"
#include "benchmarks/plan.h"
#include "tui/job.h"
#include "tui/model.h"

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

/* model.c */
void tui_set_status(struct tui_model *m, enum tui_status_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tui_open_prompt(struct tui_model *m, enum tui_prompt_kind kind, const char *label,
                     const char *initial);
void tui_close_prompt(struct tui_model *m);
void tui_prompt_fail(struct tui_model *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Show diags (moved out of src) in the diagnostics overlay under title. */
void tui_show_diags(struct tui_model *m, struct diag_list *src, const char *title);
void tui_switch_screen(struct tui_model *m, enum tui_screen s);
/* Move *cursor by delta within [0, count) and keep it visible from *top. */
void tui_move(int *cursor, int *top, int delta, int count, int rows);
/* Scroll *scroll by delta within [0, lines - rows]. */
void tui_scroll(int *scroll, int delta, int lines, int rows);
/* Does s end in suffix (an export's file type: ".json", ".csv", ...)? */
bool tui_has_suffix(const char *s, const char *suffix);
/* The movement an action means: -1, +1, -+ a page, or a huge step for
 * first/last; 0 when the action is not a movement. */
int tui_move_delta(enum tui_action a, int page);

/* model_map.c */
void tui_map_init(struct tui_model *m);
void tui_map_release(struct tui_model *m);
/* Rebuild the rows after the taxonomy or the filter changed, keeping the
 * cursor on the same algorithm (or family) id when it is still shown. */
void tui_map_rebuild(struct tui_model *m);
unsigned tui_map_apply(struct tui_model *m, enum tui_action a, const struct tui_geom *g);
unsigned tui_map_search_text(struct tui_model *m);
void tui_map_search_done(struct tui_model *m, bool keep);

/* model_quiz.c */
void tui_quiz_init(struct tui_model *m);
void tui_quiz_release(struct tui_model *m);
/* Recompute quiz.asked after the answers changed, staying on trait index
 * keep (or the nearest question before it) when it still applies. */
void tui_quiz_refresh(struct tui_model *m, size_t keep);
unsigned tui_quiz_apply(struct tui_model *m, enum tui_action a, int key, const struct tui_geom *g);
unsigned tui_quiz_number_accept(struct tui_model *m);
unsigned tui_quiz_save_accept(struct tui_model *m);
unsigned tui_presets_open(struct tui_model *m);
unsigned tui_presets_choose(struct tui_model *m);
/* The profile changed: the recommendation is stale. */
void tui_profile_changed(struct tui_model *m);

/* model_recs.c */
void tui_recs_release(struct tui_model *m);
/* Compute the recommendation if there is none or it is stale. */
void tui_recs_ensure(struct tui_model *m);
unsigned tui_recs_apply(struct tui_model *m, enum tui_action a, const struct tui_geom *g);
unsigned tui_recs_export_accept(struct tui_model *m);
/* Write path through atomic_file with write(); on failure the prompt shows
 * the diagnostic and -1 is returned (path unchanged). */
int tui_write_export(struct tui_model *m, const char *path,
                     void (*write)(const struct tui_model *m, const char *path, FILE *out));

/* model_bench.c */
void tui_bench_release(struct tui_model *m);
unsigned tui_bench_apply(struct tui_model *m, enum tui_action a, const struct tui_geom *g);
unsigned tui_bench_start(struct tui_model *m);
unsigned tui_bench_export_accept(struct tui_model *m);

#endif
