/*
 * svg: regret curves with CI bands and the lower bound. See svg.h.
 */
#include "report/svg.h"

#include <math.h>
#include <string.h>

enum { W = 860, H = 520, LEFT = 80, RIGHT = 210, TOP = 50, BOTTOM = 60 };

static const char *const palette[] = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
};

struct axes {
    double x0, x1;               /* log10 of the first and last round */
    double y1;                   /* top of the regret axis */
};

static double px(const struct axes *a, long long t)
{
    double span = a->x1 - a->x0 > 0 ? a->x1 - a->x0 : 1.0;
    return LEFT + (log10((double)t) - a->x0) / span * (W - LEFT - RIGHT);
}

static double py(const struct axes *a, double v)
{
    return TOP + (1.0 - v / a->y1) * (H - TOP - BOTTOM);
}

static void escaped(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '<')
            fputs("&lt;", out);
        else if (*s == '>')
            fputs("&gt;", out);
        else if (*s == '&')
            fputs("&amp;", out);
        else
            fputc(*s, out);
    }
}

/* A "nice" step (1, 2 or 5 x 10^k) for about five ticks up to top. */
static double nice_step(double top)
{
    double raw = top / 5.0, mag = pow(10.0, floor(log10(raw))), f = raw / mag;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
}

static void axes_draw(FILE *out, const struct axes *a, const struct bench_results *r)
{
    fprintf(out, "<g stroke=\"#999\" stroke-width=\"1\" font-size=\"12\" fill=\"#333\">\n");
    double step = nice_step(a->y1);
    for (double v = 0; v <= a->y1 * 1.0001; v += step) {
        double y = py(a, v);
        fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>\n",
                LEFT, y, W - RIGHT, y);
        fprintf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" stroke=\"none\">%g</text>\n",
                LEFT - 6, y + 4, v);
    }
    for (int e = 0; e <= (int)ceil(a->x1); e++) {
        long long t = (long long)llround(pow(10.0, e));
        if (e < a->x0 - 1e-9 || e > a->x1 + 1e-9)
            continue;
        double x = px(a, t);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>\n", x,
                TOP, x, H - BOTTOM);
        fprintf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" stroke=\"none\">"
                     "10<tspan dy=\"-6\" font-size=\"9\">%d</tspan></text>\n",
                x, H - BOTTOM + 18, e);
    }
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\"/>\n", LEFT,
            TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" stroke=\"none\">round t "
                 "(log scale)</text>\n",
            (LEFT + W - RIGHT) / 2, H - 15);
    fprintf(out, "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" stroke=\"none\" "
                 "transform=\"rotate(-90 18 %d)\">cumulative regret (%d seeds, 95%% CI)</text>\n",
            (TOP + H - BOTTOM) / 2, (TOP + H - BOTTOM) / 2, r->seeds);
    fprintf(out, "</g>\n");
}

static void policy_draw(FILE *out, const struct axes *a, const struct bench_results *r,
                        size_t i)
{
    const struct bench_policy_result *p = &r->policies[i];
    const char *colour = palette[i % (sizeof(palette) / sizeof(palette[0]))];
    fprintf(out, "<polygon fill=\"%s\" fill-opacity=\"0.18\" stroke=\"none\" points=\"", colour);
    for (size_t c = 0; c < r->n_checkpoints; c++)
        fprintf(out, "%.1f,%.1f ", px(a, r->checkpoints[c]), py(a, fmax(0, p->curve[c].hi)));
    for (size_t c = r->n_checkpoints; c-- > 0;)
        fprintf(out, "%.1f,%.1f ", px(a, r->checkpoints[c]), py(a, fmax(0, p->curve[c].lo)));
    fprintf(out, "\"/>\n<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"",
            colour);
    for (size_t c = 0; c < r->n_checkpoints; c++)
        fprintf(out, "%.1f,%.1f ", px(a, r->checkpoints[c]), py(a, p->curve[c].mean));
    fprintf(out, "\"/>\n");
}

/* Legend: colour, id (a star marks the recommended policy), final mean. */
static void legend_draw(FILE *out, const struct bench_results *r)
{
    for (size_t i = 0; i < r->n_policies; i++) {
        const struct bench_policy_result *p = &r->policies[i];
        const char *colour = palette[i % (sizeof(palette) / sizeof(palette[0]))];
        double ly = TOP + 10 + 22.0 * (double)i;
        fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                     "stroke-width=\"3\"/>\n",
                W - RIGHT + 12, ly, W - RIGHT + 34, ly, colour);
        fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"13\">%s%s: %.4g</text>\n",
                W - RIGHT + 40, ly + 4, p->id,
                r->recommended && !strcmp(r->recommended, p->id) ? " *" : "", p->regret.mean);
    }
    if (!r->lower_bound)
        return;
    double ly = TOP + 10 + 22.0 * (double)r->n_policies;
    fprintf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\" "
                 "stroke-dasharray=\"6 4\"/>\n",
            W - RIGHT + 12, ly, W - RIGHT + 34, ly);
    fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"13\">Lai-Robbins %.4g ln t</text>\n",
            W - RIGHT + 40, ly + 4, r->lower_bound_c);
}

static void bound_draw(FILE *out, const struct axes *a, const struct bench_results *r)
{
    fprintf(out, "<polyline fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\" "
                 "stroke-dasharray=\"6 4\" points=\"");
    for (size_t c = 0; c < r->n_checkpoints; c++)
        fprintf(out, "%.1f,%.1f ", px(a, r->checkpoints[c]), py(a, r->lower_bound[c]));
    fprintf(out, "\"/>\n");
}

void report_results_svg(const struct bench_results *r, FILE *out, const char *title)
{
    struct axes a = {0.0, log10((double)(r->horizon > 1 ? r->horizon : 10)), 0.0};
    for (size_t i = 0; i < r->n_policies; i++)
        for (size_t c = 0; c < r->n_checkpoints; c++)
            a.y1 = fmax(a.y1, fmax(r->policies[i].curve[c].hi, r->policies[i].curve[c].mean));
    for (size_t c = 0; r->lower_bound && c < r->n_checkpoints; c++)
        a.y1 = fmax(a.y1, r->lower_bound[c]);
    if (!(a.y1 > 0))
        a.y1 = 1.0;
    a.y1 = ceil(a.y1 * 1.05 / nice_step(a.y1 * 1.05)) * nice_step(a.y1 * 1.05);
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\">\n"
                 "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
            W, H, W, H);
    fprintf(out, "<text x=\"%d\" y=\"28\" font-size=\"16\" font-weight=\"bold\">", LEFT);
    if (title)
        escaped(out, title);
    else
        fprintf(out, "regret on %s: K = %d, T = %lld", r->workload->name, r->k, r->horizon);
    fprintf(out, "</text>\n");
    axes_draw(out, &a, r);
    fprintf(out, "<defs><clipPath id=\"plot\"><rect x=\"%d\" y=\"%d\" width=\"%d\" "
                 "height=\"%d\"/></clipPath></defs>\n<g clip-path=\"url(#plot)\">\n",
            LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
    for (size_t i = 0; i < r->n_policies; i++)
        policy_draw(out, &a, r, i);
    if (r->lower_bound)
        bound_draw(out, &a, r);
    fprintf(out, "</g>\n");
    legend_draw(out, r);
    fprintf(out, "</svg>\n");
}
