/*
 * report: JSON and CSV of bench results. See report.h for the format.
 */
#include "report/results.h"

#include <math.h>

#include "base/jsonw.h"

const char *bench_goal_name(enum wl_goal g)
{
    switch (g) {
    case WL_GOAL_REGRET: return "regret";
    case WL_GOAL_FIXED_CONFIDENCE: return "fixed_confidence";
    case WL_GOAL_FIXED_BUDGET: return "fixed_budget";
    }
    return "?";
}

static void write_policy(struct jsonw *w, const struct bench_results *r,
                         const struct bench_policy_result *p, bool timing)
{
    jsonw_object_begin(w);
    jsonw_member_string(w, "policy", p->id);
    jsonw_member_string(w, "title", p->type->title);
    jsonw_member_number(w, "final_regret_mean", p->regret.mean);
    jsonw_member_pair(w, "final_regret_ci95", p->regret.lo, p->regret.hi);
    jsonw_member_number(w, "final_regret_sd", p->regret_sd);
    jsonw_member_number(w, "final_regret_median", p->regret_q.median);
    jsonw_member_number(w, "final_regret_q1", p->regret_q.q1);
    jsonw_member_number(w, "final_regret_q3", p->regret_q.q3);
    jsonw_member_number(w, "rounds_per_second", timing ? p->rounds_per_second : NAN);
    if (r->goal != WL_GOAL_REGRET) {
        jsonw_member_number(w, "error_rate", p->error_rate);
        jsonw_member_number(w, "samples_mean", p->samples_ci.mean);
        jsonw_member_pair(w, "samples_ci95", p->samples_ci.lo, p->samples_ci.hi);
    }
    if (r->budget > 0) {   /* budgets and inventory */
        jsonw_member_number(w, "budget_used_mean", p->budget_used.mean);
        jsonw_member_pair(w, "budget_used_ci95", p->budget_used.lo, p->budget_used.hi);
    }
    jsonw_key(w, "curve");
    jsonw_array_begin(w);
    for (size_t c = 0; c < r->n_checkpoints; c++) {
        jsonw_object_begin(w);
        jsonw_member_int(w, "t", r->checkpoints[c]);
        jsonw_member_number(w, "regret", p->curve[c].mean);
        jsonw_member_pair(w, "ci95", p->curve[c].lo, p->curve[c].hi);
        jsonw_member_number(w, "reward", p->reward_curve[c]);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
    jsonw_object_end(w);
}

static void write_verdict(struct jsonw *w, const struct bench_results *r)
{
    const struct bench_verdict *v = &r->verdict;
    jsonw_object_begin(w);
    jsonw_member_string(w, "kind", bench_verdict_kind_name(v->kind));
    jsonw_member_string(w, "recommended", v->recommended);
    jsonw_member_string(w, "best", v->best);
    jsonw_member_string(w, "runner_up", v->runner_up);
    jsonw_member_string(w, "metric", v->metric);
    jsonw_member_number(w, "recommended_mean",
                        v->kind == BENCH_VERDICT_NONE ? NAN : v->recommended_mean);
    jsonw_member_number(w, "best_mean", v->best_mean);
    bool paired = v->kind != BENCH_VERDICT_NONE && v->paired.n > 0;
    jsonw_member_number(w, "difference", paired ? v->paired.diff.mean : NAN);
    if (paired)
        jsonw_member_pair(w, "difference_ci95", v->paired.diff.lo, v->paired.diff.hi);
    else {
        jsonw_key(w, "difference_ci95");
        jsonw_null(w);
    }
    jsonw_member_number(w, "relative", v->relative);
    jsonw_member_int(w, "seeds", r->seeds);
    jsonw_member_string(w, "text", v->text);
    jsonw_object_end(w);
}

void report_results_json_value(struct jsonw *w, const struct bench_results *r, bool timing)
{
    jsonw_object_begin(w);
    jsonw_member_string(w, "workload", r->workload->name);
    jsonw_member_string(w, "goal", bench_goal_name(r->goal));
    jsonw_member_int(w, "arms", r->k);
    jsonw_member_int(w, "horizon", r->horizon);
    jsonw_member_int(w, "seeds", r->seeds);
    jsonw_member_int(w, "seed", (long long)r->seed);
    if (r->dim > 0)
        jsonw_member_int(w, "dim", r->dim);
    if (r->slate_size > 0)
        jsonw_member_int(w, "positions", r->slate_size);
    if (r->budget > 0)
        jsonw_member_number(w, "budget", r->budget);
    jsonw_key(w, "checkpoints");
    jsonw_array_begin(w);
    for (size_t c = 0; c < r->n_checkpoints; c++)
        jsonw_int(w, r->checkpoints[c]);
    jsonw_array_end(w);
    jsonw_key(w, "lower_bound");
    if (r->lower_bound) {
        jsonw_object_begin(w);
        jsonw_member_number(w, "constant", r->lower_bound_c);
        jsonw_key(w, "curve");
        jsonw_array_begin(w);
        for (size_t c = 0; c < r->n_checkpoints; c++)
            jsonw_number(w, r->lower_bound[c]);
        jsonw_array_end(w);
        jsonw_object_end(w);
    } else {
        jsonw_null(w);
    }
    jsonw_key(w, "results");
    jsonw_array_begin(w);
    for (size_t i = 0; i < r->n_policies; i++)
        write_policy(w, r, &r->policies[i], timing);
    jsonw_array_end(w);
    jsonw_key(w, "verdict");
    write_verdict(w, r);
    jsonw_object_end(w);
}

void report_results_json(const struct bench_results *r, FILE *out, bool pretty, bool timing)
{
    struct jsonw w;
    jsonw_init(&w, out, pretty);
    report_results_json_value(&w, r, timing);
    jsonw_finish(&w);
}

void report_results_csv(const struct bench_results *r, FILE *out)
{
    fputs("policy,t,regret_mean,regret_ci95_lo,regret_ci95_hi,reward_mean,lower_bound\n", out);
    for (size_t i = 0; i < r->n_policies; i++) {
        const struct bench_policy_result *p = &r->policies[i];
        for (size_t c = 0; c < r->n_checkpoints; c++) {
            fprintf(out, "%s,%lld,%.10g,%.10g,%.10g,%.10g,", p->id, r->checkpoints[c],
                    p->curve[c].mean, p->curve[c].lo, p->curve[c].hi, p->reward_curve[c]);
            if (r->lower_bound)
                fprintf(out, "%.10g", r->lower_bound[c]);
            fputc('\n', out);
        }
    }
}
