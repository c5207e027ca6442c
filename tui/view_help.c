/*
 * view_help: the overlays drawn over a screen: the keys of that screen
 * (generated from the action table, so help and bindings cannot drift),
 * the diagnostics of a failed reload or load, and the preset chooser.
 */
#include "tui/view_help.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/presets.h"
#include "tui/actions.h"
#include "tui/scroll.h"

static const char *const screen_titles[TUI_SCREEN_COUNT] = {
    "Map", "Questions", "Recommendations", "Benchmark",
};

static const char *const screen_intros[TUI_SCREEN_COUNT] = {
    "The map of bandit algorithms: families, and in each the algorithms with what they fit, "
    "what they cannot handle and why, their cost, guarantees and references.",
    "Describe your problem: one question at a time, in plain words. \"Not sure\" is always "
    "allowed; the advisor then says which answer would matter.",
    "The algorithms ranked for your answers: why each fits, what could break it, what "
    "would change the pick, how to run it, and what was ruled out.",
    "A simulation built from your answers races the recommendation against the "
    "alternatives over many seeds and says whether the pick holds.",
};

struct view_rect view_overlay_rect(int rows, int cols)
{
    int w = cols > 100 ? 100 : cols;
    struct view_rect r = {2, (cols - w) / 2, rows - 5, w};
    return r;
}

/* "Up/k", "PgUp/C-b", "1-9". */
static void keys_text(const char *keys, char *buf, size_t size)
{
    if (!strcmp(keys, "1 2 3 4 5 6 7 8 9")) {
        snprintf(buf, size, "1-9");
        return;
    }
    snprintf(buf, size, "%s", keys);
    for (char *p = buf; *p; p++)
        if (*p == ' ')
            *p = '/';
}

/* The actions of ctx; with everywhere, only those of every screen, else
 * only those that are not. */
static void help_keys(struct tui_doc *d, unsigned ctx, bool everywhere)
{
    for (int a = TUI_ACTION_NONE + 1; a < TUI_ACTION_COUNT; a++) {
        const struct tui_action_info *info = tui_action_info((enum tui_action)a);
        bool global = (info->ctx & TUI_CTX_SCREENS) == TUI_CTX_SCREENS;
        if (!(info->ctx & ctx) || global != everywhere)
            continue;
        char keys[64], label[80];
        keys_text(info->keys, keys, sizeof(keys));
        snprintf(label, sizeof(label), "%-19s ", keys);
        tui_doc_field(d, 1, TUI_ROLE_KEY, label, TUI_ROLE_NORMAL, info->help);
    }
}

static void help_doc(const struct tui_model *m, struct tui_doc *d)
{
    enum tui_screen s = tui_model_screen(m);
    tui_doc_add(d, TUI_ROLE_NORMAL, 0, screen_intros[s]);
    tui_doc_blank(d);
    char title[64];
    snprintf(title, sizeof(title), "Keys of the %s screen", screen_titles[s]);
    tui_doc_add(d, TUI_ROLE_HEADING, 0, title);
    help_keys(d, 1u << s, false);
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_HEADING, 0, "Everywhere");
    help_keys(d, 1u << s, true);
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_HEADING, 0, "In a prompt (search, file name, number)");
    help_keys(d, TUI_CTX_PROMPT, false);
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_DIM, 0, "Esc, q or ? closes this window.");
}

static void diags_doc(const struct tui_model *m, struct tui_doc *d)
{
    const struct tui_list_state *l = tui_model_list(m);
    for (size_t i = 0; i < l->diags->count; i++) {
        const struct diag *dg = &l->diags->items[i];
        char *text = diag_format(dg);
        tui_doc_add(d, dg->severity == DIAG_ERROR     ? TUI_ROLE_ERROR
                       : dg->severity == DIAG_WARNING ? TUI_ROLE_WARN
                                                      : TUI_ROLE_NORMAL,
                    0, text);
        free(text);
    }
    tui_doc_blank(d);
    tui_doc_add(d, TUI_ROLE_DIM, 0, "Fix the files and press r to reload; Esc closes.");
}

void view_overlay_doc(const struct tui_model *m, struct tui_doc *d)
{
    switch (tui_model_overlay(m)) {
    case TUI_OVERLAY_HELP: help_doc(m, d); break;
    case TUI_OVERLAY_DIAGS: diags_doc(m, d); break;
    default: break;
    }
}

static void draw_presets(const struct tui_model *m, struct tui_canvas *c,
                         const struct view_rect *r)
{
    const struct tui_list_state *l = tui_model_list(m);
    int h = r->h - 2, w = r->w - 4;
    int top = tui_scroll_top(l->cursor, l->top, h, (int)l->presets->count);
    for (int i = 0; i < h && (size_t)(top + i) < l->presets->count; i++) {
        const struct adv_preset *p = &l->presets->items[top + i];
        int y = r->y + 1 + i;
        tui_canvas_text(c, y, r->x + 2, 24, TUI_ROLE_KEY, p->id);
        if (p->description)
            tui_canvas_text(c, y, r->x + 27, w - 25, TUI_ROLE_NORMAL, p->description);
        view_list_row(c, y, r->x + 1, r->w - 2, top + i == l->cursor, true);
    }
}

void view_overlay_draw(const struct tui_model *m, struct tui_canvas *c)
{
    struct view_rect r = view_overlay_rect(c->rows, c->cols);
    const struct tui_list_state *l = tui_model_list(m);
    char title[320];
    switch (tui_model_overlay(m)) {
    case TUI_OVERLAY_HELP:
        snprintf(title, sizeof(title), "Help: %s", screen_titles[tui_model_screen(m)]);
        break;
    case TUI_OVERLAY_DIAGS:
        snprintf(title, sizeof(title), "%s", l->title);
        break;
    case TUI_OVERLAY_PRESETS:
        snprintf(title, sizeof(title), "Start from a preset (%zu)", l->presets->count);
        break;
    default:
        return;
    }
    view_box(c, &r, title);
    if (tui_model_overlay(m) == TUI_OVERLAY_PRESETS) {
        draw_presets(m, c, &r);
        return;
    }
    struct tui_doc d;
    tui_doc_init(&d, r.w - 4);
    view_overlay_doc(m, &d);
    struct view_rect body = {r.y + 1, r.x + 2, r.h - 2, r.w - 4};
    view_doc_pane(c, &d, &body, l->scroll);
    tui_doc_release(&d);
}
