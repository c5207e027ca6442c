/*
 * test_tui_canvas: tui/canvas.c, the off-screen character grid: text cut
 * with an ellipsis, clipping at the edges, wide characters, and UTF-8.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "tui/canvas.h"

static char *row_text(const struct tui_canvas *c, int y)
{
    char *all = tui_canvas_dump(c), *p = all;
    for (int i = 0; i < y; i++)
        p = strchr(p, '\n') + 1;
    char *end = strchr(p, '\n');
    char *row = strndup(p, (size_t)(end - p));
    free(all);
    return row;
}

/* ---- canvas ---- */

static void test_canvas_writes_text_and_cuts_with_an_ellipsis(void **state)
{
    (void)state;
    static const struct {
        const char *title, *text;
        int width;
        const char *expected;
        int used;
    } cases[] = {
        {"fits", "UCB1", 10, "UCB1", 4},
        {"exactly fits", "KL-UCB", 6, "KL-UCB", 6},
        {"cut", "Thompson sampling", 8, "Thompso…", 8},
        {"utf-8 counted by columns", "Cappé, O.", 9, "Cappé, O.", 9},
        {"wide characters", "表示テスト", 5, "表示…", 5},
        {"control characters become spaces", "a\tb", 5, "a b", 3},
        {"invalid utf-8 becomes U+FFFD", "a\xff" "b", 5, "a\xEF\xBF\xBD" "b", 3},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct tui_canvas c;
        tui_canvas_init(&c);
        tui_canvas_resize(&c, 2, 20);
        int used = tui_canvas_text(&c, 0, 0, cases[i].width, TUI_ROLE_NORMAL, cases[i].text);
        char *row = row_text(&c, 0);
        if (strcmp(row, cases[i].expected) || used != cases[i].used)
            fail_msg("%s: got '%s' (%d columns), expected '%s' (%d)", cases[i].title, row, used,
                     cases[i].expected, cases[i].used);
        free(row);
        tui_canvas_release(&c);
    }
}

static void test_canvas_clips_at_the_edges(void **state)
{
    (void)state;
    struct tui_canvas c;
    tui_canvas_init(&c);
    tui_canvas_resize(&c, 2, 5);
    assert_int_equal(tui_canvas_text(&c, 0, 3, -1, TUI_ROLE_NORMAL, "abcdef"), 2);
    assert_int_equal(tui_canvas_text(&c, 5, 0, -1, TUI_ROLE_NORMAL, "x"), 0);
    assert_int_equal(tui_canvas_text(&c, -1, 0, -1, TUI_ROLE_NORMAL, "x"), 0);
    tui_canvas_fill(&c, 1, -2, 5, 10, '#', TUI_ROLE_BAR);   /* partly outside: clipped */
    char *dump = tui_canvas_dump(&c);
    assert_string_equal(dump, "   a…\n#####\n");
    free(dump);
    tui_canvas_release(&c);
}

static void test_canvas_overwriting_half_a_wide_character_blanks_it(void **state)
{
    (void)state;
    struct tui_canvas c;
    tui_canvas_init(&c);
    tui_canvas_resize(&c, 1, 6);
    tui_canvas_text(&c, 0, 0, -1, TUI_ROLE_NORMAL, "表示");
    tui_canvas_text(&c, 0, 1, 1, TUI_ROLE_NORMAL, "x");
    char *dump = tui_canvas_dump(&c);
    assert_string_equal(dump, " x示\n");
    free(dump);
    tui_canvas_paint(&c, 0, 0, 6, TUI_ROLE_SELECTED);
    assert_int_equal(tui_canvas_at(&c, 0, 5)->role, TUI_ROLE_SELECTED);
    assert_null(tui_canvas_at(&c, 0, 6));
    tui_canvas_release(&c);
}

static void test_utf8_round_trips(void **state)
{
    (void)state;
    static const uint32_t cps[] = {0x41, 0xE9, 0x2026, 0x28FF, 0x1F600};
    for (size_t i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
        char buf[4];
        uint32_t back;
        size_t n = tui_utf8_encode(cps[i], buf);
        assert_int_equal(tui_utf8_decode(buf, n, &back), n);
        assert_int_equal(back, cps[i]);
    }
    uint32_t cp;
    assert_int_equal(tui_utf8_decode("\xC0\x80", 2, &cp), 2);   /* overlong: one U+FFFD */
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(tui_text_width("é表", strlen("é表")), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* canvas */
        cmocka_unit_test(test_canvas_writes_text_and_cuts_with_an_ellipsis),
        cmocka_unit_test(test_canvas_clips_at_the_edges),
        cmocka_unit_test(test_canvas_overwriting_half_a_wide_character_blanks_it),
        cmocka_unit_test(test_utf8_round_trips),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
