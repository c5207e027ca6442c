#include "tui/canvas.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define ELLIPSIS 0x2026u

void tui_canvas_init(struct tui_canvas *c)
{
    c->rows = c->cols = 0;
    c->cells = NULL;
}

void tui_canvas_resize(struct tui_canvas *c, int rows, int cols)
{
    if (rows < 1 || cols < 1)
        BUG("canvas size %dx%d", cols, rows);
    if (rows != c->rows || cols != c->cols) {
        free(c->cells);
        c->cells = xcalloc((size_t)rows * (size_t)cols, sizeof(*c->cells));
        c->rows = rows;
        c->cols = cols;
    }
    tui_canvas_clear(c);
}

void tui_canvas_release(struct tui_canvas *c)
{
    free(c->cells);
    tui_canvas_init(c);
}

void tui_canvas_clear(struct tui_canvas *c)
{
    tui_canvas_fill(c, 0, 0, c->rows, c->cols, ' ', TUI_ROLE_NORMAL);
}

static struct tui_cell *cell(struct tui_canvas *c, int y, int x)
{
    if (y < 0 || y >= c->rows || x < 0 || x >= c->cols)
        return NULL;
    return &c->cells[(size_t)y * (size_t)c->cols + (size_t)x];
}

const struct tui_cell *tui_canvas_at(const struct tui_canvas *c, int y, int x)
{
    return cell((struct tui_canvas *)c, y, x);
}

/* Overwriting half of a wide character blanks the other half. */
static void put(struct tui_canvas *c, int y, int x, uint32_t ch, enum tui_role role)
{
    struct tui_cell *p = cell(c, y, x);
    if (!p)
        return;
    if (p->ch == TUI_CELL_CONT && x > 0)
        cell(c, y, x - 1)->ch = ' ';
    struct tui_cell *next = cell(c, y, x + 1);
    if (next && next->ch == TUI_CELL_CONT && ch != TUI_CELL_CONT)
        next->ch = ' ';
    p->ch = ch;
    p->role = role;
}

void tui_canvas_fill(struct tui_canvas *c, int y, int x, int h, int w, uint32_t ch,
                     enum tui_role role)
{
    for (int r = y; r < y + h; r++)
        for (int col = x; col < x + w; col++)
            put(c, r, col, ch, role);
}

void tui_canvas_paint(struct tui_canvas *c, int y, int x, int w, enum tui_role role)
{
    for (int col = x; col < x + w; col++) {
        struct tui_cell *p = cell(c, y, col);
        if (p)
            p->role = role;
    }
}

size_t tui_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if ((u[0] & 0xE0) == 0xC0) {
        len = 2, v = u[0] & 0x1F, min = 0x80;
    } else if ((u[0] & 0xF0) == 0xE0) {
        len = 3, v = u[0] & 0x0F, min = 0x800;
    } else if ((u[0] & 0xF8) == 0xF0) {
        len = 4, v = u[0] & 0x07, min = 0x10000;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (u[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        v = 0xFFFD;
    *cp = v;
    return len;
}

size_t tui_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A deliberately small table (Unicode 15 East Asian Width W/F blocks and the
 * common combining ranges): a dump must not depend on the C library's
 * locale data. */
int tui_char_width(uint32_t cp)
{
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
        (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
        (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200D)
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
        (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
        (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

int tui_text_width(const char *s, size_t n)
{
    int w = 0;
    size_t i = 0;
    while (i < n && s[i]) {
        uint32_t cp;
        i += tui_utf8_decode(s + i, n - i, &cp);
        w += tui_char_width(cp);
    }
    return w;
}

static uint32_t printable(uint32_t cp)
{
    return (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) ? ' ' : cp;
}

int tui_canvas_textn(struct tui_canvas *c, int y, int x, int width, enum tui_role role,
                     const char *utf8, size_t n)
{
    if (width < 0 || x + width > c->cols)
        width = c->cols - x;
    if (y < 0 || y >= c->rows || width <= 0)
        return 0;
    /* When the whole text does not fit, keep the last column for "…". */
    int room = tui_text_width(utf8, n) <= width ? width : width - 1;
    int used = 0;
    size_t i = 0;
    while (i < n && utf8[i]) {
        uint32_t cp;
        i += tui_utf8_decode(utf8 + i, n - i, &cp);
        cp = printable(cp);
        int w = tui_char_width(cp);
        if (w == 0)
            continue;            /* combining marks are dropped: one cell, one code point */
        if (used + w > room)
            break;
        put(c, y, x + used, cp, role);
        if (w == 2)
            put(c, y, x + used + 1, TUI_CELL_CONT, role);
        used += w;
    }
    if (room < width) {
        put(c, y, x + used, ELLIPSIS, role);
        used++;
    }
    return used;
}

int tui_canvas_text(struct tui_canvas *c, int y, int x, int width, enum tui_role role,
                    const char *utf8)
{
    return tui_canvas_textn(c, y, x, width, role, utf8, strlen(utf8));
}

int tui_canvas_printf(struct tui_canvas *c, int y, int x, int width, enum tui_role role,
                      const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return tui_canvas_text(c, y, x, width, role, buf);
}

char *tui_canvas_dump(const struct tui_canvas *c)
{
    size_t cap = (size_t)c->rows * ((size_t)c->cols * 4 + 1) + 1;
    char *out = xmalloc(cap), *p = out;
    for (int y = 0; y < c->rows; y++) {
        char *end = p;
        for (int x = 0; x < c->cols; x++) {
            uint32_t ch = c->cells[(size_t)y * (size_t)c->cols + (size_t)x].ch;
            if (ch == TUI_CELL_CONT)
                continue;
            p += tui_utf8_encode(ch, p);
            if (ch != ' ')
                end = p;
        }
        p = end;
        *p++ = '\n';
    }
    *p = '\0';
    return out;
}
