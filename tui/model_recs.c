/*
 * model_recs: the recommendations screen (see model_recs.h).
 */
#include "tui/model_recs.h"

#include <stdio.h>

#include "report/recommendation.h"
#include "tui/model_util.h"
#include "tui/scroll.h"

static void write_rec(const struct tui_model *m, const char *path, FILE *out)
{
    if (tui_has_suffix(path, ".json"))
        report_rec_json(m->rec, &m->plan, 0, true, out);
    else
        report_rec_markdown(m->rec, &m->plan, 0, out);
}

unsigned tui_recs_export_accept(struct tui_model *m)
{
    if (!m->prompt_text[0]) {
        tui_prompt_fail(m, "type a file name ending in .md or .json");
        return TUI_REACT_REDRAW;
    }
    tui_rec_ensure(m);
    return tui_export_accept(m, "the recommendation", write_rec);
}

unsigned tui_recs_apply(struct tui_model *m, enum tui_action a, const struct tui_geom *g)
{
    tui_rec_ensure(m);
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
    case TUI_ACTION_RECS_EXPORT:
        tui_open_prompt(m, TUI_PROMPT_EXPORT_REC, "export the recommendation to: ",
                        "recommendation.md");
        return TUI_REACT_REDRAW;
    default:
        return 0;
    }
}
