/*
 * test_presets: every bundled preset (one .yaml file each in taxonomy/presets) is a clean
 * profile of the bundled questionnaire and gets a full recommendation: a
 * ranked pick with reasons, what-if, advice and a bench spec that survives
 * a save/load round trip through the harness's spec reader.
 */
#include "tests/helpers.h"
#include "benchmarks/plan.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advisor/presets.h"
#include "advisor/recommend.h"
#include "base/xalloc.h"
#include "benchmarks/spec.h"
#include "tests/adv_fixture.h"

#define PRESETS BM_SOURCE_ROOT "/taxonomy/presets"

/* The presets the bundled set must hold, by the problem they describe. */
static const char *const required[] = {
    "homepage_carousel",   "cold_start_recs",     "search_reranking", "dynamic_pricing",
    "coupon_budget",       "email_subject_lines", "seasonal_promotion", "delayed_conversions",
    "ab_test_replacement", "huge_catalogue",      "offline_evaluation",
};

static int setup(void **state)
{
    *state = adv_bundled_tax();
    return 0;
}

static int teardown(void **state)
{
    tax_free(*state);
    return 0;
}

static void test_presets_are_listed_sorted_with_descriptions(void **state)
{
    (void)state;
    struct adv_preset_list l;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(adv_presets_list(PRESETS, &l, &d), 0);
    assert_int_equal(d.count, 0);
    assert_true(l.count >= 11);
    for (size_t i = 0; i < l.count; i++) {
        assert_non_null(l.items[i].description);
        assert_non_null(strstr(l.items[i].path, ".yaml"));
        assert_null(strchr(l.items[i].description, '\n'));   /* one line */
        assert_true(strlen(l.items[i].description) < 120);
        if (i)
            assert_true(strcmp(l.items[i - 1].id, l.items[i].id) < 0);
    }
    for (size_t k = 0; k < sizeof(required) / sizeof(required[0]); k++) {
        bool found = false;
        for (size_t i = 0; i < l.count; i++)
            found |= !strcmp(l.items[i].id, required[k]);
        if (!found)
            fail_msg("missing preset %s", required[k]);
    }
    adv_preset_list_release(&l);
    diag_list_release(&d);
}

static void test_preset_lookup_suggests_close_names(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    char *path = adv_preset_path(PRESETS, "homepage_carousel", &d);
    assert_non_null(path);
    assert_true(access(path, R_OK) == 0);
    free(path);
    assert_null(adv_preset_path(PRESETS, "homepage_carusel", &d));
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "did you mean 'homepage_carousel'?"));
    assert_null(adv_preset_path("/nonexistent/presets", "x", &d));
    assert_int_equal(d.errors, 2);
    diag_list_release(&d);
    char *dir = adv_presets_dir("/a/b", NULL);
    assert_string_equal(dir, "/a/b/presets");
    free(dir);
    dir = adv_presets_dir("/a/b", "/c/d/mine.yaml");
    assert_string_equal(dir, "/c/d/presets");
    free(dir);
}

static void check_one(const struct tax *t, const struct adv_preset *ps, const char *tmpdir)
{
    struct diag_list d;
    diag_list_init(&d);
    struct adv_profile *p = adv_profile_load(t, ps->path, &d);
    if (!p || d.count)
        fail_msg("preset %s: %zu diagnostics", ps->id, d.count);
    assert_non_null(p->name);
    assert_string_equal(p->name, ps->id);   /* name repeats the file stem */
    struct adv_recommendation *r = adv_recommend(p);
    assert_true(r->n_ranked >= 3);
    bool why = false;
    for (size_t i = 0; i < r->ranked[0].n_notes; i++)
        why |= adv_note_is_why(&r->ranked[0].notes[i]);
    if (!why)
        fail_msg("preset %s: the top pick has no reason", ps->id);
    assert_true(r->advice.count >= 5);
    assert_true(r->what_if.count >= 1);
    /* the bench spec round-trips through the harness's reader */
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    struct bench_spec *s = bench_plan_spec(&plan, p);
    char *path = xasprintf("%s/%s.spec.yaml", tmpdir, ps->id);
    assert_int_equal(bench_spec_save(s, path, &d), 0);
    struct bench_spec *back = bench_spec_load(path, &d);
    if (!back)
        fail_msg("preset %s: the bench spec does not load back", ps->id);
    assert_string_equal(back->workload, s->workload);
    assert_int_equal(back->n_policies, s->n_policies);
    assert_true(back->n_policies >= 3);
    assert_true(back->arms >= 2 && back->arms <= BENCH_PLAN_MAX_ARMS);
    assert_true(back->horizon >= 1 && back->horizon <= BENCH_PLAN_MAX_HORIZON);
    if (plan.recommended) {
        bool listed = false;
        for (size_t i = 0; i < back->n_policies; i++)
            listed |= !strcmp(back->policies[i], plan.recommended);
        assert_true(listed);
    }
    unlink(path);
    free(path);
    bench_spec_free(back);
    bench_spec_free(s);
    bench_plan_release(&plan);
    adv_recommendation_free(r);
    adv_profile_free(p);
    diag_list_release(&d);
}

static void test_every_preset_recommends_with_reasons_and_a_spec(void **state)
{
    struct adv_preset_list l;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(adv_presets_list(PRESETS, &l, &d), 0);
    char dir[] = "/tmp/bm_presets_XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < l.count; i++)
        check_one(*state, &l.items[i], dir);
    rmdir(dir);
    adv_preset_list_release(&l);
    diag_list_release(&d);
}

/* What the presets' problems call for, per the literature the scenario
 * tests cite: the family of the top pick. */
static void test_presets_pick_the_expected_family(void **state)
{
    static const struct {
        const char *preset, *family;
    } cases[] = {
        {"homepage_carousel", "stochastic_mab"},
        {"search_reranking", "ranking_slates"},
        {"dynamic_pricing", "continuous_pricing"},
        {"seasonal_promotion", "nonstationary"},
        {"delayed_conversions", "delayed_feedback"},
        {"ab_test_replacement", "pure_exploration"},
        {"offline_evaluation", "off_policy_evaluation"},
        {"ranker_interleaving", "dueling"},
        {"landing_page_layout", "combinatorial_whole"},
    };
    struct diag_list d;
    diag_list_init(&d);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *path = adv_preset_path(PRESETS, cases[i].preset, &d);
        assert_non_null(path);
        struct adv_profile *p = adv_profile_load(*state, path, &d);
        assert_non_null(p);
        struct adv_recommendation *r = adv_recommend(p);
        if (strcmp(r->ranked[0].alg->family->id, cases[i].family))
            fail_msg("preset %s picks %s (%s), expected family %s", cases[i].preset,
                     r->ranked[0].alg->id, r->ranked[0].alg->family->id, cases[i].family);
        adv_recommendation_free(r);
        adv_profile_free(p);
        free(path);
    }
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_presets_are_listed_sorted_with_descriptions),
        cmocka_unit_test(test_preset_lookup_suggests_close_names),
        cmocka_unit_test(test_every_preset_recommends_with_reasons_and_a_spec),
        cmocka_unit_test(test_presets_pick_the_expected_family),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
