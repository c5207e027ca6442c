/*
 * algorithms: the `algorithms` section's loader (see algorithms.h).
 */
#include "taxonomy/algorithms.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"
#include "base/xalloc.h"

static const char *const algorithm_keys[] = {
    "id", "name", "family", "summary", "fits", "excludes", "cautions", "assumes", "knobs",
    "compute", "memory", "guarantee", "evidence", "references", "implementations", "policy",
    "advice", NULL};

/* ---- trait and answer resolution with did-you-mean ---- */

static const struct tax_trait *resolve_trait(struct tax_builder *b, const char *file,
                                             const struct yr_node *n, const char *owner)
{
    const char *id;
    if (yr_scalar_string(n, "a trait id", file, b->diags, &id) < 0)
        return NULL;
    size_t k = tb_index_get(&b->trait_index, id);
    if (k != (size_t)-1)
        return &b->traits[k];
    const char **ids = xcalloc(b->t->n_traits + 1, sizeof(*ids));
    for (size_t i = 0; i < b->t->n_traits; i++)
        ids[i] = b->traits[i].id;
    tb_unknown(b, file, n, "trait", id, owner, ids, b->t->n_traits);
    free(ids);
    return NULL;
}

static const struct tax_answer *resolve_answer(struct tax_builder *b, const char *file,
                                               const struct yr_node *n,
                                               const struct tax_trait *tr, const char *owner)
{
    const char *id;
    if (yr_scalar_string(n, "an answer id", file, b->diags, &id) < 0)
        return NULL;
    if (tr->kind != TAX_TRAIT_CHOICE) {
        diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                 "trait '%s' is numeric; use at_least/at_most instead of answer '%s' in %s",
                 tr->id, id, owner);
        return NULL;
    }
    const struct tax_answer *a = tax_find_answer(tr, id);
    if (a)
        return a;
    const char **ids = xcalloc(tr->n_answers + 1, sizeof(*ids));
    for (size_t i = 0; i < tr->n_answers; i++)
        ids[i] = tr->answers[i].id;
    const char *hint = suggest_closest(id, ids, tr->n_answers);
    if (hint)
        diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                 "unknown answer '%s' for trait '%s' in %s (did you mean '%s'?)", id, tr->id,
                 owner, hint);
    else
        diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                 "unknown answer '%s' for trait '%s' in %s", id, tr->id, owner);
    free(ids);
    return NULL;
}

/* ---- rules ---- */

static int load_fits(struct tax_builder *b, const char *file, const struct yr_node *map,
                     struct tax_algorithm *alg, const char *what)
{
    if (map->kind != YR_MAPPING) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "fits of %s must map trait ids to {answer: score}, not %s", what,
                 yr_kind_name(map->kind));
        return -1;
    }
    size_t total = 0;
    for (size_t i = 0; i < map->count; i++)
        if (map->pairs[i].value->kind == YR_MAPPING)
            total += map->pairs[i].value->count;
    struct tax_fit *fits = arena_calloc(&b->t->arena, total, sizeof(*fits));
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < map->count; i++) {
        const struct tax_trait *tr = resolve_trait(b, file, map->pairs[i].key, what);
        const struct yr_node *scores = map->pairs[i].value;
        if (!tr) {
            rc = -1;
            continue;
        }
        if (scores->kind != YR_MAPPING) {
            diag_add(b->diags, DIAG_ERROR, file, scores->line, scores->col,
                     "fits for trait '%s' in %s must be {answer: score}, not %s", tr->id, what,
                     yr_kind_name(scores->kind));
            rc = -1;
            continue;
        }
        for (size_t j = 0; j < scores->count; j++) {
            const struct yr_node *key = scores->pairs[j].key;
            const struct tax_answer *a = resolve_answer(b, file, key, tr, what);
            long long s = 0;
            char *label = xasprintf("fit score of %s=%s in %s", tr->id, key->scalar, what);
            int ok = yr_scalar_int(scores->pairs[j].value, label, file, b->diags, &s);
            free(label);
            if (!a || ok < 0) {
                rc = -1;
                continue;
            }
            if (tax_answer_is_not_sure(a)) {
                diag_add(b->diags, DIAG_ERROR, file, key->line, key->col,
                         "'not_sure' cannot be given a fit score in %s: the advisor "
                         "averages the other answers", what);
                rc = -1;
                continue;
            }
            if (s < -3 || s > 3) {
                const struct yr_node *v = scores->pairs[j].value;
                diag_add(b->diags, DIAG_ERROR, file, v->line, v->col,
                         "fit score %lld of %s=%s in %s must be between -3 and 3", s, tr->id,
                         a->id, what);
                rc = -1;
                continue;
            }
            fits[n++] = (struct tax_fit){tr, a, (int)s, tb_pos(file, key)};
        }
    }
    alg->fits = fits;
    alg->n_fits = n;
    return rc;
}

static const char *const exclude_keys[] = {"trait", "is", "at_least", "at_most", "why", NULL};
static const char *const caution_keys[] = {"trait", "is", "at_least", "at_most", "text",
                                           "penalty", NULL};

static int load_condition(struct tax_builder *b, const char *file, const struct yr_node *map,
                          const char *what, struct tax_condition *c)
{
    c->at_least = c->at_most = NAN;
    c->pos = tb_pos(file, map);
    const struct yr_node *trait = yr_get(map, "trait");
    if (!trait) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "missing required key 'trait' in %s", what);
        return -1;
    }
    c->trait = resolve_trait(b, file, trait, what);
    if (!c->trait)
        return -1;
    const struct yr_node *is = yr_get(map, "is");
    const struct yr_node *lo = yr_get(map, "at_least"), *hi = yr_get(map, "at_most");
    if (c->trait->kind == TAX_TRAIT_CHOICE) {
        if (lo || hi) {
            const struct yr_node *n = lo ? lo : hi;
            diag_add(b->diags, DIAG_ERROR, file, n->line, n->col,
                     "trait '%s' is a choice; use 'is: [answers]' in %s", c->trait->id, what);
            return -1;
        }
        if (!is) {
            diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                     "missing required key 'is' in %s (trait '%s' is a choice)", what,
                     c->trait->id);
            return -1;
        }
        if (is->kind != YR_SEQUENCE || is->count == 0) {
            diag_add(b->diags, DIAG_ERROR, file, is->line, is->col,
                     "'is' in %s must be a non-empty list of answers", what);
            return -1;
        }
        const struct tax_answer **answers = arena_calloc(&b->t->arena, is->count,
                                                         sizeof(*answers));
        int rc = 0;
        for (size_t i = 0; i < is->count; i++) {
            const struct tax_answer *a = resolve_answer(b, file, is->items[i], c->trait, what);
            if (!a) {
                rc = -1;
            } else if (tax_answer_is_not_sure(a)) {
                diag_add(b->diags, DIAG_ERROR, file, is->items[i]->line, is->items[i]->col,
                         "a condition cannot fire on 'not_sure' in %s", what);
                rc = -1;
            } else {
                answers[c->n_answers++] = a;
            }
        }
        c->answers = answers;
        return rc;
    }
    if (is) {
        diag_add(b->diags, DIAG_ERROR, file, is->line, is->col,
                 "trait '%s' is numeric; use at_least/at_most in %s", c->trait->id, what);
        return -1;
    }
    if (!lo && !hi) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "%s on numeric trait '%s' needs at_least or at_most", what, c->trait->id);
        return -1;
    }
    if ((lo && yr_scalar_double(lo, "at_least", file, b->diags, &c->at_least) < 0) ||
        (hi && yr_scalar_double(hi, "at_most", file, b->diags, &c->at_most) < 0))
        return -1;
    if (lo && hi && c->at_least > c->at_most) {
        diag_add(b->diags, DIAG_ERROR, file, lo->line, lo->col,
                 "at_least %g is above at_most %g in %s", c->at_least, c->at_most, what);
        return -1;
    }
    return 0;
}

static int load_rule_list(struct tax_builder *b, const char *file, const struct yr_node *list,
                          struct tax_algorithm *alg, const char *what, bool exclusions)
{
    const char *section = exclusions ? "excludes" : "cautions";
    if (list->kind != YR_SEQUENCE) {
        diag_add(b->diags, DIAG_ERROR, file, list->line, list->col,
                 "%s of %s must be a list, not %s", section, what, yr_kind_name(list->kind));
        return -1;
    }
    struct tax_exclusion *ex = arena_calloc(&b->t->arena, list->count, sizeof(*ex));
    struct tax_caution *ca = arena_calloc(&b->t->arena, list->count, sizeof(*ca));
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < list->count; i++) {
        const struct yr_node *m = list->items[i];
        char *item = xasprintf("%s of %s", section, what);
        if (m->kind != YR_MAPPING) {
            diag_add(b->diags, DIAG_ERROR, file, m->line, m->col,
                     "each entry of %s must be a mapping", item);
            free(item);
            rc = -1;
            continue;
        }
        yr_check_keys(m, exclusions ? exclude_keys : caution_keys, item, file, b->diags);
        struct tax_condition c = {0};
        const char *text = tb_string(b, file, m, exclusions ? "why" : "text", true, item);
        long long penalty = 1;
        const struct yr_node *pn = exclusions ? NULL : yr_get(m, "penalty");
        int ok = load_condition(b, file, m, item, &c);
        if (pn && yr_scalar_int(pn, "penalty", file, b->diags, &penalty) == 0 &&
            (penalty < 0 || penalty > 10)) {
            diag_add(b->diags, DIAG_ERROR, file, pn->line, pn->col,
                     "penalty %lld in %s must be between 0 and 10", penalty, item);
            ok = -1;
        }
        free(item);
        if (ok < 0 || !text) {
            rc = -1;
            continue;
        }
        if (exclusions)
            ex[n++] = (struct tax_exclusion){c, text};
        else
            ca[n++] = (struct tax_caution){c, text, (int)penalty};
    }
    if (exclusions) {
        alg->excludes = ex;
        alg->n_excludes = n;
    } else {
        alg->cautions = ca;
        alg->n_cautions = n;
    }
    return rc;
}

static int load_assumes(struct tax_builder *b, const char *file, const struct yr_node *map,
                        struct tax_algorithm *alg, const char *what)
{
    if (map->kind != YR_MAPPING) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "assumes of %s must map trait ids to answers, not %s", what,
                 yr_kind_name(map->kind));
        return -1;
    }
    struct tax_assumption *as = arena_calloc(&b->t->arena, map->count, sizeof(*as));
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < map->count; i++) {
        const struct tax_trait *tr = resolve_trait(b, file, map->pairs[i].key, what);
        const struct tax_answer *a = tr ? resolve_answer(b, file, map->pairs[i].value, tr, what)
                                        : NULL;
        if (a && tax_answer_is_not_sure(a)) {
            const struct yr_node *v = map->pairs[i].value;
            diag_add(b->diags, DIAG_ERROR, file, v->line, v->col,
                     "'not_sure' cannot be assumed by %s: an assumption names the answer the "
                     "algorithm needs", what);
        }
        if (!a || tax_answer_is_not_sure(a)) {
            rc = -1;
            continue;
        }
        as[n++] = (struct tax_assumption){tr, a, tb_pos(file, map->pairs[i].key)};
    }
    alg->assumes = as;
    alg->n_assumes = n;
    return rc;
}

/* ---- knobs and implementations ---- */

static const char *const knob_keys[] = {"name", "default", "help", NULL};
static const char *const impl_keys[] = {"library", "how", "status", NULL};
static const char *const impl_status[] = {"maintained", "dormant", "retiring", "unknown", NULL};

static int load_knobs(struct tax_builder *b, const char *file, const struct yr_node *list,
                      struct tax_algorithm *alg, const char *what)
{
    if (list->kind != YR_SEQUENCE) {
        diag_add(b->diags, DIAG_ERROR, file, list->line, list->col,
                 "knobs of %s must be a list, not %s", what, yr_kind_name(list->kind));
        return -1;
    }
    struct tax_knob *k = arena_calloc(&b->t->arena, list->count, sizeof(*k));
    size_t n = 0;
    int rc = 0;
    char *item = xasprintf("a knob of %s", what);
    for (size_t i = 0; i < list->count; i++) {
        const struct yr_node *m = list->items[i];
        if (m->kind != YR_MAPPING) {
            diag_add(b->diags, DIAG_ERROR, file, m->line, m->col,
                     "each knob of %s must be a mapping {name, default, help}", what);
            rc = -1;
            continue;
        }
        yr_check_keys(m, knob_keys, item, file, b->diags);
        struct tax_knob kn = {tb_string(b, file, m, "name", true, item),
                              tb_string(b, file, m, "default", true, item),
                              tb_string(b, file, m, "help", true, item)};
        if (!kn.name || !kn.default_value || !kn.help) {
            rc = -1;
            continue;
        }
        k[n++] = kn;
    }
    free(item);
    alg->knobs = k;
    alg->n_knobs = n;
    return rc;
}

static int load_implementations(struct tax_builder *b, const char *file,
                                const struct yr_node *list, struct tax_algorithm *alg,
                                const char *what)
{
    if (list->kind != YR_SEQUENCE) {
        diag_add(b->diags, DIAG_ERROR, file, list->line, list->col,
                 "implementations of %s must be a list, not %s", what, yr_kind_name(list->kind));
        return -1;
    }
    struct tax_implementation *im = arena_calloc(&b->t->arena, list->count, sizeof(*im));
    size_t n = 0;
    int rc = 0;
    char *item = xasprintf("an implementation of %s", what);
    for (size_t i = 0; i < list->count; i++) {
        const struct yr_node *m = list->items[i];
        if (m->kind != YR_MAPPING) {
            diag_add(b->diags, DIAG_ERROR, file, m->line, m->col,
                     "each implementation of %s must be a mapping {library, how, status}", what);
            rc = -1;
            continue;
        }
        yr_check_keys(m, impl_keys, item, file, b->diags);
        struct tax_implementation x = {tb_string(b, file, m, "library", true, item),
                                       tb_string(b, file, m, "how", true, item),
                                       tb_string(b, file, m, "status", true, item)};
        if (!x.library || !x.how || !x.status) {
            rc = -1;
            continue;
        }
        bool known = false;
        for (size_t s = 0; impl_status[s] && !known; s++)
            known = !strcmp(x.status, impl_status[s]);
        if (!known) {
            const struct yr_node *sn = yr_get(m, "status");
            const char *hint = suggest_closest(x.status, impl_status, 4);
            diag_add(b->diags, DIAG_ERROR, file, sn->line, sn->col,
                     "unknown status '%s' in %s (expected maintained, dormant, retiring or "
                     "unknown%s%s%s)", x.status, item, hint ? "; did you mean '" : "",
                     hint ? hint : "", hint ? "'?" : "");
            rc = -1;
            continue;
        }
        im[n++] = x;
    }
    free(item);
    alg->implementations = im;
    alg->n_implementations = n;
    return rc;
}

/* ---- one algorithm ---- */

static const char *const evidence_names[] = {"theory", "benchmark", "field", NULL};

static int load_family_ref(struct tax_builder *b, const char *file, const struct yr_node *map,
                           struct tax_algorithm *alg, const char *what)
{
    const struct yr_node *fn = yr_get(map, "family");
    const char *fid = tb_string(b, file, map, "family", true, what);
    if (!fid)
        return -1;
    size_t k = tb_index_get(&b->family_index, fid);
    if (k != (size_t)-1) {
        alg->family = &b->families[k];
        return 0;
    }
    const char **ids = xcalloc(b->t->n_families + 1, sizeof(*ids));
    for (size_t i = 0; i < b->t->n_families; i++)
        ids[i] = b->families[i].id;
    tb_unknown(b, file, fn, "family", fid, what, ids, b->t->n_families);
    free(ids);
    return -1;
}

void tb_load_algorithm(struct tax_builder *b, const char *file, const struct yr_node *map)
{
    const char *id;
    char *what = tb_entry_begin(b, file, map, "algorithm", algorithm_keys, &id);
    if (!what)
        return;
    const struct yr_node *idn = tb_id_node(map);
    struct tax_algorithm a = {0};
    a.id = id;
    a.pos = tb_pos(file, idn);
    a.name = tb_string(b, file, map, "name", true, what);
    a.summary = tb_string(b, file, map, "summary", true, what);
    a.compute = tb_string(b, file, map, "compute", true, what);
    a.memory = tb_string(b, file, map, "memory", true, what);
    a.guarantee = tb_string(b, file, map, "guarantee", true, what);
    a.policy = tb_string(b, file, map, "policy", false, what);
    a.policy_pos = tb_pos(file, yr_get(map, "policy"));
    a.advice = tb_string(b, file, map, "advice", false, what);
    bool ok = id && a.name && a.summary && a.compute && a.memory && a.guarantee &&
              tb_check_id(b, file, idn, id, "algorithm") == 0;
    if (a.policy && tb_check_id(b, file, yr_get(map, "policy"), a.policy, "policy") < 0)
        ok = false;
    if (load_family_ref(b, file, map, &a, what) < 0)
        ok = false;

    const char *ev = tb_string(b, file, map, "evidence", true, what);
    int e = -1;
    for (int i = 0; ev && evidence_names[i]; i++)
        if (!strcmp(ev, evidence_names[i]))
            e = i;
    if (ev && e < 0) {
        const struct yr_node *en = yr_get(map, "evidence");
        const char *hint = suggest_closest(ev, evidence_names, 3);
        diag_add(b->diags, DIAG_ERROR, file, en->line, en->col,
                 "unknown evidence '%s' in %s (expected theory, benchmark or field%s%s%s)", ev,
                 what, hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
    }
    if (e < 0)
        ok = false;
    a.evidence = e == 2 ? TAX_EVIDENCE_FIELD : e == 1 ? TAX_EVIDENCE_BENCHMARK
                                                      : TAX_EVIDENCE_THEORY;

    const struct yr_node *n;
    if (!(n = yr_get(map, "fits"))) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "missing required key 'fits' in %s", what);
        ok = false;
    } else if (load_fits(b, file, n, &a, what) < 0) {
        ok = false;
    }
    if (!(n = yr_get(map, "references"))) {
        diag_add(b->diags, DIAG_ERROR, file, map->line, map->col,
                 "missing required key 'references' in %s", what);
        ok = false;
    } else if (tb_references(b, file, n, what, &a.references, &a.n_references) < 0) {
        ok = false;
    }
    if ((n = yr_get(map, "excludes")) && load_rule_list(b, file, n, &a, what, true) < 0)
        ok = false;
    if ((n = yr_get(map, "cautions")) && load_rule_list(b, file, n, &a, what, false) < 0)
        ok = false;
    if ((n = yr_get(map, "assumes")) && load_assumes(b, file, n, &a, what) < 0)
        ok = false;
    if ((n = yr_get(map, "knobs")) && load_knobs(b, file, n, &a, what) < 0)
        ok = false;
    if ((n = yr_get(map, "implementations")) && load_implementations(b, file, n, &a, what) < 0)
        ok = false;
    free(what);
    if (ok && tb_claim(b, &b->algorithm_index, "algorithm", id, b->t->n_algorithms, a.pos))
        b->algorithms[b->t->n_algorithms++] = a;
}
