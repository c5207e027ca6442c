/*
 * model_state: the plain data the TUI model shows to the rest of the TUI.
 *
 * The screens, panes, overlays and prompts the model can be in, the
 * reaction bits an action returns, the page sizes the model is given
 * (struct tui_geom), and each screen's visible state as the views read it.
 * Types only: the functions that hand these out are in tui/model.h, and
 * the model's own layout is in tui/model_util.h. Every pointer in these
 * structs points into the model and is valid until the next call that
 * changes it (see tui/model.h).
 */
#ifndef BM_TUI_MODEL_STATE_H
#define BM_TUI_MODEL_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "taxonomy/taxonomy.h"

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

#endif
