/*
 * test_hostile_tui: hostile scripts for `banditmap tui --script`
 * (tui/script.h; RELIABILITY.md, "What was found", rows 19 and 20): an
 * endless script stops at its size limit, and a directory is an error
 * naming it, instead of a script that runs nothing.
 */
#include "tests/hostile_util.h"

#include <unistd.h>

#include "tui/model.h"
#include "tui/script.h"

#define TUI_DIR BM_SOURCE_ROOT "/tests/golden/tui"

static struct tui_model *new_model(void)
{
    const char *files[] = {TUI_DIR "/taxonomy.yaml"};
    struct tui_model_opts o = {files, 1, NULL, NULL, true};
    struct diag_list d;
    diag_list_init(&d);
    struct tui_model *m = tui_model_new(&o, &d);
    diag_list_release(&d);
    assert_non_null(m);
    return m;
}

/* /dev/zero as a script: refused after reading 1 MiB (the alarm fails
 * the test if reading goes on without limit). */
static void test_script_from_dev_zero_stops_at_the_limit(void **state)
{
    (void)state;
    struct tui_model *m = new_model();
    struct diag_list d;
    diag_list_init(&d);
    alarm(20);
    assert_int_equal(tui_script_run(m, "/dev/zero", 24, 80, &d), -1);
    alarm(0);
    assert_diag(&d, "/dev/zero: error: script is larger than 1048576 bytes");
    diag_list_release(&d);
    tui_model_free(m);
}

/* A line of 5,000 bytes is refused before any line runs. */
static void test_script_with_an_over_long_line(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *text = xmalloc(6000);
    strcpy(text, "save-display ");
    size_t n = strlen(text);
    memset(text + n, 'x', 5000);
    strcpy(text + n + 5000, "\n");
    char *shot = xasprintf("%s/shot.txt", t.path);
    char *first = xasprintf("save-display %s\n%s", shot, text);
    char *path = put_text(&t, "long.script", first);
    struct tui_model *m = new_model();
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(tui_script_run(m, path, 24, 80, &d), -1);
    assert_diag(&d, "%s:2:4097: error: line longer than 4096 bytes", path);
    assert_int_equal(access(shot, F_OK), -1);   /* line 1 did not run */
    diag_list_release(&d);
    tui_model_free(m);
    free(path);
    free(first);
    free(shot);
    free(text);
    tmpdir_remove(&t);
}

/* A directory is an error naming it (it used to run nothing and exit 0). */
static void test_script_that_is_a_directory(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    struct tui_model *m = new_model();
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(tui_script_run(m, t.path, 24, 80, &d), -1);
    assert_diag(&d, "%s: error: cannot read the script: Is a directory", t.path);
    diag_list_release(&d);
    tui_model_free(m);
    tmpdir_remove(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script_from_dev_zero_stops_at_the_limit),
        cmocka_unit_test(test_script_with_an_over_long_line),
        cmocka_unit_test(test_script_that_is_a_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
