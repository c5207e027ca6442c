/*
 * rec_json: json_of(), a recommendation and its benchmark plan rendered as
 * report_rec_json() writes them (test-only). The caller owns the string;
 * free with free().
 */
#ifndef BM_TEST_REC_JSON_H
#define BM_TEST_REC_JSON_H

#include "tests/helpers.h"

#include <stdbool.h>

#include "advisor/recommend.h"
#include "benchmarks/plan.h"
#include "report/recommendation.h"

static inline char *json_of(const struct adv_recommendation *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    report_rec_json(r, &plan, 0, true, f);
    bench_plan_release(&plan);
    fclose(f);
    return buf;
}

#endif
