/*
 * test_pol_glm: benchmarks/policies/glm.c, the logistic policies under
 * catalogue churn: their one weight vector over the features is what a new
 * item is scored by, so a replacement notice changes none of their plays,
 * and a new item whose features are the best is played within a few
 * rounds.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"

#include "tests/churn_fixture.h"
#include "tests/pol_fixture.h"

enum { AFTER = FCHURN_AFTER };

/* k = 4 items with features (1, f_a) and clicks Bernoulli(sigma(-2 + 3
 * f_a)) (churn_fixture.h, play_after_feature_replacement). */
static double logistic_click(double f)
{
    return 1.0 / (1.0 + exp(-(-2.0 + 3.0 * f)));
}

static int play_after_replacement(const char *id, double f_new, bool notify, int *arms)
{
    return play_after_feature_replacement(id, f_new, notify, true, logistic_click, 91, arms);
}

/* ---- replaced items ---- */

/* The replaced slot's score is the shared model's prediction on the new
 * item's features (Chapelle & Li 2011; Filippi et al. 2010): nothing is
 * reset, the told and the untold runs play the same arms (a new best item
 * and a new second-best one), and the model learned on the old items
 * finds the new best item at once. */
static void test_a_replaced_item_is_scored_by_the_shared_model(void **state)
{
    const char *ids[] = {"logistic_ts", "glm_ucb"};
    const double f_new[] = {1.2, 0.7};   /* the new best item; a new second-best */
    for (int i = 0; i < 2; i++)
        for (int c = 0; c < 2; c++) {
            int told[AFTER], silent[AFTER];
            int first = play_after_replacement(ids[i], f_new[c], true, told);
            play_after_replacement(ids[i], f_new[c], false, silent);
            if (memcmp(told, silent, sizeof(told)))
                fail_msg("%s: a replacement notice changed its plays (f = %g)", ids[i],
                         f_new[c]);
            if (c == 0 && first > 10)
                fail_msg("%s first plays the new best item after %d rounds", ids[i], first);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* replaced items */
        cmocka_unit_test(test_a_replaced_item_is_scored_by_the_shared_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
