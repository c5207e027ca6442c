/*
 * test_jsonw: base/jsonw.c, the streaming JSON writer: escapes, separators,
 * and members that write what key and value write.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"

/* ---- jsonw ---- */

static char *json_of(void (*build)(struct jsonw *), bool pretty)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct jsonw w;
    jsonw_init(&w, f, pretty);
    build(&w);
    jsonw_finish(&w);
    fclose(f);
    return buf;
}

static void build_sample(struct jsonw *w)
{
    jsonw_object_begin(w);
    jsonw_key(w, "s");
    jsonw_string(w, "a\"b\\c\n\x01");
    jsonw_key(w, "n");
    jsonw_number(w, 0.25);
    jsonw_key(w, "nan");
    jsonw_number(w, NAN);
    jsonw_key(w, "arr");
    jsonw_array_begin(w);
    jsonw_int(w, -3);
    jsonw_bool(w, true);
    jsonw_null(w);
    jsonw_array_end(w);
    jsonw_key(w, "empty");
    jsonw_object_begin(w);
    jsonw_object_end(w);
    jsonw_object_end(w);
}

static void test_jsonw_escapes_and_separates(void **state)
{
    (void)state;
    char *s = json_of(build_sample, false);
    assert_string_equal(s, "{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":0.25,\"nan\":null,"
                           "\"arr\":[-3,true,null],\"empty\":{}}\n");
    free(s);
    s = json_of(build_sample, true);
    assert_non_null(strstr(s, "\n  \"n\": 0.25,\n"));
    free(s);
}

/* The member helpers write what jsonw_key plus the value call would. */
static const char *const member_strings[] = {"x", NULL, "y\"z"};

static void build_members(struct jsonw *w)
{
    jsonw_object_begin(w);
    jsonw_member_string(w, "s", "a\tb");
    jsonw_member_string(w, "null_s", NULL);
    jsonw_member_number(w, "n", -0.5);
    jsonw_member_number(w, "inf", INFINITY);
    jsonw_member_int(w, "i", -7);
    jsonw_member_bool(w, "b", false);
    jsonw_member_pair(w, "ci", 0.125, NAN);
    jsonw_string_array(w, "strs", member_strings, 3);
    jsonw_string_array(w, "none", NULL, 0);
    jsonw_object_end(w);
}

static void test_jsonw_members_write_what_key_and_value_write(void **state)
{
    (void)state;
    char *s = json_of(build_members, false);
    assert_string_equal(s, "{\"s\":\"a\\tb\",\"null_s\":null,\"n\":-0.5,\"inf\":null,"
                           "\"i\":-7,\"b\":false,\"ci\":[0.125,null],"
                           "\"strs\":[\"x\",null,\"y\\\"z\"],\"none\":[]}\n");
    free(s);
    s = json_of(build_members, true);
    assert_non_null(strstr(s, "\n  \"i\": -7,\n  \"b\": false,\n"));
    assert_non_null(strstr(s, "\n  \"ci\": [\n    0.125,\n    null\n  ],\n"));
    assert_non_null(strstr(s, "\n  \"none\": []\n}"));
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonw_escapes_and_separates),
        cmocka_unit_test(test_jsonw_members_write_what_key_and_value_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
