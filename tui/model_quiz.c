/*
 * model_quiz: the questionnaire (see model_quiz.h).
 */
#include "tui/model_quiz.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "tui/doc.h"
#include "tui/model_util.h"
#include "tui/scroll.h"

void tui_quiz_init(struct tui_model *m)
{
    m->asked = xcalloc(m->tax->n_traits + 1, sizeof(*m->asked));
    m->quiz.asked = m->asked;
    m->quiz.pos = 0;
    tui_quiz_refresh(m, 0);
    m->quiz.cursor = 0;
    m->focus[TUI_SCREEN_QUIZ] = TUI_PANE_DETAIL;   /* answer straight away */
}

void tui_quiz_release(struct tui_model *m)
{
    free(m->asked);
    m->asked = NULL;
    m->quiz.asked = NULL;
    m->quiz.n_asked = 0;
}

static const struct tax_trait *current(const struct tui_model *m)
{
    return m->quiz.n_asked ? &m->tax->traits[m->quiz.asked[m->quiz.pos]] : NULL;
}

static bool numeric(const struct tax_trait *t)
{
    return t->kind != TAX_TRAIT_CHOICE;
}

/* How many options the current question lists (numeric: value, not sure). */
static int n_options(const struct tax_trait *t)
{
    return numeric(t) ? 2 : (int)t->n_answers;
}

void tui_quiz_refresh(struct tui_model *m, size_t keep)
{
    const struct tax *t = m->tax;
    size_t n = 0, pos = 0;
    for (size_t i = 0; i < t->n_traits; i++) {
        if (adv_profile_applies(m->profile, &t->traits[i]) == ADV_APPLIES_NO)
            continue;
        if (i <= keep)
            pos = n;
        m->asked[n++] = i;
    }
    m->quiz.n_asked = n;
    m->quiz.pos = pos;
}

/* Arrive at the current question: highlight its answer. */
static void arrive(struct tui_model *m)
{
    const struct tax_trait *t = current(m);
    m->quiz.cursor = 0;
    m->quiz.detail_scroll = 0;
    m->quiz.list_top = tui_scroll_top((int)m->quiz.pos, m->quiz.list_top, m->geom.list_rows,
                                      (int)m->quiz.n_asked);
    if (!t)
        return;
    const struct adv_answer *a = adv_profile_slot(m->profile, t);
    if (!a->given)
        return;
    if (numeric(t))
        m->quiz.cursor = a->not_sure ? 1 : 0;
    else if (a->choice)
        m->quiz.cursor = (int)(a->choice - t->answers);
}

static unsigned advance(struct tui_model *m)
{
    if (m->quiz.pos + 1 < m->quiz.n_asked) {
        m->quiz.pos++;
        arrive(m);
        return TUI_REACT_REDRAW;
    }
    tui_switch_screen(m, TUI_SCREEN_RECS);
    tui_set_status(m, TUI_STATUS_OK, "that was the last question: here are the recommendations");
    return TUI_REACT_REDRAW;
}

static unsigned go_back(struct tui_model *m)
{
    if (m->quiz.pos == 0) {
        tui_set_status(m, TUI_STATUS_INFO, "this is the first question");
        return TUI_REACT_REDRAW;
    }
    m->quiz.pos--;
    arrive(m);
    return TUI_REACT_REDRAW;
}

/* The answers changed: recompute which questions apply, stay put. */
static void answered(struct tui_model *m)
{
    tui_profile_changed(m);
    tui_quiz_refresh(m, m->quiz.asked[m->quiz.pos]);
}

static void open_number_prompt(struct tui_model *m, const struct tax_trait *t, const char *initial)
{
    char label[128], lo[32], hi[32];
    snprintf(label, sizeof(label), "%s (%s to %s%s%s): ", t->id,
             tui_number_text(t->min, lo, sizeof(lo)), tui_number_text(t->max, hi, sizeof(hi)),
             t->unit ? " " : "", t->unit ? t->unit : "");
    char buf[64] = "";
    const struct adv_answer *a = adv_profile_slot(m->profile, t);
    if (!initial && a->given && !a->not_sure)
        snprintf(buf, sizeof(buf), "%.15g", a->value);
    tui_open_prompt(m, TUI_PROMPT_NUMBER, label, initial ? initial : buf);
}

static unsigned choose(struct tui_model *m, int option)
{
    const struct tax_trait *t = current(m);
    if (!t)
        return 0;
    if (option < 0 || option >= n_options(t)) {
        tui_set_status(m, TUI_STATUS_ERROR, "there is no answer %d here", option + 1);
        return TUI_REACT_REDRAW;
    }
    m->quiz.cursor = option;
    if (numeric(t) && option == 0) {
        open_number_prompt(m, t, NULL);
        return TUI_REACT_REDRAW;
    }
    const char *id = numeric(t) ? TAX_NOT_SURE : t->answers[option].id;
    if (adv_profile_set_choice(m->profile, t->id, id) < 0)
        BUG("answer '%s' of '%s' refused", id, t->id);
    answered(m);
    return advance(m);
}

unsigned tui_quiz_number_accept(struct tui_model *m)
{
    const struct tax_trait *t = current(m);
    if (!t || !numeric(t)) {
        tui_close_prompt(m);
        return TUI_REACT_REDRAW;
    }
    const char *s = m->prompt_text;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (end == s || *end || errno || !isfinite(v)) {
        tui_prompt_fail(m, "\"%s\" is not a number", s);
        return TUI_REACT_REDRAW;
    }
    if (adv_profile_set_number(m->profile, t->id, v) < 0) {
        char lo[32], hi[32];
        tui_prompt_fail(m, "must be %s from %s to %s",
                        t->kind == TAX_TRAIT_INTEGER ? "a whole number" : "a number",
                        tui_number_text(t->min, lo, sizeof(lo)),
                        tui_number_text(t->max, hi, sizeof(hi)));
        return TUI_REACT_REDRAW;
    }
    tui_close_prompt(m);
    answered(m);
    return advance(m);
}

unsigned tui_quiz_save_accept(struct tui_model *m)
{
    if (!m->prompt_text[0]) {
        tui_prompt_fail(m, "type a file name, e.g. my-problem.yaml");
        return TUI_REACT_REDRAW;
    }
    struct diag_list d;
    diag_list_init(&d);
    if (adv_profile_save(m->profile, m->prompt_text, &d) < 0) {
        tui_prompt_fail_diags(m, &d);
        diag_list_release(&d);
        return TUI_REACT_REDRAW;
    }
    diag_list_release(&d);
    free(m->profile_path);
    m->profile_path = xstrdup(m->prompt_text);
    tui_set_status(m, TUI_STATUS_OK, "saved the answers to %s", m->prompt_text);
    tui_close_prompt(m);
    return TUI_REACT_REDRAW;
}

static unsigned presets_open(struct tui_model *m)
{
    struct diag_list d;
    diag_list_init(&d);
    adv_preset_list_release(&m->presets);
    char *dir = adv_presets_dir(m->data_dir, m->n_files ? m->files[0] : NULL);
    if (adv_presets_list(dir, &m->presets, &d) < 0 || !m->presets.count) {
        /* the user's taxonomy has no presets beside it: use the bundled ones */
        free(dir);
        diag_list_release(&d);
        adv_preset_list_release(&m->presets);
        dir = adv_presets_dir(m->data_dir, NULL);
        adv_presets_list(dir, &m->presets, &d);
    }
    free(dir);
    diag_list_release(&d);       /* a preset that does not parse says so when chosen */
    if (!m->presets.count) {
        tui_set_status(m, TUI_STATUS_ERROR, "no preset profiles found");
        return TUI_REACT_REDRAW;
    }
    m->overlay = TUI_OVERLAY_PRESETS;
    m->list.cursor = m->list.top = 0;
    return TUI_REACT_REDRAW;
}

unsigned tui_presets_choose(struct tui_model *m)
{
    if (!m->presets.count)
        return 0;
    const struct adv_preset *pr = &m->presets.items[m->list.cursor];
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p = adv_profile_load(m->tax, pr->path, &d);
    if (!p) {
        char title[256];
        snprintf(title, sizeof(title), "the preset '%s' does not fit this taxonomy", pr->id);
        tui_show_diags(m, &d, title);
        diag_list_release(&d);
        return TUI_REACT_REDRAW;
    }
    adv_profile_free(m->profile);
    m->profile = p;
    m->overlay = TUI_OVERLAY_NONE;
    tui_profile_changed(m);
    tui_quiz_refresh(m, 0);      /* keep = 0: back to the first question */
    arrive(m);
    tui_set_status(m, TUI_STATUS_OK, "preset %s: %zu answers; review them, or F4 for the picks",
                   pr->id, adv_profile_n_given(m->profile));
    diag_list_release(&d);
    return TUI_REACT_REDRAW;
}

static unsigned reset(struct tui_model *m)
{
    adv_profile_free(m->profile);
    m->profile = adv_profile_new(m->tax);
    tui_profile_changed(m);
    tui_quiz_refresh(m, 0);      /* keep = 0: back to the first question */
    arrive(m);
    tui_set_status(m, TUI_STATUS_INFO, "every answer cleared");
    return TUI_REACT_REDRAW;
}

unsigned tui_quiz_apply(struct tui_model *m, enum tui_action a, int key, const struct tui_geom *g)
{
    const struct tax_trait *t = current(m);
    if (!t)
        return 0;
    bool list = m->focus[TUI_SCREEN_QUIZ] == TUI_PANE_LIST;
    int delta = tui_move_delta(a, list ? g->list_rows : g->detail_rows);
    if (delta && list) {
        int pos = (int)m->quiz.pos;
        tui_move(&pos, &m->quiz.list_top, delta, (int)m->quiz.n_asked, g->list_rows);
        m->quiz.pos = (size_t)pos;
        arrive(m);
        return TUI_REACT_REDRAW;
    }
    if (delta && (a == TUI_ACTION_PAGE_UP || a == TUI_ACTION_PAGE_DOWN)) {
        tui_scroll(&m->quiz.detail_scroll, delta, g->detail_lines, g->detail_rows);
        return TUI_REACT_REDRAW;
    }
    if (delta) {
        tui_move(&m->quiz.cursor, NULL, delta, n_options(t), 1);
        return TUI_REACT_REDRAW;
    }
    switch (a) {
    case TUI_ACTION_QUIZ_CHOOSE:
        if (list) {
            m->focus[TUI_SCREEN_QUIZ] = TUI_PANE_DETAIL;
            return TUI_REACT_REDRAW;
        }
        return choose(m, m->quiz.cursor);
    case TUI_ACTION_QUIZ_PICK: {
        int digit = key >= '1' && key <= '9' ? key - '0' : 1;
        if (numeric(t)) {
            char init[2] = {(char)('0' + digit), '\0'};
            open_number_prompt(m, t, init);
            return TUI_REACT_REDRAW;
        }
        return choose(m, digit - 1);
    }
    case TUI_ACTION_QUIZ_NOT_SURE:
        return choose(m, n_options(t) - 1);
    case TUI_ACTION_QUIZ_NEXT:
        return advance(m);
    case TUI_ACTION_QUIZ_PREV:
        return go_back(m);
    case TUI_ACTION_QUIZ_PRESET:
        return presets_open(m);
    case TUI_ACTION_QUIZ_SAVE:
        tui_open_prompt(m, TUI_PROMPT_SAVE_PROFILE, "save the answers to: ",
                        m->profile_path ? m->profile_path : "profile.yaml");
        return TUI_REACT_REDRAW;
    case TUI_ACTION_QUIZ_RESET:
        return reset(m);
    default:
        return 0;
    }
}
