/*
 * test_suggest: base/suggest.c, did-you-mean suggestions find close ids only.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "base/suggest.h"

static void test_suggest_finds_close_ids_only(void **state)
{
    (void)state;
    const char *ids[] = {"references", "family", "summary"};
    assert_string_equal(suggest_closest("refrences", ids, 3), "references");
    assert_string_equal(suggest_closest("familly", ids, 3), "family");
    assert_null(suggest_closest("zzzzzzz", ids, 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* helpers */
        cmocka_unit_test(test_suggest_finds_close_ids_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
