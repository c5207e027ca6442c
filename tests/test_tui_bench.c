/*
 * test_tui_bench: the benchmark screen's live chart. While the run goes on
 * the chart and a short table come from the job's live curves (the mean
 * regret of the seeds finished so far, tui_job_live()) and say how many
 * seeds that is; once the run is done they come from the final results,
 * and the live curves agree with them. Cancelling still ends the run.
 *
 * Driven through the model's public API and drawn by the real views into
 * an offscreen 80x24 canvas, on the small stable taxonomy of
 * tests/golden/tui/.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "benchmarks/runner.h"
#include "benchmarks/spec.h"
#include "tui/actions.h"
#include "tui/canvas.h"
#include "tui/job.h"
#include "tui/model.h"
#include "tui/view.h"

#define TUI_DIR BM_SOURCE_ROOT "/tests/golden/tui"

static const struct tui_geom geom = {20, 20, 200, 17, 200};

static struct tui_model *new_model(const char *profile)
{
    const char *files[] = {TUI_DIR "/taxonomy.yaml"};
    struct tui_model_opts o = {files, 1, NULL, profile, true};
    struct diag_list d;
    diag_list_init(&d);
    struct tui_model *m = tui_model_new(&o, &d);
    diag_list_release(&d);
    assert_non_null(m);
    return m;
}

static void press(struct tui_model *m, const char *keys)
{
    char *copy = xstrdup(keys), *save = NULL;
    for (char *k = strtok_r(copy, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
        int key = tui_key_parse(k);
        assert_true(key >= 0);
        tui_model_key(m, key, &geom);
    }
    free(copy);
}

/* The screen as text, as save-display writes it. Caller frees. */
static char *screen(const struct tui_model *m)
{
    struct tui_canvas c;
    tui_canvas_init(&c);
    tui_canvas_resize(&c, 24, 80);
    view_render(m, &c);
    char *text = tui_canvas_dump(&c);
    tui_canvas_release(&c);
    return text;
}

static void assert_shows(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("the screen does not show '%s':\n%s", needle, text);
}

static void assert_hides(const char *text, const char *needle)
{
    if (strstr(text, needle))
        fail_msg("the screen shows '%s':\n%s", needle, text);
}

/* The live curves have the shape of the spec: its policies in order (the
 * recommended one after them when it is not raced), seed counts within
 * range, NAN rows exactly where no seed has finished. */
static int assert_live_sane(const struct tui_job_live *lv, const struct bench_spec *s)
{
    assert_int_equal(lv->seeds_total, s->seeds);
    assert_true(lv->n_policies >= s->n_policies);
    assert_true(lv->n_checkpoints >= 1);
    assert_int_equal(lv->checkpoints[lv->n_checkpoints - 1], s->horizon);
    for (size_t p = 0; p < s->n_policies; p++)
        assert_string_equal(lv->ids[p], s->policies[p]);
    int most = 0;
    for (size_t p = 0; p < lv->n_policies; p++) {
        assert_in_range(lv->seeds[p], 0, s->seeds);
        most = lv->seeds[p] > most ? lv->seeds[p] : most;
        for (size_t c = 0; c < lv->n_checkpoints; c++) {
            double v = lv->regret[p * lv->n_checkpoints + c];
            assert_true(lv->seeds[p] > 0 ? isfinite(v) : isnan(v));
        }
    }
    return most;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void test_live_chart_while_running_then_cancel(void **state)
{
    (void)state;
    /* a long horizon (the questionnaire caps it): the first seeds finish
       long before the last, and the run is cancelled once they have */
    char dir[] = "/tmp/bm_tui_bench_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *profile = xasprintf("%s/long.yaml", dir);
    FILE *f = fopen(profile, "w");
    assert_non_null(f);
    fputs("name: long\nanswers:\n  horizon: 1000000\n", f);
    fclose(f);
    struct tui_model *m = new_model(profile);
    unlink(profile);
    rmdir(dir);
    free(profile);
    press(m, "F5 b");
    const struct tui_job *j = tui_model_job(m);
    assert_non_null(j);
    assert_null(tui_job_live(j));            /* nothing has finished yet */
    const struct tui_job_live *lv = NULL;
    for (int i = 0; i < 6000 && !lv && tui_job_state(j) == TUI_JOB_RUNNING; i++) {
        sleep_ms(10);
        tui_model_tick(m);
        lv = tui_job_live(j);
    }
    assert_int_equal(tui_job_state(j), TUI_JOB_RUNNING);   /* the first seeds, not all */
    assert_non_null(lv);
    assert_true(assert_live_sane(lv, tui_job_spec(j)) >= 1);
    assert_null(tui_job_results(j));

    char *text = screen(m);
    char seeds[32];
    snprintf(seeds, sizeof(seeds), "/%d seeds", tui_job_spec(j)->seeds);
    assert_shows(text, "mean of ");          /* the chart's note */
    assert_shows(text, seeds);
    assert_shows(text, "regret so far");     /* the live table */
    assert_hides(text, "verdict (");         /* the verdict needs every seed */
    assert_hides(text, "preview");
    free(text);

    press(m, "Esc");
    tui_model_wait(m);
    tui_model_tick(m);
    assert_false(tui_model_busy(m));
    /* The job is CANCELLED whenever the cancel lands before bench_run
     * returns (tui/job.c's worker), and it was seen running with only its
     * first seeds done of a 10^6-round spec: seconds of work were left. */
    assert_int_equal(tui_job_state(j), TUI_JOB_CANCELLED);
    assert_null(tui_job_results(j));
    text = screen(m);
    assert_shows(text, "Cancelled.");
    assert_hides(text, "verdict (");
    free(text);
    tui_model_free(m);
}

/* Esc in the same key sequence as the start: the cancel is set before
 * any run of the 10^6-round spec can finish, so the one outcome is
 * CANCELLED, with no results and no verdict, and fewer runs done than
 * the spec has. */
static void test_cancel_before_any_run_is_cancelled(void **state)
{
    (void)state;
    char dir[] = "/tmp/bm_tui_bench_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *profile = xasprintf("%s/long.yaml", dir);
    FILE *f = fopen(profile, "w");
    assert_non_null(f);
    fputs("name: long\nanswers:\n  horizon: 1000000\n", f);
    fclose(f);
    struct tui_model *m = new_model(profile);
    unlink(profile);
    rmdir(dir);
    free(profile);
    press(m, "F5 b Esc");
    const struct tui_job *j = tui_model_job(m);
    assert_non_null(j);
    tui_model_wait(m);
    tui_model_tick(m);
    assert_false(tui_model_busy(m));
    assert_int_equal(tui_job_state(j), TUI_JOB_CANCELLED);
    assert_null(tui_job_results(j));
    char *text = screen(m);
    assert_shows(text, "Cancelled.");
    assert_hides(text, "verdict (");
    free(text);
    tui_model_free(m);
}

static void test_final_chart_and_table_come_from_results(void **state)
{
    (void)state;
    struct tui_model *m = new_model(TUI_DIR "/presets/small_carousel.yaml");
    press(m, "F5 b");
    tui_model_wait(m);
    tui_model_tick(m);
    const struct tui_job *j = tui_model_job(m);
    assert_int_equal(tui_job_state(j), TUI_JOB_DONE);
    const struct bench_results *r = tui_job_results(j);
    assert_non_null(r);
    char *text = screen(m);
    assert_shows(text, "verdict (");
    assert_shows(text, "95% CI");
    assert_hides(text, "mean of ");          /* no live note on the final chart */
    assert_hides(text, "regret so far");
    free(text);

    /* the live curves, when a report came, have the results' shape, and a
       policy with every seed finished has the results' mean curve */
    const struct tui_job_live *lv = tui_job_live(j);
    if (lv) {
        assert_live_sane(lv, tui_job_spec(j));
        assert_int_equal(lv->n_policies, r->n_policies);
        assert_int_equal(lv->n_checkpoints, r->n_checkpoints);
        for (size_t c = 0; c < r->n_checkpoints; c++)
            assert_int_equal(lv->checkpoints[c], r->checkpoints[c]);
        for (size_t p = 0; p < r->n_policies; p++) {
            assert_string_equal(lv->ids[p], r->policies[p].id);
            if (lv->seeds[p] != r->seeds)
                continue;
            for (size_t c = 0; c < r->n_checkpoints; c++)
                assert_near(lv->regret[p * r->n_checkpoints + c], r->policies[p].curve[c].mean,
                            1e-9 * (1 + fabs(r->policies[p].curve[c].mean)));
        }
    }
    tui_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_live_chart_while_running_then_cancel),
        cmocka_unit_test(test_cancel_before_any_run_is_cancelled),
        cmocka_unit_test(test_final_chart_and_table_come_from_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
