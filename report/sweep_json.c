#include "report/sweep_json.h"

#include <stdlib.h>

#include "base/jsonw.h"
#include "base/xalloc.h"
#include "report/results.h"

void report_sweep_json_begin(const struct sweep *sw, FILE *out)
{
    /* The opening members as a jsonw object whose closing brace is left to
     * report_sweep_json_end(): the cells in between stream. */
    struct jsonw w;
    jsonw_init(&w, out, false);
    jsonw_object_begin(&w);
    jsonw_member_string(&w, "sweep", sw->name);
    jsonw_member_int(&w, "cells_total", (long long)sw->n_cells);
    jsonw_member_int(&w, "seeds", sw->seeds);
    jsonw_member_int(&w, "seed", (long long)sw->seed);
    jsonw_key(&w, "cells");
    jsonw_array_begin(&w);
    fputc('\n', out);
}

void report_sweep_json_cell(const struct sweep *sw, size_t c, const struct bench_results *r,
                            bool timing, FILE *out)
{
    size_t *idx = xcalloc(sw->n_axes + 1, sizeof(*idx));
    const struct bench_spec *b = sw->workloads[sweep_cell_point(sw, c, idx)];
    char *label = sweep_cell_label(sw, c);
    if (c)
        fputc(',', out);
    struct jsonw w;
    jsonw_init(&w, out, false);
    jsonw_object_begin(&w);
    jsonw_member_int(&w, "cell", (long long)c);
    jsonw_member_string(&w, "label", label);
    jsonw_member_string(&w, "workload", b->workload);
    jsonw_key(&w, "grid");
    jsonw_object_begin(&w);
    for (size_t i = 0; i < sw->n_axes; i++)
        jsonw_member_number(&w, sw->axes[i].key, sw->axes[i].values[idx[i]]);
    jsonw_object_end(&w);
    jsonw_key(&w, "result");
    report_results_json_value(&w, r, timing);
    jsonw_object_end(&w);
    jsonw_finish(&w);
    free(label);
    free(idx);
}

void report_sweep_json_end(FILE *out)
{
    fputs("]}\n", out);
}
