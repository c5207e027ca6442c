/*
 * test_tui_model: the TUI's curses-free model, driven through its public
 * API exactly as the key loop drives it, on the small stable taxonomy of
 * tests/golden/tui/. assert_sane_model() checks the invariants after every
 * step.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "advisor/presets.h"
#include "advisor/recommend.h"
#include "base/xalloc.h"
#include "tui/actions.h"
#include "tui/job.h"
#include "tui/model.h"

#define TUI_DIR BM_SOURCE_ROOT "/tests/golden/tui"

static const struct tui_geom geom = {20, 20, 200, 17, 200};

static struct tui_model *new_model_with(const char *tax_file, const char *profile)
{
    const char *files[] = {tax_file};
    struct tui_model_opts o = {files, 1, NULL, profile, true};
    struct diag_list d;
    diag_list_init(&d);
    struct tui_model *m = tui_model_new(&o, &d);
    for (size_t i = 0; !m && i < d.count; i++)
        print_message("%s\n", diag_format(&d.items[i]));
    diag_list_release(&d);
    assert_non_null(m);
    return m;
}

static struct tui_model *new_model(const char *profile)
{
    return new_model_with(TUI_DIR "/taxonomy.yaml", profile);
}

static void assert_sane_model(const struct tui_model *m)
{
    const struct tax *t = tui_model_tax(m);
    const struct adv_profile *p = tui_model_profile(m);
    assert_non_null(t);
    assert_non_null(p);
    assert_ptr_equal(p->tax, t);
    assert_int_equal(p->n_answers, t->n_traits);
    const struct tui_map_state *map = tui_model_map(m);
    if (map->n_rows) {
        assert_in_range(map->cursor, 0, map->n_rows - 1);
        for (size_t i = 0; i < map->n_rows; i++) {
            const struct tui_map_row *r = &map->rows[i];
            assert_true(r->family >= t->families && r->family < t->families + t->n_families);
            if (r->alg)
                assert_ptr_equal(r->alg->family, r->family);
        }
    }
    assert_true(map->detail_scroll >= 0);
    const struct tui_quiz_state *q = tui_model_quiz(m);
    assert_true(q->n_asked >= 1);
    assert_true(q->pos < q->n_asked);
    for (size_t i = 0; i < q->n_asked; i++) {
        assert_true(q->asked[i] < t->n_traits);
        if (i)
            assert_true(q->asked[i] > q->asked[i - 1]);
        assert_int_not_equal(adv_profile_applies(p, &t->traits[q->asked[i]]), ADV_APPLIES_NO);
    }
    const struct tui_recs_state *r = tui_model_recs(m);
    if (r->rec && r->rec->n_ranked)
        assert_in_range(r->cursor, 0, r->rec->n_ranked - 1);
    unsigned ctx = tui_model_context(m);
    assert_true(ctx && !(ctx & (ctx - 1)));   /* exactly one context bit */
}

/* Press space-separated key names; returns the OR of the reactions. */
static unsigned press(struct tui_model *m, const char *keys)
{
    char *copy = xstrdup(keys), *save = NULL;
    unsigned react = 0;
    for (char *k = strtok_r(copy, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
        int key = tui_key_parse(k);
        if (key < 0)
            fail_msg("bad key name '%s' in the test", k);
        react |= tui_model_key(m, key, &geom);
        assert_sane_model(m);
    }
    free(copy);
    return react;
}

static void type(struct tui_model *m, const char *text)
{
    for (const char *s = text; *s; s++) {
        tui_model_key(m, (unsigned char)*s, &geom);
        assert_sane_model(m);
    }
}

static const struct tax_trait *current_trait(const struct tui_model *m)
{
    const struct tui_quiz_state *q = tui_model_quiz(m);
    return &tui_model_tax(m)->traits[q->asked[q->pos]];
}

static bool asked(const struct tui_model *m, const char *trait_id)
{
    const struct tui_quiz_state *q = tui_model_quiz(m);
    for (size_t i = 0; i < q->n_asked; i++)
        if (!strcmp(tui_model_tax(m)->traits[q->asked[i]].id, trait_id))
            return true;
    return false;
}

static char *temp_dir(void)
{
    char *dir = xstrdup("/tmp/bm_tui_test_XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static bool file_has(const char *path, const char *needle)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return strstr(buf, needle) != NULL;
}

/* ---- the map ---- */

static void test_map_starts_with_closed_families(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    assert_sane_model(m);
    const struct tui_map_state *s = tui_model_map(m);
    assert_int_equal(s->n_rows, 2);
    assert_null(s->rows[0].alg);
    assert_string_equal(s->rows[0].family->id, "stochastic_mab");
    tui_model_free(m);
}

static void test_map_opens_closes_and_reads_algorithms(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    press(m, "Enter");
    const struct tui_map_state *s = tui_model_map(m);
    assert_int_equal(s->n_rows, 2 + 4);               /* four stochastic algorithms */
    press(m, "l");                                    /* open family: go to its first algorithm */
    assert_int_equal(s->cursor, 1);
    assert_string_equal(s->rows[s->cursor].alg->id, "ts");
    press(m, "Enter");                                /* an algorithm: read it */
    assert_int_equal(tui_model_focus(m), TUI_PANE_DETAIL);
    press(m, "j j");                                  /* in the details, j scrolls */
    assert_int_equal(s->detail_scroll, 2);
    assert_int_equal(s->cursor, 1);
    press(m, "h h");                                  /* back to the list, then to the family */
    assert_int_equal(tui_model_focus(m), TUI_PANE_LIST);
    assert_int_equal(s->cursor, 0);
    press(m, "h");                                    /* close it */
    assert_int_equal(s->n_rows, 2);
    tui_model_free(m);
}

static void test_map_detail_scroll_stays_within_content(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    const struct tui_geom small = {10, 10, 14, 5, 5};
    tui_apply(m, TUI_ACTION_FOCUS_NEXT, 0, &small);
    for (int i = 0; i < 20; i++)
        tui_apply(m, TUI_ACTION_DOWN, 0, &small);
    assert_int_equal(tui_model_map(m)->detail_scroll, 14 - 10);
    tui_apply(m, TUI_ACTION_FIRST, 0, &small);
    assert_int_equal(tui_model_map(m)->detail_scroll, 0);
    tui_model_free(m);
}

static void test_search_filters_as_you_type_and_esc_restores(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    const struct tui_map_state *s = tui_model_map(m);
    press(m, "/");
    assert_true(tui_model_wants_text(m));
    type(m, "uc");
    /* UCB1 and KL-UCB match "uc"; their family is shown open */
    assert_int_equal(s->n_rows, 3);
    assert_string_equal(s->rows[s->cursor].alg->id, "ucb1");
    type(m, "b1");
    assert_int_equal(s->n_rows, 2);
    press(m, "Esc");                                  /* cancel: back to no filter */
    assert_false(tui_model_wants_text(m));
    assert_string_equal(s->filter, "");
    assert_int_equal(s->n_rows, 2);
    press(m, "/");
    type(m, "exp");
    press(m, "Enter");                                /* accept: the filter stays */
    assert_string_equal(s->filter, "exp");
    assert_string_equal(s->rows[s->cursor].alg->id, "exp3");
    press(m, "Esc");                                  /* Esc on the map clears it */
    assert_string_equal(s->filter, "");
    tui_model_free(m);
}

static void test_search_without_match_empties_the_tree(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    press(m, "/");
    type(m, "zzz");
    assert_int_equal(tui_model_map(m)->n_rows, 0);
    assert_int_equal(tui_model_status(m).kind, TUI_STATUS_ERROR);
    press(m, "Backspace Backspace Backspace");
    assert_int_equal(tui_model_map(m)->n_rows, 2);
    tui_model_free(m);
}

/* ---- the questionnaire ---- */

static void test_quiz_digits_answer_and_advance(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    press(m, "F3");
    assert_int_equal(tui_model_screen(m), TUI_SCREEN_QUIZ);
    assert_string_equal(current_trait(m)->id, "feedback_model");
    press(m, "1");
    assert_true(adv_profile_is(tui_model_profile(m), "feedback_model", "bandit"));
    assert_string_equal(current_trait(m)->id, "reward_value");
    press(m, "j Enter");                              /* highlight the second answer, choose */
    assert_true(adv_profile_is(tui_model_profile(m), "reward_value", "bounded_real"));
    press(m, "h");                                    /* back: the answer is highlighted */
    assert_string_equal(current_trait(m)->id, "reward_value");
    assert_int_equal(tui_model_quiz(m)->cursor, 1);
    press(m, "7");                                    /* no such answer: nothing changes */
    assert_string_equal(current_trait(m)->id, "reward_value");
    assert_int_equal(tui_model_status(m).kind, TUI_STATUS_ERROR);
    tui_model_free(m);
}

static void test_quiz_asks_follow_up_only_when_it_applies(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    press(m, "F3");
    /* reward_delay is not_sure: delay_hours may apply, so it is asked */
    assert_true(asked(m, "delay_hours"));
    press(m, "1 1 1 1");                              /* ... reward_delay = immediate */
    assert_false(asked(m, "delay_hours"));
    assert_string_equal(current_trait(m)->id, "arms");
    press(m, "h 2");                                  /* back; reward_delay = bounded */
    assert_true(asked(m, "delay_hours"));
    assert_string_equal(current_trait(m)->id, "delay_hours");
    tui_model_free(m);
}

static void test_quiz_refuses_numbers_out_of_range(void **state)
{
    (void)state;
    static const struct {
        const char *title, *typed, *error;
    } cases[] = {
        {"below the minimum", "1", "must be a whole number from 2 to 1000000"},
        {"not whole", "2.5", "must be a whole number from 2 to 1000000"},
        {"not a number", "12x", "\"12x\" is not a number"},
        {"empty", "", "\"\" is not a number"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct tui_model *m = new_model(NULL);
        press(m, "F3 1 1 1 1");                       /* to arms (reward_delay immediate) */
        assert_string_equal(current_trait(m)->id, "arms");
        press(m, "Enter");                            /* "type a value" opens the prompt */
        assert_int_equal(tui_model_prompt(m).kind, TUI_PROMPT_NUMBER);
        type(m, cases[i].typed);
        press(m, "Enter");
        struct tui_prompt p = tui_model_prompt(m);
        if (p.kind != TUI_PROMPT_NUMBER || !p.error || strcmp(p.error, cases[i].error))
            fail_msg("%s: expected error '%s', got '%s'", cases[i].title, cases[i].error,
                     p.error ? p.error : "(none)");
        assert_false(adv_profile_get(tui_model_profile(m), "arms")->given);
        tui_model_free(m);
    }
}

static void test_quiz_accepts_a_number_in_range(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    press(m, "F3 1 1 1 1 5 0");                       /* digit 5 opens the prompt with "5" */
    assert_int_equal(tui_model_prompt(m).kind, TUI_PROMPT_NUMBER);
    assert_string_equal(tui_model_prompt(m).text, "50");
    press(m, "Enter");
    assert_int_equal(tui_model_prompt(m).kind, TUI_PROMPT_NONE);
    assert_near(adv_profile_get(tui_model_profile(m), "arms")->value, 50, 0);
    assert_string_equal(current_trait(m)->id, "horizon");
    press(m, "0");                                    /* not sure: the default stands */
    const struct adv_answer *h = adv_profile_get(tui_model_profile(m), "horizon");
    assert_true(h->given && h->not_sure);
    assert_near(h->value, 100000, 0);
    tui_model_free(m);
}

static void test_quiz_last_answer_opens_the_recommendations(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    press(m, "F3 h");                                 /* back from the first: stays */
    assert_string_equal(current_trait(m)->id, "feedback_model");
    press(m, "1 1 1 1 n n n");                        /* the last question is base_rate */
    assert_string_equal(current_trait(m)->id, "base_rate");
    press(m, "n");
    assert_int_equal(tui_model_screen(m), TUI_SCREEN_RECS);
    assert_non_null(tui_model_recs(m)->rec);
    tui_model_free(m);
}

static void test_preset_loads_its_answers(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    press(m, "F3 p");
    assert_int_equal(tui_model_overlay(m), TUI_OVERLAY_PRESETS);
    assert_int_equal(tui_model_list(m)->presets->count, 2);
    press(m, "j Enter");                              /* small_carousel */
    assert_int_equal(tui_model_overlay(m), TUI_OVERLAY_NONE);
    assert_string_equal(tui_model_profile(m)->name, "small_carousel");
    assert_near(adv_profile_number(tui_model_profile(m), "horizon", 0), 3000, 0);
    assert_int_equal(tui_model_quiz(m)->pos, 0);
    tui_model_free(m);
}

/* ---- recommendations and exports ---- */

static void test_recommendations_follow_the_answers(void **state)
{
    (void)state;
    struct tui_model *m = new_model(TUI_DIR "/presets/small_carousel.yaml");
    press(m, "F4");
    const struct adv_recommendation *r = tui_model_recs(m)->rec;
    assert_non_null(r);
    assert_string_equal(r->ranked[0].alg->id, "ts");
    assert_int_equal(r->n_excluded, 0);
    press(m, "j");
    assert_int_equal(tui_model_recs(m)->cursor, 1);
    /* every outcome observed: ts and ucb1 exclude it, the ranking is recomputed */
    press(m, "F3 2 F4");
    r = tui_model_recs(m)->rec;
    assert_int_equal(r->n_excluded, 2);
    assert_string_not_equal(r->ranked[0].alg->id, "ts");
    assert_int_equal(tui_model_recs(m)->cursor, 0);
    tui_model_free(m);
}

static void test_save_profile_round_trips(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char *path = xasprintf("%s/answers.yaml", dir);
    struct tui_model *m = new_model(NULL);
    press(m, "F3 1 2 s C-u");
    type(m, path);
    press(m, "Enter");
    assert_int_equal(tui_model_prompt(m).kind, TUI_PROMPT_NONE);
    assert_int_equal(tui_model_status(m).kind, TUI_STATUS_OK);
    tui_model_free(m);
    m = new_model(path);
    assert_true(adv_profile_is(tui_model_profile(m), "feedback_model", "bandit"));
    assert_true(adv_profile_is(tui_model_profile(m), "reward_value", "bounded_real"));
    assert_false(adv_profile_get(tui_model_profile(m), "arms")->given);
    tui_model_free(m);
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}

static void test_export_to_a_missing_directory_keeps_the_prompt(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    press(m, "F4 e C-u");
    type(m, "/nonexistent-dir/rec.md");
    press(m, "Enter");
    struct tui_prompt p = tui_model_prompt(m);
    assert_int_equal(p.kind, TUI_PROMPT_EXPORT_REC);
    assert_non_null(p.error);
    assert_non_null(strstr(p.error, "/nonexistent-dir/rec.md"));
    assert_int_equal(access("/nonexistent-dir/rec.md", F_OK), -1);
    press(m, "Esc");
    assert_int_equal(tui_model_prompt(m).kind, TUI_PROMPT_NONE);
    tui_model_free(m);
}

static void test_export_recommendation_as_markdown_and_json(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char *md = xasprintf("%s/rec.md", dir), *json = xasprintf("%s/rec.json", dir);
    struct tui_model *m = new_model(TUI_DIR "/presets/small_carousel.yaml");
    press(m, "F4 e C-u");
    type(m, md);
    press(m, "Enter e C-u");
    type(m, json);
    press(m, "Enter");
    assert_true(file_has(md, "# banditmap recommendation: small_carousel"));
    assert_true(file_has(md, "Thompson sampling"));
    assert_true(file_has(json, "\"recommendations\""));
    tui_model_free(m);
    unlink(md);
    unlink(json);
    rmdir(dir);
    free(md);
    free(json);
    free(dir);
}

/* ---- reload ---- */

static void copy_file(const char *from, const char *to, const char *replace, const char *with)
{
    FILE *in = fopen(from, "r"), *out = fopen(to, "w");
    assert_non_null(in);
    assert_non_null(out);
    char line[4096];
    while (fgets(line, sizeof(line), in)) {
        char *hit = replace ? strstr(line, replace) : NULL;
        if (hit) {
            fwrite(line, 1, (size_t)(hit - line), out);
            fputs(with, out);
            fputs(hit + strlen(replace), out);
        } else {
            fputs(line, out);
        }
    }
    fclose(in);
    fclose(out);
}

static void test_reload_error_keeps_the_previous_taxonomy(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char *path = xasprintf("%s/tax.yaml", dir);
    copy_file(TUI_DIR "/taxonomy.yaml", path, NULL, NULL);
    struct tui_model *m = new_model_with(path, NULL);
    press(m, "F3 1");
    const struct tax *before = tui_model_tax(m);
    copy_file(TUI_DIR "/taxonomy.yaml", path, "family: adversarial", "family: adversary");
    press(m, "r");
    assert_ptr_equal(tui_model_tax(m), before);           /* still in use */
    assert_int_equal(tui_model_overlay(m), TUI_OVERLAY_DIAGS);
    assert_int_equal(tui_model_status(m).kind, TUI_STATUS_ERROR);
    const struct diag_list *d = tui_model_list(m)->diags;
    assert_true(d->errors >= 1);
    char *text = diag_format(&d->items[0]);
    assert_non_null(strstr(text, "tax.yaml:"));
    assert_true(d->items[0].line > 0);
    free(text);
    assert_true(adv_profile_is(tui_model_profile(m), "feedback_model", "bandit"));
    press(m, "Esc");
    copy_file(TUI_DIR "/taxonomy.yaml", path, "name: EXP3", "name: EXP3 (renamed)");
    press(m, "r");                                        /* fixed: the new one is used */
    assert_ptr_not_equal(tui_model_tax(m), before);
    assert_string_equal(tax_find_algorithm(tui_model_tax(m), "exp3")->name, "EXP3 (renamed)");
    assert_true(adv_profile_is(tui_model_profile(m), "feedback_model", "bandit"));
    assert_int_equal(tui_model_status(m).kind, TUI_STATUS_OK);
    tui_model_free(m);
    unlink(path);
    rmdir(dir);
    free(path);
    free(dir);
}

/* ---- the benchmark ---- */

static void test_benchmark_runs_and_exports(void **state)
{
    (void)state;
    char *dir = temp_dir();
    struct tui_model *m = new_model(TUI_DIR "/presets/small_carousel.yaml");
    press(m, "F5 e");                                     /* nothing to export yet */
    assert_int_equal(tui_model_prompt(m).kind, TUI_PROMPT_NONE);
    assert_int_equal(tui_model_status(m).kind, TUI_STATUS_ERROR);
    press(m, "b");
    assert_true(tui_model_busy(m));
    tui_model_wait(m);
    tui_model_tick(m);
    assert_false(tui_model_busy(m));
    assert_int_equal(tui_job_state(tui_model_job(m)), TUI_JOB_DONE);
    assert_int_equal(tui_model_status(m).kind, TUI_STATUS_OK);
    static const char *const ext[] = {"json", "csv", "svg"};
    static const char *const needle[] = {"\"verdict\"", "policy", "<svg"};
    for (size_t i = 0; i < 3; i++) {
        char *path = xasprintf("%s/results.%s", dir, ext[i]);
        press(m, "e C-u");
        type(m, path);
        press(m, "Enter");
        assert_int_equal(tui_model_prompt(m).kind, TUI_PROMPT_NONE);
        assert_true(file_has(path, needle[i]));
        unlink(path);
        free(path);
    }
    press(m, "e C-u");
    type(m, "results.txt");
    press(m, "Enter");
    assert_non_null(tui_model_prompt(m).error);
    tui_model_free(m);
    rmdir(dir);
    free(dir);
}

static void test_benchmark_cancels(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);   /* horizon 100000: long enough to cancel */
    press(m, "F5 b Esc");
    tui_model_wait(m);
    tui_model_tick(m);
    enum tui_job_state st = tui_job_state(tui_model_job(m));
    assert_true(st == TUI_JOB_CANCELLED || st == TUI_JOB_DONE);
    assert_false(tui_model_busy(m));
    tui_model_free(m);
}

/* ---- overlays, prompts, quitting ---- */

static void test_help_overlay_opens_and_closes(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    press(m, "?");
    assert_int_equal(tui_model_overlay(m), TUI_OVERLAY_HELP);
    assert_int_equal(tui_model_context(m), TUI_CTX_HELP);
    assert_int_equal(press(m, "q") & TUI_REACT_QUIT, 0);   /* q closes help, not the app */
    assert_int_equal(tui_model_overlay(m), TUI_OVERLAY_NONE);
    assert_true(press(m, "q") & TUI_REACT_QUIT);
    tui_model_free(m);
}

static void test_prompt_erases_whole_utf8_characters(void **state)
{
    (void)state;
    struct tui_model *m = new_model(NULL);
    press(m, "/");
    tui_model_key(m, 0xE9, &geom);                         /* é: two bytes */
    tui_model_key(m, 'a', &geom);
    assert_string_equal(tui_model_prompt(m).text, "\xC3\xA9" "a");
    press(m, "Backspace Backspace");
    assert_string_equal(tui_model_prompt(m).text, "");
    tui_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* the map */
        cmocka_unit_test(test_map_starts_with_closed_families),
        cmocka_unit_test(test_map_opens_closes_and_reads_algorithms),
        cmocka_unit_test(test_map_detail_scroll_stays_within_content),
        cmocka_unit_test(test_search_filters_as_you_type_and_esc_restores),
        cmocka_unit_test(test_search_without_match_empties_the_tree),
        /* the questionnaire */
        cmocka_unit_test(test_quiz_digits_answer_and_advance),
        cmocka_unit_test(test_quiz_asks_follow_up_only_when_it_applies),
        cmocka_unit_test(test_quiz_refuses_numbers_out_of_range),
        cmocka_unit_test(test_quiz_accepts_a_number_in_range),
        cmocka_unit_test(test_quiz_last_answer_opens_the_recommendations),
        cmocka_unit_test(test_preset_loads_its_answers),
        /* recommendations and exports */
        cmocka_unit_test(test_recommendations_follow_the_answers),
        cmocka_unit_test(test_save_profile_round_trips),
        cmocka_unit_test(test_export_to_a_missing_directory_keeps_the_prompt),
        cmocka_unit_test(test_export_recommendation_as_markdown_and_json),
        /* reload */
        cmocka_unit_test(test_reload_error_keeps_the_previous_taxonomy),
        /* the benchmark */
        cmocka_unit_test(test_benchmark_runs_and_exports),
        cmocka_unit_test(test_benchmark_cancels),
        /* overlays, prompts, quitting */
        cmocka_unit_test(test_help_overlay_opens_and_closes),
        cmocka_unit_test(test_prompt_erases_whole_utf8_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
