/*
 * rules: the advisor's judgement of one algorithm (see rules.h and the
 * "Rule semantics" section of taxonomy/README.md, which this mirrors).
 */
#include "advisor/rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

bool adv_note_is_why(const struct adv_note *n)
{
    return n->kind == ADV_NOTE_WHY;
}

bool adv_note_is_caution(const struct adv_note *n)
{
    return n->kind == ADV_NOTE_CAUTION || n->kind == ADV_NOTE_BROKEN_ASSUMPTION ||
           n->kind == ADV_NOTE_OPEN_EXCLUSION || n->kind == ADV_NOTE_OPEN_CAUTION ||
           n->kind == ADV_NOTE_OPEN_ASSUMPTION;
}

/* ---- small helpers ---- */

static size_t real_answers(const struct tax_trait *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n_answers; i++)
        n += !tax_answer_is_not_sure(&t->answers[i]);
    return n;
}

static bool cond_names(const struct tax_condition *c, const struct tax_answer *a)
{
    for (size_t i = 0; i < c->n_answers; i++)
        if (c->answers[i] == a || !strcmp(c->answers[i]->id, a->id))
            return true;
    return false;
}

/* Share of the trait's real answers the condition names (choice traits). */
static double cond_share(const struct tax_condition *c)
{
    size_t n = real_answers(c->trait), k = 0;
    for (size_t i = 0; i < c->n_answers; i++)
        k += !tax_answer_is_not_sure(c->answers[i]);
    return n ? (double)k / (double)n : 0.0;
}

static bool in_range(const struct tax_condition *c, double v)
{
    if (!isnan(c->at_least) && v < c->at_least)
        return false;
    if (!isnan(c->at_most) && v > c->at_most)
        return false;
    return !isnan(c->at_least) || !isnan(c->at_most);
}

bool adv_condition_fires(const struct adv_profile *p, const struct tax_condition *c)
{
    const struct adv_answer *a = adv_profile_slot(p, c->trait);
    if (c->trait->kind != TAX_TRAIT_CHOICE)
        return in_range(c, a->value);
    return cond_names(c, a->choice);
}

static bool trait_live(const struct adv_profile *p, const struct tax_trait *t)
{
    return adv_profile_applies(p, t) != ADV_APPLIES_NO;
}

/* "reward_value = heavy_tailed", "reward_value is binary or bounded_real",
 * "arms >= 5000", "10 <= arms <= 100" into a fresh string. */
static char *cond_text(const struct tax_condition *c)
{
    const char *id = c->trait->id;
    if (c->trait->kind != TAX_TRAIT_CHOICE) {
        if (!isnan(c->at_least) && !isnan(c->at_most))
            return xasprintf("%.10g <= %s <= %.10g", c->at_least, id, c->at_most);
        if (!isnan(c->at_least))
            return xasprintf("%s >= %.10g", id, c->at_least);
        return xasprintf("%s <= %.10g", id, c->at_most);
    }
    if (c->n_answers == 1)
        return xasprintf("%s = %s", id, c->answers[0]->id);
    size_t len = strlen(id) + 8;
    for (size_t i = 0; i < c->n_answers; i++)
        len += strlen(c->answers[i]->id) + 4;
    char *s = xmalloc(len);
    snprintf(s, len, "%s is ", id);
    for (size_t i = 0; i < c->n_answers; i++) {
        if (i)
            strcat(s, i + 1 == c->n_answers ? " or " : ", ");
        strcat(s, c->answers[i]->id);
    }
    return s;
}

/* ---- note collection ---- */

struct ctx {
    const struct adv_profile *p;
    struct adv_eval *out;
    bool notes;
    size_t alloc;
    int *best_open_fit;          /* per trait: the largest fit of a not_sure trait */
};

static struct adv_note *add_note(struct ctx *cx, enum adv_note_kind kind,
                                 const struct tax_trait *t, double delta, const char *rule_text)
{
    struct adv_eval *e = cx->out;
    if (e->n_notes == cx->alloc) {
        cx->alloc = cx->alloc ? 2 * cx->alloc : 8;
        e->notes = xrealloc(e->notes, cx->alloc * sizeof(*e->notes));
    }
    struct adv_note *n = &e->notes[e->n_notes++];
    const struct adv_answer *a = adv_profile_slot(cx->p, t);
    memset(n, 0, sizeof(*n));
    n->kind = kind;
    n->trait = t;
    n->answer = a->choice;
    n->value = a->value;
    n->delta = delta;
    n->rule_text = rule_text;
    return n;
}

static const char *fit_word(int score)
{
    return score >= 3 ? "made for it" : score == 2 ? "a good fit" : "fits";
}

/* ---- the four rule kinds ---- */

/* fits: the answer's score, or for not_sure the mean over real answers. */
static void eval_fit(struct ctx *cx, const struct tax_fit *f)
{
    const struct tax_trait *t = f->trait;
    if (t->kind != TAX_TRAIT_CHOICE || !trait_live(cx->p, t))
        return;
    const struct adv_answer *a = adv_profile_slot(cx->p, t);
    if (a->not_sure) {
        /* An unknown answer raises nothing; what the algorithm would gain
         * from an answer not given is "unconfirmed specialisation", the
         * parsimony tie-break of the ranking. */
        if (f->score > cx->best_open_fit[t - cx->p->tax->traits])
            cx->best_open_fit[t - cx->p->tax->traits] = f->score;
        return;
    }
    if (f->answer != a->choice && strcmp(f->answer->id, a->choice->id))
        return;
    cx->out->score += f->score;
    if (f->score > 0 && cx->notes) {
        struct adv_note *n = add_note(cx, ADV_NOTE_WHY, t, f->score, NULL);
        n->text = xasprintf("%s = %s: %s (+%d)", t->id, a->choice->id, fit_word(f->score),
                            f->score);
    }
}

static void eval_exclusion(struct ctx *cx, const struct tax_exclusion *x)
{
    const struct tax_condition *c = &x->when;
    const struct tax_trait *t = c->trait;
    if (!trait_live(cx->p, t))
        return;
    const struct adv_answer *a = adv_profile_slot(cx->p, t);
    double cost;
    if (!a->not_sure) {
        if (!adv_condition_fires(cx->p, c))
            return;
        cx->out->excluded = true;
        if (cx->notes) {
            char ans[64];
            struct adv_note *n = add_note(cx, ADV_NOTE_EXCLUSION, t, 0, x->why);
            n->text = xasprintf("%s = %s: %s", t->id, adv_answer_text(a, ans, sizeof(ans)),
                                x->why);
        }
        return;
    }
    /* not_sure never excludes. An unknown choice costs nothing (the caution
     * and the what-if say what each answer would do); a numeric default that
     * falls in the range costs like the worst fit. */
    cost = t->kind == TAX_TRAIT_CHOICE ? 0.0
           : in_range(c, a->value)     ? ADV_OPEN_EXCLUSION_WEIGHT
                                       : -1.0;
    if (cost < 0 || (t->kind == TAX_TRAIT_CHOICE && cond_share(c) <= 0))
        return;
    cx->out->score -= cost;
    if (cx->notes) {
        char *ct = cond_text(c);
        struct adv_note *n = add_note(cx, ADV_NOTE_OPEN_EXCLUSION, t, -cost, x->why);
        if (t->kind == TAX_TRAIT_CHOICE)
            n->text = xasprintf("cannot handle %s (%s); you are not sure about %s", ct, x->why,
                                t->id);
        else
            n->text = xasprintf("cannot handle %s (%s); you are not sure, and the default "
                                "%.10g is in that range (%+.2g)",
                                ct, x->why, a->value, -cost);
        free(ct);
    }
}

static void eval_caution(struct ctx *cx, const struct tax_caution *k)
{
    const struct tax_condition *c = &k->when;
    const struct tax_trait *t = c->trait;
    if (!trait_live(cx->p, t))
        return;
    const struct adv_answer *a = adv_profile_slot(cx->p, t);
    char ans[64];
    bool open = a->not_sure && t->kind == TAX_TRAIT_CHOICE;
    if (!open) {
        if (!adv_condition_fires(cx->p, c))
            return;
        cx->out->score -= k->penalty;
        if (cx->notes) {
            struct adv_note *n = add_note(cx, ADV_NOTE_CAUTION, t, -k->penalty, k->text);
            n->text = xasprintf("%s (%s = %s; %+d)", k->text, t->id,
                                adv_answer_text(a, ans, sizeof(ans)), -k->penalty);
        }
        return;
    }
    if (cond_share(c) <= 0 || !cx->notes)
        return;
    char *ct = cond_text(c);
    struct adv_note *n = add_note(cx, ADV_NOTE_OPEN_CAUTION, t, 0, k->text);
    n->text = xasprintf("if %s: %s (you are not sure)", ct, k->text);
    free(ct);
}

static void eval_assumption(struct ctx *cx, const struct tax_assumption *as)
{
    const struct tax_trait *t = as->trait;
    if (!trait_live(cx->p, t) || t->kind != TAX_TRAIT_CHOICE)
        return;
    const struct adv_answer *a = adv_profile_slot(cx->p, t);
    if (a->not_sure) {
        double n = (double)real_answers(t);
        double cost = ADV_OPEN_ASSUMPTION_WEIGHT * (n - 1) / n;
        cx->out->score -= cost;
        if (!cx->notes)
            return;
        struct adv_note *nn = add_note(cx, ADV_NOTE_OPEN_ASSUMPTION, t, -cost, NULL);
        nn->text = xasprintf("assumes %s = %s; you are not sure (%+.2g)", t->id,
                             as->answer->id, -cost);
    } else if (cx->notes && a->choice != as->answer && strcmp(a->choice->id, as->answer->id)) {
        struct adv_note *n = add_note(cx, ADV_NOTE_BROKEN_ASSUMPTION, t, 0, NULL);
        n->text = xasprintf("assumes %s = %s, but you answered %s", t->id, as->answer->id,
                            a->choice->id);
    }
}

/* Runs the rules of alg, restricted to one trait when only is non-NULL. */
static void run_rules(struct ctx *cx, const struct tax_algorithm *alg,
                      const struct tax_trait *only)
{
    size_t nt = cx->p->tax->n_traits;
    int stack[64];
    int *best = nt <= 64 ? stack : xmalloc(nt * sizeof(*best));
    for (size_t i = 0; i < nt; i++)
        best[i] = 0;
    cx->best_open_fit = best;
    for (size_t i = 0; i < alg->n_fits; i++)
        if (!only || alg->fits[i].trait == only)
            eval_fit(cx, &alg->fits[i]);
    for (size_t i = 0; i < alg->n_excludes; i++)
        if (!only || alg->excludes[i].when.trait == only)
            eval_exclusion(cx, &alg->excludes[i]);
    for (size_t i = 0; i < alg->n_cautions; i++)
        if (!only || alg->cautions[i].when.trait == only)
            eval_caution(cx, &alg->cautions[i]);
    for (size_t i = 0; i < alg->n_assumes; i++)
        if (!only || alg->assumes[i].trait == only)
            eval_assumption(cx, &alg->assumes[i]);
    /* A fit of 1 ("fits") is no specialisation; 2 and 3 are. */
    for (size_t i = 0; i < nt; i++)
        cx->out->unconfirmed += best[i] > 1 ? best[i] - 1 : 0;
    if (best != stack)
        free(best);
}

void adv_rules_eval(const struct adv_profile *p, const struct tax_algorithm *alg, bool notes,
                    struct adv_eval *out)
{
    memset(out, 0, sizeof(*out));
    out->alg = alg;
    struct ctx cx = {.p = p, .out = out, .notes = notes};
    run_rules(&cx, alg, NULL);
}

void adv_eval_release(struct adv_eval *e)
{
    for (size_t i = 0; i < e->n_notes; i++)
        free(e->notes[i].text);
    free(e->notes);
    memset(e, 0, sizeof(*e));
}

double adv_rules_trait_delta(const struct adv_profile *p, const struct tax_algorithm *alg,
                             const struct tax_trait *trait, bool *excludes)
{
    struct adv_eval e;
    memset(&e, 0, sizeof(e));
    e.alg = alg;
    struct ctx cx = {.p = p, .out = &e, .notes = false};
    run_rules(&cx, alg, trait);
    *excludes = e.excluded;
    return e.score;
}
