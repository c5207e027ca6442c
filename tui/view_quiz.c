/*
 * view_quiz: the questionnaire: the questions that apply on the left (with
 * their answers), the current question on the right with its answers,
 * progress, help and example.
 */
#include "tui/scroll.h"
#include "tui/view_quiz.h"

#include <stdio.h>
#include <string.h>


static const struct tax_trait *current(const struct tui_model *m)
{
    const struct tui_quiz_state *q = tui_model_quiz(m);
    return q->n_asked ? &tui_model_tax(m)->traits[q->asked[q->pos]] : NULL;
}

static void answer_option(struct tui_doc *d, const char *key, const char *label, bool cursor,
                          bool chosen)
{
    char prefix[32];
    snprintf(prefix, sizeof(prefix), "%s%s %s ", cursor ? "›" : " ", chosen ? "●" : " ", key);
    size_t first = d->count;
    tui_doc_field(d, 0, cursor ? TUI_ROLE_SELECTED : TUI_ROLE_KEY, prefix,
                  cursor ? TUI_ROLE_SELECTED : TUI_ROLE_NORMAL, label);
    for (size_t i = first; cursor && i < d->count; i++)
        d->lines[i].role = TUI_ROLE_SELECTED;
}

static void progress_bar(struct tui_doc *d, size_t pos, size_t total)
{
    int w = d->width > 40 ? 40 : d->width;
    char bar[512];
    int n = 0, filled = total ? (int)((pos * (size_t)w + total / 2) / total) : 0;
    for (int i = 0; i < w && n < (int)sizeof(bar) - 4; i++)
        n += snprintf(bar + n, sizeof(bar) - (size_t)n, "%s", i < filled ? "█" : "░");
    tui_doc_add(d, TUI_ROLE_OK, 0, bar);
}

void view_quiz_detail(const struct tui_model *m, struct tui_doc *d)
{
    const struct tui_quiz_state *q = tui_model_quiz(m);
    const struct tax_trait *t = current(m);
    if (!t) {
        tui_doc_add(d, TUI_ROLE_NORMAL, 0, "This taxonomy has no questionnaire (no traits).");
        return;
    }
    bool focus = tui_model_focus(m) == TUI_PANE_DETAIL;
    tui_doc_addf(d, TUI_ROLE_DIM, 0, "Question %zu of %zu · %s", q->pos + 1, q->n_asked,
                 t->group);
    progress_bar(d, q->pos + 1, q->n_asked);
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_TITLE, 0, t->question);
    tui_doc_blank(d);
    const struct adv_answer *a = adv_profile_slot(tui_model_profile(m), t);
    if (t->kind == TAX_TRAIT_CHOICE) {
        for (size_t i = 0; i < t->n_answers; i++) {
            const struct tax_answer *ans = &t->answers[i];
            char key[8];
            if (tax_answer_is_not_sure(ans))
                snprintf(key, sizeof(key), "0");
            else if (i < 9)
                snprintf(key, sizeof(key), "%zu", i + 1);
            else
                snprintf(key, sizeof(key), " ");
            answer_option(d, key, ans->label, focus && q->cursor == (int)i,
                          a->given && a->choice == ans);
        }
        if (focus && t->answers[q->cursor].help) {
            tui_doc_blank(d);
            tui_doc_add(d, TUI_ROLE_DIM, 2, t->answers[q->cursor].help);
        }
    } else {
        char now[128], buf[160], range[160], lo[32], hi[32], def[32];
        adv_answer_text(a, now, sizeof(now));
        snprintf(range, sizeof(range), "%s from %s to %s%s%s",
                 t->kind == TAX_TRAIT_INTEGER ? "A whole number" : "A number",
                 tui_number_text(t->min, lo, sizeof(lo)), tui_number_text(t->max, hi, sizeof(hi)),
                 t->unit ? " " : "", t->unit ? t->unit : "");
        tui_doc_add(d, TUI_ROLE_DIM, 2, range);
        snprintf(buf, sizeof(buf), "Type a value… (now: %s)", a->given ? now : "not answered");
        answer_option(d, "1", buf, focus && q->cursor == 0, a->given && !a->not_sure);
        snprintf(buf, sizeof(buf), "Not sure (use the default, %s%s%s)",
                 tui_number_text(t->default_value, def, sizeof(def)), t->unit ? " " : "",
                 t->unit ? t->unit : "");
        answer_option(d, "0", buf, focus && q->cursor == 1, a->given && a->not_sure);
    }
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_HEADING, 0, "Why it matters");
    tui_doc_add(d, TUI_ROLE_NORMAL, 1, t->help);
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_HEADING, 0, "Example");
    tui_doc_add(d, TUI_ROLE_NORMAL, 1, t->example);
}

void view_quiz_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l)
{
    const struct tui_quiz_state *q = tui_model_quiz(m);
    const struct tax *t = tui_model_tax(m);
    const struct adv_profile *p = tui_model_profile(m);
    bool list_focus = tui_model_focus(m) == TUI_PANE_LIST;
    char note[32];
    snprintf(note, sizeof(note), "%zu/%zu", q->n_asked ? q->pos + 1 : 0, q->n_asked);
    view_pane_header(c, l->list_header_y, 1, l->list.w - 1, "Questions", note);
    const struct view_rect *r = &l->list;
    int top = tui_scroll_top((int)q->pos, q->list_top, r->h, (int)q->n_asked);
    for (int i = 0; i < r->h && (size_t)(top + i) < q->n_asked; i++) {
        const struct tax_trait *tr = &t->traits[q->asked[top + i]];
        const struct adv_answer *a = adv_profile_slot(p, tr);
        int y = r->y + i;
        const char *mark = !a->given ? " " : a->not_sure ? "?" : "✓";
        tui_canvas_text(c, y, 1, 1, a->not_sure ? TUI_ROLE_WARN : TUI_ROLE_OK, mark);
        int used = tui_canvas_text(c, y, 3, r->w - 3, TUI_ROLE_NORMAL, tr->id);
        if (a->given && used + 5 < r->w - 3) {
            char buf[128];
            adv_answer_text(a, buf, sizeof(buf));
            if (a->not_sure)
                snprintf(buf, sizeof(buf), "not sure");
            int room = r->w - 3 - used - 2;
            int bw = tui_text_width(buf, strlen(buf));
            int x = bw < room ? r->w - bw - 1 : 3 + used + 1;
            tui_canvas_text(c, y, x, room + 1, TUI_ROLE_DIM, buf);
        }
        view_list_row(c, y, r->x, r->w, (size_t)(top + i) == q->pos, list_focus);
    }

    const char *name = p->name ? p->name : "your problem";
    view_detail_pane(c, l, m, view_quiz_detail, name,
                     list_focus ? "Tab: answers" : "Tab: questions", q->detail_scroll);
}
