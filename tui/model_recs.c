/*
 * model_recs: the recommendation for the current answers (computed by the
 * advisor when the screen is shown and the answers changed), the selected
 * algorithm, and the Markdown/JSON export.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "base/xalloc.h"
#include "benchmarks/plan.h"
#include "report/recommendation.h"
#include "tui/model_internal.h"

void tui_recs_release(struct tui_model *m)
{
    if (m->rec)
        bench_plan_release(&m->plan);
    adv_recommendation_free(m->rec);
    m->rec = NULL;
    m->recs.rec = NULL;
    m->recs.plan = NULL;
    m->rec_stale = true;
}

void tui_recs_ensure(struct tui_model *m)
{
    if (m->rec && !m->rec_stale)
        return;
    /* new answers, new ranking: start from the top pick */
    if (m->rec)
        bench_plan_release(&m->plan);
    adv_recommendation_free(m->rec);
    m->rec = adv_recommend(m->profile);
    bench_plan_make(m->rec, &m->plan);
    m->recs.rec = m->rec;
    m->recs.plan = &m->plan;
    m->rec_stale = false;
    m->recs.cursor = m->recs.top = m->recs.detail_scroll = 0;
}

int tui_write_export(struct tui_model *m, const char *path,
                        void (*write)(const struct tui_model *m, const char *path, FILE *out))
{
    struct diag_list d;
    diag_list_init(&d);
    struct atomic_file af;
    int rc = atomic_file_open(&af, path, &d);
    if (rc == 0) {
        write(m, path, af.fp);
        rc = atomic_file_commit(&af, &d);
    }
    if (rc < 0) {
        char *msg = d.count ? diag_format(&d.items[0]) : xstrdup("cannot write the file");
        tui_prompt_fail(m, "%s", msg);
        free(msg);
    }
    diag_list_release(&d);
    return rc;
}

static void write_rec(const struct tui_model *m, const char *path, FILE *out)
{
    if (tui_has_suffix(path, ".json"))
        report_rec_json(m->rec, &m->plan, 0, true, out);
    else
        report_rec_markdown(m->rec, &m->plan, 0, out);
}

unsigned tui_recs_export_accept(struct tui_model *m)
{
    const char *path = m->prompt_text;
    if (!path[0]) {
        tui_prompt_fail(m, "type a file name ending in .md or .json");
        return TUI_REACT_REDRAW;
    }
    tui_recs_ensure(m);
    if (tui_write_export(m, path, write_rec) < 0)
        return TUI_REACT_REDRAW;
    tui_set_status(m, TUI_STATUS_OK, "wrote the recommendation to %s", path);
    tui_close_prompt(m);
    return TUI_REACT_REDRAW;
}

unsigned tui_recs_apply(struct tui_model *m, enum tui_action a, const struct tui_geom *g)
{
    tui_recs_ensure(m);
    bool detail = m->focus[TUI_SCREEN_RECS] == TUI_PANE_DETAIL;
    int delta = tui_move_delta(a, detail ? g->detail_rows : g->list_rows);
    if (delta) {
        if (detail) {
            tui_scroll(&m->recs.detail_scroll, delta, g->detail_lines, g->detail_rows);
        } else if (m->rec->n_ranked) {
            int before = m->recs.cursor;
            tui_move(&m->recs.cursor, &m->recs.top, delta, (int)m->rec->n_ranked, g->list_rows);
            if (m->recs.cursor != before)
                m->recs.detail_scroll = 0;
        }
        return TUI_REACT_REDRAW;
    }
    switch (a) {
    case TUI_ACTION_RECS_BENCH:
        tui_switch_screen(m, TUI_SCREEN_BENCH);
        return tui_bench_start(m);
    case TUI_ACTION_RECS_EXPORT:
        tui_open_prompt(m, TUI_PROMPT_EXPORT_REC, "export the recommendation to: ",
                        "recommendation.md");
        return TUI_REACT_REDRAW;
    default:
        return 0;
    }
}
