/*
 * spec: load, build and save benchmark specs (see spec.h).
 *
 * The YAML schema (one mapping; every key optional except `workload`):
 *   spec      ::= { name: TEXT, description: TEXT, workload: ID,
 *                   arms: 1..BENCH_MAX_ARMS, horizon: INT>=1, seeds: INT>=1, seed: INT>=0,
 *                   policies: [ID, ...], recommended: ID,
 *                   params: { KEY: NUMBER, ... }, means: [NUMBER, ...] }
 * Unknown keys, wrong kinds and out-of-range numbers are diagnostics with
 * file:line:col; the loader keeps going so one run reports every problem.
 * When `means` is given without `arms`, arms = the number of means; when
 * both are given they must agree.
 */
#include "benchmarks/spec.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "base/xalloc.h"
#include "base/yaml_reader.h"
#include "base/yaml_writer.h"

struct bench_spec *bench_spec_new(void)
{
    struct bench_spec *s = xcalloc(1, sizeof(*s));
    s->arms = 10;
    s->horizon = 100000;
    s->seeds = 20;
    s->seed = 1;
    return s;
}

void bench_spec_free(struct bench_spec *s)
{
    if (!s)
        return;
    free(s->file);
    free(s->name);
    free(s->description);
    free(s->workload);
    for (size_t i = 0; i < s->n_policies; i++)
        free(s->policies[i]);
    free(s->policies);
    free(s->recommended);
    for (size_t i = 0; i < s->n_params; i++)
        free(s->params[i].key);
    free(s->params);
    free(s->means);
    free(s);
}

void bench_spec_set_string(char **field, const char *value)
{
    char *copy = value ? xstrdup(value) : NULL;
    free(*field);
    *field = copy;
}

void bench_spec_add_policy(struct bench_spec *s, const char *policy_id)
{
    s->policies = xrealloc(s->policies, (s->n_policies + 1) * sizeof(*s->policies));
    s->policies[s->n_policies++] = xstrdup(policy_id);
}

static struct bench_spec_param *find_param(struct bench_spec *s, const char *key)
{
    for (size_t i = 0; i < s->n_params; i++)
        if (!strcmp(s->params[i].key, key))
            return &s->params[i];
    return NULL;
}

static struct bench_spec_param *set_param_at(struct bench_spec *s, const char *key, double value, int line,
                                       int col)
{
    struct bench_spec_param *p = find_param(s, key);
    if (!p) {
        s->params = xrealloc(s->params, (s->n_params + 1) * sizeof(*s->params));
        p = &s->params[s->n_params++];
        p->key = xstrdup(key);
    }
    p->value = value;
    p->line = line;
    p->col = col;
    return p;
}

void bench_spec_set_param(struct bench_spec *s, const char *key, double value)
{
    set_param_at(s, key, value, 0, 0);
}

const struct bench_spec_param *bench_spec_find_param(const struct bench_spec *s, const char *key)
{
    for (size_t i = 0; i < s->n_params; i++)
        if (!strcmp(s->params[i].key, key))
            return &s->params[i];
    return NULL;
}

double bench_spec_param_or(const struct bench_spec *s, const char *key, double fallback)
{
    const struct bench_spec_param *p = bench_spec_find_param(s, key);
    return p ? p->value : fallback;
}

/* ---- loading ---- */

static const char *const spec_keys[] = {
    "name", "description", "workload", "arms", "horizon", "seeds", "seed",
    "policies", "recommended", "params", "means", NULL,
};

struct loader {
    const char *file;
    struct diag_list *diags;
    struct bench_spec *s;
};

/* Production: TEXT and ID scalars (name, description, workload, recommended). */
static void load_string(struct loader *ld, const struct yr_node *root, const char *key,
                        char **field)
{
    const struct yr_node *n = yr_get(root, key);
    const char *v;
    if (!n)
        return;
    char *what = xasprintf("spec key '%s'", key);
    if (yr_scalar_string(n, what, ld->file, ld->diags, &v) == 0) {
        if (!v[0])
            diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col, "%s must not be empty",
                     what);
        else
            bench_spec_set_string(field, v);
    }
    free(what);
}

/* Production: INT with a lower bound (arms, horizon, seeds, seed). */
static int load_int(struct loader *ld, const struct yr_node *root, const char *key,
                    long long min, long long max, long long *out)
{
    const struct yr_node *n = yr_get(root, key);
    long long v;
    if (!n)
        return 0;
    char *what = xasprintf("spec key '%s'", key);
    int rc = yr_scalar_int(n, what, ld->file, ld->diags, &v);
    if (rc == 0 && (v < min || v > max)) {
        diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col,
                 "%s must be between %lld and %lld, not %lld", what, min, max, v);
        rc = -1;
    }
    free(what);
    if (rc == 0) {
        *out = v;
        return 1;
    }
    return -1;
}

/* Production: policies ::= [ID, ...] */
static void load_policies(struct loader *ld, const struct yr_node *n)
{
    if (n->kind != YR_SEQUENCE) {
        diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col,
                 "spec key 'policies' must be a list, not %s", yr_kind_name(n->kind));
        return;
    }
    for (size_t i = 0; i < n->count; i++) {
        const char *v;
        if (yr_scalar_string(n->items[i], "policy id", ld->file, ld->diags, &v) == 0)
            bench_spec_add_policy(ld->s, v);
    }
}

/* Production: params ::= { KEY: NUMBER, ... } */
static void load_params(struct loader *ld, const struct yr_node *n)
{
    if (n->kind != YR_MAPPING) {
        diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col,
                 "spec key 'params' must be a mapping, not %s", yr_kind_name(n->kind));
        return;
    }
    for (size_t i = 0; i < n->count; i++) {
        const struct yr_node *k = n->pairs[i].key;
        double v;
        char *what = xasprintf("parameter '%s'", k->scalar);
        if (yr_scalar_double(n->pairs[i].value, what, ld->file, ld->diags, &v) == 0)
            set_param_at(ld->s, k->scalar, v, k->line, k->col);
        free(what);
    }
}

/* Production: means ::= [NUMBER, ...] */
static void load_means(struct loader *ld, const struct yr_node *n)
{
    if (n->kind != YR_SEQUENCE) {
        diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col,
                 "spec key 'means' must be a list, not %s", yr_kind_name(n->kind));
        return;
    }
    if (n->count == 0) {
        diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col,
                 "spec key 'means' must not be empty");
        return;
    }
    struct bench_spec *s = ld->s;
    s->means = xcalloc(n->count, sizeof(*s->means));
    s->n_means = n->count;
    for (size_t i = 0; i < n->count; i++)
        yr_scalar_double(n->items[i], "arm mean", ld->file, ld->diags, &s->means[i]);
}

/* Production: spec (the top-level mapping). */
static void load_root(struct loader *ld, const struct yr_node *root)
{
    struct bench_spec *s = ld->s;
    long long v;
    yr_check_keys(root, spec_keys, "the spec", ld->file, ld->diags);
    load_string(ld, root, "name", &s->name);
    load_string(ld, root, "description", &s->description);
    load_string(ld, root, "workload", &s->workload);
    load_string(ld, root, "recommended", &s->recommended);
    const struct yr_node *wl = yr_get(root, "workload");
    if (wl) {
        s->line_workload = wl->line;
        s->col_workload = wl->col;
    } else {
        diag_add(ld->diags, DIAG_ERROR, ld->file, root->line, root->col,
                 "missing key 'workload' in the spec");
    }
    int have_arms = load_int(ld, root, "arms", 1, BENCH_MAX_ARMS, &v);
    if (have_arms > 0) {
        const struct yr_node *a = yr_get(root, "arms");
        s->arms = v;
        s->line_arms = a->line;
        s->col_arms = a->col;
    }
    if (load_int(ld, root, "horizon", 1, (long long)1e12, &v) > 0) {
        const struct yr_node *h = yr_get(root, "horizon");
        s->horizon = v;
        s->line_horizon = h->line;
        s->col_horizon = h->col;
    }
    if (load_int(ld, root, "seeds", 1, 1000000, &v) > 0)
        s->seeds = (int)v;
    if (load_int(ld, root, "seed", 0, INT64_MAX, &v) > 0)
        s->seed = (uint64_t)v;
    const struct yr_node *n;
    if ((n = yr_get(root, "policies")))
        load_policies(ld, n);
    if ((n = yr_get(root, "params")))
        load_params(ld, n);
    if ((n = yr_get(root, "means"))) {
        load_means(ld, n);
        if (s->n_means > BENCH_MAX_ARMS && have_arms == 0)
            diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col,
                     "spec key 'means' has %zu arms, above the limit of %d", s->n_means,
                     BENCH_MAX_ARMS);
        else if (s->n_means && have_arms == 0) {
            s->arms = (long long)s->n_means;
            s->line_arms = n->line;
            s->col_arms = n->col;
        }
        else if (s->n_means && have_arms > 0 && (long long)s->n_means != s->arms)
            diag_add(ld->diags, DIAG_ERROR, ld->file, n->line, n->col,
                     "spec has %zu means but %lld arms", s->n_means, s->arms);
    }
}

struct bench_spec *bench_spec_load(const char *path, struct diag_list *diags)
{
    struct diag_list local;
    diag_list_init(&local);
    struct yr_doc *doc = yr_load_file(path, NULL, &local);
    struct bench_spec *s = NULL;
    const struct yr_node *root = yr_root_mapping(doc, DIAG_ERROR, "the spec file is empty",
                                                 "the spec must be a mapping", &local);
    if (root) {
        s = bench_spec_new();
        bench_spec_set_string(&s->file, path);
        struct loader ld = {.file = path, .diags = &local, .s = s};
        load_root(&ld, root);
    }
    yr_doc_free(doc);
    if (local.errors && s) {
        bench_spec_free(s);
        s = NULL;
    }
    diag_list_append(diags, &local);
    diag_list_release(&local);
    return s;
}

/* ---- writing ---- */

static void write_string_key(FILE *out, const char *key, const char *value)
{
    if (!value)
        return;
    fprintf(out, "%s: ", key);
    yaml_write_quoted(out, value);
    fputc('\n', out);
}

void bench_spec_write(const struct bench_spec *s, FILE *out)
{
    write_string_key(out, "name", s->name);
    write_string_key(out, "description", s->description);
    write_string_key(out, "workload", s->workload);
    fprintf(out, "arms: %lld\nhorizon: %lld\nseeds: %d\nseed: %" PRIu64 "\n", s->arms,
            s->horizon, s->seeds, s->seed);
    if (s->n_policies) {
        fputs("policies: [", out);
        for (size_t i = 0; i < s->n_policies; i++) {
            if (i)
                fputs(", ", out);
            yaml_write_quoted(out, s->policies[i]);
        }
        fputs("]\n", out);
    }
    write_string_key(out, "recommended", s->recommended);
    if (s->n_params) {
        fputs("params:\n", out);
        for (size_t i = 0; i < s->n_params; i++) {
            fputs("  ", out);
            yaml_write_quoted(out, s->params[i].key);
            fprintf(out, ": %.17g\n", s->params[i].value);
        }
    }
    if (s->n_means) {
        fputs("means: [", out);
        for (size_t i = 0; i < s->n_means; i++)
            fprintf(out, "%s%.17g", i ? ", " : "", s->means[i]);
        fputs("]\n", out);
    }
}

int bench_spec_save(const struct bench_spec *s, const char *path, struct diag_list *diags)
{
    struct atomic_file af;
    if (atomic_file_open(&af, path, diags) < 0)
        return -1;
    bench_spec_write(s, af.fp);
    return atomic_file_commit(&af, diags);
}
