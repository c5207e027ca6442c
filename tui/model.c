/*
 * model: the dispatcher. Lifecycle, taxonomy (re)loading, tui_apply(),
 * prompts, overlays and the accessors of model.h. An action that belongs
 * to one screen goes to that screen's model_<screen>.c; handing over from
 * one screen to another (the recommendations' "b" starts the benchmark) is
 * done here, so the screens never call each other or back into this file.
 */
#include "tui/model.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/catalogue.h"
#include "tui/canvas.h"
#include "tui/model_bench.h"
#include "tui/model_map.h"
#include "tui/model_quiz.h"
#include "tui/model_recs.h"
#include "tui/model_util.h"
#include "tui/scroll.h"

/* ---- loading ---- */

/* The CLI's rules exactly (benchmarks/catalogue.h). */
static struct tax *load_tax(const struct tui_model *m, struct diag_list *diags)
{
    return bench_load_taxonomy(m->data_dir, (const char *const *)m->files, m->n_files, diags);
}

struct tui_model *tui_model_new(const struct tui_model_opts *opts, struct diag_list *diags)
{
    struct tui_model *m = xcalloc(1, sizeof(*m));
    m->timings = !opts->no_timings;
    m->data_dir = xstrdup(opts->data_dir ? opts->data_dir : tax_default_dir());
    if (opts->n_tax_files) {
        m->files = xcalloc(opts->n_tax_files, sizeof(*m->files));
        for (size_t i = 0; i < opts->n_tax_files; i++)
            m->files[i] = xstrdup(opts->tax_files[i]);
        m->n_files = opts->n_tax_files;
    }
    diag_list_init(&m->diags);
    m->list.presets = &m->presets;
    m->list.diags = &m->diags;
    m->list.title = m->diags_title;
    m->geom = (struct tui_geom){1, 1, 0, 1, 0};
    m->tax = load_tax(m, diags);
    if (!m->tax) {
        tui_model_free(m);
        return NULL;
    }
    m->profile = adv_profile_new(m->tax);
    if (opts->profile_path) {
        struct diag_list pd;
        diag_list_init(&pd);
        struct adv_profile *p = adv_profile_load(m->tax, opts->profile_path, &pd);
        if (p) {
            adv_profile_free(m->profile);
            m->profile = p;
            m->profile_path = xstrdup(opts->profile_path);
        }
        if (pd.count)
            tui_show_diags(m, &pd, p ? "warnings in the profile" :
                                       "the profile has errors; starting with no answers");
        diag_list_release(&pd);
    }
    tui_map_init(m);
    tui_quiz_init(m);
    m->rec_stale = true;
    tui_set_status(m, TUI_STATUS_INFO, "%zu algorithms in %zu families; press ? for help",
                   m->tax->n_algorithms, m->tax->n_families);
    return m;
}

void tui_model_free(struct tui_model *m)
{
    if (!m)
        return;
    tui_bench_release(m);
    tui_rec_release(m);
    tui_quiz_release(m);
    tui_map_release(m);
    adv_preset_list_release(&m->presets);
    diag_list_release(&m->diags);
    adv_profile_free(m->profile);
    tax_free(m->tax);
    for (size_t i = 0; i < m->n_files; i++)
        free(m->files[i]);
    free(m->files);
    free(m->data_dir);
    free(m->profile_path);
    free(m->prompt_error);
    free(m->search_before);
    free(m);
}

static unsigned reload(struct tui_model *m)
{
    struct diag_list d;
    diag_list_init(&d);
    struct tax *t = load_tax(m, &d);
    if (!t) {
        size_t errors = d.errors;
        tui_show_diags(m, &d, "reload failed: the previous taxonomy stays in use");
        tui_set_status(m, TUI_STATUS_ERROR, "reload failed with %zu error%s; still using the "
                       "previous taxonomy", errors, errors == 1 ? "" : "s");
        diag_list_release(&d);
        return TUI_REACT_REDRAW;
    }
    const struct tax_trait *cur = m->quiz.n_asked ? &m->tax->traits[m->quiz.asked[m->quiz.pos]]
                                                  : NULL;
    char *cur_id = cur ? xstrdup(cur->id) : NULL;
    struct adv_profile *p = adv_profile_rebind(m->profile, t);
    tui_bench_release(m);        /* the job does not point into the taxonomy, but its
                                    results describe the old recommendation */
    tui_rec_release(m);
    adv_profile_free(m->profile);
    tax_free(m->tax);
    m->tax = t;
    m->profile = p;
    m->rec_stale = true;
    tui_map_release(m);
    tui_map_init(m);
    const struct tax_trait *again = cur_id ? tax_find_trait(t, cur_id) : NULL;
    tui_quiz_refresh(m, again ? (size_t)(again - t->traits) : 0);
    free(cur_id);
    if (m->screen == TUI_SCREEN_RECS || m->screen == TUI_SCREEN_BENCH)
        tui_rec_ensure(m);
    size_t warnings = d.count - d.errors;
    tui_set_status(m, TUI_STATUS_OK, "reloaded: %zu algorithms in %zu families%s", t->n_algorithms,
                   t->n_families, warnings ? " (with warnings)" : "");
    if (warnings)
        tui_show_diags(m, &d, "reloaded with warnings");
    diag_list_release(&d);
    return TUI_REACT_REDRAW;
}

/* ---- dispatch ---- */

static unsigned apply_prompt(struct tui_model *m, enum tui_action a)
{
    enum tui_prompt_kind kind = m->prompt;
    switch (a) {
    case TUI_ACTION_PROMPT_ACCEPT:
        switch (kind) {
        case TUI_PROMPT_SEARCH: tui_map_search_done(m, true); return TUI_REACT_REDRAW;
        case TUI_PROMPT_NUMBER: return tui_quiz_number_accept(m);
        case TUI_PROMPT_SAVE_PROFILE: return tui_quiz_save_accept(m);
        case TUI_PROMPT_EXPORT_REC: return tui_recs_export_accept(m);
        case TUI_PROMPT_EXPORT_RESULTS: return tui_bench_export_accept(m);
        case TUI_PROMPT_NONE: break;
        }
        return 0;
    case TUI_ACTION_PROMPT_CANCEL:
        if (kind == TUI_PROMPT_SEARCH)
            tui_map_search_done(m, false);
        else
            tui_close_prompt(m);
        return TUI_REACT_REDRAW;
    case TUI_ACTION_PROMPT_ERASE:
    case TUI_ACTION_PROMPT_CLEAR:
        if (a == TUI_ACTION_PROMPT_CLEAR) {
            m->prompt_len = 0;
        } else {
            while (m->prompt_len > 0 &&
                   ((unsigned char)m->prompt_text[m->prompt_len - 1] & 0xC0) == 0x80)
                m->prompt_len--;              /* continuation bytes of the last character */
            if (m->prompt_len > 0)
                m->prompt_len--;
        }
        m->prompt_text[m->prompt_len] = '\0';
        free(m->prompt_error);
        m->prompt_error = NULL;
        if (kind == TUI_PROMPT_SEARCH)
            tui_map_search_text(m);
        return TUI_REACT_REDRAW;
    default:
        return 0;
    }
}

static unsigned apply_overlay(struct tui_model *m, enum tui_action a, const struct tui_geom *g)
{
    int delta = tui_move_delta(a, g->overlay_rows);
    if (delta) {
        if (m->overlay == TUI_OVERLAY_PRESETS)
            tui_move(&m->list.cursor, &m->list.top, delta, (int)m->presets.count, g->overlay_rows);
        else
            tui_scroll(&m->list.scroll, delta, g->overlay_lines, g->overlay_rows);
        return TUI_REACT_REDRAW;
    }
    switch (a) {
    case TUI_ACTION_CLOSE:
        m->overlay = TUI_OVERLAY_NONE;
        return TUI_REACT_REDRAW;
    case TUI_ACTION_LIST_CHOOSE:
        if (m->overlay == TUI_OVERLAY_PRESETS)
            return tui_presets_choose(m);
        m->overlay = TUI_OVERLAY_NONE;
        return TUI_REACT_REDRAW;
    default:
        return 0;
    }
}

/* The recommendations hand over to the benchmark that checks the pick. */
static unsigned bench_from_recs(struct tui_model *m)
{
    tui_switch_screen(m, TUI_SCREEN_BENCH);
    return tui_bench_start(m);
}

unsigned tui_apply(struct tui_model *m, enum tui_action a, int key, const struct tui_geom *g)
{
    if (g)
        m->geom = *g;
    g = &m->geom;
    if (m->prompt)
        return apply_prompt(m, a);
    if (m->overlay)
        return apply_overlay(m, a, g);
    if (a != TUI_ACTION_NONE) {
        m->status[0] = '\0';
        m->status_kind = TUI_STATUS_INFO;
    }
    switch (a) {
    case TUI_ACTION_NONE:
        return 0;
    case TUI_ACTION_QUIT:
        return TUI_REACT_QUIT;
    case TUI_ACTION_HELP:
        m->overlay = TUI_OVERLAY_HELP;
        m->list.scroll = 0;
        return TUI_REACT_REDRAW;
    case TUI_ACTION_SCREEN_MAP:
    case TUI_ACTION_SCREEN_QUIZ:
    case TUI_ACTION_SCREEN_RECS:
    case TUI_ACTION_SCREEN_BENCH:
        tui_switch_screen(m, (enum tui_screen)(a - TUI_ACTION_SCREEN_MAP));
        return TUI_REACT_REDRAW;
    case TUI_ACTION_SCREEN_NEXT:
        tui_switch_screen(m, (enum tui_screen)((m->screen + 1) % TUI_SCREEN_COUNT));
        return TUI_REACT_REDRAW;
    case TUI_ACTION_SCREEN_PREV:
        tui_switch_screen(m, (enum tui_screen)((m->screen + TUI_SCREEN_COUNT - 1) %
                                               TUI_SCREEN_COUNT));
        return TUI_REACT_REDRAW;
    case TUI_ACTION_FOCUS_NEXT:
    case TUI_ACTION_FOCUS_PREV:
        m->focus[m->screen] = m->focus[m->screen] == TUI_PANE_LIST ? TUI_PANE_DETAIL
                                                                   : TUI_PANE_LIST;
        return TUI_REACT_REDRAW;
    case TUI_ACTION_RELOAD:
        return reload(m);
    case TUI_ACTION_REDRAW:
        return TUI_REACT_REDRAW | TUI_REACT_REPAINT;
    default:
        break;
    }
    switch (m->screen) {
    case TUI_SCREEN_MAP: return tui_map_apply(m, a, g);
    case TUI_SCREEN_QUIZ: return tui_quiz_apply(m, a, key, g);
    case TUI_SCREEN_RECS:
        if (a == TUI_ACTION_RECS_BENCH)
            return bench_from_recs(m);
        return tui_recs_apply(m, a, g);
    case TUI_SCREEN_BENCH: return tui_bench_apply(m, a, g);
    case TUI_SCREEN_COUNT: break;
    }
    return 0;
}

bool tui_model_wants_text(const struct tui_model *m)
{
    return m->prompt != TUI_PROMPT_NONE;
}

unsigned tui_model_text(struct tui_model *m, int key)
{
    if (!m->prompt || !tui_key_is_text(key))
        return 0;
    char enc[4];
    size_t n = tui_utf8_encode((uint32_t)key, enc);
    if (m->prompt_len + n >= sizeof(m->prompt_text))
        return 0;
    memcpy(m->prompt_text + m->prompt_len, enc, n);
    m->prompt_len += n;
    m->prompt_text[m->prompt_len] = '\0';
    free(m->prompt_error);
    m->prompt_error = NULL;
    if (m->prompt == TUI_PROMPT_SEARCH)
        tui_map_search_text(m);
    return TUI_REACT_REDRAW;
}

unsigned tui_model_key(struct tui_model *m, int key, const struct tui_geom *g)
{
    if (tui_model_wants_text(m) && tui_key_is_text(key))
        return tui_model_text(m, key);
    enum tui_action a = tui_action_for_key(tui_model_context(m), key);
    if (a == TUI_ACTION_NONE)
        return 0;
    return tui_apply(m, a, key, g);
}

unsigned tui_model_tick(struct tui_model *m) { return tui_bench_tick(m); }
bool tui_model_busy(const struct tui_model *m) { return tui_bench_busy(m); }
void tui_model_wait(struct tui_model *m) { tui_bench_wait(m); }

unsigned tui_model_context(const struct tui_model *m)
{
    if (m->prompt)
        return TUI_CTX_PROMPT;
    if (m->overlay == TUI_OVERLAY_HELP)
        return TUI_CTX_HELP;
    if (m->overlay)
        return TUI_CTX_LIST;
    return 1u << m->screen;
}

/* ---- accessors ---- */

const struct tax *tui_model_tax(const struct tui_model *m) { return m->tax; }
const struct adv_profile *tui_model_profile(const struct tui_model *m) { return m->profile; }
enum tui_screen tui_model_screen(const struct tui_model *m) { return m->screen; }
enum tui_pane tui_model_focus(const struct tui_model *m) { return m->focus[m->screen]; }
enum tui_overlay tui_model_overlay(const struct tui_model *m) { return m->overlay; }
const struct tui_map_state *tui_model_map(const struct tui_model *m) { return &m->map; }
const struct tui_quiz_state *tui_model_quiz(const struct tui_model *m) { return &m->quiz; }
const struct tui_recs_state *tui_model_recs(const struct tui_model *m) { return &m->recs; }
const struct tui_job *tui_model_job(const struct tui_model *m) { return m->job; }
bool tui_model_timings(const struct tui_model *m) { return m->timings; }
int tui_model_bench_scroll(const struct tui_model *m) { return m->bench_scroll; }

size_t tui_model_answered(const struct tui_model *m)
{
    return adv_profile_n_given(m->profile);
}

struct tui_prompt tui_model_prompt(const struct tui_model *m)
{
    struct tui_prompt p = {m->prompt, m->prompt_label, m->prompt_text, m->prompt_error};
    return p;
}

struct tui_status tui_model_status(const struct tui_model *m)
{
    struct tui_status s = {m->status_kind, m->status};
    return s;
}

const struct tui_list_state *tui_model_list(const struct tui_model *m) { return &m->list; }
