/*
 * test_rules: the rule semantics of taxonomy/README.md ("Rule semantics"),
 * checked by hand on the fixture map tests/fixtures/advisor/bandits.yaml.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "advisor/rules.h"
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

/* Profile "A": a plain stationary binary problem, objective left not_sure. */
static struct adv_profile *profile_a(const struct tax *t)
{
    struct adv_profile *p = adv_profile_new(t);
    adv_profile_set_choice(p, "feedback_model", "bandit");
    adv_profile_set_choice(p, "reward_value", "binary");
    adv_profile_set_choice(p, "dynamics", "stationary");
    adv_profile_set_choice(p, "action_structure", "single");
    return p;
}

static struct adv_eval eval(const struct adv_profile *p, const char *alg)
{
    struct adv_eval e;
    const struct tax_algorithm *a = tax_find_algorithm(p->tax, alg);
    if (!a)
        fail_msg("no algorithm %s", alg);
    adv_rules_eval(p, a, true, &e);
    return e;
}

static size_t count_kind(const struct adv_eval *e, enum adv_note_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n_notes; i++)
        n += e->notes[i].kind == k;
    return n;
}

static const struct adv_note *find_kind(const struct adv_eval *e, enum adv_note_kind k)
{
    for (size_t i = 0; i < e->n_notes; i++)
        if (e->notes[i].kind == k)
            return &e->notes[i];
    return NULL;
}

/* ---- given answers ---- */

static void test_score_is_the_sum_of_fits_of_given_answers(void **state)
{
    struct adv_profile *p = profile_a(*state);
    struct adv_eval e = eval(p, "ts");
    assert_false(e.excluded);
    assert_near(e.score, 3 + 2 + 2, 1e-12);
    assert_int_equal(count_kind(&e, ADV_NOTE_WHY), 3);
    assert_string_equal(e.notes[0].text, "reward_value = binary: made for it (+3)");
    adv_eval_release(&e);
    /* ucb1: 2 + 2 + 2; its caution on objective is open (not_sure), free */
    e = eval(p, "ucb1");
    assert_near(e.score, 6, 1e-12);
    assert_non_null(find_kind(&e, ADV_NOTE_OPEN_CAUTION));
    assert_string_equal(find_kind(&e, ADV_NOTE_OPEN_CAUTION)->text,
                        "if objective = identify_best: not built to stop and name a winner (you "
                        "are not sure)");
    adv_eval_release(&e);
    e = eval(p, "sw_ucb");
    assert_near(e.score, 1 + 0 + 2, 1e-12);
    adv_eval_release(&e);
    adv_profile_free(p);
}

static void test_an_exclusion_on_a_given_answer_excludes_with_its_reason(void **state)
{
    struct adv_profile *p = profile_a(*state);
    adv_profile_set_choice(p, "reward_value", "heavy_tailed");
    struct adv_eval e = eval(p, "ts");
    assert_true(e.excluded);
    const struct adv_note *n = find_kind(&e, ADV_NOTE_EXCLUSION);
    assert_non_null(n);
    assert_string_equal(n->text, "reward_value = heavy_tailed: a Beta posterior needs 0/1 rewards");
    adv_eval_release(&e);
    /* the entry question excludes every bandit, and the exit only for bandits */
    e = eval(p, "supervised");
    assert_true(e.excluded);
    adv_eval_release(&e);
    adv_profile_set_choice(p, "feedback_model", "full_information");
    e = eval(p, "supervised");
    assert_false(e.excluded);
    assert_near(e.score, 3, 1e-12);
    adv_eval_release(&e);
    adv_profile_free(p);
}

static void test_a_caution_subtracts_its_penalty(void **state)
{
    struct adv_profile *p = profile_a(*state);
    adv_profile_set_number(p, "arms", 5000);
    struct adv_eval e = eval(p, "ucb1");
    assert_near(e.score, 6 - 2, 1e-12);
    const struct adv_note *n = find_kind(&e, ADV_NOTE_CAUTION);
    assert_non_null(n);
    assert_string_equal(n->text, "tries every arm once (arms = 5000; -2)");
    assert_near(n->delta, -2, 0);
    adv_eval_release(&e);
    adv_profile_set_number(p, "arms", 999);
    e = eval(p, "ucb1");
    assert_null(find_kind(&e, ADV_NOTE_CAUTION));
    adv_eval_release(&e);
    adv_profile_free(p);
}

/* ---- not_sure ---- */

static void test_not_sure_adds_no_fit_and_never_excludes(void **state)
{
    struct adv_profile *p = profile_a(*state);
    adv_profile_set_choice(p, "reward_value", TAX_NOT_SURE);
    /* ts: nothing from reward_value; heavy_tailed would exclude it, which
     * becomes a free open caution */
    struct adv_eval e = eval(p, "ts");
    assert_false(e.excluded);
    assert_near(e.score, 2 + 2, 1e-12);
    const struct adv_note *n = find_kind(&e, ADV_NOTE_OPEN_EXCLUSION);
    assert_non_null(n);
    assert_near(n->delta, 0, 0);
    assert_true(tax_answer_is_not_sure(n->answer));
    assert_string_equal(n->text, "cannot handle reward_value = heavy_tailed (a Beta posterior "
                                 "needs 0/1 rewards); you are not sure about reward_value");
    for (size_t i = 0; i < e.n_notes; i++)   /* no "why" for an answer not given */
        assert_false(e.notes[i].kind == ADV_NOTE_WHY &&
                     e.notes[i].trait == tax_find_trait(p->tax, "reward_value"));
    /* ts's best fit on the unknown trait is 3: 2 points of unconfirmed
     * specialisation (a fit of 1 counts nothing) */
    assert_near(e.unconfirmed, 2, 0);
    adv_eval_release(&e);
    e = eval(p, "ucb1");
    assert_near(e.score, 4, 1e-12);
    assert_near(e.unconfirmed, 1, 0);
    adv_eval_release(&e);
    /* sw_ucb: its caution on heavy_tailed is open and free */
    e = eval(p, "sw_ucb");
    assert_near(e.score, 0 + 2, 1e-12);
    assert_non_null(find_kind(&e, ADV_NOTE_OPEN_CAUTION));
    assert_near(e.unconfirmed, 0, 0);
    adv_eval_release(&e);
    adv_profile_free(p);
}

static void test_numeric_not_sure_uses_the_default_and_never_excludes(void **state)
{
    struct adv_profile *p = adv_profile_new(*state);
    adv_profile_set_choice(p, "feedback_model", "bandit");
    adv_profile_set_choice(p, "action_structure", "slate");
    adv_profile_set_choice(p, "position_bias", "cascade");
    adv_profile_set_choice(p, "reward_value", "binary");
    /* arms not_sure: default 10 is in "arms <= 10", which would exclude */
    struct adv_eval e = eval(p, "cascade_klucb");
    assert_false(e.excluded);
    assert_near(e.score, 3 + 3 + 3 - 3, 1e-12);
    const struct adv_note *n = find_kind(&e, ADV_NOTE_OPEN_EXCLUSION);
    assert_non_null(n);
    assert_string_equal(n->text, "cannot handle arms <= 10 (needs more items than slots); you "
                                 "are not sure, and the default 10 is in that range (-3)");
    adv_eval_release(&e);
    adv_profile_set_number(p, "arms", 5);
    e = eval(p, "cascade_klucb");
    assert_true(e.excluded);
    adv_eval_release(&e);
    adv_profile_set_number(p, "arms", 50);
    e = eval(p, "cascade_klucb");
    assert_false(e.excluded);
    assert_near(e.score, 9, 1e-12);
    adv_eval_release(&e);
    adv_profile_free(p);
}

static void test_assumptions_open_and_broken(void **state)
{
    struct adv_profile *p = profile_a(*state);
    adv_profile_set_choice(p, "dynamics", TAX_NOT_SURE);
    struct adv_eval e = eval(p, "ts");
    const struct adv_note *n = find_kind(&e, ADV_NOTE_OPEN_ASSUMPTION);
    assert_non_null(n);
    /* 2 x the share of answers that contradict it (1 of 2) */
    assert_string_equal(n->text, "assumes dynamics = stationary; you are not sure (-1)");
    assert_near(n->delta, -1, 0);
    assert_near(e.score, 3 + 2 - 1, 1e-12);
    assert_true(adv_note_is_caution(n));
    adv_eval_release(&e);
    adv_profile_set_choice(p, "dynamics", "abrupt_changes");
    e = eval(p, "ts");
    n = find_kind(&e, ADV_NOTE_BROKEN_ASSUMPTION);
    assert_non_null(n);
    assert_string_equal(n->text, "assumes dynamics = stationary, but you answered abrupt_changes");
    assert_near(e.score, 3 - 2 + 2, 1e-12);
    adv_eval_release(&e);
    adv_profile_free(p);
}

/* ---- ask_if ---- */

static void test_traits_that_do_not_apply_contribute_nothing(void **state)
{
    struct adv_profile *p = profile_a(*state);
    const struct tax_trait *pb = tax_find_trait(p->tax, "position_bias");
    const struct tax_algorithm *c = tax_find_algorithm(p->tax, "cascade_klucb");
    bool ex;
    adv_profile_set_choice(p, "position_bias", "cascade");   /* ignored: single */
    assert_near(adv_rules_trait_delta(p, c, pb, &ex), 0, 0);
    assert_false(ex);
    adv_profile_set_choice(p, "action_structure", "slate");
    assert_near(adv_rules_trait_delta(p, c, pb, &ex), 3, 0);
    /* the parent not_sure: the child counts as answered */
    adv_profile_set_choice(p, "action_structure", TAX_NOT_SURE);
    assert_int_equal(adv_profile_applies(p, pb), ADV_APPLIES_MAYBE);
    assert_near(adv_rules_trait_delta(p, c, pb, &ex), 3, 0);
    adv_profile_free(p);
}

static void test_trait_deltas_add_up_to_the_score(void **state)
{
    const struct tax *t = *state;
    const char *const dyn[] = {"stationary", "abrupt_changes", TAX_NOT_SURE};
    const char *const rew[] = {"binary", "bounded_real", "heavy_tailed", TAX_NOT_SURE};
    for (size_t i = 0; i < 3; i++) {
        for (size_t j = 0; j < 4; j++) {
            struct adv_profile *p = adv_profile_new(t);
            adv_profile_set_choice(p, "dynamics", dyn[i]);
            adv_profile_set_choice(p, "reward_value", rew[j]);
            for (size_t a = 0; a < t->n_algorithms; a++) {
                struct adv_eval e;
                adv_rules_eval(p, &t->algorithms[a], false, &e);
                double sum = 0;
                bool any_ex = false;
                for (size_t k = 0; k < t->n_traits; k++) {
                    bool ex;
                    sum += adv_rules_trait_delta(p, &t->algorithms[a], &t->traits[k], &ex);
                    any_ex |= ex;
                }
                assert_int_equal(any_ex, e.excluded);
                if (!e.excluded)
                    assert_near(sum, e.score, 1e-9);
                assert_int_equal(e.n_notes, 0);   /* the fast path builds no text */
                adv_eval_release(&e);
            }
            adv_profile_free(p);
        }
    }
}

static void test_condition_fires_on_values_and_answers(void **state)
{
    const struct tax *t = *state;
    const struct tax_algorithm *c = tax_find_algorithm(t, "cascade_klucb");
    const struct tax_condition *single = &c->excludes[1].when;   /* action_structure single */
    const struct tax_condition *few = &c->excludes[2].when;      /* arms <= 10 */
    struct adv_profile *p = adv_profile_new(t);
    assert_false(adv_condition_fires(p, single));                 /* not_sure */
    assert_true(adv_condition_fires(p, few));                     /* default 10 */
    adv_profile_set_choice(p, "action_structure", "single");
    adv_profile_set_number(p, "arms", 11);
    assert_true(adv_condition_fires(p, single));
    assert_false(adv_condition_fires(p, few));
    adv_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* given answers */
        cmocka_unit_test(test_score_is_the_sum_of_fits_of_given_answers),
        cmocka_unit_test(test_an_exclusion_on_a_given_answer_excludes_with_its_reason),
        cmocka_unit_test(test_a_caution_subtracts_its_penalty),
        cmocka_unit_test(test_condition_fires_on_values_and_answers),
        /* not_sure */
        cmocka_unit_test(test_not_sure_adds_no_fit_and_never_excludes),
        cmocka_unit_test(test_numeric_not_sure_uses_the_default_and_never_excludes),
        cmocka_unit_test(test_assumptions_open_and_broken),
        /* ask_if and decomposition */
        cmocka_unit_test(test_traits_that_do_not_apply_contribute_nothing),
        cmocka_unit_test(test_trait_deltas_add_up_to_the_score),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
