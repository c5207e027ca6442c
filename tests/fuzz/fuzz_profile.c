/*
 * fuzz_profile: adv_profile_load_buffer() against the bundled questionnaire
 * (taxonomy/traits.yaml, loaded once). Oracles: a failed load leaves an
 * error; a loaded profile has one slot per trait, each answer allowed by
 * its trait (numbers finite and in [min, max], whole for integer traits);
 * and it survives a round trip: adv_profile_write() output loads again to
 * the same answers (numbers to the 10 significant digits the writer keeps).
 */
#include <math.h>
#include <string.h>

#include "advisor/profile.h"
#include "tests/fuzz/fuzz_common.h"

static struct tax *tax;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *paths[] = {BM_SOURCE_ROOT "/taxonomy/traits.yaml"};
    struct diag_list d;
    diag_list_init(&d);
    tax = tax_load(paths, 1, &d);
    diag_list_release(&d);
    if (!tax)
        fuzz_fail("cannot load taxonomy/traits.yaml", NULL);
    return 0;
}

static void check_profile(const struct adv_profile *p)
{
    if (p->n_answers != tax->n_traits)
        fuzz_fail("profile slot count differs from the trait count", NULL);
    char buf[128];
    for (size_t i = 0; i < p->n_answers; i++) {
        const struct adv_answer *a = &p->answers[i];
        const struct tax_trait *t = &tax->traits[i];
        if (a->trait != t)
            fuzz_fail("slot out of trait order", t->id);
        if (t->kind == TAX_TRAIT_CHOICE) {
            if (!a->choice || tax_find_answer(t, a->choice->id) != a->choice)
                fuzz_fail("choice slot without an answer of its trait", t->id);
            if (a->not_sure != tax_answer_is_not_sure(a->choice))
                fuzz_fail("not_sure flag disagrees with the answer", t->id);
        } else if (!isfinite(a->value) || a->value < t->min || a->value > t->max ||
                   (t->kind == TAX_TRAIT_INTEGER && a->value != floor(a->value))) {
            fuzz_fail("numeric answer outside its trait's range", t->id);
        }
        (void)adv_profile_applies(p, t);
        adv_answer_text(a, buf, sizeof(buf));
    }
}

static void round_trip(const struct adv_profile *p)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    adv_profile_write(p, out);
    fclose(out);
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *q = adv_profile_load_buffer(tax, "round-trip.yaml", text, len, &d);
    if (!q) {
        for (size_t i = 0; i < d.count; i++)
            fprintf(stderr, "%s\n", d.items[i].message);
        fprintf(stderr, "---\n%s---\n", text);
        fuzz_fail("a written profile does not load again", NULL);
    }
    if ((p->name == NULL) != (q->name == NULL) || (p->name && strcmp(p->name, q->name)))
        fuzz_fail("name changed on a round trip", p->name);
    if ((p->description == NULL) != (q->description == NULL) ||
        (p->description && strcmp(p->description, q->description)))
        fuzz_fail("description changed on a round trip", p->description);
    for (size_t i = 0; i < p->n_answers; i++) {
        const struct adv_answer *a = &p->answers[i], *b = &q->answers[i];
        if (a->given != b->given || a->not_sure != b->not_sure || a->choice != b->choice ||
            fabs(a->value - b->value) > 1e-9 * fmax(1.0, fabs(a->value)))
            fuzz_fail("answer changed on a round trip", a->trait->id);
    }
    adv_profile_free(q);
    diag_list_release(&d);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p =
        adv_profile_load_buffer(tax, "fuzz.yaml", (const char *)data, size, &d);
    fuzz_check_diags(&d, 0, p == NULL);
    if (p) {
        check_profile(p);
        round_trip(p);
    }
    adv_profile_free(p);
    diag_list_release(&d);
    return 0;
}
