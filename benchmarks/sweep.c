/*
 * sweep: load a sweep file and expand it into cells (see sweep.h).
 *
 * The YAML schema (one mapping; `workloads` is required):
 *   sweep     ::= { name: TEXT, description: TEXT, seed: INT>=0, seeds: INT>=1,
 *                   horizon: INT>=1, arms: INT>=1, policies: [ID, ...],
 *                   recommended: ID, params: { KEY: NUMBER, ... },
 *                   workloads: [entry, ...], grid: { KEY: [NUMBER, ...], ... } }
 *   entry     ::= ID | { name: TEXT, workload: ID, arms: INT>=1, horizon: INT>=1,
 *                        params: { KEY: NUMBER, ... }, means: [NUMBER, ...] }
 * Sweep-level horizon, arms and params are defaults that an entry
 * overrides; grid values override both. Every problem is a diagnostic
 * with file:line:col and the loader keeps going.
 */
#include "benchmarks/sweep.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "base/yaml_reader.h"

enum { SWEEP_MAX_CELLS = 1000000 };

static const char *const sweep_keys[] = {
    "name", "description", "seed", "seeds", "horizon", "arms", "policies",
    "recommended", "params", "workloads", "grid", NULL,
};
static const char *const entry_keys[] = {
    "name", "workload", "arms", "horizon", "params", "means", NULL,
};

struct loader {
    const char *file;
    struct diag_list *diags;
};

static int get_int(struct loader *ld, const struct yr_node *map, const char *key, const char *what,
                   long long min, long long max, long long *out)
{
    const struct yr_node *n = yr_get(map, key);
    long long v;
    if (!n)
        return 0;
    char *w = xasprintf("%s '%s'", what, key);
    int rc = yr_scalar_int(n, w, ld->file, ld->diags, &v);
    if (rc == 0 && (v < min || v > max)) {
        diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col,
                 "%s must be between %lld and %lld, not %lld", w, min, max, v);
        rc = -1;
    }
    free(w);
    if (rc < 0)
        return -1;
    *out = v;
    return 1;
}

static void get_string(struct loader *ld, const struct yr_node *map, const char *key,
                       const char *what, char **field)
{
    const struct yr_node *n = yr_get(map, key);
    const char *v;
    if (!n)
        return;
    char *w = xasprintf("%s '%s'", what, key);
    if (yr_scalar_string(n, w, ld->file, ld->diags, &v) == 0) {
        if (!v[0])
            diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col, "%s must not be empty", w);
        else
            bench_spec_set_string(field, v);
    }
    free(w);
}

static bool want_kind(struct loader *ld, const struct yr_node *n, enum yr_kind kind,
                      const char *what)
{
    if (n->kind == kind)
        return true;
    diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col, "%s must be %s, not %s", what,
             yr_kind_name(kind), yr_kind_name(n->kind));
    return false;
}

/* Set a parameter remembering where it was read. */
static void set_param_at(struct bench_spec *s, const char *key, double v, int line, int col)
{
    bench_spec_set_param(s, key, v);
    for (size_t i = 0; i < s->n_params; i++)
        if (!strcmp(s->params[i].key, key)) {
            s->params[i].line = line;
            s->params[i].col = col;
        }
}

/* Start s from src: arms, horizon, policies, the recommended pick and
 * the parameters with their positions (what an entry inherits from the
 * sweep, and a cell from its entry). */
static void inherit(struct bench_spec *s, const struct bench_spec *src)
{
    s->arms = src->arms;
    s->horizon = src->horizon;
    for (size_t i = 0; i < src->n_policies; i++)
        bench_spec_add_policy(s, src->policies[i]);
    bench_spec_set_string(&s->recommended, src->recommended);
    for (size_t i = 0; i < src->n_params; i++)
        set_param_at(s, src->params[i].key, src->params[i].value, src->params[i].line,
                     src->params[i].col);
}

/* Production: params ::= { KEY: NUMBER, ... } */
static void load_params(struct loader *ld, const struct yr_node *n, struct bench_spec *s)
{
    if (!want_kind(ld, n, YR_MAPPING, "sweep key 'params'"))
        return;
    for (size_t i = 0; i < n->count; i++) {
        const struct yr_node *k = n->pairs[i].key;
        double v;
        char *w = xasprintf("parameter '%s'", k->scalar);
        if (yr_scalar_double(n->pairs[i].value, w, ld->file, ld->diags, &v) == 0)
            set_param_at(s, k->scalar, v, k->line, k->col);
        free(w);
    }
}

/* Production: entry ::= ID | { name, workload, arms, horizon, params, means } */
static struct bench_spec *load_entry(struct loader *ld, const struct yr_node *n, const struct bench_spec *dflt)
{
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->file, ld->file);
    inherit(s, dflt);
    s->line_workload = n->line;
    s->col_workload = n->col;
    if (n->kind == YR_SCALAR) {
        const char *v;
        if (yr_scalar_string(n, "workload id", ld->file, ld->diags, &v) == 0)
            bench_spec_set_string(&s->workload, v);
        return s;
    }
    if (!want_kind(ld, n, YR_MAPPING, "a workloads entry"))
        return s;
    yr_check_keys(n, entry_keys, "a workloads entry", ld->file, ld->diags);
    get_string(ld, n, "name", "workloads entry key", &s->name);
    get_string(ld, n, "workload", "workloads entry key", &s->workload);
    const struct yr_node *wl = yr_get(n, "workload");
    if (wl) {
        s->line_workload = wl->line;
        s->col_workload = wl->col;
    } else {
        diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col,
                 "missing key 'workload' in a workloads entry");
    }
    long long v;
    int have_arms = get_int(ld, n, "arms", "workloads entry key", 1, BENCH_MAX_ARMS, &v);
    if (have_arms > 0)
        s->arms = v;
    if (get_int(ld, n, "horizon", "workloads entry key", 1, (long long)1e12, &v) > 0)
        s->horizon = v;
    const struct yr_node *p = yr_get(n, "params");
    if (p)
        load_params(ld, p, s);
    const struct yr_node *m = yr_get(n, "means");
    if (m && want_kind(ld, m, YR_SEQUENCE, "workloads entry key 'means'") && m->count) {
        s->means = xcalloc(m->count, sizeof(double));
        s->n_means = m->count;
        for (size_t i = 0; i < m->count; i++)
            yr_scalar_double(m->items[i], "arm mean", ld->file, ld->diags, &s->means[i]);
        if (have_arms <= 0)
            s->arms = (long long)m->count;
    }
    return s;
}

/* Production: grid ::= { KEY: [NUMBER, ...], ... } */
static void load_grid(struct loader *ld, const struct yr_node *n, struct sweep *sw)
{
    if (!want_kind(ld, n, YR_MAPPING, "sweep key 'grid'"))
        return;
    sw->axes = xcalloc(n->count + 1, sizeof(*sw->axes));
    for (size_t i = 0; i < n->count; i++) {
        const struct yr_node *k = n->pairs[i].key, *v = n->pairs[i].value;
        char *what = xasprintf("grid axis '%s'", k->scalar);
        if (want_kind(ld, v, YR_SEQUENCE, what)) {
            if (v->count == 0) {
                diag_add(ld->diags, DIAG_ERROR, ld->file, v->line, v->col,
                         "%s must not be empty", what);
            } else {
                struct sweep_axis *a = &sw->axes[sw->n_axes++];
                a->key = xstrdup(k->scalar);
                a->n = v->count;
                a->values = xcalloc(v->count, sizeof(double));
                a->lines = xcalloc(v->count, sizeof(int));
                a->cols = xcalloc(v->count, sizeof(int));
                for (size_t j = 0; j < v->count; j++) {
                    yr_scalar_double(v->items[j], "grid value", ld->file, ld->diags,
                                     &a->values[j]);
                    a->lines[j] = v->items[j]->line;
                    a->cols[j] = v->items[j]->col;
                }
            }
        }
        free(what);
    }
}

/* Production: sweep (the top-level mapping). dflt collects the sweep-wide
 * defaults every entry starts from. */
static void load_root(struct loader *ld, const struct yr_node *root, struct sweep *sw,
                      struct bench_spec *dflt)
{
    long long v;
    yr_check_keys(root, sweep_keys, "the sweep", ld->file, ld->diags);
    get_string(ld, root, "name", "sweep key", &sw->name);
    get_string(ld, root, "description", "sweep key", &dflt->description);
    get_string(ld, root, "recommended", "sweep key", &dflt->recommended);
    if (get_int(ld, root, "seed", "sweep key", 0, INT64_MAX, &v) > 0)
        sw->seed = (uint64_t)v;
    if (get_int(ld, root, "seeds", "sweep key", 1, 1000000, &v) > 0)
        sw->seeds = (int)v;
    if (get_int(ld, root, "horizon", "sweep key", 1, (long long)1e12, &v) > 0)
        dflt->horizon = v;
    if (get_int(ld, root, "arms", "sweep key", 1, BENCH_MAX_ARMS, &v) > 0)
        dflt->arms = v;
    const struct yr_node *n;
    if ((n = yr_get(root, "policies")) && want_kind(ld, n, YR_SEQUENCE, "sweep key 'policies'"))
        for (size_t i = 0; i < n->count; i++) {
            const char *id;
            if (yr_scalar_string(n->items[i], "policy id", ld->file, ld->diags, &id) == 0)
                bench_spec_add_policy(dflt, id);
        }
    if ((n = yr_get(root, "params")))
        load_params(ld, n, dflt);
    if ((n = yr_get(root, "grid")))
        load_grid(ld, n, sw);
    n = yr_get(root, "workloads");
    if (!n) {
        diag_add(ld->diags, DIAG_ERROR, ld->file, root->line, root->col,
                 "missing key 'workloads' in the sweep");
    } else if (want_kind(ld, n, YR_SEQUENCE, "sweep key 'workloads'")) {
        if (n->count == 0)
            diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col,
                     "sweep key 'workloads' must not be empty");
        sw->workloads = xcalloc(n->count + 1, sizeof(*sw->workloads));
        for (size_t i = 0; i < n->count; i++)
            sw->workloads[sw->n_workloads++] = load_entry(ld, n->items[i], dflt);
    }
}

/* FNV-1a, 64 bits, of the cell's canonical YAML (bench_spec_write): equal
 * specs, equal fingerprints; any edit that changes a number changes it. */
static uint64_t spec_fingerprint(const struct bench_spec *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        BUG("open_memstream failed");
    bench_spec_write(s, mem);
    fclose(mem);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)buf[i]) * 0x100000001b3ULL;
    free(buf);
    return h;
}

/* Check every cell; a problem shared by many cells is reported once. */
static void check_cells(struct sweep *sw, struct diag_list *diags)
{
    struct diag_list all;
    diag_list_init(&all);
    for (size_t c = 0; c < sw->n_cells; c++) {
        struct bench_spec *s = sweep_cell_spec(sw, c);
        struct diag_list one;
        diag_list_init(&one);
        bench_check_spec(s, &one);
        for (size_t i = 0; i < one.count; i++) {
            const struct diag *d = &one.items[i];
            bool seen = false;
            for (size_t j = 0; j < all.count && !seen; j++)
                seen = all.items[j].line == d->line && all.items[j].col == d->col &&
                       !strcmp(all.items[j].message, d->message);
            if (!seen)
                diag_add(&all, d->severity, d->file, d->line, d->col, "%s", d->message);
        }
        diag_list_release(&one);
        sw->cell_fp[c] = spec_fingerprint(s);
        sw->fingerprint = (sw->fingerprint ^ sw->cell_fp[c]) * 0x100000001b3ULL;
        bench_spec_free(s);
        if (all.errors >= 50)
            break;
    }
    diag_list_append(diags, &all);
    diag_list_release(&all);
}

struct sweep *sweep_load(const char *path, struct diag_list *diags)
{
    struct diag_list local;
    diag_list_init(&local);
    struct yr_doc *doc = yr_load_file(path, NULL, &local);
    struct sweep *sw = NULL;
    const struct yr_node *root = yr_root_mapping(doc, DIAG_ERROR, "the sweep file is empty",
                                                 "the sweep must be a mapping", &local);
    if (root) {
        sw = xcalloc(1, sizeof(*sw));
        sw->file = xstrdup(path);
        sw->seeds = 20;
        sw->seed = 1;
        struct bench_spec *dflt = bench_spec_new();
        struct loader ld = {.file = path, .diags = &local};
        load_root(&ld, root, sw, dflt);
        bench_spec_free(dflt);
        if (!sw->name)
            sw->name = xstrdup(path);
        double cells = (double)sw->n_workloads;
        for (size_t i = 0; i < sw->n_axes; i++)
            cells *= (double)sw->axes[i].n;
        if (cells > SWEEP_MAX_CELLS)
            diag_add(&local, DIAG_ERROR, path, 0, 0, "the sweep has %.0f cells, more than %d",
                     cells, SWEEP_MAX_CELLS);
        else if (local.errors == 0) {
            sw->n_cells = (size_t)cells;
            sw->cell_fp = xcalloc(sw->n_cells, sizeof(*sw->cell_fp));
            sw->fingerprint = 0xcbf29ce484222325ULL ^ (uint64_t)sw->seeds;
            check_cells(sw, &local);
        }
    }
    yr_doc_free(doc);
    if (local.errors && sw) {
        sweep_free(sw);
        sw = NULL;
    }
    diag_list_append(diags, &local);
    diag_list_release(&local);
    return sw;
}

void sweep_free(struct sweep *sw)
{
    if (!sw)
        return;
    for (size_t i = 0; i < sw->n_workloads; i++)
        bench_spec_free(sw->workloads[i]);
    free(sw->workloads);
    for (size_t i = 0; i < sw->n_axes; i++) {
        free(sw->axes[i].key);
        free(sw->axes[i].values);
        free(sw->axes[i].lines);
        free(sw->axes[i].cols);
    }
    free(sw->axes);
    free(sw->cell_fp);
    free(sw->file);
    free(sw->name);
    free(sw);
}

size_t sweep_cell_point(const struct sweep *sw, size_t c, size_t *idx)
{
    for (size_t i = sw->n_axes; i-- > 0;) {
        idx[i] = c % sw->axes[i].n;
        c /= sw->axes[i].n;
    }
    return c;
}

struct bench_spec *sweep_cell_spec(const struct sweep *sw, size_t c)
{
    if (c >= sw->n_cells && sw->n_cells)
        BUG("cell %zu of %zu", c, sw->n_cells);
    size_t *idx = xcalloc(sw->n_axes + 1, sizeof(*idx));
    const struct bench_spec *b = sw->workloads[sweep_cell_point(sw, c, idx)];
    struct bench_spec *s = bench_spec_new();
    bench_spec_set_string(&s->file, b->file);
    bench_spec_set_string(&s->workload, b->workload);
    s->line_workload = b->line_workload;
    s->col_workload = b->col_workload;
    s->seeds = sw->seeds;
    s->seed = sw->seed;
    inherit(s, b);
    for (size_t i = 0; i < sw->n_axes; i++) {
        const struct sweep_axis *a = &sw->axes[i];
        set_param_at(s, a->key, a->values[idx[i]], a->lines[idx[i]], a->cols[idx[i]]);
    }
    if (b->n_means) {
        s->means = xmalloc(b->n_means * sizeof(double));
        memcpy(s->means, b->means, b->n_means * sizeof(double));
        s->n_means = b->n_means;
    }
    free(idx);
    char *label = sweep_cell_label(sw, c);
    bench_spec_set_string(&s->name, label);
    free(label);
    return s;
}

char *sweep_cell_label(const struct sweep *sw, size_t c)
{
    size_t *idx = xcalloc(sw->n_axes + 1, sizeof(*idx));
    const struct bench_spec *b = sw->workloads[sweep_cell_point(sw, c, idx)];
    char *label = xstrdup(b->name ? b->name : b->workload ? b->workload : "?");
    for (size_t i = 0; i < sw->n_axes; i++) {
        char *next = xasprintf("%s %s=%g", label, sw->axes[i].key, sw->axes[i].values[idx[i]]);
        free(label);
        label = next;
    }
    free(idx);
    return label;
}

int sweep_parse_shard(const char *text, int *i, int *n)
{
    char *end;
    long a = strtol(text, &end, 10);
    if (end == text || *end != '/')
        return -1;
    const char *rest = end + 1;
    long b = strtol(rest, &end, 10);
    if (end == rest || *end || a < 1 || b < 1 || a > b || b > 100000)
        return -1;
    *i = (int)a;
    *n = (int)b;
    return 0;
}

bool sweep_shard_owns(const struct sweep *sw, size_t c, int s, int i, int n)
{
    uint64_t g = (uint64_t)c * (uint64_t)sw->seeds + (uint64_t)s;
    return g % (uint64_t)n == (uint64_t)(i - 1);
}
