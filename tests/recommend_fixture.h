/*
 * recommend_fixture: what the tests of recommendations on the fixture map
 * share (test-only): the group setup that loads tests/fixtures/advisor/
 * into *state (freed by teardown), and profile(), which builds a profile
 * from {"trait", "answer", ..., NULL} and fails the test on a bad answer.
 * The caller owns the profile; free with adv_profile_free().
 */
#ifndef BM_TEST_RECOMMEND_FIXTURE_H
#define BM_TEST_RECOMMEND_FIXTURE_H

#include "tests/helpers.h"

#include <stdlib.h>

#include "advisor/profile.h"
#include "taxonomy/taxonomy.h"

#include "tests/adv_fixture.h"

static inline int setup(void **state)
{
    *state = adv_fixture_tax();
    return 0;
}

static inline int teardown(void **state)
{
    tax_free(*state);
    return 0;
}

static inline struct adv_profile *profile(const struct tax *t, const char *const *kv)
{
    struct adv_profile *p = adv_profile_new(t);
    for (size_t i = 0; kv[i]; i += 2) {
        const struct tax_trait *tr = tax_find_trait(t, kv[i]);
        int rc = tr->kind == TAX_TRAIT_CHOICE ? adv_profile_set_choice(p, kv[i], kv[i + 1])
                                              : adv_profile_set_number(p, kv[i], atof(kv[i + 1]));
        if (rc)
            fail_msg("bad test answer %s=%s", kv[i], kv[i + 1]);
    }
    return p;
}

#endif
