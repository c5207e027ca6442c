/*
 * view_recs: the ranked recommendations on the left; for the selected one,
 * why, cautions, what would change the pick, operating advice, the
 * benchmark that would check it, and the excluded algorithms with reasons.
 */
#include "tui/view_recs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "base/xalloc.h"
#include "benchmarks/plan.h"
#include "report/recommendation.h"
#include "tui/scroll.h"

static void section(struct tui_doc *d, const char *title)
{
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_HEADING, 0, title);
}

static void notes(struct tui_doc *d, const struct adv_eval *e)
{
    size_t why = 0, caution = 0;
    for (size_t i = 0; i < e->n_notes; i++) {
        why += adv_note_is_why(&e->notes[i]);
        caution += adv_note_is_caution(&e->notes[i]);
    }
    section(d, "Why");
    if (!why)
        tui_doc_add(d, TUI_ROLE_DIM, 1, "No answer speaks for it in particular; it ranks here "
                                        "because nothing rules it out.");
    for (size_t i = 0; i < e->n_notes; i++)
        if (adv_note_is_why(&e->notes[i]))
            tui_doc_field(d, 1, TUI_ROLE_OK, "+ ", TUI_ROLE_NORMAL, e->notes[i].text);
    if (caution) {
        section(d, "Cautions");
        for (size_t i = 0; i < e->n_notes; i++)
            if (adv_note_is_caution(&e->notes[i]))
                tui_doc_field(d, 1, TUI_ROLE_WARN, "! ", TUI_ROLE_NORMAL, e->notes[i].text);
    }
}

static void what_if(struct tui_doc *d, const struct adv_recommendation *r)
{
    size_t shown = 0;
    section(d, "What would change the pick");
    for (size_t i = 0; i < r->what_if.count; i++) {
        const struct adv_whatif *w = &r->what_if.items[i];
        if (!w->changes_top)
            continue;
        tui_doc_field(d, 1, TUI_ROLE_KEY, "→ ", TUI_ROLE_NORMAL, w->text);
        shown++;
    }
    if (!shown)
        tui_doc_add(d, TUI_ROLE_DIM, 1, "No single change of answer changes the top pick.");
}

static void advice(struct tui_doc *d, const struct adv_recommendation *r)
{
    if (!r->advice.count)
        return;
    section(d, "Operating advice");
    for (size_t i = 0; i < r->advice.count; i++) {
        char *text = xasprintf("%s: %s", r->advice.items[i].topic, r->advice.items[i].text);
        tui_doc_field(d, 1, TUI_ROLE_KEY, "• ", TUI_ROLE_NORMAL, text);
        free(text);
    }
}

static void plan_section(struct tui_doc *d, const struct bench_plan *b)
{
    section(d, "The benchmark that checks it (b runs it)");
    if (!b->workload || !b->n_policies) {
        tui_doc_add(d, TUI_ROLE_DIM, 1, "No simulation fits these answers.");
        return;
    }
    char pol[512];
    view_policy_list(b, pol, sizeof(pol));
    tui_doc_addf(d, TUI_ROLE_NORMAL, 1, "%s workload, %lld arms, horizon %lld%s, %d seeds",
                 b->workload, b->arms, b->horizon, b->scaled ? " (scaled down)" : "", b->seeds);
    for (size_t i = 0; i < b->n_traits; i++)
        tui_doc_field(d, 1, b->traits[i].carried ? TUI_ROLE_OK : TUI_ROLE_WARN,
                      b->traits[i].carried ? "+ " : "- ", TUI_ROLE_NORMAL, b->traits[i].text);
    tui_doc_field(d, 1, TUI_ROLE_KEY, "racing: ", TUI_ROLE_NORMAL, pol);
    if (b->note)
        tui_doc_add(d, TUI_ROLE_DIM, 1, b->note);
}

static void excluded(struct tui_doc *d, const struct adv_recommendation *r)
{
    if (!r->n_excluded)
        return;
    char title[64];
    snprintf(title, sizeof(title), "Excluded (%zu)", r->n_excluded);
    section(d, title);
    for (size_t i = 0; i < r->n_excluded; i++) {
        char *why = report_excluded_reason(&r->excluded[i]);
        char label[256];
        snprintf(label, sizeof(label), "✗ %s: ", r->excluded[i].alg->name);
        tui_doc_field(d, 1, TUI_ROLE_ERROR, label, TUI_ROLE_NORMAL, why);
        free(why);
    }
}

void view_recs_detail(const struct tui_model *m, struct tui_doc *d)
{
    const struct tui_recs_state *s = tui_model_recs(m);
    const struct adv_recommendation *r = s->rec;
    if (!r) {
        tui_doc_add(d, TUI_ROLE_DIM, 0, "computing…");
        return;
    }
    if (!tui_model_answered(m)) {
        tui_doc_add(d, TUI_ROLE_WARN, 0, "You have not answered any question yet: this ranking "
                                         "assumes \"not sure\" everywhere. F3 opens the "
                                         "questionnaire; p there starts from a preset.");
        tui_doc_blank(d);
    }
    if (!r->n_ranked) {
        tui_doc_add(d, TUI_ROLE_ERROR, 0, "Every algorithm is excluded by these answers.");
    } else {
        const struct adv_eval *e = &r->ranked[s->cursor];
        tui_doc_add(d, TUI_ROLE_TITLE, 0, e->alg->name);
        tui_doc_addf(d, TUI_ROLE_DIM, 0, "rank %d of %zu · score %.2f · %s · evidence: %s",
                     s->cursor + 1, r->n_ranked, e->score, e->alg->family->name,
                     tax_evidence_name(e->alg->evidence));
        tui_doc_blank(d);
        tui_doc_add(d, TUI_ROLE_NORMAL, 0, e->alg->summary);
        notes(d, e);
    }
    what_if(d, r);
    advice(d, r);
    plan_section(d, s->plan);
    excluded(d, r);
}

void view_recs_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l)
{
    const struct tui_recs_state *s = tui_model_recs(m);
    const struct adv_recommendation *r = s->rec;
    bool list_focus = tui_model_focus(m) == TUI_PANE_LIST;
    char note[64] = "";
    if (r)
        snprintf(note, sizeof(note), "%zu fit, %zu out", r->n_ranked, r->n_excluded);
    view_pane_header(c, l->list_header_y, 1, l->list.w - 1, "Ranked", note);
    const struct view_rect *rr = &l->list;
    size_t n = r ? r->n_ranked : 0;
    int top = tui_scroll_top(s->cursor, s->top, rr->h, (int)n);
    for (int i = 0; i < rr->h && (size_t)(top + i) < n; i++) {
        const struct adv_eval *e = &r->ranked[top + i];
        int y = rr->y + i;
        char rank[16], score[16];
        snprintf(rank, sizeof(rank), "%2d", top + i + 1);
        snprintf(score, sizeof(score), "%6.2f", e->score);
        tui_canvas_text(c, y, 1, 2, TUI_ROLE_DIM, rank);
        tui_canvas_text(c, y, 4, rr->w - 12, top + i == 0 ? TUI_ROLE_OK : TUI_ROLE_NORMAL,
                        e->alg->name);
        tui_canvas_text(c, y, rr->w - 7, 6, TUI_ROLE_DIM, score);
        view_list_row(c, y, rr->x, rr->w, top + i == s->cursor, list_focus);
    }

    view_detail_pane(c, l, m, view_recs_detail, "Why this one",
                     list_focus ? "Tab: details" : "Tab: list", s->detail_scroll);
}
