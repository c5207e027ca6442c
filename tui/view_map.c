/*
 * view_map: the tree of families and algorithms, and the detail pane of
 * the selected one: summary, fits, what it cannot handle and why, cautions,
 * knobs, cost, guarantee, evidence, references and implementations.
 */
#include "tui/view_map.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/recommendation.h"
#include "tui/scroll.h"

/* "arms at least 1000", "feedback_model is full_information". */
static void condition_text(const struct tax_condition *c, char *buf, size_t size)
{
    if (c->trait->kind == TAX_TRAIT_CHOICE) {
        int n = snprintf(buf, size, "%s is ", c->trait->id);
        for (size_t i = 0; i < c->n_answers && n > 0 && (size_t)n < size; i++)
            n += snprintf(buf + n, size - (size_t)n, "%s%s", i ? " or " : "",
                          c->answers[i]->id);
        return;
    }
    const char *unit = c->trait->unit ? c->trait->unit : "";
    const char *sp = c->trait->unit ? " " : "";
    if (!isnan(c->at_least) && !isnan(c->at_most))
        snprintf(buf, size, "%s from %g to %g%s%s", c->trait->id, c->at_least, c->at_most, sp,
                 unit);
    else if (!isnan(c->at_least))
        snprintf(buf, size, "%s at least %g%s%s", c->trait->id, c->at_least, sp, unit);
    else
        snprintf(buf, size, "%s at most %g%s%s", c->trait->id, c->at_most, sp, unit);
}

static void section(struct tui_doc *d, const char *title)
{
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_HEADING, 0, title);
}

static void references(struct tui_doc *d, const struct tax_reference *const *refs, size_t n)
{
    if (!n)
        return;
    section(d, "References");
    for (size_t i = 0; i < n; i++) {
        char *text = report_reference_text(refs[i]);
        tui_doc_field(d, 1, TUI_ROLE_DIM, "• ", TUI_ROLE_NORMAL, text);
        free(text);
    }
}

static void fits(struct tui_doc *d, const struct tax_algorithm *a)
{
    if (!a->n_fits)
        return;
    section(d, "Fits (score per answer, -3 to +3)");
    for (size_t i = 0; i < a->n_fits;) {
        const struct tax_trait *t = a->fits[i].trait;
        char line[1024];
        int n = 0;
        for (; i < a->n_fits && a->fits[i].trait == t; i++)
            n += snprintf(line + n, sizeof(line) - (size_t)n, "%s%s %+d", n ? ", " : "",
                          a->fits[i].answer->id, a->fits[i].score);
        char label[128];
        snprintf(label, sizeof(label), "%s: ", t->id);
        tui_doc_field(d, 1, TUI_ROLE_KEY, label, TUI_ROLE_NORMAL, line);
    }
}

static void algorithm_detail(struct tui_doc *d, const struct tax_algorithm *a)
{
    tui_doc_add(d, TUI_ROLE_TITLE, 0, a->name);
    tui_doc_addf(d, TUI_ROLE_DIM, 0, "%s · %s · evidence: %s", a->id, a->family->name,
                 tax_evidence_name(a->evidence));
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_NORMAL, 0, a->summary);
    fits(d, a);
    char cond[512];
    if (a->n_excludes) {
        section(d, "Cannot handle");
        for (size_t i = 0; i < a->n_excludes; i++) {
            condition_text(&a->excludes[i].when, cond, sizeof(cond));
            char text[1024];
            snprintf(text, sizeof(text), "%s: %s", cond, a->excludes[i].why);
            tui_doc_field(d, 1, TUI_ROLE_ERROR, "✗ ", TUI_ROLE_NORMAL, text);
        }
    }
    if (a->n_cautions) {
        section(d, "Cautions");
        for (size_t i = 0; i < a->n_cautions; i++) {
            condition_text(&a->cautions[i].when, cond, sizeof(cond));
            char text[1024];
            snprintf(text, sizeof(text), "%s: %s (-%d)", cond, a->cautions[i].text,
                     a->cautions[i].penalty);
            tui_doc_field(d, 1, TUI_ROLE_WARN, "! ", TUI_ROLE_NORMAL, text);
        }
    }
    if (a->n_assumes) {
        section(d, "Assumes");
        for (size_t i = 0; i < a->n_assumes; i++)
            tui_doc_addf(d, TUI_ROLE_NORMAL, 1, "%s = %s", a->assumes[i].trait->id,
                         a->assumes[i].answer->id);
    }
    if (a->n_knobs) {
        section(d, "Knobs");
        for (size_t i = 0; i < a->n_knobs; i++) {
            char label[256];
            snprintf(label, sizeof(label), "%s = %s: ", a->knobs[i].name,
                     a->knobs[i].default_value ? a->knobs[i].default_value : "?");
            tui_doc_field(d, 1, TUI_ROLE_KEY, label, TUI_ROLE_NORMAL,
                          a->knobs[i].help ? a->knobs[i].help : "");
        }
    }
    section(d, "Cost and guarantee");
    tui_doc_field(d, 1, TUI_ROLE_KEY, "compute: ", TUI_ROLE_NORMAL, a->compute);
    tui_doc_field(d, 1, TUI_ROLE_KEY, "memory: ", TUI_ROLE_NORMAL, a->memory);
    tui_doc_field(d, 1, TUI_ROLE_KEY, "guarantee: ", TUI_ROLE_NORMAL, a->guarantee);
    tui_doc_field(d, 1, TUI_ROLE_KEY, "simulated as: ", TUI_ROLE_NORMAL,
                  a->policy ? a->policy : "not simulated by the harness yet");
    if (a->advice) {
        section(d, "Operating advice");
        tui_doc_add(d, TUI_ROLE_NORMAL, 1, a->advice);
    }
    references(d, a->references, a->n_references);
    if (a->n_implementations) {
        section(d, "Implementations");
        for (size_t i = 0; i < a->n_implementations; i++) {
            const struct tax_implementation *im = &a->implementations[i];
            char label[256], text[1024];
            snprintf(label, sizeof(label), "%s: ", im->library);
            snprintf(text, sizeof(text), "%s [%s]", im->how, im->status ? im->status : "unknown");
            tui_doc_field(d, 1, TUI_ROLE_KEY, label, TUI_ROLE_NORMAL, text);
        }
    }
}

static void family_detail(struct tui_doc *d, const struct tax_family *f)
{
    tui_doc_add(d, TUI_ROLE_TITLE, 0, f->name);
    tui_doc_addf(d, TUI_ROLE_DIM, 0, "%s · %zu algorithm%s", f->id, f->n_algorithms,
                 f->n_algorithms == 1 ? "" : "s");
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_NORMAL, 0, f->summary);
    if (f->when) {
        section(d, "When to reach for it");
        tui_doc_add(d, TUI_ROLE_NORMAL, 1, f->when);
    }
    section(d, "Algorithms");
    for (size_t i = 0; i < f->n_algorithms; i++)
        tui_doc_field(d, 1, TUI_ROLE_DIM, "• ", TUI_ROLE_NORMAL, f->algorithms[i]->name);
    references(d, f->references, f->n_references);
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_DIM, 0, "Enter opens the family; select an algorithm to read it.");
}

void view_map_detail(const struct tui_model *m, struct tui_doc *d)
{
    const struct tui_map_state *s = tui_model_map(m);
    if (!s->n_rows && !s->filter[0]) {
        tui_doc_add(d, TUI_ROLE_NORMAL, 0, "This taxonomy has no families or algorithms yet.");
        return;
    }
    if (!s->n_rows) {
        tui_doc_addf(d, TUI_ROLE_NORMAL, 0, "Nothing in the map matches \"%s\".", s->filter);
        tui_doc_add(d, TUI_ROLE_DIM, 0, "Esc clears the search; / searches again.");
        return;
    }
    const struct tui_map_row *r = &s->rows[s->cursor];
    if (r->alg)
        algorithm_detail(d, r->alg);
    else
        family_detail(d, r->family);
}

/* Paint the cells of the first case-insensitive match of filter in the
 * text drawn at (y, x) (ASCII matching, as the model filters). */
static void paint_match(struct tui_canvas *c, int y, int x, int w, const char *text,
                        const char *filter)
{
    size_t n = strlen(filter);
    if (!n)
        return;
    for (const char *h = text; *h; h++) {
        size_t i = 0;
        while (i < n && h[i] && tolower((unsigned char)h[i]) == tolower((unsigned char)filter[i]))
            i++;
        if (i == n) {
            int off = tui_text_width(text, (size_t)(h - text));
            int len = tui_text_width(h, n);
            if (off < w)
                tui_canvas_paint(c, y, x + off, len < w - off ? len : w - off, TUI_ROLE_MATCH);
            return;
        }
    }
}

void view_map_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l)
{
    const struct tui_map_state *s = tui_model_map(m);
    const struct tax *t = tui_model_tax(m);
    bool list_focus = tui_model_focus(m) == TUI_PANE_LIST;
    char note[128];
    if (s->filter[0]) {
        size_t n = 0;
        for (size_t i = 0; i < s->n_rows; i++)
            n += s->rows[i].alg != NULL;
        snprintf(note, sizeof(note), "%zu match%s", n, n == 1 ? "" : "es");
    } else {
        snprintf(note, sizeof(note), "%zu algorithms", t->n_algorithms);
    }
    view_pane_header(c, l->list_header_y, 1, l->list.w - 1, "Families", note);
    const struct view_rect *r = &l->list;
    int top = tui_scroll_top(s->cursor, s->top, r->h, (int)s->n_rows);
    for (int i = 0; i < r->h && (size_t)(top + i) < s->n_rows; i++) {
        const struct tui_map_row *row = &s->rows[top + i];
        int y = r->y + i;
        if (row->alg) {
            int x = tui_canvas_text(c, y, 3, r->w - 3, TUI_ROLE_NORMAL, row->alg->name);
            (void)x;
            paint_match(c, y, 3, r->w - 3, row->alg->name, s->filter);
        } else {
            size_t fi = (size_t)(row->family - t->families);
            bool open = s->open[fi] || s->filter[0];
            char buf[256];
            snprintf(buf, sizeof(buf), "%s %s (%zu)", open ? "▾" : "▸", row->family->name,
                     row->family->n_algorithms);
            tui_canvas_text(c, y, 1, r->w - 1, TUI_ROLE_HEADING, buf);
            paint_match(c, y, 3, r->w - 3, row->family->name, s->filter);
        }
        view_list_row(c, y, r->x, r->w, top + i == s->cursor, list_focus);
    }
    if (!s->n_rows && s->filter[0])
        tui_canvas_text(c, r->y, 1, r->w - 1, TUI_ROLE_ERROR, "no match");

    view_detail_pane(c, l, m, view_map_detail, "Details",
                     list_focus ? "Tab: details" : "Tab: list", s->detail_scroll);
}
