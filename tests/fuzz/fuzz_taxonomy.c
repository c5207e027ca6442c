/*
 * fuzz_taxonomy: tax_load() on a fuzzed file loaded after a small fixed
 * traits file (tests/fixtures/yaml/good/traits_small.yaml), so algorithms
 * in the input can refer to real traits and answers and the validator's
 * cross-reference checks run. Oracles: a failed load leaves an error; a
 * successful one has every cross-reference resolved (the pointers the
 * header promises are non-NULL and point at loaded data) and every string
 * readable.
 */
#include <string.h>

#include "taxonomy/taxonomy.h"
#include "tests/fuzz/fuzz_common.h"

static size_t touch(const char *s)
{
    return s ? strlen(s) : 0;
}

static void check_condition(const struct tax *t, const struct tax_condition *c)
{
    if (!c->trait || c->trait < t->traits || c->trait >= t->traits + t->n_traits)
        fuzz_fail("condition trait not resolved", NULL);
    for (size_t i = 0; i < c->n_answers; i++)
        if (!c->answers[i] || touch(c->answers[i]->id) == 0)
            fuzz_fail("condition answer not resolved", c->trait->id);
}

static void check_tax(const struct tax *t)
{
    size_t sum = 0;
    for (size_t i = 0; i < t->n_traits; i++) {
        const struct tax_trait *tr = &t->traits[i];
        sum += touch(tr->id) + touch(tr->question) + touch(tr->help) + touch(tr->ask_if);
        if (tax_find_trait(t, tr->id) != tr)
            fuzz_fail("duplicate trait id survived", tr->id);
        if (tr->kind == TAX_TRAIT_CHOICE &&
            (tr->n_answers == 0 || !tax_answer_is_not_sure(&tr->answers[tr->n_answers - 1])))
            fuzz_fail("choice trait without not_sure last", tr->id);
        for (size_t j = 0; j < tr->n_answers; j++)
            sum += touch(tr->answers[j].id) + touch(tr->answers[j].label);
    }
    for (size_t i = 0; i < t->n_references; i++)
        sum += touch(t->references[i].id) + touch(t->references[i].title);
    for (size_t i = 0; i < t->n_families; i++) {
        const struct tax_family *f = &t->families[i];
        sum += touch(f->id) + touch(f->name);
        for (size_t j = 0; j < f->n_algorithms; j++)
            if (!f->algorithms[j] || f->algorithms[j]->family != f)
                fuzz_fail("family member not linked back", f->id);
        for (size_t j = 0; j < f->n_references; j++)
            if (!f->references[j])
                fuzz_fail("family reference not resolved", f->id);
    }
    for (size_t i = 0; i < t->n_algorithms; i++) {
        const struct tax_algorithm *a = &t->algorithms[i];
        sum += touch(a->id) + touch(a->name) + touch(a->summary) + touch(a->policy);
        if (!a->family)
            fuzz_fail("algorithm without family", a->id);
        if (tax_find_algorithm(t, a->id) != a)
            fuzz_fail("duplicate algorithm id survived", a->id);
        for (size_t j = 0; j < a->n_fits; j++) {
            if (!a->fits[j].trait || !a->fits[j].answer)
                fuzz_fail("fit not resolved", a->id);
            if (a->fits[j].score < -3 || a->fits[j].score > 3)
                fuzz_fail("fit score out of [-3, 3]", a->id);
        }
        for (size_t j = 0; j < a->n_excludes; j++) {
            check_condition(t, &a->excludes[j].when);
            sum += touch(a->excludes[j].why);
        }
        for (size_t j = 0; j < a->n_cautions; j++) {
            check_condition(t, &a->cautions[j].when);
            if (a->cautions[j].penalty < 0)
                fuzz_fail("negative caution penalty", a->id);
        }
        for (size_t j = 0; j < a->n_assumes; j++)
            if (!a->assumes[j].trait || !a->assumes[j].answer)
                fuzz_fail("assumption not resolved", a->id);
        for (size_t j = 0; j < a->n_references; j++)
            if (!a->references[j])
                fuzz_fail("algorithm reference not resolved", a->id);
        for (size_t j = 0; j < a->n_knobs; j++)
            sum += touch(a->knobs[j].name);
        for (size_t j = 0; j < a->n_implementations; j++)
            sum += touch(a->implementations[j].library);
    }
    (void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *paths[] = {
        BM_SOURCE_ROOT "/tests/fixtures/yaml/good/traits_small.yaml",
        fuzz_memfd_path(0, data, size),
    };
    struct diag_list d;
    diag_list_init(&d);
    struct tax *t = tax_load(paths, 2, &d);
    fuzz_check_diags(&d, 0, t == NULL);
    if (t)
        check_tax(t);
    tax_free(t);
    diag_list_release(&d);
    return 0;
}
