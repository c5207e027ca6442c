/*
 * view_bench: the benchmark: what will run, a progress bar, the regret
 * chart (braille; from the quick preview while the full run goes on), the
 * results table with 95% confidence intervals, and the verdict on the pick.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/recommend.h"
#include "advisor/spec.h"
#include "benchmarks/runner.h"
#include "taxonomy/xalloc.h"
#include "tui/chart.h"
#include "tui/job.h"
#include "tui/view.h"

enum { CHART_SERIES = 5 };

static const enum tui_role series_roles[CHART_SERIES] = {
    TUI_ROLE_SERIES2, TUI_ROLE_SERIES3, TUI_ROLE_SERIES4, TUI_ROLE_SERIES5, TUI_ROLE_DIM,
};

/* The results to show: the final ones, else the preview's. */
static const struct bench_results *shown(const struct tui_job *j, bool *preview)
{
    *preview = false;
    if (!j)
        return NULL;
    if (tui_job_state(j) == TUI_JOB_DONE)
        return tui_job_results(j);
    const struct bench_results *p = tui_job_preview(j);
    *preview = p != NULL;
    return p;
}

static bool is_pick(const struct bench_results *r, const struct bench_policy_result *p)
{
    return r->recommended && !strcmp(r->recommended, p->id);
}

static void plan(const struct tui_model *m, struct tui_doc *d)
{
    const struct adv_recommendation *rec = tui_model_recs(m)->rec;
    if (!rec) {
        tui_doc_add(d, TUI_ROLE_DIM, 0, "F4 first: the benchmark checks a recommendation.");
        return;
    }
    const struct adv_bench *b = &rec->bench;
    if (!b->workload || !b->n_policies) {
        tui_doc_add(d, TUI_ROLE_WARN, 0, "No simulation fits these answers.");
        return;
    }
    tui_doc_add(d, TUI_ROLE_NORMAL, 0, "Press b to run the simulation the advisor planned for "
                                       "your answers: every policy on the same seeds, so "
                                       "the comparison is paired.");
    tui_doc_blank(d);
    char pol[512];
    int n = 0;
    for (size_t i = 0; i < b->n_policies && n < (int)sizeof(pol); i++)
        n += snprintf(pol + n, sizeof(pol) - (size_t)n, "%s%s", i ? ", " : "", b->policies[i]);
    tui_doc_addf(d, TUI_ROLE_NORMAL, 1, "workload %s: %lld arms, horizon %lld, %d seeds",
                 b->workload, b->arms, b->horizon, b->seeds);
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

static void table(const struct bench_results *r, bool preview, struct tui_doc *d)
{
    const char *metric = r->goal == WL_GOAL_FIXED_CONFIDENCE ? "samples used"
                         : r->goal == WL_GOAL_FIXED_BUDGET   ? "error rate"
                                                             : "final regret";
    if (preview)
        tui_doc_addf(d, TUI_ROLE_WARN, 0, "preview from the first %d seeds; the full run "
                     "continues", r->seeds);
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
    if (preview)
        return;
    const struct bench_verdict *v = &r->verdict;
    enum tui_role role = v->kind == BENCH_VERDICT_WORSE ? TUI_ROLE_WARN
                         : v->kind == BENCH_VERDICT_NONE ? TUI_ROLE_DIM
                                                         : TUI_ROLE_OK;
    char label[64];
    snprintf(label, sizeof(label), "verdict (%s): ", bench_verdict_kind_name(v->kind));
    tui_doc_field(d, 0, TUI_ROLE_HEADING, label, role, v->text[0] ? v->text : "no pick to check");
}

void view_bench_detail(const struct tui_model *m, struct tui_doc *d)
{
    const struct tui_job *j = tui_model_job(m);
    bool preview;
    const struct bench_results *r = shown(j, &preview);
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
    default:
        break;
    }
    if (!r)
        tui_doc_add(d, TUI_ROLE_DIM, 0, "Running: the table appears with the first results.");
    else
        table(r, preview, d);
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

/* Up to CHART_SERIES curves: the best by final regret, and always the pick
 * (drawn last, so it stays on top). */
static void chart(const struct bench_results *r, struct tui_canvas *c, const struct view_rect *a)
{
    size_t order[64], n = 0;
    for (size_t i = 0; i < r->n_policies && n < 64; i++)
        order[n++] = i;
    for (size_t i = 1; i < n; i++)        /* insertion sort by final mean regret */
        for (size_t k = i; k > 0 && r->policies[order[k]].regret.mean <
                                        r->policies[order[k - 1]].regret.mean; k--) {
            size_t t = order[k];
            order[k] = order[k - 1];
            order[k - 1] = t;
        }
    struct tui_series s[CHART_SERIES + 1];
    double **ys = xcalloc(CHART_SERIES + 1, sizeof(*ys));
    double *x = xcalloc(r->n_checkpoints ? r->n_checkpoints : 1, sizeof(*x));
    size_t ns = 0;
    const struct bench_policy_result *pick = NULL;
    for (size_t i = 0; i < r->n_checkpoints; i++)
        x[i] = (double)r->checkpoints[i];
    for (size_t k = 0; k < n && ns <= CHART_SERIES; k++) {
        const struct bench_policy_result *p = &r->policies[order[k]];
        if (is_pick(r, p)) {
            pick = p;
            continue;
        }
        if (ns == CHART_SERIES - (r->recommended ? 1 : 0))
            continue;
        ys[ns] = xcalloc(r->n_checkpoints ? r->n_checkpoints : 1, sizeof(double));
        for (size_t i = 0; i < r->n_checkpoints; i++)
            ys[ns][i] = p->curve[i].mean;
        s[ns] = (struct tui_series){p->id, ys[ns], series_roles[ns % CHART_SERIES]};
        ns++;
    }
    if (pick) {
        ys[ns] = xcalloc(r->n_checkpoints ? r->n_checkpoints : 1, sizeof(double));
        for (size_t i = 0; i < r->n_checkpoints; i++)
            ys[ns][i] = pick->curve[i].mean;
        s[ns] = (struct tui_series){pick->id, ys[ns], TUI_ROLE_SERIES1};
        ns++;
    }
    struct tui_chart ch = {x, r->n_checkpoints, s, ns, "regret"};
    tui_chart_draw(c, a->y, a->x, a->h, a->w, &ch);
    for (size_t i = 0; i < ns; i++)
        free(ys[i]);
    free(ys);
    free(x);
}

void view_bench_draw(const struct tui_model *m, struct tui_canvas *c, const struct view_layout *l)
{
    const struct tui_job *j = tui_model_job(m);
    char title[256] = "Benchmark";
    if (j) {
        const struct spec *s = tui_job_spec(j);
        snprintf(title, sizeof(title), "Benchmark: %s · %lld arms · horizon %lld · %d seeds",
                 s->workload, s->arms, s->horizon, s->seeds);
    }
    view_pane_header(c, l->list_header_y, 1, c->cols - 2, title, NULL);
    bool preview;
    const struct bench_results *r = shown(j, &preview);
    struct view_rect body = l->detail;
    if (j) {
        progress_line(j, tui_model_timings(m), c, l->list_header_y + 1, c->cols - 2);
        if (r && r->n_checkpoints && r->n_policies)
            chart(r, c, &l->chart);
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
