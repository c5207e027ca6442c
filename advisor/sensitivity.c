/*
 * sensitivity: what would change the pick (see sensitivity.h).
 */
#include "advisor/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/rank.h"
#include "base/xalloc.h"

static void push(struct adv_whatif_list *l, const struct adv_whatif *w)
{
    l->items = xrealloc(l->items, (l->count + 1) * sizeof(*l->items));
    l->items[l->count++] = *w;
}

static const char *name_of(const struct tax_algorithm *a)
{
    return a ? a->name : "nothing (every algorithm is excluded)";
}

static void finish_text(struct adv_whatif *w, const struct tax_algorithm *current)
{
    const char *id = w->trait->id;
    const char *name = name_of(w->top);
    const char *aid = w->top ? w->top->id : "-";
    if (w->from_not_sure && !w->changes_top)
        w->text = xasprintf("you are not sure about %s: if it is %s, the pick stays %s (%s)",
                            id, w->to, name, aid);
    else if (w->from_not_sure)
        w->text = xasprintf("you are not sure about %s: if it is %s, the pick becomes %s (%s) "
                            "instead of %s",
                            id, w->to, name, aid, name_of(current));
    else
        w->text = xasprintf("if %s were %s instead of %s, the pick would become %s (%s)", id,
                            w->to, w->from, name, aid);
}

/* Try one alternative already applied to q; record it when it matters. */
static void consider(struct adv_whatif_list *out, const struct adv_profile *q,
                     const struct adv_answer *orig, const struct tax_algorithm *current,
                     const char *to, const struct tax_answer *to_answer, double to_value,
                     bool list_always)
{
    double score;
    const struct tax_algorithm *top = adv_top_pick(q, &score);
    bool changes = top != current;
    if (!changes && !list_always)
        return;
    struct adv_whatif w;
    char buf[64];
    memset(&w, 0, sizeof(w));
    w.trait = orig->trait;
    w.from_not_sure = orig->not_sure;
    w.from = xstrdup(adv_answer_text(orig, buf, sizeof(buf)));
    w.to = xstrdup(to);
    w.to_answer = to_answer;
    w.to_value = to_value;
    w.top = top;
    w.top_score = score;
    w.changes_top = changes;
    finish_text(&w, current);
    push(out, &w);
}

static void try_choice(struct adv_whatif_list *out, struct adv_profile *q,
                       const struct adv_answer *orig, const struct tax_algorithm *current)
{
    const struct tax_trait *t = orig->trait;
    for (size_t i = 0; i < t->n_answers; i++) {
        const struct tax_answer *ans = &t->answers[i];
        if (tax_answer_is_not_sure(ans) || ans == orig->choice)
            continue;
        adv_profile_set_choice(q, t->id, ans->id);
        consider(out, q, orig, current, ans->id, ans, NAN, orig->not_sure);
    }
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

/* The thresholds of every condition on trait t, as the first value on the
 * firing side: at_least a -> a; at_most b -> the value just above b. */
static size_t thresholds(const struct tax *tax, const struct tax_trait *t, double **out)
{
    size_t n = 0, alloc = 0;
    double *v = NULL;
    for (size_t i = 0; i < tax->n_algorithms; i++) {
        const struct tax_algorithm *a = &tax->algorithms[i];
        size_t nc = a->n_excludes + a->n_cautions;
        for (size_t j = 0; j < nc; j++) {
            const struct tax_condition *c = j < a->n_excludes
                                                ? &a->excludes[j].when
                                                : &a->cautions[j - a->n_excludes].when;
            if (c->trait != t)
                continue;
            double b[2] = {c->at_least, c->at_most};
            for (int k = 0; k < 2; k++) {
                if (isnan(b[k]))
                    continue;
                if (n + 1 > alloc) {
                    alloc = alloc ? 2 * alloc : 8;
                    v = xrealloc(v, alloc * sizeof(*v));
                }
                /* Boundary between "below x" and "at least x". */
                double x = b[k];
                if (k == 1)
                    x = t->kind == TAX_TRAIT_INTEGER ? floor(b[k]) + 1
                                                     : b[k] + 1e-6 * fmax(1, fabs(b[k]));
                v[n++] = x;
            }
        }
    }
    if (n)
        qsort(v, n, sizeof(*v), cmp_double);
    *out = v;
    return n;
}

static void try_number(struct adv_whatif_list *out, struct adv_profile *q,
                       const struct adv_answer *orig, const struct tax_algorithm *current)
{
    const struct tax_trait *t = orig->trait;
    double *th;
    size_t n = thresholds(q->tax, t, &th);
    double last = NAN;
    for (size_t i = 0; i < n; i++) {
        double x = th[i], v;
        char to[96];
        if (x == last)
            continue;
        last = x;
        if (orig->value >= x) {
            /* currently at or above: try just below */
            if (t->kind == TAX_TRAIT_INTEGER) {
                v = ceil(x) - 1;
                snprintf(to, sizeof(to), "at most %.10g", v);
            } else {
                v = x - 1e-6 * fmax(1, fabs(x));
                snprintf(to, sizeof(to), "below %.10g", x);
            }
        } else {
            v = t->kind == TAX_TRAIT_INTEGER ? ceil(x) : x;
            snprintf(to, sizeof(to), "at least %.10g", v);
        }
        if (v < t->min || v > t->max || adv_profile_set_number(q, t->id, v) < 0)
            continue;
        consider(out, q, orig, current, to, NULL, v, false);
    }
    free(th);
}

void adv_sensitivity(const struct adv_profile *p, const struct tax_algorithm *current,
                     struct adv_whatif_list *out)
{
    memset(out, 0, sizeof(*out));
    struct adv_profile *q = adv_profile_copy(p);
    for (size_t i = 0; i < p->n_answers; i++) {
        const struct adv_answer *orig = &p->answers[i];
        if (adv_profile_applies(p, orig->trait) == ADV_APPLIES_NO)
            continue;
        if (orig->trait->kind == TAX_TRAIT_CHOICE)
            try_choice(out, q, orig, current);
        else
            try_number(out, q, orig, current);
        q->answers[i] = *orig;   /* restore */
    }
    adv_profile_free(q);
}

void adv_whatif_list_release(struct adv_whatif_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].from);
        free(l->items[i].to);
        free(l->items[i].text);
    }
    free(l->items);
    memset(l, 0, sizeof(*l));
}
