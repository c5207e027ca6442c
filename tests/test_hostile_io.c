/*
 * test_hostile_io: bench specs and logged-data CSV on hostile and edge
 * inputs, and output files into missing or read-only directories.
 * Specs and logs load from paths, so each case is written to a fresh
 * directory under /tmp. A failed save must name the file and leave nothing
 * half-written behind, and an older file in its place unchanged.
 */
#include "tests/hostile_util.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "advisor/profile.h"
#include "benchmarks/ope/log_csv.h"
#include "benchmarks/spec.h"

/* ---- bench specs ---- */

struct spec_case {
    const char *title;
    const char *text;
    const char *expected;        /* exact diagnostic after "FILE" */
};

static const struct spec_case spec_cases[] = {
    {"zero arms", "workload: bernoulli\narms: 0\n",
     ":2:7: error: spec key 'arms' must be between 1 and 100000, not 0"},
    {"negative arms", "workload: bernoulli\narms: -2\n",
     ":2:7: error: spec key 'arms' must be between 1 and 100000, not -2"},
    {"NaN arms", "workload: bernoulli\narms: .nan\n",
     ":2:7: error: spec key 'arms' must be a whole number, not '.nan'"},
    {"horizon zero", "workload: bernoulli\nhorizon: 0\n",
     ":2:10: error: spec key 'horizon' must be between 1 and 1000000000000, not 0"},
    {"horizon above 10^12", "workload: bernoulli\nhorizon: 1000000000001\n",
     ":2:10: error: spec key 'horizon' must be between 1 and 1000000000000, not 1000000000001"},
    {"Inf seeds", "workload: bernoulli\nseeds: .inf\n",
     ":2:8: error: spec key 'seeds' must be a whole number, not '.inf'"},
    {"NaN mean", "workload: bernoulli\nmeans: [0.5, .nan]\n",
     ":2:14: error: arm mean must be a finite number, not '.nan'"},
    {"means disagree with arms", "workload: bernoulli\narms: 3\nmeans: [0.1, 0.2]\n",
     ":3:8: error: spec has 2 means but 3 arms"},
    {"Inf parameter", "workload: bernoulli\nparams: {delay: .inf}\n",
     ":2:17: error: parameter 'delay' must be a finite number, not '.inf'"},
    {"no workload", "arms: 3\n", ":1:1: error: missing key 'workload' in the spec"},
    {"duplicate key", "workload: a\nworkload: b\n",
     ":2:1: error: duplicate key 'workload' (first at line 1)"},
    {"empty file", "", ": error: the spec file is empty"},
};

static void test_spec_hostile_values(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    for (size_t i = 0; i < sizeof(spec_cases) / sizeof(spec_cases[0]); i++) {
        const struct spec_case *c = &spec_cases[i];
        print_message("case: %s\n", c->title);
        char *path = put_text(&t, "spec.yaml", c->text);
        struct diag_list d;
        diag_list_init(&d);
        assert_null(bench_spec_load(path, &d));
        assert_diag(&d, "%s%s", path, c->expected);
        diag_list_release(&d);
        free(path);
    }
    tmpdir_remove(&t);
}

/* Text YAML cannot carry raw is saved escaped and loads back the same
 * (fuzz_spec found DEL, C1 controls and U+2028 written raw). */
static void test_spec_save_escapes_unprintable_text(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *path = xasprintf("%s/saved.yaml", t.path);
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->name, "tab\there \x7f \xc2\x85 \xe2\x80\xa8 \"q\"");
    bench_spec_set_string(&s->workload, "w\xef\xbb\xbf\xe2\x80\xa9");
    bench_spec_add_policy(s, "p\xc2\x80");
    bench_spec_set_param(s, "k\x7f", 1);
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(bench_spec_save(s, path, &d), 0);
    char *text = NULL;
    size_t len = 0;
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    assert_int_equal(getdelim(&text, &len, '\0', f) > 0, 1);
    fclose(f);
    assert_non_null(strstr(text, "name: \"tab\\there \\x7f \\u0085 \\u2028 \\\"q\\\"\"\n"));
    assert_non_null(strstr(text, "workload: \"w\\uFEFF\\u2029\"\n"));
    assert_non_null(strstr(text, "policies: [\"p\\u0080\"]\n"));
    assert_non_null(strstr(text, "  \"k\\x7f\": 1\n"));
    struct bench_spec *back = bench_spec_load(path, &d);
    if (!back)
        print_diags(&d);
    assert_non_null(back);
    assert_string_equal(back->name, s->name);
    assert_string_equal(back->workload, s->workload);
    assert_string_equal(back->policies[0], s->policies[0]);
    assert_string_equal(back->params[0].key, s->params[0].key);
    bench_spec_free(back);
    bench_spec_free(s);
    diag_list_release(&d);
    free(text);
    free(path);
    tmpdir_remove(&t);
}

static void test_spec_edges_that_load(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *path =
        put_text(&t, "spec.yaml", "workload: bernoulli\narms: 1\nhorizon: 1000000000000\n");
    struct diag_list d;
    diag_list_init(&d);
    struct bench_spec *s = bench_spec_load(path, &d);
    if (!s)
        print_diags(&d);
    assert_non_null(s);
    assert_int_equal(s->arms, 1);
    assert_true(s->horizon == 1000000000000LL);
    bench_spec_free(s);
    char *huge = put_huge(&t, "huge.yaml", "# padding padding padding padding\n", 100);
    assert_null(bench_spec_load(huge, &d));
    assert_diag(&d, "%s: error: file is too large (more than 16777216 bytes)", huge);
    diag_list_release(&d);
    free(huge);
    free(path);
    tmpdir_remove(&t);
}

/* ---- logged-data CSV ---- */

struct csv_case {
    const char *title;
    const char *text;
    const char *expected;        /* exact diagnostic after "FILE" */
};

static const struct csv_case csv_cases[] = {
    {"empty file", "", ":1:1: error: empty file, expected a header line"},
    {"missing column", "action,reward\n0,1\n", ":1:1: error: missing column 'propensity'"},
    {"propensity zero", "action,reward,propensity\n0,1,0\n",
     ":2:5: error: propensity '0' is not in (0, 1]"},
    {"propensity above one", "action,reward,propensity\n0,1,1.5\n",
     ":2:5: error: propensity '1.5' is not in (0, 1]"},
    {"NaN propensity", "action,reward,propensity\n0,1,nan\n",
     ":2:5: error: propensity 'nan' is not a number"},
    {"Inf reward", "action,reward,propensity\n0,inf,0.5\n",
     ":2:3: error: reward 'inf' is not a number"},
    {"negative action", "action,reward,propensity\n-1,1,0.5\n",
     ":2:1: error: action '-1' is not a non-negative integer"},
    {"truncated last line", "action,reward,propensity\n0,1,0.5\n1,0",
     ":3:5: error: truncated last line: expected 3 fields, found 2"},
    {"invalid UTF-8", "action,reward,propensity\n0,\xff\xfe,0.5\n",
     ":2:3: error: reward '\xff\xfe' is not a number"},
};

static void test_csv_hostile_rows(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    for (size_t i = 0; i < sizeof(csv_cases) / sizeof(csv_cases[0]); i++) {
        const struct csv_case *c = &csv_cases[i];
        print_message("case: %s\n", c->title);
        char *path = put_text(&t, "log.csv", c->text);
        struct diag_list d;
        diag_list_init(&d);
        struct ope_log *log = ope_log_open(path, 0, &d);
        if (log) {
            struct ope_row row;
            int rc, bad = 0;
            while ((rc = ope_log_next(log, &row, &d)) != 0)
                bad += rc < 0;
            assert_true(bad > 0);
            ope_log_free(log);
        }
        assert_diag(&d, "%s%s", path, c->expected);
        diag_list_release(&d);
        free(path);
    }
    tmpdir_remove(&t);
}

/* Blank lines before the header: the header's own errors and every row,
 * in both passes, name physical lines (fuzz_log_csv found the second pass
 * restarting at line 1). */
static void test_csv_line_numbers_survive_blank_lines_and_rewind(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *bad = put_text(&t, "bad.csv", "\n\n \naction,action,reward\n0,1,1\n");
    char *good = put_text(&t, "log.csv", "\n\naction,reward,propensity\n0,1,0.5\n\n1,0,0.5\n");
    struct diag_list d;
    diag_list_init(&d);
    assert_null(ope_log_open(bad, 0, &d));
    assert_diag(&d, "%s:4:8: error: duplicate column 'action'", bad);
    assert_diag(&d, "%s:4:1: error: missing column 'propensity'", bad);
    struct ope_log *log = ope_log_open(good, 0, &d);
    assert_non_null(log);
    for (int pass = 0; pass < 2; pass++) {
        struct ope_row row;
        assert_int_equal(ope_log_next(log, &row, &d), 1);
        assert_int_equal(row.line, 4);
        assert_int_equal(ope_log_next(log, &row, &d), 1);
        assert_int_equal(row.line, 6);
        assert_int_equal(ope_log_next(log, &row, &d), 0);
        assert_int_equal(ope_log_rewind(log, &d), 0);
    }
    ope_log_free(log);
    diag_list_release(&d);
    free(bad);
    free(good);
    tmpdir_remove(&t);
}

/* A directory opens (fopen() allows it) but is not an empty log. */
static void test_csv_directory_cannot_be_read(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    struct diag_list d;
    diag_list_init(&d);
    assert_null(ope_log_open(t.path, 0, &d));
    assert_int_equal(d.errors, 1);
    assert_diag(&d, "%s: error: cannot read '%s': Is a directory", t.path, t.path);
    diag_list_release(&d);
    tmpdir_remove(&t);
}

/* A line that never ends (/dev/zero) is cut at the limit: reading stops
 * there instead of going on for ever. */
static void test_csv_endless_line_stops_reading(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    assert_null(ope_log_open("/dev/zero", 0, &d));
    assert_int_equal(d.errors, 1);
    assert_diag(&d, "/dev/zero:1:1: error: line longer than 1048576 bytes");
    diag_list_release(&d);
}

static void test_csv_over_long_line_is_refused(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    size_t n = (2u << 20) + 64;
    char *text = xmalloc(n + 1);
    strcpy(text, "action,reward,propensity\n0,1,");
    memset(text + strlen(text), '9', n - strlen(text) - 1);
    text[n - 1] = '\n';
    text[n] = '\0';
    memcpy(text + n - 12, "\n1,0,0.5\n", 9);   /* a good row after it: never read */
    char *path = put_file(&t, "long.csv", text, n - 3);
    struct diag_list d;
    diag_list_init(&d);
    struct ope_log *log = ope_log_open(path, 0, &d);
    assert_non_null(log);
    struct ope_row row;
    for (int pass = 0; pass < 2; pass++) {   /* reading stops there, and again after a rewind */
        assert_int_equal(ope_log_next(log, &row, &d), -1);
        assert_int_equal(ope_log_next(log, &row, &d), 0);
        assert_int_equal(ope_log_rewind(log, &d), 0);
    }
    assert_int_equal(d.errors, 2);
    assert_diag(&d, "%s:2:1: error: line longer than 1048576 bytes", path);
    ope_log_free(log);
    diag_list_release(&d);
    free(path);
    free(text);
    tmpdir_remove(&t);
}

/* ---- output files: missing and read-only directories ---- */

static void save_both(const char *dir, struct diag_list *d, int *rc_spec, int *rc_profile,
                      const struct tax *tax)
{
    char *spec_path = xasprintf("%s/out-spec.yaml", dir);
    char *prof_path = xasprintf("%s/out-profile.yaml", dir);
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->workload, "bernoulli");
    *rc_spec = bench_spec_save(s, spec_path, d);
    bench_spec_free(s);
    struct adv_profile *p = adv_profile_new(tax);
    *rc_profile = adv_profile_save(p, prof_path, d);
    adv_profile_free(p);
    free(spec_path);
    free(prof_path);
}

static void test_output_into_missing_directory(void **state)
{
    (void)state;
    struct tax *tax = bundled_traits();
    struct tmpdir t;
    tmpdir_make(&t);
    char *dir = xasprintf("%s/no/such/dir", t.path);
    struct diag_list d;
    diag_list_init(&d);
    int rc_spec, rc_profile;
    save_both(dir, &d, &rc_spec, &rc_profile, tax);
    assert_int_equal(rc_spec, -1);
    assert_int_equal(rc_profile, -1);
    assert_diag(&d, "%s/out-spec.yaml: error: cannot write '%s/out-spec.yaml': "
                "No such file or directory", dir, dir);
    assert_diag(&d, "%s/out-profile.yaml: error: cannot write '%s/out-profile.yaml': "
                "No such file or directory", dir, dir);
    assert_no_file_like(t.path, "out-");
    diag_list_release(&d);
    free(dir);
    tmpdir_remove(&t);
    tax_free(tax);
}

static void test_output_into_read_only_directory(void **state)
{
    (void)state;
    struct tax *tax = bundled_traits();
    struct tmpdir t;
    tmpdir_make(&t);
    char *dir = xasprintf("%s/ro", t.path);
    assert_int_equal(mkdir(dir, 0755), 0);
    /* An old report that a failed save must leave as it was. */
    char *old = xasprintf("%s/out-spec.yaml", dir);
    FILE *f = fopen(old, "w");
    assert_non_null(f);
    fputs("old\n", f);
    fclose(f);
    assert_int_equal(chmod(dir, 0555), 0);
    /* root ignores directory permissions: save as nobody in a child. */
    int pipefd[2];
    assert_int_equal(pipe(pipefd), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(pipefd[0]);
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        struct diag_list cd;
        diag_list_init(&cd);
        int rc_spec, rc_profile;
        save_both(dir, &cd, &rc_spec, &rc_profile, tax);
        for (size_t i = 0; i < cd.count; i++) {
            char *s = diag_format(&cd.items[i]);
            dprintf(pipefd[1], "%s\n", s);
            free(s);
        }
        _exit(rc_spec == -1 && rc_profile == -1 ? 0 : 4);
    }
    close(pipefd[1]);
    char out[4096] = "";
    size_t len = 0;
    ssize_t got;
    while ((got = read(pipefd[0], out + len, sizeof(out) - 1 - len)) > 0)
        len += (size_t)got;
    out[len] = '\0';
    close(pipefd[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    print_message("%s", out);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    char *want = xasprintf("%s/out-profile.yaml: error: cannot write '%s/out-profile.yaml': "
                           "Permission denied\n", dir, dir);
    assert_non_null(strstr(out, want));
    free(want);
    assert_no_file_like(dir, ".tmp");
    char buf[16] = "";
    f = fopen(old, "r");
    assert_non_null(f);
    assert_non_null(fgets(buf, sizeof(buf), f));
    fclose(f);
    assert_string_equal(buf, "old\n");
    assert_int_equal(chmod(dir, 0755), 0);
    free(old);
    free(dir);
    tmpdir_remove(&t);
    tax_free(tax);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* bench specs */
        cmocka_unit_test(test_spec_hostile_values),
        cmocka_unit_test(test_spec_edges_that_load),
        cmocka_unit_test(test_spec_save_escapes_unprintable_text),
        /* logged-data CSV */
        cmocka_unit_test(test_csv_hostile_rows),
        cmocka_unit_test(test_csv_over_long_line_is_refused),
        cmocka_unit_test(test_csv_line_numbers_survive_blank_lines_and_rewind),
        cmocka_unit_test(test_csv_directory_cannot_be_read),
        cmocka_unit_test(test_csv_endless_line_stops_reading),
        /* output files */
        cmocka_unit_test(test_output_into_missing_directory),
        cmocka_unit_test(test_output_into_read_only_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
