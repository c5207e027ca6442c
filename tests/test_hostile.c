/*
 * test_hostile: the YAML reader, the taxonomy and profiles on hostile and
 * edge inputs (a hardening suite across modules). Each case names the exact diagnostic the user sees,
 * "file:line:col: error: message", and checks that the loader fails cleanly
 * (NULL, nothing leaked: the sanitizer build runs this too). Specs, logs and
 * output files are in test_hostile_io.c.
 */
#include "tests/hostile_util.h"

#include "advisor/profile.h"
#include "advisor/recommend.h"
#include "base/yaml_reader.h"
#include "benchmarks/plan.h"
#include "benchmarks/spec.h"

/* ---- YAML reader: aliases, nesting, size, encoding ---- */

static void test_yaml_refuses_alias_bomb(void **state)
{
    (void)state;
    static const char bomb[] = "a: &a [\"lol\", \"lol\", \"lol\"]\n"
                               "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                               "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                               "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
    struct diag_list d;
    diag_list_init(&d);
    assert_null(yr_load_buffer("bomb.yaml", bomb, strlen(bomb), NULL, &d));
    assert_diag(&d, "bomb.yaml:2:8: error: YAML aliases are not allowed (found '*a')");
    diag_list_release(&d);
}

static void test_yaml_refuses_deep_flow_nesting(void **state)
{
    (void)state;
    size_t n = 100000;
    char *deep = xmalloc(2 * n + 1);
    memset(deep, '[', n);
    memset(deep + n, ']', n);
    deep[2 * n] = '\0';
    struct diag_list d;
    diag_list_init(&d);
    assert_null(yr_load_buffer("deep.yaml", deep, 2 * n, NULL, &d));
    assert_diag(&d, "deep.yaml:1:33: error: nesting deeper than 32 levels");
    assert_int_equal(d.errors, 1);
    diag_list_release(&d);
    free(deep);
}

static void test_yaml_refuses_deep_block_nesting(void **state)
{
    (void)state;
    char buf[8192] = "";
    size_t len = 0;
    for (int i = 0; i < 40; i++)
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%*sk%d:\n", 2 * i, "", i);
    struct diag_list d;
    diag_list_init(&d);
    assert_null(yr_load_buffer("deep.yaml", buf, len, NULL, &d));
    assert_diag(&d, "deep.yaml:32:63: error: nesting deeper than 32 levels");
    diag_list_release(&d);
}

static void test_yaml_refuses_100mb_file(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *path = put_huge(&t, "huge.yaml", "- {id: x, name: \"padding padding\"}\n", 100);
    struct diag_list d;
    diag_list_init(&d);
    assert_null(yr_load_file(path, NULL, &d));
    assert_diag(&d, "%s: error: file is too large (more than 16777216 bytes)", path);
    assert_int_equal(d.errors, 1);
    diag_list_release(&d);
    free(path);
    tmpdir_remove(&t);
}

static void test_yaml_refuses_invalid_utf8(void **state)
{
    (void)state;
    static const char bad[] = "name: ok\nsummary: \"caf\xc3\x28\"\n";
    struct diag_list d;
    diag_list_init(&d);
    assert_null(yr_load_buffer("utf8.yaml", bad, strlen(bad), NULL, &d));
    assert_diag(&d, "utf8.yaml:2:15: error: invalid trailing UTF-8 octet (byte 23)");
    diag_list_release(&d);
}

static void test_yaml_refuses_nul_in_text(void **state)
{
    (void)state;
    static const char text[] = "a: \"x\\0y\"\n";
    struct diag_list d;
    diag_list_init(&d);
    struct yr_doc *doc = yr_load_buffer("nul.yaml", text, strlen(text), NULL, &d);
    assert_non_null(doc);
    const struct yr_node *v = yr_get(doc->root, "a");
    assert_int_equal(v->scalar_len, 3);
    assert_memory_equal(v->scalar, "x\0y", 4);  /* every byte kept, NUL-terminated */
    const char *s;
    assert_int_equal(yr_scalar_string(v, "value 'a'", "nul.yaml", &d, &s), -1);
    assert_diag(&d, "nul.yaml:1:4: error: value 'a' contains a NUL character");
    yr_doc_free(doc);
    diag_list_release(&d);
}

static void test_yaml_reports_duplicate_among_many_keys(void **state)
{
    (void)state;
    /* 200,000 keys in one mapping: a quadratic duplicate check took minutes. */
    size_t n = 200000, len = 0;
    char *text = xmalloc(n * 16);
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, "k%zu: 1\n", i);
    len += (size_t)sprintf(text + len, "k7: 2\n");
    struct diag_list d;
    diag_list_init(&d);
    assert_null(yr_load_buffer("keys.yaml", text, len, NULL, &d));
    assert_diag(&d, "keys.yaml:200001:1: error: duplicate key 'k7' (first at line 8)");
    assert_int_equal(d.errors, 1);
    diag_list_release(&d);
    free(text);
}

/* ---- taxonomy ---- */

static void test_taxonomy_reports_duplicate_ids(void **state)
{
    (void)state;
    const char *paths[] = {fixture("yaml/good/traits_small.yaml"),
                           fixture("yaml/good/traits_small.yaml")};
    struct diag_list d;
    diag_list_init(&d);
    assert_null(tax_load(paths, 2, &d));
    assert_diag(&d, "%s:2:9: error: duplicate trait id 'feedback_model' (first at %s:2)",
                paths[1], paths[0]);
    diag_list_release(&d);
}

static void test_taxonomy_empty_file_is_a_warning_only(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *empty = put_text(&t, "empty.yaml", "");
    const char *paths[] = {fixture("yaml/good/traits_small.yaml"), empty};
    struct diag_list d;
    diag_list_init(&d);
    struct tax *tax = tax_load(paths, 2, &d);
    assert_non_null(tax);
    assert_diag(&d, "%s: warning: file is empty", empty);
    tax_free(tax);
    diag_list_release(&d);
    free(empty);
    tmpdir_remove(&t);
}

/* ---- profiles ---- */

struct profile_case {
    const char *title;
    const char *text;
    const char *expected;        /* exact diagnostic, file p.yaml */
};

static const struct profile_case profile_cases[] = {
    {"NaN for a count", "answers:\n  arms: .nan\n",
     "p.yaml:2:9: error: answer to trait 'arms' must be a whole number, not '.nan'"},
    {"Inf for a count", "answers:\n  horizon: .inf\n",
     "p.yaml:2:12: error: answer to trait 'horizon' must be a whole number, not '.inf'"},
    {"negative count", "answers:\n  arms: -3\n",
     "p.yaml:2:9: error: answer to trait 'arms' must be between 1 and 100000000, not -3"},
    {"zero arms", "answers:\n  arms: 0\n",
     "p.yaml:2:9: error: answer to trait 'arms' must be between 1 and 100000000, not 0"},
    {"horizon zero", "answers:\n  horizon: 0\n",
     "p.yaml:2:12: error: answer to trait 'horizon' must be between 1 and 1000000000000, not 0"},
    {"horizon above 10^12", "answers:\n  horizon: 1000000000001\n",
     "p.yaml:2:12: error: answer to trait 'horizon' must be between 1 and 1000000000000, "
     "not 1000000000001"},
    {"NaN for a probability", "answers:\n  base_rate: .nan\n",
     "p.yaml:2:14: error: answer to trait 'base_rate' must be a finite number, not '.nan'"},
    {"Inf for a probability", "answers:\n  base_rate: -.inf\n",
     "p.yaml:2:14: error: answer to trait 'base_rate' must be a finite number, not '-.inf'"},
    {"probability above 1", "answers:\n  base_rate: 1.5\n",
     "p.yaml:2:14: error: answer to trait 'base_rate' must be between 0 and 1, not 1.5"},
    {"negative probability", "answers:\n  base_rate: -0.1\n",
     "p.yaml:2:14: error: answer to trait 'base_rate' must be between 0 and 1, not -0.1"},
    {"duplicate answer", "answers:\n  arms: 3\n  arms: 4\n",
     "p.yaml:3:3: error: duplicate key 'arms' (first at line 2)"},
    {"alias", "answers:\n  arms: &n 3\n  horizon: *n\n",
     "p.yaml:3:12: error: YAML aliases are not allowed (found '*n')"},
    {"not a mapping", "- arms\n", "p.yaml:1:1: error: the profile must be a mapping, not a list"},
    {"invalid UTF-8", "name: \"\xff\"\n",
     "p.yaml:1:8: error: invalid leading UTF-8 octet (byte 7)"},
};

static void test_profile_hostile_values(void **state)
{
    (void)state;
    struct tax *tax = bundled_traits();
    for (size_t i = 0; i < sizeof(profile_cases) / sizeof(profile_cases[0]); i++) {
        const struct profile_case *c = &profile_cases[i];
        print_message("case: %s\n", c->title);
        struct diag_list d;
        diag_list_init(&d);
        struct adv_profile *p = adv_profile_load_buffer(tax, "p.yaml", c->text, strlen(c->text),
                                                        &d);
        assert_null(p);
        assert_diag(&d, "%s", c->expected);
        diag_list_release(&d);
    }
    tax_free(tax);
}

static void test_profile_one_arm_and_huge_horizon_load(void **state)
{
    (void)state;
    struct tax *tax = bundled_traits();
    static const char text[] = "answers:\n  arms: 1\n  horizon: 1000000000000\n";
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p = adv_profile_load_buffer(tax, "p.yaml", text, strlen(text), &d);
    if (!p)
        print_diags(&d);
    assert_non_null(p);
    assert_near(adv_profile_number(p, "arms", 0), 1, 0);
    assert_near(adv_profile_number(p, "horizon", 0), 1e12, 0);
    adv_profile_free(p);
    diag_list_release(&d);
    tax_free(tax);
}

/* The saved profile loaded as a recommendation would: the one-arm case is
 * ranked, but the bench spec it writes says why it races 2 arms. */
static void test_one_arm_profile_spec_says_it_races_two(void **state)
{
    (void)state;
    const char *paths[] = {BM_SOURCE_ROOT "/taxonomy/traits.yaml",
                           BM_SOURCE_ROOT "/taxonomy/bandits.yaml"};
    struct diag_list d;
    diag_list_init(&d);
    struct tax *tax = tax_load(paths, 2, &d);
    if (!tax)
        print_diags(&d);
    assert_non_null(tax);
    static const char text[] = "answers:\n  arms: 1\n";
    struct adv_profile *p = adv_profile_load_buffer(tax, "p.yaml", text, strlen(text), &d);
    assert_non_null(p);
    struct adv_recommendation *r = adv_recommend(p);
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    struct bench_spec *s = bench_plan_spec(&plan, p);
    assert_int_equal(s->arms, 2);
    assert_non_null(strstr(s->description,
                           "With one arm there is nothing to learn or choose: the spec "
                           "simulates 2 arms instead, the smallest race the harness runs."));
    bench_spec_free(s);
    bench_plan_release(&plan);
    adv_recommendation_free(r);
    adv_profile_free(p);
    diag_list_release(&d);
    tax_free(tax);
}

/* Text YAML cannot carry raw (DEL, C1 controls, NEL, line and paragraph
 * separators, a BOM, non-characters) is saved escaped and loads back the
 * same (fuzz_profile found DEL and U+2028 written raw). */
static void test_profile_save_escapes_unprintable_text(void **state)
{
    (void)state;
    struct tax *tax = bundled_traits();
    static const char name[] = "a\x7f b\xc2\x85 c\xc2\x9f d\xe2\x80\xa8 e\xe2\x80\xa9 "
                               "f\xef\xbb\xbf g\xef\xbf\xbe \x01 \xc3\xa9";
    struct adv_profile *p = adv_profile_new(tax);
    adv_profile_set_name(p, name, "line\nbreak\ttab \"q\" \\");
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    adv_profile_write(p, out);
    assert_int_equal(fclose(out), 0);
    assert_non_null(strstr(text, "name: \"a\\x7f b\\u0085 c\\u009F d\\u2028 e\\u2029 "
                                 "f\\uFEFF g\\uFFFE \\x01 \xc3\xa9\"\n"));
    assert_non_null(strstr(text, "description: \"line\\nbreak\\ttab \\\"q\\\" \\\\\"\n"));
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *q = adv_profile_load_buffer(tax, "saved.yaml", text, len, &d);
    if (!q)
        print_diags(&d);
    assert_non_null(q);
    assert_string_equal(q->name, p->name);
    assert_string_equal(q->description, p->description);
    adv_profile_free(q);
    adv_profile_free(p);
    diag_list_release(&d);
    free(text);
    tax_free(tax);
}

static void test_profile_names_a_removed_trait(void **state)
{
    (void)state;
    /* The small questionnaire has no reward_delay: a profile written for
     * the bundled one names a trait that "was removed". */
    const char *paths[] = {fixture("yaml/good/traits_small.yaml")};
    struct diag_list d;
    diag_list_init(&d);
    struct tax *tax = tax_load(paths, 1, &d);
    assert_non_null(tax);
    static const char text[] = "answers:\n  arms: 4\n  reward_delay: none\n";
    assert_null(adv_profile_load_buffer(tax, "p.yaml", text, strlen(text), &d));
    assert_diag(&d, "p.yaml:3:3: error: unknown trait 'reward_delay' "
                    "(did you mean 'reward_value'?)");
    diag_list_release(&d);
    tax_free(tax);
}

static void test_profile_files_empty_and_huge(void **state)
{
    (void)state;
    struct tax *tax = bundled_traits();
    struct tmpdir t;
    tmpdir_make(&t);
    char *empty = put_text(&t, "empty.yaml", "");
    char *huge = put_huge(&t, "huge.yaml", "# padding padding padding padding\n", 100);
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p = adv_profile_load(tax, empty, &d);
    assert_null(p);
    assert_diag(&d, "%s: error: the profile is empty", empty);
    assert_null(adv_profile_load(tax, huge, &d));
    assert_diag(&d, "%s: error: file is too large (more than 16777216 bytes)", huge);
    diag_list_release(&d);
    free(empty);
    free(huge);
    tmpdir_remove(&t);
    tax_free(tax);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* YAML reader */
        cmocka_unit_test(test_yaml_refuses_alias_bomb),
        cmocka_unit_test(test_yaml_refuses_deep_flow_nesting),
        cmocka_unit_test(test_yaml_refuses_deep_block_nesting),
        cmocka_unit_test(test_yaml_refuses_100mb_file),
        cmocka_unit_test(test_yaml_refuses_invalid_utf8),
        cmocka_unit_test(test_yaml_refuses_nul_in_text),
        cmocka_unit_test(test_yaml_reports_duplicate_among_many_keys),
        /* taxonomy */
        cmocka_unit_test(test_taxonomy_reports_duplicate_ids),
        cmocka_unit_test(test_taxonomy_empty_file_is_a_warning_only),
        /* profiles */
        cmocka_unit_test(test_profile_hostile_values),
        cmocka_unit_test(test_profile_one_arm_and_huge_horizon_load),
        cmocka_unit_test(test_one_arm_profile_spec_says_it_races_two),
        cmocka_unit_test(test_profile_save_escapes_unprintable_text),
        cmocka_unit_test(test_profile_names_a_removed_trait),
        cmocka_unit_test(test_profile_files_empty_and_huge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
