/*
 * test_profile: loading, validating, editing and saving profiles against
 * the small fixture questionnaire in tests/fixtures/advisor/.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advisor/profile.h"
#include "base/xalloc.h"
#include "tests/adv_fixture.h"

static int setup(void **state)
{
    *state = adv_fixture_tax();
    return 0;
}

static int teardown(void **state)
{
    tax_free(*state);
    return 0;
}

static struct adv_profile *load_text(const struct tax *t, const char *text, struct diag_list *d)
{
    return adv_profile_load_buffer(t, "p.yaml", text, strlen(text), d);
}

/* Does some diagnostic format exactly as want? */
static bool has_diag(const struct diag_list *d, const char *want)
{
    for (size_t i = 0; i < d->count; i++) {
        char *s = diag_format(&d->items[i]);
        bool eq = !strcmp(s, want);
        free(s);
        if (eq)
            return true;
    }
    return false;
}

static void print_diags(const struct diag_list *d)
{
    for (size_t i = 0; i < d->count; i++) {
        char *s = diag_format(&d->items[i]);
        print_message("  got: %s\n", s);
        free(s);
    }
}

/* ---- loading good profiles ---- */

static void test_load_reads_answers_and_defaults(void **state)
{
    const struct tax *t = *state;
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p = load_text(t,
                                      "name: carousel\n"
                                      "description: \"A test\"\n"
                                      "answers:\n"
                                      "  reward_value: binary\n"
                                      "  dynamics: not_sure\n"
                                      "  arms: 1_000\n"
                                      "  base_rate: 0.05\n"
                                      "  expected_lift: not_sure\n",
                                      &d);
    assert_non_null(p);
    assert_int_equal(d.count, 0);
    assert_string_equal(p->name, "carousel");
    assert_string_equal(p->description, "A test");
    assert_int_equal(p->n_answers, t->n_traits);
    assert_string_equal(adv_profile_choice(p, "reward_value"), "binary");
    assert_false(adv_profile_get(p, "reward_value")->not_sure);
    assert_true(adv_profile_get(p, "reward_value")->given);
    assert_int_equal(adv_profile_get(p, "reward_value")->line, 4);
    assert_int_equal(adv_profile_get(p, "reward_value")->col, 17);
    assert_string_equal(adv_profile_choice(p, "dynamics"), "not_sure");
    assert_true(adv_profile_get(p, "dynamics")->not_sure);
    assert_true(adv_profile_get(p, "dynamics")->given);
    /* unanswered: not_sure and not given */
    assert_true(adv_profile_get(p, "objective")->not_sure);
    assert_false(adv_profile_get(p, "objective")->given);
    assert_near(adv_profile_number(p, "arms", -1), 1000, 0);
    assert_near(adv_profile_number(p, "base_rate", -1), 0.05, 1e-15);
    /* numeric not_sure = the trait's default */
    assert_true(adv_profile_get(p, "expected_lift")->not_sure);
    assert_near(adv_profile_number(p, "expected_lift", -1), 0.1, 1e-15);
    assert_near(adv_profile_number(p, "horizon", -1), 100000, 0);
    adv_profile_free(p);
    diag_list_release(&d);
}

static void test_load_accepts_not_sure_everywhere(void **state)
{
    const struct tax *t = *state;
    char text[4096] = "answers:\n";
    for (size_t i = 0; i < t->n_traits; i++) {
        strcat(text, "  ");
        strcat(text, t->traits[i].id);
        strcat(text, ": not_sure\n");
    }
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p = load_text(t, text, &d);
    assert_non_null(p);
    assert_int_equal(d.count, 0);
    for (size_t i = 0; i < p->n_answers; i++) {
        assert_true(p->answers[i].not_sure);
        if (p->answers[i].trait->kind != TAX_TRAIT_CHOICE)
            assert_near(p->answers[i].value, p->answers[i].trait->default_value, 0);
    }
    adv_profile_free(p);
    diag_list_release(&d);
}

/* ---- bad profiles: one case per error class, message and position ---- */

struct bad_case {
    const char *title;
    const char *yaml;
    const char *expected;        /* one formatted diagnostic */
};

static const struct bad_case bad_cases[] = {
    {"unknown trait with a did-you-mean", "answers:\n  reward_valu: binary\n",
     "p.yaml:2:3: error: unknown trait 'reward_valu' (did you mean 'reward_value'?)"},
    {"unknown trait without a hint", "answers:\n  colour: red\n",
     "p.yaml:2:3: error: unknown trait 'colour' (banditmap traits lists them)"},
    {"answer not allowed, did-you-mean", "answers:\n  reward_value: binery\n",
     "p.yaml:2:17: error: answer 'binery' is not allowed for trait 'reward_value' "
     "(did you mean 'binary'?)"},
    {"answer not allowed, list", "answers:\n  dynamics: weekly\n",
     "p.yaml:2:13: error: answer 'weekly' is not allowed for trait 'dynamics' (allowed: "
     "stationary, abrupt_changes, not_sure)"},
    {"wrong type for an integer", "answers:\n  arms: many\n",
     "p.yaml:2:9: error: answer to trait 'arms' must be a whole number, not 'many'"},
    {"fraction for an integer", "answers:\n  arms: 2.5\n",
     "p.yaml:2:9: error: answer to trait 'arms' must be a whole number, not '2.5'"},
    {"wrong type for a number", "answers:\n  base_rate: high\n",
     "p.yaml:2:14: error: answer to trait 'base_rate' must be a finite number, not 'high'"},
    {"number out of range", "answers:\n  base_rate: 1.5\n",
     "p.yaml:2:14: error: answer to trait 'base_rate' must be between 0 and 1, not 1.5"},
    {"integer out of range", "answers:\n  arms: 0\n",
     "p.yaml:2:9: error: answer to trait 'arms' must be between 1 and 1000000, not 0"},
    {"a list as an answer", "answers:\n  reward_value: [binary]\n",
     "p.yaml:2:17: error: answer to trait 'reward_value' must be a single value, not a list"},
    {"unknown top-level key", "name: x\nanswer:\n  arms: 3\n",
     "p.yaml:2:1: error: unknown key 'answer' in the profile (did you mean 'answers'?)"},
    {"answers not a mapping", "answers: [arms]\n",
     "p.yaml:1:10: error: profile key 'answers' must be a mapping of trait: answer, not a list"},
    {"profile not a mapping", "- arms\n",
     "p.yaml:1:1: error: the profile must be a mapping, not a list"},
    {"empty profile", "", "p.yaml: error: the profile is empty"},
};

static void test_load_rejects_each_error_class_with_position(void **state)
{
    const struct tax *t = *state;
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        struct diag_list d;
        diag_list_init(&d);
        struct adv_profile *p = load_text(t, bad_cases[i].yaml, &d);
        if (p || !has_diag(&d, bad_cases[i].expected)) {
            print_diags(&d);
            fail_msg("case '%s': expected %s", bad_cases[i].title, bad_cases[i].expected);
        }
        diag_list_release(&d);
    }
}

static void test_load_reports_every_error(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p = load_text(*state,
                                      "answers:\n"
                                      "  reward_valu: binary\n"
                                      "  dynamics: weekly\n"
                                      "  arms: -3\n",
                                      &d);
    assert_null(p);
    assert_int_equal(d.errors, 3);
    diag_list_release(&d);
}

static void test_load_warns_about_answers_that_do_not_apply(void **state)
{
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p = load_text(*state,
                                      "answers:\n"
                                      "  action_structure: single\n"
                                      "  position_bias: cascade\n",
                                      &d);
    assert_non_null(p);   /* a warning does not fail the load */
    assert_int_equal(d.errors, 0);
    const char *want = "p.yaml:3:18: warning: trait 'position_bias' does not apply when "
                       "action_structure is 'single' (asked only if action_structure=slate); "
                       "the answer is ignored";
    if (!has_diag(&d, want)) {
        print_diags(&d);
        fail_msg("expected %s", want);
    }
    assert_int_equal(adv_profile_applies(p, tax_find_trait(p->tax, "position_bias")),
                     ADV_APPLIES_NO);
    assert_false(adv_profile_is(p, "position_bias", "cascade"));
    adv_profile_free(p);
    diag_list_release(&d);
}

static void test_applies_follows_ask_if(void **state)
{
    const struct tax *t = *state;
    const struct tax_trait *pb = tax_find_trait(t, "position_bias");
    struct adv_profile *p = adv_profile_new(t);
    assert_int_equal(adv_profile_applies(p, pb), ADV_APPLIES_MAYBE);
    assert_int_equal(adv_profile_applies(p, tax_find_trait(t, "arms")), ADV_APPLIES_YES);
    assert_int_equal(adv_profile_set_choice(p, "action_structure", "slate"), 0);
    assert_int_equal(adv_profile_applies(p, pb), ADV_APPLIES_YES);
    assert_int_equal(adv_profile_set_choice(p, "action_structure", "single"), 0);
    assert_int_equal(adv_profile_applies(p, pb), ADV_APPLIES_NO);
    /* no warning when the parent is not_sure */
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *q = load_text(t, "answers:\n  position_bias: cascade\n", &d);
    assert_non_null(q);
    assert_int_equal(d.count, 0);
    adv_profile_free(q);
    adv_profile_free(p);
    diag_list_release(&d);
}

/* ---- editing ---- */

static void test_setters_validate_and_leave_profile_unchanged_on_error(void **state)
{
    struct adv_profile *p = adv_profile_new(*state);
    assert_int_equal(adv_profile_set_choice(p, "reward_value", "binary"), 0);
    assert_int_equal(adv_profile_set_choice(p, "reward_value", "nope"), -1);
    assert_int_equal(adv_profile_set_choice(p, "nope", "binary"), -1);
    assert_string_equal(adv_profile_choice(p, "reward_value"), "binary");
    assert_int_equal(adv_profile_set_number(p, "arms", 12), 0);
    assert_int_equal(adv_profile_set_number(p, "arms", 2.5), -1);
    assert_int_equal(adv_profile_set_number(p, "arms", 0), -1);
    assert_int_equal(adv_profile_set_number(p, "reward_value", 1), -1);
    assert_near(adv_profile_number(p, "arms", -1), 12, 0);
    assert_int_equal(adv_profile_set_choice(p, "arms", TAX_NOT_SURE), 0);
    assert_true(adv_profile_get(p, "arms")->not_sure);
    assert_near(adv_profile_number(p, "arms", -1), 10, 0);
    assert_int_equal(adv_profile_clear(p, "reward_value"), 0);
    assert_false(adv_profile_get(p, "reward_value")->given);
    assert_true(adv_profile_get(p, "reward_value")->not_sure);
    adv_profile_free(p);
}

static void test_copy_is_deep(void **state)
{
    struct adv_profile *p = adv_profile_new(*state);
    adv_profile_set_name(p, "a", "b");
    adv_profile_set_choice(p, "dynamics", "abrupt_changes");
    struct adv_profile *c = adv_profile_copy(p);
    adv_profile_set_choice(p, "dynamics", "stationary");
    adv_profile_set_name(p, "changed", NULL);
    assert_string_equal(adv_profile_choice(c, "dynamics"), "abrupt_changes");
    assert_string_equal(c->name, "a");
    assert_string_equal(c->description, "b");
    adv_profile_free(p);
    adv_profile_free(c);
}

/* ---- saving ---- */

static void test_save_then_load_round_trips(void **state)
{
    const struct tax *t = *state;
    struct adv_profile *p = adv_profile_new(t);
    adv_profile_set_name(p, "round \"trip\"", "line one");
    adv_profile_set_choice(p, "reward_value", "bounded_real");
    adv_profile_set_choice(p, "dynamics", TAX_NOT_SURE);
    adv_profile_set_number(p, "arms", 4321);
    adv_profile_set_number(p, "base_rate", 0.0375);
    adv_profile_set_number(p, "horizon", 1e12);
    char dir[] = "/tmp/bm_profile_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/p.yaml", dir);
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(adv_profile_save(p, path, &d), 0);
    struct adv_profile *q = adv_profile_load(t, path, &d);
    assert_non_null(q);
    assert_int_equal(d.count, 0);
    assert_string_equal(q->name, "round \"trip\"");
    assert_string_equal(q->description, "line one");
    for (size_t i = 0; i < p->n_answers; i++) {
        assert_int_equal(p->answers[i].given, q->answers[i].given);
        assert_int_equal(p->answers[i].not_sure, q->answers[i].not_sure);
        assert_ptr_equal(p->answers[i].choice, q->answers[i].choice);
        assert_near(p->answers[i].value, q->answers[i].value, 0);
    }
    /* saving into a missing directory fails with a diagnostic */
    char *bad = xasprintf("%s/missing/p.yaml", dir);
    assert_int_equal(adv_profile_save(p, bad, &d), -1);
    assert_true(d.errors > 0);
    unlink(path);
    rmdir(dir);
    free(bad);
    free(path);
    adv_profile_free(q);
    adv_profile_free(p);
    diag_list_release(&d);
}

static void test_fixture_files_load_or_fail_as_labelled(void **state)
{
    const struct tax *t = *state;
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p = adv_profile_load(t, fixture("profiles/good.yaml"), &d);
    assert_non_null(p);
    assert_int_equal(d.errors, 0);
    adv_profile_free(p);
    p = adv_profile_load(t, fixture("profiles/bad.yaml"), &d);
    assert_null(p);
    assert_int_equal(d.errors, 2);
    char *want = xasprintf("%s:5:3: error: unknown trait 'dynamic' (did you mean 'dynamics'?)",
                           fixture("profiles/bad.yaml"));
    assert_true(has_diag(&d, want));
    free(want);
    p = adv_profile_load(t, fixture("profiles/missing.yaml"), &d);
    assert_null(p);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* loading */
        cmocka_unit_test(test_load_reads_answers_and_defaults),
        cmocka_unit_test(test_load_accepts_not_sure_everywhere),
        /* validation */
        cmocka_unit_test(test_load_rejects_each_error_class_with_position),
        cmocka_unit_test(test_load_reports_every_error),
        cmocka_unit_test(test_load_warns_about_answers_that_do_not_apply),
        cmocka_unit_test(test_applies_follows_ask_if),
        cmocka_unit_test(test_fixture_files_load_or_fail_as_labelled),
        /* editing and saving */
        cmocka_unit_test(test_setters_validate_and_leave_profile_unchanged_on_error),
        cmocka_unit_test(test_copy_is_deep),
        cmocka_unit_test(test_save_then_load_round_trips),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
