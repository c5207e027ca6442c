/*
 * test_arena: base/arena.c keeps alignment and serves blocks bigger than
 * its chunk size.
 */
#include "tests/helpers.h"

#include <stdlib.h>

#include "base/arena.h"

/* ---- arena ---- */

static void test_arena_keeps_alignment_and_big_blocks(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    for (int i = 0; i < 1000; i++) {
        double *d = arena_alloc(&a, sizeof(double) * 3 + (size_t)(i % 7));
        assert_int_equal((uintptr_t)d % sizeof(double), 0);
        d[2] = i;
    }
    char *big = arena_alloc(&a, 1 << 20);
    big[(1 << 20) - 1] = 'x';
    assert_string_equal(arena_strndup(&a, "hello", 3), "hel");
    assert_true(a.used >= (1 << 20));
    arena_release(&a);
    assert_null(a.head);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_keeps_alignment_and_big_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
