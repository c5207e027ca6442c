/*
 * validate: the checks that need a whole section read (see validate.h).
 */
#include "taxonomy/validate.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* ask_if ::= trait "=" answer ("," answer)*; checked after all traits exist. */
static void check_ask_if(struct tax_builder *b, const struct tax_trait *tr)
{
    if (!tr->ask_if)
        return;
    const char *eq = strchr(tr->ask_if, '=');
    char *name = eq ? xstrndup(tr->ask_if, (size_t)(eq - tr->ask_if)) : xstrdup(tr->ask_if);
    const struct tax_trait *target = tax_find_trait(b->t, name);
    if (!eq || !target || target->kind != TAX_TRAIT_CHOICE || target == tr) {
        diag_add(b->diags, DIAG_ERROR, tr->pos.file, tr->pos.line, tr->pos.col,
                 "ask_if of trait '%s' must be \"trait=answer[,answer...]\" naming another "
                 "choice trait, not '%s'", tr->id, tr->ask_if);
        free(name);
        return;
    }
    char *list = xstrdup(eq + 1);
    for (char *save = NULL, *a = strtok_r(list, ",", &save); a; a = strtok_r(NULL, ",", &save)) {
        while (*a == ' ')
            a++;
        if (!tax_find_answer(target, a))
            diag_add(b->diags, DIAG_ERROR, tr->pos.file, tr->pos.line, tr->pos.col,
                     "ask_if of trait '%s' names unknown answer '%s' of trait '%s'", tr->id, a,
                     name);
    }
    free(list);
    free(name);
}

void tb_check_traits(struct tax_builder *b)
{
    for (size_t i = 0; i < b->t->n_traits; i++)
        check_ask_if(b, &b->traits[i]);
}

/* Family membership, in file order. */
static void link_families(struct tax_builder *b)
{
    struct tax *t = b->t;
    size_t *counts = xcalloc(t->n_families + 1, sizeof(*counts));
    for (size_t i = 0; i < t->n_algorithms; i++)
        counts[b->algorithms[i].family - b->families]++;
    for (size_t f = 0; f < t->n_families; f++) {
        b->families[f].algorithms = arena_calloc(&t->arena, counts[f],
                                                 sizeof(*b->families[f].algorithms));
        b->families[f].n_algorithms = 0;
    }
    for (size_t i = 0; i < t->n_algorithms; i++) {
        struct tax_family *f = &b->families[b->algorithms[i].family - b->families];
        f->algorithms[f->n_algorithms++] = &b->algorithms[i];
    }
    free(counts);
}

void tb_check_map(struct tax_builder *b)
{
    struct tax *t = b->t;
    link_families(b);
    if (t->n_algorithms == 0)
        return;  /* a traits-only file: membership warnings would be noise */
    for (size_t f = 0; f < t->n_families; f++)
        if (t->families[f].n_algorithms == 0)
            diag_add(b->diags, DIAG_WARNING, t->families[f].pos.file, t->families[f].pos.line,
                     t->families[f].pos.col, "family '%s' has no algorithms",
                     t->families[f].id);

    /* Unused references are most often typos in an id list elsewhere. */
    bool *used = xcalloc(t->n_references + 1, sizeof(*used));
    for (size_t i = 0; i < t->n_algorithms; i++)
        for (size_t r = 0; r < t->algorithms[i].n_references; r++)
            used[t->algorithms[i].references[r] - t->references] = true;
    for (size_t f = 0; f < t->n_families; f++)
        for (size_t r = 0; r < t->families[f].n_references; r++)
            used[t->families[f].references[r] - t->references] = true;
    for (size_t r = 0; r < t->n_references; r++)
        if (!used[r])
            diag_add(b->diags, DIAG_WARNING, t->references[r].pos.file, t->references[r].pos.line,
                     t->references[r].pos.col, "reference '%s' is never cited",
                     t->references[r].id);
    free(used);
}
