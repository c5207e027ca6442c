/*
 * fuzz_spec: bench_spec_load() (advisor/spec.h) on a fuzzed file. Oracles: a
 * failed load leaves an error; a loaded spec respects the documented
 * ranges (arms 1..10^6, horizon 1..10^12, seeds 1..10^6, finite numbers,
 * means agree with arms); and bench_spec_write() output loads again to the same
 * spec (the writer promises exact numbers with %.17g).
 */
#include <math.h>
#include <string.h>

#include "benchmarks/spec.h"
#include "tests/fuzz/fuzz_common.h"

static int same_str(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a && b && !strcmp(a, b));
}

static void check_spec(const struct bench_spec *s)
{
    if (!s->workload || !s->workload[0])
        fuzz_fail("spec without a workload loaded", NULL);
    if (s->arms < 1 || s->arms > BENCH_MAX_ARMS || s->horizon < 1 || s->horizon > 1000000000000LL ||
        s->seeds < 1 || s->seeds > 1000000)
        fuzz_fail("spec size out of its documented range", NULL);
    if (s->n_means && (long long)s->n_means != s->arms)
        fuzz_fail("means and arms disagree", NULL);
    for (size_t i = 0; i < s->n_means; i++)
        if (!isfinite(s->means[i]))
            fuzz_fail("non-finite arm mean", NULL);
    for (size_t i = 0; i < s->n_params; i++)
        if (!isfinite(s->params[i].value) || !s->params[i].key)
            fuzz_fail("bad parameter", s->params[i].key);
}

static void round_trip(const struct bench_spec *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    bench_spec_write(s, out);
    fclose(out);
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *t = bench_spec_load(fuzz_memfd_path(1, (const uint8_t *)text, len), &d);
    if (!t) {
        for (size_t i = 0; i < d.count; i++)
            fprintf(stderr, "%d:%d: %s\n", d.items[i].line, d.items[i].col, d.items[i].message);
        fprintf(stderr, "---\n%s---\n", text);
        fuzz_fail("a written spec does not load again", NULL);
    }
    if (!same_str(s->name, t->name) || !same_str(s->description, t->description) ||
        !same_str(s->workload, t->workload) || !same_str(s->recommended, t->recommended))
        fuzz_fail("a text field changed on a round trip", NULL);
    if (s->arms != t->arms || s->horizon != t->horizon || s->seeds != t->seeds ||
        s->seed != t->seed)
        fuzz_fail("a number changed on a round trip", NULL);
    if (s->n_policies != t->n_policies || s->n_params != t->n_params || s->n_means != t->n_means)
        fuzz_fail("a list changed length on a round trip", NULL);
    for (size_t i = 0; i < s->n_policies; i++)
        if (strcmp(s->policies[i], t->policies[i]))
            fuzz_fail("a policy changed on a round trip", s->policies[i]);
    for (size_t i = 0; i < s->n_params; i++)
        if (strcmp(s->params[i].key, t->params[i].key) || s->params[i].value != t->params[i].value)
            fuzz_fail("a parameter changed on a round trip", s->params[i].key);
    for (size_t i = 0; i < s->n_means; i++)
        if (s->means[i] != t->means[i])
            fuzz_fail("an arm mean changed on a round trip", NULL);
    bench_spec_free(t);
    diag_list_release(&d);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *s = bench_spec_load(fuzz_memfd_path(0, data, size), &d);
    fuzz_check_diags(&d, 0, s == NULL);
    if (s) {
        check_spec(s);
        round_trip(s);
    }
    bench_spec_free(s);
    diag_list_release(&d);
    return 0;
}
