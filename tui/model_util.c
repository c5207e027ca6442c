/*
 * model_util: the state the screens share (see model_util.h).
 */
#include "tui/model_util.h"

#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "base/xalloc.h"

/* ---- the status line ---- */

void tui_set_status(struct tui_model *m, enum tui_status_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->status, sizeof(m->status), fmt, ap);
    va_end(ap);
    m->status_kind = kind;
}

/* ---- the prompt ---- */

void tui_open_prompt(struct tui_model *m, enum tui_prompt_kind kind, const char *label,
                     const char *initial)
{
    m->prompt = kind;
    snprintf(m->prompt_label, sizeof(m->prompt_label), "%s", label);
    snprintf(m->prompt_text, sizeof(m->prompt_text), "%s", initial ? initial : "");
    m->prompt_len = strlen(m->prompt_text);
    free(m->prompt_error);
    m->prompt_error = NULL;
}

void tui_close_prompt(struct tui_model *m)
{
    m->prompt = TUI_PROMPT_NONE;
    m->prompt_text[0] = '\0';
    m->prompt_len = 0;
    free(m->prompt_error);
    m->prompt_error = NULL;
}

void tui_prompt_fail(struct tui_model *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(m->prompt_error);
    m->prompt_error = xvasprintf(fmt, ap);
    va_end(ap);
}

void tui_prompt_fail_diags(struct tui_model *m, const struct diag_list *d)
{
    char *msg = d->count ? diag_format(&d->items[0]) : xstrdup("cannot write the file");
    tui_prompt_fail(m, "%s", msg);
    free(msg);
}

/* ---- overlays and screens ---- */

void tui_show_diags(struct tui_model *m, struct diag_list *src, const char *title)
{
    diag_list_release(&m->diags);
    diag_list_append(&m->diags, src);
    snprintf(m->diags_title, sizeof(m->diags_title), "%s", title);
    m->overlay = TUI_OVERLAY_DIAGS;
    m->list.cursor = m->list.top = m->list.scroll = 0;
}

void tui_switch_screen(struct tui_model *m, enum tui_screen s)
{
    if (s == TUI_SCREEN_RECS || s == TUI_SCREEN_BENCH)
        tui_rec_ensure(m);
    m->screen = s;
}

/* ---- the recommendation derived from the answers ---- */

void tui_rec_release(struct tui_model *m)
{
    if (m->rec)
        bench_plan_release(&m->plan);
    adv_recommendation_free(m->rec);
    m->rec = NULL;
    m->recs.rec = NULL;
    m->recs.plan = NULL;
    m->rec_stale = true;
}

void tui_rec_ensure(struct tui_model *m)
{
    if (m->rec && !m->rec_stale)
        return;
    /* new answers, new ranking: start from the top pick */
    tui_rec_release(m);
    m->rec = adv_recommend(m->profile);
    bench_plan_make(m->rec, &m->plan);
    m->recs.rec = m->rec;
    m->recs.plan = &m->plan;
    m->rec_stale = false;
    m->recs.cursor = m->recs.top = m->recs.detail_scroll = 0;
}

void tui_profile_changed(struct tui_model *m)
{
    m->rec_stale = true;
}

/* ---- exports ---- */

bool tui_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

unsigned tui_export_accept(struct tui_model *m, const char *what, tui_export_fn write)
{
    const char *path = m->prompt_text;
    struct diag_list d;
    diag_list_init(&d);
    struct atomic_file af;
    int rc = atomic_file_open(&af, path, &d);
    if (rc == 0) {
        write(m, path, af.fp);
        rc = atomic_file_commit(&af, &d);
    }
    if (rc < 0) {
        tui_prompt_fail_diags(m, &d);
    } else {
        tui_set_status(m, TUI_STATUS_OK, "wrote %s to %s", what, path);
        tui_close_prompt(m);
    }
    diag_list_release(&d);
    return TUI_REACT_REDRAW;
}
