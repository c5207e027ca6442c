/*
 * test_tui_chart: tui/chart.c, compact axis numbers.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "tui/chart.h"

static void test_compact_numbers(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *expected;
    } cases[] = {
        {0, "0"}, {4.78, "4.78"}, {364.2, "364"}, {9999, "9999"},
        {12345, "12.3k"}, {200000, "200k"}, {2.8e6, "2.8M"}, {NAN, "-"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char buf[32];
        assert_string_equal(tui_compact_number(cases[i].v, buf, sizeof(buf)), cases[i].expected);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* chart */
        cmocka_unit_test(test_compact_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
