/*
 * test_taxonomy: the taxonomy loader and validator (taxonomy/) on good and
 * bad files. Each bad fixture tests/fixtures/yaml/bad/NAME.yaml is loaded
 * after good/traits_small.yaml and must produce exactly the diagnostics in
 * NAME.expected.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "taxonomy/taxonomy.h"

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = xmalloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* All diagnostics, one per line, file names relative to fixtures/yaml/. */
static char *render(const struct diag_list *d)
{
    const char *root = fixture("yaml/");
    size_t root_len = strlen(root);
    char *out = xstrdup("");
    for (size_t i = 0; i < d->count; i++) {
        char *line = diag_format(&d->items[i]);
        /* drop every occurrence of the fixture root, in names and messages */
        for (char *p = strstr(line, root); p; p = strstr(p, root))
            memmove(p, p + root_len, strlen(p + root_len) + 1);
        char *next = xasprintf("%s%s\n", out, line);
        free(line);
        free(out);
        out = next;
    }
    return out;
}

static void check_bad(const char *name)
{
    char yaml[4096], expected[4096];
    snprintf(yaml, sizeof(yaml), "%s", fixture("yaml/bad/"));
    strncat(yaml, name, sizeof(yaml) - strlen(yaml) - 6);
    strcpy(expected, yaml);
    strcat(yaml, ".yaml");
    strcat(expected, ".expected");
    char traits[4096];
    snprintf(traits, sizeof(traits), "%s", fixture("yaml/good/traits_small.yaml"));
    const char *paths[] = {traits, yaml};
    struct diag_list d;
    diag_list_init(&d);
    struct tax *t = tax_load(paths, 2, &d);
    assert_null(t);
    char *got = render(&d);
    char *want = read_text(expected);
    if (strcmp(got, want))
        fail_msg("fixture %s\n--- expected\n%s--- got\n%s", name, want, got);
    free(got);
    free(want);
    diag_list_release(&d);
}

#define BAD_CASE(name) \
    static void test_load_reports_##name(void **state) { (void)state; check_bad(#name); }
BAD_CASE(unknown_key)
BAD_CASE(wrong_type)
BAD_CASE(duplicate_id)
BAD_CASE(dangling_family)
BAD_CASE(dangling_reference)
BAD_CASE(unknown_trait)
BAD_CASE(unknown_answer)
BAD_CASE(empty_field)
BAD_CASE(bad_score)
BAD_CASE(bad_evidence)
BAD_CASE(missing_required)
BAD_CASE(numeric_condition)
BAD_CASE(duplicate_key)
BAD_CASE(syntax_error)
BAD_CASE(alias)
BAD_CASE(deep_nesting)
BAD_CASE(not_sure_listed)
BAD_CASE(bad_trait)
BAD_CASE(invalid_utf8)
BAD_CASE(not_mapping)
BAD_CASE(algorithms_not_list)
BAD_CASE(assume_not_sure)

static struct tax *load_good(struct diag_list *d)
{
    char traits[4096], minimal[4096];
    snprintf(traits, sizeof(traits), "%s", fixture("yaml/good/traits_small.yaml"));
    snprintf(minimal, sizeof(minimal), "%s", fixture("yaml/good/minimal.yaml"));
    const char *paths[] = {traits, minimal};
    diag_list_init(d);
    return tax_load(paths, 2, d);
}

static void test_load_good_resolves_everything(void **state)
{
    (void)state;
    struct diag_list d;
    struct tax *t = load_good(&d);
    assert_non_null(t);
    assert_int_equal(d.errors, 0);
    assert_int_equal(t->n_traits, 3);
    assert_int_equal(t->n_algorithms, 1);
    const struct tax_algorithm *a = tax_find_algorithm(t, "ucb1");
    assert_non_null(a);
    assert_string_equal(a->family->id, "stochastic_mab");
    assert_ptr_equal(a->family, tax_find_family(t, "stochastic_mab"));
    assert_int_equal(a->family->n_algorithms, 1);
    assert_ptr_equal(a->family->algorithms[0], a);
    assert_int_equal(a->n_fits, 2);
    assert_string_equal(a->fits[0].trait->id, "reward_value");
    assert_string_equal(a->fits[0].answer->id, "binary");
    assert_int_equal(a->fits[0].score, 2);
    assert_int_equal(a->n_excludes, 1);
    assert_string_equal(a->excludes[0].when.answers[0]->id, "full_information");
    assert_int_equal(a->n_cautions, 1);
    assert_near(a->cautions[0].when.at_least, 1000, 0);
    assert_true(isnan(a->cautions[0].when.at_most));
    assert_int_equal(a->cautions[0].penalty, 2);
    assert_int_equal(a->n_assumes, 1);
    assert_string_equal(a->policy, "ucb1");
    assert_int_equal(a->evidence, TAX_EVIDENCE_THEORY);
    assert_int_equal(a->references[0]->year, 2002);
    assert_int_equal(a->pos.line, 14);
    /* not_sure is appended to every choice trait */
    const struct tax_trait *tr = tax_find_trait(t, "reward_value");
    assert_int_equal(tr->n_answers, 3);
    assert_true(tax_answer_is_not_sure(&tr->answers[2]));
    const struct tax_trait *arms = tax_find_trait(t, "arms");
    assert_int_equal(arms->kind, TAX_TRAIT_INTEGER);
    assert_near(arms->default_value, 10, 0);
    tax_free(t);
    diag_list_release(&d);
}

static void test_load_missing_file_is_an_error_not_a_crash(void **state)
{
    (void)state;
    const char *paths[] = {"/nonexistent/bandits.yaml"};
    struct diag_list d;
    diag_list_init(&d);
    assert_null(tax_load(paths, 1, &d));
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "cannot open"));
    diag_list_release(&d);
}

static void test_bundled_taxonomy_validates_with_60_cited_algorithms(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct tax *t = tax_load_dir(BM_SOURCE_ROOT "/taxonomy", &d);
    for (size_t i = 0; i < d.count; i++) {
        char *s = diag_format(&d.items[i]);
        print_message("%s\n", s);
        free(s);
    }
    assert_non_null(t);
    assert_int_equal(d.errors, 0);
    assert_true(t->n_algorithms >= 60);
    assert_true(t->n_traits >= 20);
    for (size_t i = 0; i < t->n_algorithms; i++) {
        const struct tax_algorithm *a = &t->algorithms[i];
        assert_true(a->n_references >= 1);
        assert_true(a->n_fits >= 1);
        for (size_t r = 0; r < a->n_references; r++)
            assert_true(a->references[r]->year >= 1900);
    }
    /* the map's exits and the entry question exist */
    assert_non_null(tax_find_algorithm(t, "supervised_learning"));
    assert_non_null(tax_find_algorithm(t, "reinforcement_learning"));
    assert_string_equal(t->traits[0].id, "feedback_model");
    tax_free(t);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* good files */
        cmocka_unit_test(test_load_good_resolves_everything),
        cmocka_unit_test(test_bundled_taxonomy_validates_with_60_cited_algorithms),
        /* one fixture per class of mistake */
        cmocka_unit_test(test_load_reports_unknown_key),
        cmocka_unit_test(test_load_reports_wrong_type),
        cmocka_unit_test(test_load_reports_duplicate_id),
        cmocka_unit_test(test_load_reports_dangling_family),
        cmocka_unit_test(test_load_reports_dangling_reference),
        cmocka_unit_test(test_load_reports_unknown_trait),
        cmocka_unit_test(test_load_reports_unknown_answer),
        cmocka_unit_test(test_load_reports_empty_field),
        cmocka_unit_test(test_load_reports_bad_score),
        cmocka_unit_test(test_load_reports_bad_evidence),
        cmocka_unit_test(test_load_reports_missing_required),
        cmocka_unit_test(test_load_reports_numeric_condition),
        cmocka_unit_test(test_load_reports_duplicate_key),
        cmocka_unit_test(test_load_reports_syntax_error),
        cmocka_unit_test(test_load_reports_alias),
        cmocka_unit_test(test_load_reports_deep_nesting),
        cmocka_unit_test(test_load_reports_not_sure_listed),
        cmocka_unit_test(test_load_reports_bad_trait),
        cmocka_unit_test(test_load_reports_invalid_utf8),
        cmocka_unit_test(test_load_reports_not_mapping),
        cmocka_unit_test(test_load_reports_algorithms_not_list),
        cmocka_unit_test(test_load_reports_assume_not_sure),
        cmocka_unit_test(test_load_missing_file_is_an_error_not_a_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
