/*
 * test_tui_actions: tui/actions.c, the action table: no key bound twice in
 * one context, unique names with help, and key names that round-trip.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "tui/actions.h"

/* ---- the action table ---- */

static void test_actions_bind_no_key_twice_in_one_context(void **state)
{
    (void)state;
    const unsigned contexts[] = {TUI_CTX_MAP, TUI_CTX_QUIZ, TUI_CTX_RECS, TUI_CTX_BENCH,
                                 TUI_CTX_HELP, TUI_CTX_LIST, TUI_CTX_PROMPT};
    for (size_t c = 0; c < sizeof(contexts) / sizeof(contexts[0]); c++)
        for (int a = 1; a < TUI_ACTION_COUNT; a++) {
            const struct tui_action_info *ia = tui_action_info((enum tui_action)a);
            if (!(ia->ctx & contexts[c]))
                continue;
            char *keys = xstrdup(ia->keys), *save = NULL;
            for (char *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
                int key = tui_key_parse(k);
                if (key < 0)
                    fail_msg("action %s: bad key name '%s'", ia->name, k);
                enum tui_action got = tui_action_for_key(contexts[c], key);
                if (got != (enum tui_action)a)
                    fail_msg("key %s is bound to both %s and %s", k, ia->name,
                             tui_action_info(got)->name);
            }
            free(keys);
        }
}

static void test_actions_have_unique_names_and_help(void **state)
{
    (void)state;
    for (int a = 1; a < TUI_ACTION_COUNT; a++) {
        const struct tui_action_info *ia = tui_action_info((enum tui_action)a);
        assert_int_equal(ia->id, a);
        assert_true(ia->help[0] && ia->keys[0] && ia->ctx);
        assert_int_equal(tui_action_find(ia->name), a);
    }
    assert_int_equal(tui_action_find("no-such-action"), TUI_ACTION_NONE);
}

static void test_key_names_round_trip(void **state)
{
    (void)state;
    static const char *const names[] = {"j", "/", "Enter", "Esc", "Tab", "S-Tab", "Backspace",
                                        "Up", "PgDn", "Home", "F1", "F12", "C-b", "Space", "é"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char buf[16];
        int key = tui_key_parse(names[i]);
        assert_true(key >= 0);
        assert_string_equal(tui_key_name(key, buf, sizeof(buf)), names[i]);
    }
    assert_int_equal(tui_key_parse("F13"), -1);
    assert_int_equal(tui_key_parse("Nope"), -1);
    assert_int_equal(tui_key_parse(""), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* the action table */
        cmocka_unit_test(test_actions_bind_no_key_twice_in_one_context),
        cmocka_unit_test(test_actions_have_unique_names_and_help),
        cmocka_unit_test(test_key_names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
