/*
 * fuzz_yaml: the YAML reader (taxonomy/yaml_reader.h) on arbitrary bytes.
 * Every tree that loads is walked, and every scalar goes through each
 * typed conversion, so the conversions see hostile text too. Oracles: a
 * failed load leaves an error; the tree respects the depth limit, and
 * every node has a position; conversions either succeed or add an error.
 */
#include <stdbool.h>

#include "base/yaml_reader.h"
#include "tests/fuzz/fuzz_common.h"

static const char *const allowed[] = {"id", "name", "traits", "answers", "kind", NULL};

static void walk(const struct yr_node *n, int depth, const char *file, struct diag_list *d)
{
    if (!n)
        return;
    if (depth > yr_default_limits.max_depth)
        fuzz_fail("tree deeper than the limit", NULL);
    if (n->line < 1 || n->col < 1)
        fuzz_fail("node without a position", NULL);
    switch (n->kind) {
    case YR_SCALAR: {
        if (!n->scalar || n->scalar[n->scalar_len] != '\0')
            fuzz_fail("scalar not NUL-terminated", NULL);
        size_t before = d->errors;
        const char *s;
        long long i;
        double x;
        bool b;
        int fails = (yr_scalar_string(n, "value", file, d, &s) < 0) +
                    (yr_scalar_int(n, "value", file, d, &i) < 0) +
                    (yr_scalar_double(n, "value", file, d, &x) < 0) +
                    (yr_scalar_bool(n, "value", file, d, &b) < 0);
        if (d->errors - before != (size_t)fails)
            fuzz_fail("a conversion failed without exactly one error", n->scalar);
        if (yr_scalar_double(n, "value", file, d, &x) == 0 && (x != x || x - x != 0))
            fuzz_fail("yr_scalar_double accepted a non-finite value", n->scalar);
        break;
    }
    case YR_SEQUENCE:
        for (size_t k = 0; k < n->count; k++)
            walk(n->items[k], depth + 1, file, d);
        break;
    case YR_MAPPING:
        yr_check_keys(n, allowed, "the fuzz input", file, d);
        for (size_t k = 0; k < n->count; k++) {
            if (n->pairs[k].key->kind != YR_SCALAR)
                fuzz_fail("mapping key is not a scalar", NULL);
            if (yr_get(n, n->pairs[k].key->scalar) == NULL)
                fuzz_fail("yr_get cannot find a key it holds", n->pairs[k].key->scalar);
            walk(n->pairs[k].key, depth + 1, file, d);
            walk(n->pairs[k].value, depth + 1, file, d);
        }
        break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag_list d;
    diag_list_init(&d);
    struct yr_doc *doc = yr_load_buffer("fuzz.yaml", (const char *)data, size, NULL, &d);
    fuzz_check_diags(&d, 0, doc == NULL);
    if (doc) {
        if (d.errors)
            fuzz_fail("a successful load reported an error", NULL);
        walk(doc->root, 1, doc->file, &d);
        fuzz_check_diags(&d, 0, 0);
    }
    yr_doc_free(doc);
    diag_list_release(&d);
    return 0;
}
