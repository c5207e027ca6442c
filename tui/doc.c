#include "tui/doc.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

const char *tui_number_text(double v, char *buf, size_t size)
{
    if (v == (double)(long long)v && v > -1e15 && v < 1e15)
        snprintf(buf, size, "%lld", (long long)v);
    else
        snprintf(buf, size, "%g", v);
    return buf;
}

void tui_doc_init(struct tui_doc *d, int width)
{
    d->width = width < 8 ? 8 : width;
    d->lines = NULL;
    d->count = d->alloc = 0;
}

void tui_doc_release(struct tui_doc *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->lines[i].label);
        free(d->lines[i].text);
    }
    free(d->lines);
    tui_doc_init(d, d->width);
}

static struct tui_doc_line *push(struct tui_doc *d)
{
    if (d->count == d->alloc) {
        d->alloc = d->alloc ? d->alloc * 2 : 32;
        d->lines = xrealloc(d->lines, d->alloc * sizeof(*d->lines));
    }
    struct tui_doc_line *l = &d->lines[d->count++];
    memset(l, 0, sizeof(*l));
    return l;
}

/* Width of the word starting at s (up to a space, a newline or the end). */
static size_t word_end(const char *s, size_t i)
{
    while (s[i] && s[i] != ' ' && s[i] != '\n')
        i++;
    return i;
}

/* Cut text[i..we) so that it fits in room columns (at least one character). */
static size_t cut_word(const char *text, size_t i, size_t we, int room)
{
    int used = 0;
    while (i < we) {
        uint32_t cp;
        size_t n = tui_utf8_decode(text + i, we - i, &cp);
        int cw = tui_char_width(cp);
        if (used + cw > room && used > 0)
            break;
        used += cw;
        i += n;
    }
    return i;
}

void tui_wrap(const char *text, int width,
              void (*fn)(const char *start, size_t len, void *ctx), void *ctx)
{
    if (width < 1)
        width = 1;
    size_t i = 0;
    for (;;) {
        size_t start = i, end = i;
        int used = 0;
        while (text[i] && text[i] != '\n') {
            size_t ws = i;
            while (text[ws] == ' ')
                ws++;
            if (!text[ws] || text[ws] == '\n') {
                i = ws;
                break;
            }
            int gap = (int)(ws - i);
            size_t we = word_end(text, ws);
            int ww = tui_text_width(text + ws, we - ws);
            if (used + gap + ww <= width) {
                used += gap + ww;
                end = i = we;
            } else {
                if (used == 0)   /* a word longer than a line: cut it */
                    end = i = cut_word(text, ws, we, width - gap > 0 ? width - gap : 1);
                break;
            }
        }
        fn(text + start, end - start, ctx);
        while (text[i] == ' ')
            i++;
        if (!text[i])
            break;
        if (text[i] == '\n' && !text[++i])
            break;
    }
}

struct add_ctx {
    struct tui_doc *d;
    enum tui_role role;
    int indent;
    const char *label;
    enum tui_role label_role;
    bool first;
};

static void add_line(const char *start, size_t len, void *vctx)
{
    struct add_ctx *a = vctx;
    struct tui_doc_line *l = push(a->d);
    l->text = xstrndup(start, len);
    l->role = a->role;
    l->indent = a->indent;
    if (a->first && a->label) {
        l->label = xstrdup(a->label);
        l->label_role = a->label_role;
    } else if (a->label) {
        l->indent += tui_text_width(a->label, strlen(a->label));
    }
    a->first = false;
}

void tui_doc_add(struct tui_doc *d, enum tui_role role, int indent, const char *text)
{
    if (!text)
        return;
    struct add_ctx a = {d, role, indent, NULL, TUI_ROLE_NORMAL, true};
    tui_wrap(text, d->width - indent, add_line, &a);
}

void tui_doc_addf(struct tui_doc *d, enum tui_role role, int indent, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *buf = xvasprintf(fmt, ap);
    va_end(ap);
    tui_doc_add(d, role, indent, buf);
    free(buf);
}

void tui_doc_field(struct tui_doc *d, int indent, enum tui_role label_role, const char *label,
                   enum tui_role role, const char *text)
{
    if (!text)
        return;
    int lw = tui_text_width(label, strlen(label));
    if (lw > d->width / 2) {
        tui_doc_add(d, label_role, indent, label);
        tui_doc_add(d, role, indent + 2, text);
        return;
    }
    struct add_ctx a = {d, role, indent, label, label_role, true};
    tui_wrap(text, d->width - indent - lw, add_line, &a);
}

void tui_doc_blank(struct tui_doc *d)
{
    if (!d->count)
        return;
    const struct tui_doc_line *last = &d->lines[d->count - 1];
    if (!last->label && !last->text[0])
        return;
    struct tui_doc_line *l = push(d);
    l->text = xstrdup("");
}

void tui_doc_draw(const struct tui_doc *d, struct tui_canvas *c, int y, int x, int h, int scroll)
{
    if (scroll < 0)
        scroll = 0;
    for (int r = 0; r < h && (size_t)(scroll + r) < d->count; r++) {
        const struct tui_doc_line *l = &d->lines[scroll + r];
        int col = x + l->indent, room = d->width - l->indent;
        if (l->label) {
            int used = tui_canvas_text(c, y + r, col, room, l->label_role, l->label);
            col += used;
            room -= used;
        }
        tui_canvas_text(c, y + r, col, room, l->role, l->text);
    }
}
