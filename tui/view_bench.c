/*
 * view_bench: the benchmark: what will run, a progress bar, the regret
 * chart (braille), the results table with 95% confidence intervals, and
 * the verdict on the pick. While the run goes on, the chart and a short
 * table show the mean regret over the seeds finished so far (the job's
 * live curves, tui_job_live()), with how many seeds that is; once it is
 * done, the chart, the table and the verdict come from the final results.
 */
#include "tui/view_bench.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "base/xalloc.h"
#include "benchmarks/plan.h"
#include "benchmarks/runner.h"
#include "benchmarks/spec.h"
#include "tui/chart.h"
#include "tui/job.h"

enum { CHART_SERIES = 5 };

static const enum tui_role series_roles[CHART_SERIES] = {
    TUI_ROLE_SERIES2, TUI_ROLE_SERIES3, TUI_ROLE_SERIES4, TUI_ROLE_SERIES5, TUI_ROLE_DIM,
};

/* The final results once the run is DONE, else NULL: the table, the
 * verdict and the final chart come from these only. */
static const struct bench_results *final_results(const struct tui_job *j)
{
    return j && tui_job_state(j) == TUI_JOB_DONE ? tui_job_results(j) : NULL;
}

/* "12/20 seeds", or "11-12/20 seeds" while the policies are not level. */
static void seeds_text(const struct tui_job_live *lv, char *buf, size_t size)
{
    int lo = lv->seeds_total, hi = 0;
    for (size_t p = 0; p < lv->n_policies; p++) {
        lo = lv->seeds[p] < lo ? lv->seeds[p] : lo;
        hi = lv->seeds[p] > hi ? lv->seeds[p] : hi;
    }
    if (lo == hi)
        snprintf(buf, size, "%d/%d seeds", hi, lv->seeds_total);
    else
        snprintf(buf, size, "%d-%d/%d seeds", lo, hi, lv->seeds_total);
}

static bool is_pick(const struct bench_results *r, const struct bench_policy_result *p)
{
    return r->recommended && !strcmp(r->recommended, p->id);
}

static void plan(const struct tui_model *m, struct tui_doc *d)
{
    const struct bench_plan *b = tui_model_recs(m)->plan;
    if (!b) {
        tui_doc_add(d, TUI_ROLE_DIM, 0, "F4 first: the benchmark checks a recommendation.");
        return;
    }
    if (!b->workload || !b->n_policies) {
        tui_doc_add(d, TUI_ROLE_WARN, 0, "No simulation fits these answers.");
        return;
    }
    tui_doc_add(d, TUI_ROLE_NORMAL, 0, "Press b to run the simulation the advisor planned for "
                                       "your answers: every policy on the same seeds, so "
                                       "the comparison is paired.");
    tui_doc_blank(d);
    char pol[512];
    view_policy_list(b, pol, sizeof(pol));
    tui_doc_addf(d, TUI_ROLE_NORMAL, 1, "workload %s: %lld arms, horizon %lld%s, %d seeds",
                 b->workload, b->arms, b->horizon, b->scaled ? " (scaled down)" : "", b->seeds);
    tui_doc_field(d, 1, TUI_ROLE_KEY, "policies: ", TUI_ROLE_NORMAL, pol);
    tui_doc_field(d, 1, TUI_ROLE_KEY, "checks: ", TUI_ROLE_NORMAL,
                  b->recommended ? b->recommended : "(no simulated pick)");
    if (b->note)
        tui_doc_add(d, TUI_ROLE_DIM, 1, b->note);
}

/* The score the verdict compares, as mean [lo, hi]. */
static void score_text(const struct bench_results *r, const struct bench_policy_result *p,
                       char *mean, char *ci, size_t size)
{
    char lo[32], hi[32];
    switch (r->goal) {
    case WL_GOAL_FIXED_CONFIDENCE:
        tui_compact_number(p->samples_ci.mean, mean, size);
        snprintf(ci, size, "[%s, %s]", tui_compact_number(p->samples_ci.lo, lo, sizeof(lo)),
                 tui_compact_number(p->samples_ci.hi, hi, sizeof(hi)));
        break;
    case WL_GOAL_FIXED_BUDGET:
        snprintf(mean, size, "%.3f", p->error_rate);
        snprintf(ci, size, "-");
        break;
    default:
        snprintf(mean, size, "%.1f", p->regret.mean);
        snprintf(ci, size, "[%.1f, %.1f]", p->regret.lo, p->regret.hi);
        break;
    }
}

static void table(const struct bench_results *r, struct tui_doc *d)
{
    const char *metric = r->goal == WL_GOAL_FIXED_CONFIDENCE ? "samples used"
                         : r->goal == WL_GOAL_FIXED_BUDGET   ? "error rate"
                                                             : "final regret";
    tui_doc_addf(d, TUI_ROLE_HEADING, 0, "   %-16s %12s  %-24s %s", "policy", metric, "95% CI",
                 r->goal == WL_GOAL_REGRET ? "median" : "");
    for (size_t i = 0; i < r->n_policies; i++) {
        const struct bench_policy_result *p = &r->policies[i];
        char mean[32], ci[64], med[32] = "";
        score_text(r, p, mean, ci, sizeof(mean));
        if (r->goal == WL_GOAL_REGRET)
            snprintf(med, sizeof(med), "%.1f", p->regret_q.median);
        bool pick = is_pick(r, p);
        tui_doc_addf(d, pick ? TUI_ROLE_OK : TUI_ROLE_NORMAL, 0, " %s %-16.16s %12s  %-24s %s%s",
                     pick ? "★" : " ", p->id, mean, ci, med, pick ? "  ← the pick" : "");
    }
    const struct bench_verdict *v = &r->verdict;
    enum tui_role role = v->kind == BENCH_VERDICT_WORSE ? TUI_ROLE_WARN
                         : v->kind == BENCH_VERDICT_NONE ? TUI_ROLE_DIM
                                                         : TUI_ROLE_OK;
    char label[64];
    snprintf(label, sizeof(label), "verdict (%s): ", bench_verdict_kind_name(v->kind));
    tui_doc_field(d, 0, TUI_ROLE_HEADING, label, role, v->text[0] ? v->text : "no pick to check");
}

/* While running: each policy's mean regret at the horizon over the seeds
 * finished so far (no intervals: those, and the verdict, need every seed). */
static void live_table(const struct tui_job_live *lv, const char *recommended,
                       struct tui_doc *d)
{
    char seeds[48];
    seeds_text(lv, seeds, sizeof(seeds));
    tui_doc_addf(d, TUI_ROLE_DIM, 0, "So far (%s): the table with 95%% CIs and the verdict "
                 "come when every seed has finished.", seeds);
    tui_doc_addf(d, TUI_ROLE_HEADING, 0, "   %-16s %12s  %s", "policy", "regret so far", "seeds");
    for (size_t p = 0; p < lv->n_policies; p++) {
        double v = lv->regret[p * lv->n_checkpoints + lv->n_checkpoints - 1];
        char mean[32] = "-";
        if (lv->seeds[p] > 0)
            snprintf(mean, sizeof(mean), "%.1f", v);
        bool pick = recommended && !strcmp(recommended, lv->ids[p]);
        tui_doc_addf(d, pick ? TUI_ROLE_OK : TUI_ROLE_NORMAL, 0, " %s %-16.16s %12s  %d/%d%s",
                     pick ? "★" : " ", lv->ids[p], mean, lv->seeds[p], lv->seeds_total,
                     pick ? "  ← the pick" : "");
    }
}

void view_bench_detail(const struct tui_model *m, struct tui_doc *d)
{
    const struct tui_job *j = tui_model_job(m);
    if (!j) {
        plan(m, d);
        return;
    }
    switch (tui_job_state(j)) {
    case TUI_JOB_FAILED:
        tui_doc_add(d, TUI_ROLE_ERROR, 0, "The benchmark could not run:");
        for (size_t i = 0; i < tui_job_results(j)->diags.count; i++) {
            char *text = diag_format(&tui_job_results(j)->diags.items[i]);
            tui_doc_add(d, TUI_ROLE_ERROR, 1, text);
            free(text);
        }
        return;
    case TUI_JOB_CANCELLED:
        tui_doc_add(d, TUI_ROLE_WARN, 0, "Cancelled. b runs the benchmark again.");
        return;
    case TUI_JOB_DONE:
        table(final_results(j), d);
        return;
    case TUI_JOB_RUNNING:
        break;
    }
    const struct tui_job_live *lv = tui_job_live(j);
    if (!lv)
        tui_doc_add(d, TUI_ROLE_DIM, 0, "Running: the table appears with the first results.");
    else
        live_table(lv, tui_job_spec(j)->recommended, d);
}

static void progress_line(const struct tui_job *j, bool timings, struct tui_canvas *c, int y,
                          int w)
{
    const struct tui_job_progress *p = tui_job_progress(j);
    double f = p->rounds_total > 0 ? (double)p->rounds_done / (double)p->rounds_total : 0;
    enum tui_job_state st = tui_job_state(j);
    if (st == TUI_JOB_DONE)
        f = 1;
    int bw = w / 3;
    int filled = (int)(f * bw + 0.5);
    tui_canvas_fill(c, y, 1, 1, filled, 0x2588, TUI_ROLE_OK);
    tui_canvas_fill(c, y, 1 + filled, 1, bw - filled, 0x2591, TUI_ROLE_DIM);
    char info[160];
    const char *what = st == TUI_JOB_RUNNING     ? "running"
                       : st == TUI_JOB_DONE      ? "done"
                       : st == TUI_JOB_CANCELLED ? "cancelled"
                                                 : "failed";
    if (!timings) {
        snprintf(info, sizeof(info), "%3.0f%%  %s", 100 * f, what);
    } else if (st == TUI_JOB_DONE) {
        snprintf(info, sizeof(info), "%3.0f%%  %s in %.1f s", 100 * f, what, p->elapsed);
    } else {
        char rounds[32];
        double rate = p->elapsed > 0 ? (double)p->rounds_done / p->elapsed : 0;
        snprintf(info, sizeof(info), "%3.0f%%  %s · %zu/%zu runs · %s rounds/s · %.1f s", 100 * f,
                 what, p->runs_done, p->runs_total,
                 tui_compact_number(rate, rounds, sizeof(rounds)), p->elapsed);
    }
    tui_canvas_text(c, y, 2 + bw, w - bw - 2, st == TUI_JOB_FAILED ? TUI_ROLE_ERROR
                                                                   : TUI_ROLE_NORMAL, info);
}

/* The curves to chart: n policies, row i of n_cp values; key[i] orders
 * them (lower first; NAN last). */
struct curves {
    size_t n, n_cp;
    const char *const *ids;
    const double *const *rows;
    const double *key;
    const long long *checkpoints;
    const char *recommended;     /* or NULL */
    const char *note;            /* or NULL */
};

static bool before(double a, double b)
{
    return !isnan(a) && (isnan(b) || a < b);
}

/* Up to CHART_SERIES curves: the best by key, and always the pick (drawn
 * last, so it stays on top). */
static void draw_chart(const struct curves *cv, struct tui_canvas *c, const struct view_rect *a)
{
    size_t order[64], n = 0;
    for (size_t i = 0; i < cv->n && n < 64; i++)
        order[n++] = i;
    for (size_t i = 1; i < n; i++)        /* insertion sort by key */
        for (size_t k = i; k > 0 && before(cv->key[order[k]], cv->key[order[k - 1]]); k--) {
            size_t t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
    struct tui_series s[CHART_SERIES + 1];
    double *x = xcalloc(cv->n_cp ? cv->n_cp : 1, sizeof(*x));
    for (size_t i = 0; i < cv->n_cp; i++)
        x[i] = (double)cv->checkpoints[i];
    size_t ns = 0, pick = SIZE_MAX;
    for (size_t k = 0; k < n && ns <= CHART_SERIES; k++) {
        size_t p = order[k];
        if (cv->recommended && !strcmp(cv->recommended, cv->ids[p])) {
            pick = p;
            continue;
        }
        if (ns == CHART_SERIES - (cv->recommended ? 1 : 0))
            continue;
        s[ns] = (struct tui_series){cv->ids[p], cv->rows[p], series_roles[ns % CHART_SERIES]};
        ns++;
    }
    if (pick != SIZE_MAX)
        s[ns++] = (struct tui_series){cv->ids[pick], cv->rows[pick], TUI_ROLE_SERIES1};
    struct tui_chart ch = {x, cv->n_cp, s, ns, "regret", cv->note};
    tui_chart_draw(c, a->y, a->x, a->h, a->w, &ch);
    free(x);
}

/* The final chart: mean cumulative regret with every seed. */
static void final_chart(const struct bench_results *r, struct tui_canvas *c,
                        const struct view_rect *a)
{
    size_t n = r->n_policies;
    const char **ids = xcalloc(n, sizeof(*ids));
    double **rows = xcalloc(n, sizeof(*rows));
    double *key = xcalloc(n, sizeof(*key));
    for (size_t i = 0; i < n; i++) {
        const struct bench_policy_result *p = &r->policies[i];
        ids[i] = p->id;
        key[i] = p->regret.mean;
        rows[i] = xcalloc(r->n_checkpoints, sizeof(double));
        for (size_t k = 0; k < r->n_checkpoints; k++)
            rows[i][k] = p->curve[k].mean;
    }
    struct curves cv = {n, r->n_checkpoints, ids, (const double *const *)rows, key,
                        r->checkpoints, r->recommended, NULL};
    draw_chart(&cv, c, a);
    for (size_t i = 0; i < n; i++)
        free(rows[i]);
    free(rows);
    free(ids);
    free(key);
}

/* The live chart: the mean over the seeds finished so far, and how many. */
static void live_chart(const struct tui_job_live *lv, const char *recommended,
                       struct tui_canvas *c, const struct view_rect *a)
{
    size_t n = lv->n_policies;
    const double **rows = xcalloc(n, sizeof(*rows));
    double *key = xcalloc(n, sizeof(*key));
    for (size_t i = 0; i < n; i++) {
        rows[i] = lv->regret + i * lv->n_checkpoints;
        key[i] = lv->seeds[i] > 0 ? rows[i][lv->n_checkpoints - 1] : NAN;
    }
    char seeds[48], note[64];
    seeds_text(lv, seeds, sizeof(seeds));
    snprintf(note, sizeof(note), "mean of %s", seeds);
    struct curves cv = {n, lv->n_checkpoints, lv->ids, rows, key, lv->checkpoints,
                        recommended, note};
    draw_chart(&cv, c, a);
    free(rows);
    free(key);
}

void view_bench_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l)
{
    const struct tui_job *j = tui_model_job(m);
    char title[256] = "Benchmark";
    if (j) {
        const struct bench_spec *s = tui_job_spec(j);
        snprintf(title, sizeof(title), "Benchmark: %s · %lld arms · horizon %lld · %d seeds",
                 s->workload, s->arms, s->horizon, s->seeds);
    }
    view_pane_header(c, l->list_header_y, 1, c->cols - 2, title, NULL);
    const struct bench_results *r = final_results(j);
    const struct tui_job_live *lv = j ? tui_job_live(j) : NULL;
    struct view_rect body = l->detail;
    if (j) {
        progress_line(j, tui_model_timings(m), c, l->list_header_y + 1, c->cols - 2);
        if (r && r->n_checkpoints && r->n_policies)
            final_chart(r, c, &l->chart);
        else if (!r && lv && lv->n_checkpoints && lv->n_policies)
            live_chart(lv, tui_job_spec(j)->recommended, c, &l->chart);
        else
            tui_canvas_text(c, l->chart.y + l->chart.h / 2, 10, -1, TUI_ROLE_DIM,
                            tui_job_state(j) == TUI_JOB_RUNNING
                                ? "the regret chart appears with the first results…"
                                : "");
    } else {
        body.y = l->list_header_y + 2;   /* nothing ran yet: the plan uses the whole body */
        body.h = l->detail.y + l->detail.h - body.y;
    }
    struct tui_doc d;
    tui_doc_init(&d, body.w);
    view_bench_detail(m, &d);
    view_doc_pane(c, &d, &body, tui_model_bench_scroll(m));
    tui_doc_release(&d);
}
