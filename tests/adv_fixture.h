/*
 * adv_fixture: taxonomies the advisor tests load (test-only helper).
 * adv_fixture_tax(): the small hand-checkable map in tests/fixtures/advisor/.
 * adv_bundled_tax(): the bundled taxonomy of the source tree.
 * Both fail the test when the files do not load; free with tax_free().
 */
#ifndef BM_TEST_ADV_FIXTURE_H
#define BM_TEST_ADV_FIXTURE_H

#include <stdlib.h>

#include "tests/helpers.h"
#include "taxonomy/taxonomy.h"

static inline struct tax *adv_load_checked(struct tax *t, struct diag_list *d)
{
    if (!t) {
        for (size_t i = 0; i < d->count; i++) {
            char *s = diag_format(&d->items[i]);
            print_message("%s\n", s);
            free(s);
        }
        fail_msg("the taxonomy does not load (%zu errors)", d->errors);
    }
    diag_list_release(d);
    return t;
}

static inline struct tax *adv_fixture_tax(void)
{
    const char *paths[] = {BM_FIXTURES "/advisor/traits.yaml",
                           BM_FIXTURES "/advisor/bandits.yaml"};
    struct diag_list d;
    diag_list_init(&d);
    return adv_load_checked(tax_load(paths, 2, &d), &d);
}

static inline struct tax *adv_bundled_tax(void)
{
    struct diag_list d;
    diag_list_init(&d);
    return adv_load_checked(tax_load_dir(BM_SOURCE_ROOT "/taxonomy", &d), &d);
}

#endif
