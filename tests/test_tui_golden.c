/*
 * test_tui_golden: the TUI tested through itself (tig's save-display):
 * each tests/golden/tui/NAME.script drives the real model and views on an
 * offscreen 80x24 canvas (no terminal needed) against the stable taxonomy
 * tests/golden/tui/taxonomy.yaml, and saves screens as NAME-*.screen; every
 * saved screen must equal the golden file of the same name, and every
 * golden file of the script must be produced.
 *
 * After an intended change of the screens, regenerate with
 *   BANDITMAP_UPDATE_GOLDEN=1 build/tests/test_tui_golden
 * and review the diff of tests/golden/tui/ like code.
 */
#include "tests/helpers.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "tui/model.h"
#include "tui/script.h"

#define TUI_DIR BM_SOURCE_ROOT "/tests/golden/tui"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = xmalloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

static void spill(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The first differing line, for the failure message. */
static void report_diff(const char *name, const char *want, const char *got)
{
    int line = 1;
    const char *w = want, *g = got;
    while (*w && *w == *g) {
        if (*w == '\n')
            line++;
        w++, g++;
    }
    while (w > want && w[-1] != '\n')
        w--, g--;
    fail_msg("%s differs from the golden screen at line %d:\n  want: %.*s\n  got:  %.*s\n"
             "(if the change is intended: BANDITMAP_UPDATE_GOLDEN=1 tests/test_tui_golden, "
             "then review git diff tests/golden/tui/)",
             name, line, (int)strcspn(w, "\n"), w, (int)strcspn(g, "\n"), g);
}

static bool has_prefix(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

static void run_script(const char *name)
{
    char tmp[] = "/tmp/bm_tui_golden_XXXXXX";
    assert_non_null(mkdtemp(tmp));
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof(cwd)));
    assert_int_equal(chdir(tmp), 0);

    const char *files[] = {TUI_DIR "/taxonomy.yaml"};
    struct tui_model_opts o = {files, 1, NULL, NULL, true};
    struct diag_list d;
    diag_list_init(&d);
    struct tui_model *m = tui_model_new(&o, &d);
    assert_non_null(m);
    char *script = xasprintf("%s/%s.script", TUI_DIR, name);
    int rc = tui_script_run(m, script, 24, 80, &d);
    for (size_t i = 0; i < d.count; i++) {
        char *line = diag_format(&d.items[i]);
        print_message("%s\n", line);
        free(line);
    }
    assert_int_equal(rc, 0);
    tui_model_free(m);
    diag_list_release(&d);
    free(script);

    bool update = getenv("BANDITMAP_UPDATE_GOLDEN") && getenv("BANDITMAP_UPDATE_GOLDEN")[0];
    char *prefix = xasprintf("%s-", name);
    size_t produced = 0;
    DIR *dir = opendir(".");
    assert_non_null(dir);
    for (struct dirent *e; (e = readdir(dir));) {
        if (!has_prefix(e->d_name, prefix))
            continue;
        produced++;
        char *got = slurp(e->d_name);
        char *golden = xasprintf("%s/%s", TUI_DIR, e->d_name);
        char *want = slurp(golden);
        if (update) {
            spill(golden, got);
        } else if (!want) {
            fail_msg("%s has no golden file (BANDITMAP_UPDATE_GOLDEN=1 creates it)", golden);
        } else if (strcmp(want, got)) {
            report_diff(e->d_name, want, got);
        }
        free(want);
        free(golden);
        free(got);
        unlink(e->d_name);
    }
    closedir(dir);
    /* every golden screen of this script must have been produced */
    size_t expected = 0;
    dir = opendir(TUI_DIR);
    assert_non_null(dir);
    for (struct dirent *e; (e = readdir(dir));)
        if (has_prefix(e->d_name, prefix) && strstr(e->d_name, ".screen"))
            expected++;
    closedir(dir);
    if (!update && expected != produced)
        fail_msg("%s saved %zu screens, the golden directory has %zu", name, produced, expected);
    assert_true(produced > 0);
    free(prefix);
    assert_int_equal(chdir(cwd), 0);
    rmdir(tmp);
}

static void test_map_screens(void **state)
{
    (void)state;
    run_script("map");
}

static void test_questionnaire_screens(void **state)
{
    (void)state;
    run_script("quiz");
}

static void test_recommendation_screens(void **state)
{
    (void)state;
    run_script("recs");
}

static void test_benchmark_screens(void **state)
{
    (void)state;
    run_script("bench");
}

static void test_small_and_large_terminals(void **state)
{
    (void)state;
    run_script("resize");
}

static void test_script_reports_unknown_commands_with_position(void **state)
{
    (void)state;
    char path[] = "/tmp/bm_tui_script_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    spill(path, "# a comment\n\ndown\n  key j Nope\n");
    const char *files[] = {TUI_DIR "/taxonomy.yaml"};
    struct tui_model_opts o = {files, 1, NULL, NULL, true};
    struct diag_list d;
    diag_list_init(&d);
    struct tui_model *m = tui_model_new(&o, &d);
    assert_int_equal(tui_script_run(m, path, 24, 80, &d), -1);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].line, 4);
    assert_int_equal(d.items[0].col, 9);
    assert_string_equal(d.items[0].message, "unknown key 'Nope'");
    diag_list_release(&d);
    spill(path, "frobnicate\n");
    assert_int_equal(tui_script_run(m, path, 24, 80, &d), -1);
    assert_string_equal(d.items[0].message, "unknown script command 'frobnicate'");
    tui_model_free(m);
    diag_list_release(&d);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* golden screens, one script per screen */
        cmocka_unit_test(test_map_screens),
        cmocka_unit_test(test_questionnaire_screens),
        cmocka_unit_test(test_recommendation_screens),
        cmocka_unit_test(test_benchmark_screens),
        cmocka_unit_test(test_small_and_large_terminals),
        /* the script language */
        cmocka_unit_test(test_script_reports_unknown_commands_with_position),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
