/*
 * test_recommendation: report/recommendation.c, the JSON and Markdown
 * renderings of a recommendation follow the documented contract.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "report/recommendation.h"

#include "tests/rec_json.h"
#include "tests/recommend_fixture.h"

static char *markdown_of(const struct adv_recommendation *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    report_rec_markdown(r, &plan, 3, f);
    bench_plan_release(&plan);
    fclose(f);
    return buf;
}

/* ---- reports ---- */

static void test_json_follows_the_contract(void **state)
{
    const char *const kv[] = {"reward_value", "binary", "action_structure", "single", NULL};
    struct adv_profile *p = profile(*state, kv);
    struct adv_recommendation *r = adv_recommend(p);
    char *j = json_of(r);
    const char *keys[] = {"\"recommendations\": [", "\"id\": \"ts\"", "\"name\":",
                          "\"family\": \"mab\"", "\"score\":", "\"why\": [",
                          "\"cautions\": [", "\"references\": [", "\"what_if\": [",
                          "\"advice\": [", "\"excluded\": [", "\"reason\":",
                          "\"benchmark\": {", "\"workload\": \"bernoulli\"", "\"policies\": ["};
    const char *at = j;
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const char *hit = strstr(at, keys[i]);
        if (!hit)
            fail_msg("JSON lacks %s (in order)", keys[i]);
        if (i < 8)
            at = hit;
    }
    assert_non_null(strstr(j, "Chapelle, O., Li, L. (2011). An empirical evaluation of "
                              "Thompson sampling. NIPS 2011."));
    free(j);
    char *md = markdown_of(r);
    assert_non_null(strstr(md, "# banditmap recommendation: profile"));
    assert_non_null(strstr(md, "### 1. Thompson sampling (`ts`)"));
    assert_non_null(strstr(md, "## What would change the pick"));
    assert_non_null(strstr(md, "## Operating advice"));
    assert_non_null(strstr(md, "## Excluded"));
    assert_non_null(strstr(md, "```yaml\nname:"));
    free(md);
    adv_recommendation_free(r);
    adv_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* reports */
        cmocka_unit_test(test_json_follows_the_contract),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
