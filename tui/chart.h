/*
 * chart: line charts in braille characters (U+2800..U+28FF: 2 x 4 dots
 * per cell), drawn into a canvas. x is plotted on a log10 scale (the
 * benchmark's checkpoints are log-spaced rounds), y linearly from 0.
 *
 * Each series is a polyline in its own colour role, and its label is
 * written at the right end of its curve, so the series stay tellable apart
 * without colour (NO_COLOR). Where series cross in one cell the later one
 * gets the cell's colour: pass the most important series last.
 * Pure drawing; no allocation beyond a dot grid freed before returning.
 */
#ifndef BM_TUI_CHART_H
#define BM_TUI_CHART_H

#include <stddef.h>

#include "tui/canvas.h"
#include "tui/roles.h"

struct tui_series {
    const char *label;           /* short: written at the curve's end */
    const double *y;             /* n values, at the chart's x[] */
    enum tui_role role;
};

struct tui_chart {
    const double *x;             /* n increasing values > 0 (rounds) */
    size_t n;
    const struct tui_series *series;
    size_t n_series;
    const char *y_title;         /* e.g. "regret" */
    const char *note;            /* written at the top left of the plot (e.g. how many
                                    seeds the curves average so far), or NULL */
};

/* Draw the chart with its axes into the rectangle (y, x, h, w): a gutter
 * of 7 columns for the y labels, one row below for the x labels. Needs at
 * least 4 rows and 20 columns; draws nothing smaller. */
void tui_chart_draw(struct tui_canvas *c, int y, int x, int h, int w, const struct tui_chart *ch);

/* Format v compactly into buf: "950", "12.3k", "1.2M". Returns buf. */
const char *tui_compact_number(double v, char *buf, size_t size);

#endif
