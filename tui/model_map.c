/*
 * model_map: the map screen (see model_map.h).
 */
#include "tui/model_map.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "tui/model_util.h"
#include "tui/scroll.h"

/* ASCII case-insensitive substring test (ids and names are ASCII; other
 * bytes must match exactly). */
static bool icontains(const char *hay, const char *needle)
{
    if (!hay)
        return false;
    size_t n = strlen(needle);
    for (const char *h = hay; *h; h++) {
        size_t i = 0;
        while (i < n && h[i] && tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return n == 0;
}

static bool alg_matches(const struct tax_algorithm *a, const char *f)
{
    return icontains(a->id, f) || icontains(a->name, f) || icontains(a->summary, f);
}

static bool family_matches(const struct tax_family *fam, const char *f)
{
    return icontains(fam->id, f) || icontains(fam->name, f);
}

static void add_row(struct tui_model *m, const struct tax_family *f, const struct tax_algorithm *a)
{
    m->map_rows[m->map.n_rows].family = f;
    m->map_rows[m->map.n_rows].alg = a;
    m->map.n_rows++;
}

/* Rebuild the rows after the taxonomy or the filter changed, keeping the
 * cursor on the same algorithm (or family) id when it is still shown. */
static void rebuild(struct tui_model *m)
{
    const struct tax *t = m->tax;
    /* remember what the cursor is on, by id: rows may come from a new taxonomy */
    const char *fam_id = NULL, *alg_id = NULL;
    char *keep_fam = NULL, *keep_alg = NULL;
    if (m->map.rows && m->map.n_rows) {
        const struct tui_map_row *r = &m->map.rows[m->map.cursor];
        keep_fam = xstrdup(r->family->id);
        keep_alg = r->alg ? xstrdup(r->alg->id) : NULL;
        fam_id = keep_fam;
        alg_id = keep_alg;
    }
    m->map.n_rows = 0;
    const char *f = m->filter;
    for (size_t i = 0; i < t->n_families; i++) {
        const struct tax_family *fam = &t->families[i];
        if (!f[0]) {
            add_row(m, fam, NULL);
            if (m->open[i])
                for (size_t j = 0; j < fam->n_algorithms; j++)
                    add_row(m, fam, fam->algorithms[j]);
            continue;
        }
        bool fm = family_matches(fam, f), any = fm;
        for (size_t j = 0; !any && j < fam->n_algorithms; j++)
            any = alg_matches(fam->algorithms[j], f);
        if (!any)
            continue;
        add_row(m, fam, NULL);
        for (size_t j = 0; j < fam->n_algorithms; j++)
            if (fm || alg_matches(fam->algorithms[j], f))
                add_row(m, fam, fam->algorithms[j]);
    }
    m->map.rows = m->map_rows;
    int found = -1;
    for (size_t i = 0; fam_id && i < m->map.n_rows && found < 0; i++) {
        const struct tui_map_row *r = &m->map.rows[i];
        if (!strcmp(r->family->id, fam_id) &&
            (alg_id ? r->alg && !strcmp(r->alg->id, alg_id) : !r->alg))
            found = (int)i;
    }
    if (found < 0 && alg_id)     /* the algorithm is hidden: stay on its family */
        for (size_t i = 0; i < m->map.n_rows && found < 0; i++)
            if (!m->map.rows[i].alg && !strcmp(m->map.rows[i].family->id, fam_id))
                found = (int)i;
    if (found >= 0)
        m->map.cursor = found;
    if (m->map.cursor >= (int)m->map.n_rows)
        m->map.cursor = m->map.n_rows ? (int)m->map.n_rows - 1 : 0;
    m->map.top = tui_scroll_top(m->map.cursor, m->map.top, m->geom.list_rows, (int)m->map.n_rows);
    free(keep_fam);
    free(keep_alg);
}

void tui_map_init(struct tui_model *m)
{
    const struct tax *t = m->tax;
    m->open = xcalloc(t->n_families ? t->n_families : 1, sizeof(*m->open));
    m->map_rows = xcalloc(t->n_families + t->n_algorithms + 1, sizeof(*m->map_rows));
    m->map.open = m->open;
    m->map.filter = m->filter;
    m->map.cursor = m->map.top = m->map.detail_scroll = 0;
    rebuild(m);
}

void tui_map_release(struct tui_model *m)
{
    free(m->open);
    free(m->map_rows);
    m->open = NULL;
    m->map_rows = NULL;
    m->map.rows = NULL;
    m->map.n_rows = 0;
}

static const struct tui_map_row *current(const struct tui_model *m)
{
    return m->map.n_rows ? &m->map.rows[m->map.cursor] : NULL;
}

static void set_cursor(struct tui_model *m, int row)
{
    if (row != m->map.cursor)
        m->map.detail_scroll = 0;
    m->map.cursor = row;
    m->map.top = tui_scroll_top(row, m->map.top, m->geom.list_rows, (int)m->map.n_rows);
}

unsigned tui_map_search_text(struct tui_model *m)
{
    snprintf(m->filter, sizeof(m->filter), "%s", m->prompt_text);
    rebuild(m);
    /* jump to the first matching algorithm */
    for (size_t i = 0; m->filter[0] && i < m->map.n_rows; i++)
        if (m->map.rows[i].alg) {
            set_cursor(m, (int)i);
            break;
        }
    size_t n = 0;
    for (size_t i = 0; i < m->map.n_rows; i++)
        n += m->map.rows[i].alg != NULL;
    if (!m->filter[0])
        tui_set_status(m, TUI_STATUS_INFO, "type to search ids, names and summaries");
    else if (n)
        tui_set_status(m, TUI_STATUS_INFO, "%zu algorithm%s match \"%s\"", n, n == 1 ? "" : "s",
                       m->filter);
    else
        tui_set_status(m, TUI_STATUS_ERROR, "nothing matches \"%s\"", m->filter);
    return TUI_REACT_REDRAW;
}

void tui_map_search_done(struct tui_model *m, bool keep)
{
    if (!keep) {
        snprintf(m->filter, sizeof(m->filter), "%s", m->search_before ? m->search_before : "");
        rebuild(m);
        m->status[0] = '\0';
    }
    free(m->search_before);
    m->search_before = NULL;
    tui_close_prompt(m);
    m->focus[TUI_SCREEN_MAP] = TUI_PANE_LIST;
}

static unsigned open_row(struct tui_model *m)
{
    const struct tui_map_row *r = current(m);
    if (!r)
        return 0;
    if (r->alg) {
        m->focus[TUI_SCREEN_MAP] = TUI_PANE_DETAIL;
        return TUI_REACT_REDRAW;
    }
    size_t fi = (size_t)(r->family - m->tax->families);
    if (!m->open[fi] && !m->filter[0]) {
        m->open[fi] = true;
        rebuild(m);
    } else if (r->family->n_algorithms && m->map.cursor + 1 < (int)m->map.n_rows &&
               m->map.rows[m->map.cursor + 1].alg) {
        set_cursor(m, m->map.cursor + 1);
    }
    return TUI_REACT_REDRAW;
}

static unsigned close_row(struct tui_model *m)
{
    if (m->focus[TUI_SCREEN_MAP] == TUI_PANE_DETAIL) {
        m->focus[TUI_SCREEN_MAP] = TUI_PANE_LIST;
        return TUI_REACT_REDRAW;
    }
    const struct tui_map_row *r = current(m);
    if (!r)
        return 0;
    if (r->alg) {
        int row = m->map.cursor;
        while (row > 0 && m->map.rows[row].alg)
            row--;
        set_cursor(m, row);
        return TUI_REACT_REDRAW;
    }
    size_t fi = (size_t)(r->family - m->tax->families);
    if (m->filter[0]) {
        tui_set_status(m, TUI_STATUS_INFO, "families stay open while searching; Esc clears");
        return TUI_REACT_REDRAW;
    }
    if (m->open[fi]) {
        m->open[fi] = false;
        rebuild(m);
    }
    return TUI_REACT_REDRAW;
}

unsigned tui_map_apply(struct tui_model *m, enum tui_action a, const struct tui_geom *g)
{
    bool detail = m->focus[TUI_SCREEN_MAP] == TUI_PANE_DETAIL;
    int delta = tui_move_delta(a, detail ? g->detail_rows : g->list_rows);
    if (delta) {
        if (detail) {
            tui_scroll(&m->map.detail_scroll, delta, g->detail_lines, g->detail_rows);
        } else if (m->map.n_rows) {
            int c = m->map.cursor;
            tui_move(&c, NULL, delta, (int)m->map.n_rows, g->list_rows);
            set_cursor(m, c);
        }
        return TUI_REACT_REDRAW;
    }
    switch (a) {
    case TUI_ACTION_MAP_OPEN:
        return open_row(m);
    case TUI_ACTION_MAP_CLOSE:
        return close_row(m);
    case TUI_ACTION_SEARCH:
        free(m->search_before);
        m->search_before = xstrdup(m->filter);
        tui_open_prompt(m, TUI_PROMPT_SEARCH, "search: ", m->filter);
        m->focus[TUI_SCREEN_MAP] = TUI_PANE_LIST;
        return TUI_REACT_REDRAW;
    case TUI_ACTION_MAP_CLEAR:
        if (m->focus[TUI_SCREEN_MAP] == TUI_PANE_DETAIL) {
            m->focus[TUI_SCREEN_MAP] = TUI_PANE_LIST;
            return TUI_REACT_REDRAW;
        }
        if (!m->filter[0])
            return 0;
        m->filter[0] = '\0';
        rebuild(m);
        tui_set_status(m, TUI_STATUS_INFO, "search cleared");
        return TUI_REACT_REDRAW;
    case TUI_ACTION_MAP_QUIZ:
        tui_switch_screen(m, TUI_SCREEN_QUIZ);
        return TUI_REACT_REDRAW;
    default:
        return 0;
    }
}
