/*
 * model_bench: the benchmark screen (see model_bench.h).
 */
#include "tui/model_bench.h"

#include <stdio.h>
#include <unistd.h>

#include "benchmarks/plan.h"
#include "benchmarks/runner.h"
#include "report/results.h"
#include "report/svg.h"
#include "tui/job.h"
#include "tui/model_util.h"
#include "tui/scroll.h"

void tui_bench_release(struct tui_model *m)
{
    tui_job_free(m->job);
    m->job = NULL;
    m->bench_scroll = 0;
}

static int worker_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

unsigned tui_bench_start(struct tui_model *m)
{
    if (m->job && tui_job_state(m->job) == TUI_JOB_RUNNING) {
        tui_set_status(m, TUI_STATUS_INFO, "the benchmark is running; Esc cancels it");
        return TUI_REACT_REDRAW;
    }
    tui_rec_ensure(m);
    if (!m->plan.workload || !m->plan.n_policies) {
        tui_set_status(m, TUI_STATUS_ERROR, "no simulation fits these answers");
        return TUI_REACT_REDRAW;
    }
    struct bench_spec *s = bench_plan_spec(&m->plan, m->profile);
    struct diag_list d;
    diag_list_init(&d);
    if (bench_check_spec(s, &d) < 0) {
        tui_show_diags(m, &d, "the harness cannot run this benchmark");
        diag_list_release(&d);
        bench_spec_free(s);
        return TUI_REACT_REDRAW;
    }
    diag_list_release(&d);
    tui_bench_release(m);
    m->job = tui_job_start(s, worker_threads());
    m->bench_seen = TUI_JOB_RUNNING;
    tui_set_status(m, TUI_STATUS_INFO, "benchmark running; Esc cancels");
    return TUI_REACT_REDRAW;
}

unsigned tui_bench_tick(struct tui_model *m)
{
    if (!m->job)
        return 0;
    bool changed = tui_job_poll(m->job);
    enum tui_job_state now = tui_job_state(m->job);
    if (m->bench_seen == now && !changed)
        return 0;
    bool finished = m->bench_seen == TUI_JOB_RUNNING && now != TUI_JOB_RUNNING;
    m->bench_seen = now;
    if (finished) {
        const struct bench_results *r = tui_job_results(m->job);
        if (now == TUI_JOB_DONE && m->timings)
            tui_set_status(m, TUI_STATUS_OK, "benchmark done in %.1f s; e exports the results",
                           r->wall_seconds);
        else if (now == TUI_JOB_DONE)
            tui_set_status(m, TUI_STATUS_OK, "benchmark done; e exports the results");
        else if (now == TUI_JOB_CANCELLED)
            tui_set_status(m, TUI_STATUS_INFO, "benchmark cancelled; b runs it again");
        else {
            struct diag_list copy;
            diag_list_init(&copy);
            diag_list_copy(&copy, &r->diags);
            tui_show_diags(m, &copy, "the benchmark failed");
            diag_list_release(&copy);
            tui_set_status(m, TUI_STATUS_ERROR, "the benchmark failed");
        }
    }
    return TUI_REACT_REDRAW;
}

bool tui_bench_busy(const struct tui_model *m)
{
    return m->job && tui_job_state(m->job) == TUI_JOB_RUNNING;
}

void tui_bench_wait(struct tui_model *m)
{
    if (m->job)
        tui_job_wait(m->job);
}

static void write_results(const struct tui_model *m, const char *path, FILE *out)
{
    const struct bench_results *r = tui_job_results(m->job);
    if (tui_has_suffix(path, ".csv"))
        report_results_csv(r, out);
    else if (tui_has_suffix(path, ".svg"))
        report_results_svg(r, out, tui_job_spec(m->job)->name);
    else
        report_results_json(r, out, true, false);   /* no timings: same bytes every run */
}

unsigned tui_bench_export_accept(struct tui_model *m)
{
    const char *path = m->prompt_text;
    if (!m->job || tui_job_state(m->job) != TUI_JOB_DONE) {
        tui_close_prompt(m);
        tui_set_status(m, TUI_STATUS_ERROR, "no results to export yet: b runs the benchmark");
        return TUI_REACT_REDRAW;
    }
    if (!tui_has_suffix(path, ".json") && !tui_has_suffix(path, ".csv") &&
        !tui_has_suffix(path, ".svg")) {
        tui_prompt_fail(m, "the name must end in .json, .csv or .svg");
        return TUI_REACT_REDRAW;
    }
    return tui_export_accept(m, "the results", write_results);
}

unsigned tui_bench_apply(struct tui_model *m, enum tui_action a, const struct tui_geom *g)
{
    int delta = tui_move_delta(a, g->detail_rows);
    if (delta) {
        tui_scroll(&m->bench_scroll, delta, g->detail_lines, g->detail_rows);
        return TUI_REACT_REDRAW;
    }
    switch (a) {
    case TUI_ACTION_BENCH_RUN:
        return tui_bench_start(m);
    case TUI_ACTION_BENCH_CANCEL:
        if (!tui_bench_busy(m))
            return 0;
        tui_job_cancel(m->job);
        tui_set_status(m, TUI_STATUS_INFO, "cancelling…");
        return TUI_REACT_REDRAW;
    case TUI_ACTION_BENCH_EXPORT:
        if (!m->job || tui_job_state(m->job) != TUI_JOB_DONE) {
            tui_set_status(m, TUI_STATUS_ERROR, "no results to export yet: b runs the benchmark");
            return TUI_REACT_REDRAW;
        }
        tui_open_prompt(m, TUI_PROMPT_EXPORT_RESULTS, "export the results to: ",
                        "results.json");
        return TUI_REACT_REDRAW;
    default:
        return 0;
    }
}
