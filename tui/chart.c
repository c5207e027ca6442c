#include "tui/chart.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

enum { GUTTER = 7 };

/* Braille dot bits by (column 0..1, row 0..3), Unicode's numbering. */
static const unsigned char dot_bit[4][2] = {
    {0x01, 0x08},
    {0x02, 0x10},
    {0x04, 0x20},
    {0x40, 0x80},
};

const char *tui_compact_number(double v, char *buf, size_t size)
{
    double a = fabs(v);
    if (!isfinite(v))
        snprintf(buf, size, "-");
    else if (a >= 1e9)
        snprintf(buf, size, "%.3gG", v / 1e9);
    else if (a >= 1e6)
        snprintf(buf, size, "%.3gM", v / 1e6);
    else if (a >= 1e4)
        snprintf(buf, size, "%.3gk", v / 1e3);
    else if (a >= 100 || a == 0)
        snprintf(buf, size, "%.0f", v);
    else
        snprintf(buf, size, "%.3g", v);
    return buf;
}

struct grid {
    int cols, rows;              /* in cells */
    unsigned char *bits;         /* per cell */
    signed char *owner;          /* series index per cell, -1 = none */
};

static void plot(struct grid *g, int px, int py, int series)
{
    if (px < 0 || py < 0 || px >= g->cols * 2 || py >= g->rows * 4)
        return;
    int cell = (py / 4) * g->cols + px / 2;
    g->bits[cell] |= dot_bit[py % 4][px % 2];
    g->owner[cell] = (signed char)series;
}

/* Bresenham between two dot positions. */
static void line(struct grid *g, int x0, int y0, int x1, int y1, int series)
{
    int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
    int dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    for (;;) {
        plot(g, x0, y0, series);
        if (x0 == x1 && y0 == y1)
            break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

void tui_chart_draw(struct tui_canvas *c, int y, int x, int h, int w, const struct tui_chart *ch)
{
    if (h < 4 || w < 20 || ch->n < 1)
        return;
    int ph = h - 1, pw = w - GUTTER - 1 - 8;   /* plot cells; 8 columns for end labels */
    double ymax = 0, lx0 = log10(ch->x[0] > 0 ? ch->x[0] : 1), lx1 = log10(ch->x[ch->n - 1]);
    for (size_t s = 0; s < ch->n_series; s++)
        for (size_t i = 0; i < ch->n; i++)
            if (isfinite(ch->series[s].y[i]) && ch->series[s].y[i] > ymax)
                ymax = ch->series[s].y[i];
    if (ymax <= 0)
        ymax = 1;
    if (lx1 <= lx0)
        lx1 = lx0 + 1;
    struct grid g = {pw, ph, xcalloc((size_t)pw * (size_t)ph, 1),
                     xmalloc((size_t)pw * (size_t)ph)};
    memset(g.owner, -1, (size_t)pw * (size_t)ph);
    int dots_w = pw * 2 - 1, dots_h = ph * 4 - 1;
    int *end_row = xcalloc(ch->n_series ? ch->n_series : 1, sizeof(*end_row));
    double *end_y = xcalloc(ch->n_series ? ch->n_series : 1, sizeof(*end_y));
    for (size_t s = 0; s < ch->n_series; s++) {
        int px_prev = -1, py_prev = -1;
        for (size_t i = 0; i < ch->n; i++) {
            double v = ch->series[s].y[i];
            if (!isfinite(v))
                continue;
            double lx = log10(ch->x[i] > 0 ? ch->x[i] : 1);
            int px = (int)lround((lx - lx0) / (lx1 - lx0) * dots_w);
            int py = dots_h - (int)lround(v / ymax * dots_h);
            if (px_prev >= 0)
                line(&g, px_prev, py_prev, px, py, (int)s);
            else
                plot(&g, px, py, (int)s);
            px_prev = px;
            py_prev = py;
            end_y[s] = v;
        }
        end_row[s] = py_prev >= 0 ? py_prev / 4 : -1;
    }
    for (int r = 0; r < ph; r++)
        for (int col = 0; col < pw; col++) {
            int cell = r * pw + col;
            if (!g.bits[cell])
                continue;
            char buf[4];
            size_t n = tui_utf8_encode(0x2800u + g.bits[cell], buf);
            tui_canvas_textn(c, y + r, x + GUTTER + 1 + col, 1, ch->series[g.owner[cell]].role,
                             buf, n);
        }
    /* labels at the curves' right ends, top curve first, each moved down
       past the labels above it */
    size_t *order = xcalloc(ch->n_series ? ch->n_series : 1, sizeof(*order));
    for (size_t s = 0; s < ch->n_series; s++) {
        size_t k = s;
        for (; k > 0 && end_y[order[k - 1]] < end_y[s]; k--)
            order[k] = order[k - 1];
        order[k] = s;
    }
    bool *used = xcalloc((size_t)ph, sizeof(*used));
    for (size_t o = 0; o < ch->n_series; o++) {
        size_t s = order[o];
        int r = end_row[s];
        if (r < 0)
            continue;
        while (r < ph - 1 && used[r])
            r++;
        used[r] = true;
        tui_canvas_text(c, y + r, x + GUTTER + 1 + pw + 1, 7, ch->series[s].role,
                        ch->series[s].label);
    }
    free(used);
    free(order);
    if (ch->note)                /* over the curves: top left is where they rarely go */
        tui_canvas_text(c, y, x + GUTTER + 2, pw - 2, TUI_ROLE_DIM, ch->note);
    /* axes */
    char buf[32];
    tui_canvas_fill(c, y, x + GUTTER, ph, 1, 0x2502, TUI_ROLE_BORDER);
    tui_canvas_fill(c, y + ph, x + GUTTER + 1, 1, pw, 0x2500, TUI_ROLE_BORDER);
    tui_canvas_fill(c, y + ph, x + GUTTER, 1, 1, 0x2514, TUI_ROLE_BORDER);
    tui_compact_number(ymax, buf, sizeof(buf));
    tui_canvas_printf(c, y, x, GUTTER - 1, TUI_ROLE_DIM, "%6s", buf);
    tui_canvas_printf(c, y + ph - 1, x, GUTTER - 1, TUI_ROLE_DIM, "%6s", "0");
    if (ch->y_title && ph > 2)
        tui_canvas_printf(c, y + ph / 2, x, GUTTER - 1, TUI_ROLE_DIM, "%6.6s", ch->y_title);
    /* x labels: the first and last rounds and a power of ten between */
    tui_compact_number(ch->x[0], buf, sizeof(buf));
    tui_canvas_text(c, y + ph, x, GUTTER, TUI_ROLE_DIM, "t:");
    tui_canvas_text(c, y + ph, x + GUTTER + 1, 8, TUI_ROLE_DIM, buf);
    tui_compact_number(ch->x[ch->n - 1], buf, sizeof(buf));
    int bw = (int)strlen(buf);
    tui_canvas_text(c, y + ph, x + GUTTER + 1 + pw - bw, bw, TUI_ROLE_DIM, buf);
    for (double p = ceil(lx0 + 0.5); p < lx1 - 0.5; p += 1) {
        int col = (int)lround((p - lx0) / (lx1 - lx0) * (pw - 1));
        tui_compact_number(pow(10, p), buf, sizeof(buf));
        bw = (int)strlen(buf);
        if (col - bw / 2 > 8 && col + bw < pw - 8)
            tui_canvas_text(c, y + ph, x + GUTTER + 1 + col - bw / 2, bw, TUI_ROLE_DIM, buf);
    }
    free(end_row);
    free(end_y);
    free(g.bits);
    free(g.owner);
}
