/* The shared primitives: diagnostics, JSON writer, arena, atomic files,
 * and the YAML reader's limits. */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/atomic_file.h"
#include "base/diag.h"
#include "base/jsonw.h"
#include "base/xalloc.h"
#include "base/yaml_reader.h"

/* ---- diag ---- */

static void test_diag_format_has_every_position_form(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    diag_add(&d, DIAG_ERROR, "a.yaml", 3, 7, "unknown trait '%s'", "reward_kind");
    diag_add(&d, DIAG_WARNING, "a.yaml", 0, 0, "file is empty");
    diag_add(&d, DIAG_ERROR, NULL, 0, 0, "no file");
    diag_add(&d, DIAG_NOTE, "b.csv", 12, 0, "row skipped");
    const char *want[] = {"a.yaml:3:7: error: unknown trait 'reward_kind'",
                          "a.yaml: warning: file is empty", "error: no file",
                          "b.csv:12: note: row skipped"};
    assert_int_equal(d.count, 4);
    assert_int_equal(d.errors, 2);
    for (size_t i = 0; i < 4; i++) {
        char *s = diag_format(&d.items[i]);
        assert_string_equal(s, want[i]);
        free(s);
    }
    struct diag_list other;
    diag_list_init(&other);
    diag_add(&other, DIAG_ERROR, "c", 1, 1, "x");
    diag_list_append(&d, &other);
    assert_int_equal(d.count, 5);
    assert_int_equal(d.errors, 3);
    assert_int_equal(other.count, 0);
    diag_list_release(&d);
}

static void test_diag_list_keeps_a_bounded_number_of_records(void **state)
{
    (void)state;
    struct diag_list d, other;
    diag_list_init(&d);
    diag_list_init(&other);
    for (int i = 0; i < DIAG_MAX_RECORDS + 500; i++)
        diag_add(&d, DIAG_ERROR, "big.yaml", i + 1, 1, "unknown key 'k%d'", i);
    assert_int_equal(d.count, DIAG_MAX_RECORDS);
    assert_int_equal(d.dropped, 500);
    assert_int_equal(d.errors, DIAG_MAX_RECORDS + 500);
    diag_add(&other, DIAG_WARNING, "w.yaml", 1, 1, "w");
    diag_add(&other, DIAG_ERROR, "w.yaml", 2, 1, "e");
    diag_list_append(&d, &other);
    assert_int_equal(d.count, DIAG_MAX_RECORDS);
    assert_int_equal(d.dropped, 502);
    assert_int_equal(d.errors, DIAG_MAX_RECORDS + 501);
    diag_list_release(&d);
}

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

/* ---- atomic_file ---- */

static void test_atomic_file_replaces_only_on_commit(void **state)
{
    (void)state;
    char dir[] = "/tmp/bm_atomic_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/out.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    struct diag_list d;
    diag_list_init(&d);
    struct atomic_file af;
    assert_int_equal(atomic_file_open(&af, path, &d), 0);
    fputs("new", af.fp);
    atomic_file_abort(&af);
    char buf[16] = {0};
    f = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof(buf), f));
    fclose(f);
    assert_string_equal(buf, "old");
    assert_int_equal(atomic_file_open(&af, path, &d), 0);
    fputs("new", af.fp);
    assert_int_equal(atomic_file_commit(&af, &d), 0);
    f = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof(buf), f));
    fclose(f);
    assert_string_equal(buf, "new");
    /* a missing directory names the file and leaves nothing behind */
    char *bad = xasprintf("%s/missing/out.txt", dir);
    assert_int_equal(atomic_file_open(&af, bad, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, bad));
    unlink(path);
    assert_int_equal(rmdir(dir), 0);  /* empty: no temp files left */
    free(bad);
    free(path);
    diag_list_release(&d);
}

/* ---- yaml_reader ---- */

static void test_yaml_reader_refuses_huge_files(void **state)
{
    (void)state;
    struct yr_limits small = {.max_bytes = 100, .max_depth = 8};
    char buf[200];
    memset(buf, 'a', sizeof(buf));
    struct diag_list d;
    diag_list_init(&d);
    assert_null(yr_load_buffer("big.yaml", buf, sizeof(buf), &small, &d));
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "too large"));
    diag_list_release(&d);
}

static void test_yaml_reader_positions_and_scalars(void **state)
{
    (void)state;
    const char *text = "a: 1\nb:\n  - x\n  - \"y\"\nc: 1_000\nd: .nan\n";
    struct diag_list d;
    diag_list_init(&d);
    struct yr_doc *doc = yr_load_buffer("t.yaml", text, strlen(text), NULL, &d);
    assert_non_null(doc);
    const struct yr_node *b = yr_get(doc->root, "b");
    assert_int_equal(b->kind, YR_SEQUENCE);
    assert_int_equal(b->count, 2);
    assert_int_equal(b->items[1]->line, 4);
    assert_int_equal(b->items[1]->col, 5);
    assert_true(b->items[1]->quoted);
    long long v;
    assert_int_equal(yr_scalar_int(yr_get(doc->root, "c"), "c", "t.yaml", &d, &v), 0);
    assert_int_equal(v, 1000);
    double x;
    assert_int_equal(yr_scalar_double(yr_get(doc->root, "d"), "d", "t.yaml", &d, &x), -1);
    assert_int_equal(yr_scalar_double(yr_get(doc->root, "a"), "a", "t.yaml", &d, &x), 0);
    assert_near(x, 1.0, 0);
    const char *allowed[] = {"a", "b", "c", NULL};
    assert_int_equal(yr_check_keys(doc->root, allowed, "the test", "t.yaml", &d), 1);
    assert_int_equal(d.errors, 2);
    yr_doc_free(doc);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diag_format_has_every_position_form),
        cmocka_unit_test(test_diag_list_keeps_a_bounded_number_of_records),
        cmocka_unit_test(test_jsonw_escapes_and_separates),
        cmocka_unit_test(test_jsonw_members_write_what_key_and_value_write),
        cmocka_unit_test(test_arena_keeps_alignment_and_big_blocks),
        cmocka_unit_test(test_atomic_file_replaces_only_on_commit),
        cmocka_unit_test(test_yaml_reader_refuses_huge_files),
        cmocka_unit_test(test_yaml_reader_positions_and_scalars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
