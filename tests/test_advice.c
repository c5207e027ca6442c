/*
 * test_advice: the statistics behind the operating advice against closed
 * forms, and the advice topics derived from answers of the bundled
 * questionnaire (taxonomy/traits.yaml).
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "advisor/advice.h"
#include "tests/adv_fixture.h"

static int setup(void **state)
{
    const char *paths[] = {BM_SOURCE_ROOT "/taxonomy/traits.yaml"};
    struct diag_list d;
    diag_list_init(&d);
    *state = adv_load_checked(tax_load(paths, 1, &d), &d);
    return 0;
}

static int teardown(void **state)
{
    tax_free(*state);
    return 0;
}

/* ---- statistics ---- */

static void test_normal_quantile_matches_tables(void **state)
{
    (void)state;
    /* Values from the standard normal table (Abramowitz & Stegun 26.2). */
    assert_near(adv_normal_quantile(0.5), 0, 1e-12);
    assert_near(adv_normal_quantile(0.975), 1.959963984540054, 1e-9);
    assert_near(adv_normal_quantile(0.8), 0.8416212335729143, 1e-9);
    assert_near(adv_normal_quantile(0.001), -3.090232306167814, 1e-9);
    assert_near(adv_normal_quantile(0.999999), 4.753424308822899, 1e-8);
    assert_near(adv_normal_quantile(0.025), -adv_normal_quantile(0.975), 1e-12);
    assert_true(isinf(adv_normal_quantile(0)));
    assert_true(isinf(adv_normal_quantile(1)));
}

static void test_two_proportion_sample_size_matches_closed_form(void **state)
{
    (void)state;
    /* 10% vs 15%, two-sided 5%, power 80%: 686 per group (Fleiss, Levin &
     * Paik 2003 formula without continuity correction). */
    assert_near(adv_sample_size_two_proportions(0.10, 0.15, 0.05, 0.8), 686, 0);
    /* symmetric in the two rates */
    assert_near(adv_sample_size_two_proportions(0.15, 0.10, 0.05, 0.8), 686, 0);
    /* 50% vs 60%: (1.95996 sqrt(0.495) + 0.84162 sqrt(0.49))^2 / 0.01 = 387.3 -> 388 */
    assert_near(adv_sample_size_two_proportions(0.5, 0.6, 0.05, 0.8), 388, 0);
    /* smaller effects need more; equal rates need forever */
    assert_true(adv_sample_size_two_proportions(0.02, 0.022, 0.05, 0.8) >
                adv_sample_size_two_proportions(0.02, 0.024, 0.05, 0.8));
    assert_true(isinf(adv_sample_size_two_proportions(0.02, 0.02, 0.05, 0.8)));
    assert_true(isinf(adv_sample_size_two_proportions(-0.1, 0.02, 0.05, 0.8)));
}

/* ---- advice topics ---- */

static const struct adv_advice *topic(const struct adv_advice_list *l, const char *name)
{
    for (size_t i = 0; i < l->count; i++)
        if (!strcmp(l->items[i].topic, name))
            return &l->items[i];
    return NULL;
}

static void test_traffic_and_days_follow_the_formula(void **state)
{
    struct adv_profile *p = adv_profile_new(*state);
    adv_profile_set_number(p, "arms", 2);
    adv_profile_set_number(p, "base_rate", 0.10);
    adv_profile_set_number(p, "expected_lift", 0.5);
    adv_profile_set_number(p, "traffic_per_day", 686);
    adv_profile_set_number(p, "horizon", 100000);
    assert_near(adv_sample_size_for_profile(p), 686, 0);
    struct adv_advice_list l;
    adv_advice_build(p, NULL, &l);
    const struct adv_advice *a = topic(&l, "traffic");
    assert_non_null(a);
    assert_near(a->value, 2.0, 1e-12);   /* 2 arms x 686 / 686 a day */
    assert_non_null(strstr(a->text, "686 decisions per arm"));
    assert_non_null(strstr(a->basis, "Fleiss"));
    /* value per day: 686 x 0.1 x 0.5 */
    assert_near(topic(&l, "value")->value, 34.3, 1e-9);
    /* burn-in: max(100, 10 / 0.1) per arm */
    assert_near(topic(&l, "burn_in")->value, 200, 0);
    adv_advice_list_release(&l);
    /* more arms: Bonferroni makes each comparison stricter */
    adv_profile_set_number(p, "arms", 10);
    assert_true(adv_sample_size_for_profile(p) > 686);
    adv_profile_free(p);
}

static void test_too_little_traffic_says_what_lift_is_detectable(void **state)
{
    struct adv_profile *p = adv_profile_new(*state);
    adv_profile_set_number(p, "arms", 50000);
    adv_profile_set_number(p, "horizon", 1000000);
    struct adv_advice_list l;
    adv_advice_build(p, NULL, &l);
    size_t n = 0;
    for (size_t i = 0; i < l.count; i++)
        n += !strcmp(l.items[i].topic, "traffic");
    assert_true(n >= 2);
    bool found = false;
    for (size_t i = 0; i < l.count; i++)
        found |= strstr(l.items[i].text, "more than the horizon") != NULL;
    assert_true(found);
    adv_advice_list_release(&l);
    adv_profile_free(p);
}

static void test_attribution_window_from_median_delay(void **state)
{
    struct adv_profile *p = adv_profile_new(*state);
    adv_profile_set_choice(p, "reward_delay", "bounded");
    adv_profile_set_number(p, "delay_hours", 10);
    struct adv_advice_list l;
    adv_advice_build(p, NULL, &l);
    const struct adv_advice *a = topic(&l, "attribution");
    assert_non_null(a);
    assert_near(a->value, 10 * log2(20), 1e-9);   /* 95% of exponential delays */
    assert_non_null(strstr(a->text, "about 44 hours"));
    adv_advice_list_release(&l);
    adv_profile_set_choice(p, "reward_delay", "indefinite");
    adv_advice_build(p, NULL, &l);
    assert_non_null(strstr(topic(&l, "attribution")->basis, "Vernade"));
    adv_advice_list_release(&l);
    adv_profile_set_choice(p, "reward_delay", "immediate");
    adv_advice_build(p, NULL, &l);
    assert_null(topic(&l, "attribution"));
    adv_advice_list_release(&l);
    adv_profile_free(p);
}

static void test_cadence_batches_and_holdout(void **state)
{
    struct adv_profile *p = adv_profile_new(*state);
    adv_profile_set_choice(p, "update_cadence", "daily");
    adv_profile_set_number(p, "traffic_per_day", 50000);
    adv_profile_set_number(p, "horizon", 1000000);
    adv_profile_set_number(p, "base_rate", 0.10);
    adv_profile_set_number(p, "expected_lift", 0.5);
    struct adv_advice_list l;
    adv_advice_build(p, NULL, &l);
    const struct adv_advice *c = topic(&l, "cadence");
    assert_near(c->value, 50000, 0);
    assert_non_null(strstr(c->text, "randomised policy"));
    /* holdout h with h(1-h) = n/(2T), n = 686, rounded up to a percent */
    const struct adv_advice *h = topic(&l, "holdout");
    double r = 2 * 686.0 / 1e6, want = (1 - sqrt(1 - 2 * r)) / 2;
    assert_near(h->value, fmax(0.01, ceil(want * 100) / 100), 1e-12);
    adv_advice_list_release(&l);
    adv_profile_free(p);
}

static void test_dynamics_constraints_and_exits(void **state)
{
    struct adv_profile *p = adv_profile_new(*state);
    adv_profile_set_choice(p, "dynamics", "abrupt_changes");
    adv_profile_set_number(p, "horizon", 1e8);
    adv_profile_set_choice(p, "resource_constraint", "budget");
    adv_profile_set_number(p, "budget_fraction", 0.2);
    adv_profile_set_choice(p, "feedback_model", "full_information");
    struct adv_advice_list l;
    adv_advice_build(p, NULL, &l);
    const struct adv_advice *dyn = topic(&l, "dynamics");
    assert_non_null(strstr(dyn->basis, "Garivier & Moulines"));
    /* the window is the larger of the G&M size and K x n */
    double kn = 10 * adv_sample_size_for_profile(p);
    assert_true(dyn->value >= kn);
    assert_near(topic(&l, "constraints")->value, 0.2, 0);
    adv_advice_list_release(&l);
    /* with too little traffic no window can track the arms */
    adv_profile_set_number(p, "horizon", 1000);
    adv_advice_build(p, NULL, &l);
    assert_non_null(strstr(topic(&l, "dynamics")->text, "more than the whole horizon"));
    assert_non_null(strstr(topic(&l, "objective")->text, "supervised learning"));
    adv_advice_list_release(&l);
    adv_profile_free(p);
}

static void test_advice_is_deterministic(void **state)
{
    struct adv_profile *p = adv_profile_new(*state);
    struct adv_advice_list a, b;
    adv_advice_build(p, NULL, &a);
    adv_advice_build(p, NULL, &b);
    assert_int_equal(a.count, b.count);
    for (size_t i = 0; i < a.count; i++)
        assert_string_equal(a.items[i].text, b.items[i].text);
    adv_advice_list_release(&a);
    adv_advice_list_release(&b);
    adv_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* statistics */
        cmocka_unit_test(test_normal_quantile_matches_tables),
        cmocka_unit_test(test_two_proportion_sample_size_matches_closed_form),
        /* topics */
        cmocka_unit_test(test_traffic_and_days_follow_the_formula),
        cmocka_unit_test(test_too_little_traffic_says_what_lift_is_detectable),
        cmocka_unit_test(test_attribution_window_from_median_delay),
        cmocka_unit_test(test_cadence_batches_and_holdout),
        cmocka_unit_test(test_dynamics_constraints_and_exits),
        cmocka_unit_test(test_advice_is_deterministic),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
