/*
 * test_tui_doc: tui/doc.c, wrapping at spaces within the width, and document
 * fields whose continuation lines indent under the text.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "tui/canvas.h"
#include "tui/doc.h"

/* ---- wrapping ---- */

struct lines {
    char text[16][64];
    int n;
};

static void collect(const char *start, size_t len, void *ctx)
{
    struct lines *l = ctx;
    if (l->n < 16)
        snprintf(l->text[l->n++], 64, "%.*s", (int)len, start);
}

static void test_wrap_breaks_at_spaces_within_the_width(void **state)
{
    (void)state;
    static const struct {
        const char *title, *text;
        int width;
        const char *expected[6];
    } cases[] = {
        {"one line", "a few words", 20, {"a few words"}},
        {"breaks at spaces", "the quick brown fox", 10, {"the quick", "brown fox"}},
        {"cuts a long word", "abcdefghij xy", 4, {"abcd", "efgh", "ij", "xy"}},
        {"newline forces a break", "one\ntwo", 20, {"one", "two"}},
        {"blank line kept", "one\n\ntwo", 20, {"one", "", "two"}},
        {"trailing newline dropped", "one\n", 20, {"one"}},
        {"empty text is one blank line", "", 20, {""}},
        {"columns, not bytes", "éé éé éé", 5, {"éé éé", "éé"}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct lines l = {.n = 0};
        tui_wrap(cases[i].text, cases[i].width, collect, &l);
        int n = 0;
        while (n < 6 && cases[i].expected[n])
            n++;
        if (l.n != n)
            fail_msg("%s: %d lines, expected %d", cases[i].title, l.n, n);
        for (int k = 0; k < n; k++)
            if (strcmp(l.text[k], cases[i].expected[k]))
                fail_msg("%s: line %d is '%s', expected '%s'", cases[i].title, k, l.text[k],
                         cases[i].expected[k]);
    }
}

static void test_doc_field_indents_continuation_under_the_text(void **state)
{
    (void)state;
    struct tui_doc d;
    tui_doc_init(&d, 21);       /* 12 columns for the text after indent and label */
    tui_doc_field(&d, 1, TUI_ROLE_KEY, "memory: ", TUI_ROLE_NORMAL, "O(K) per arm and more");
    assert_int_equal(d.count, 2);
    assert_string_equal(d.lines[0].label, "memory: ");
    assert_string_equal(d.lines[0].text, "O(K) per arm");
    assert_null(d.lines[1].label);
    assert_int_equal(d.lines[1].indent, 1 + 8);
    tui_doc_blank(&d);
    tui_doc_blank(&d);                               /* never two blank lines in a row */
    assert_int_equal(d.count, 3);
    tui_doc_add(&d, TUI_ROLE_NORMAL, 0, NULL);        /* NULL adds nothing */
    assert_int_equal(d.count, 3);

    struct tui_canvas c;
    tui_canvas_init(&c);
    tui_canvas_resize(&c, 3, 22);
    tui_doc_draw(&d, &c, 0, 1, 3, 0);
    char *dump = tui_canvas_dump(&c);
    assert_string_equal(dump, "  memory: O(K) per arm\n          and more\n\n");
    free(dump);
    tui_canvas_release(&c);
    tui_doc_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* wrapping and documents */
        cmocka_unit_test(test_wrap_breaks_at_spaces_within_the_width),
        cmocka_unit_test(test_doc_field_indents_continuation_under_the_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
