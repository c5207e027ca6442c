/*
 * The registry of workloads (WORKLOADS below, the one table), and the
 * configuration code they share: param checking, base means, per-seed
 * streams. See workload.h.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/suggest.h"
#include "base/xalloc.h"
#include "benchmarks/policy.h"
#include "benchmarks/workload.h"
#include "taxonomy/taxonomy.h"

/* The one table of workloads, in --list-workloads order: adding one means
 * its descriptor in a file under workloads/ and one X(...) line here. */
#define WORKLOADS(X) \
    X(wl_bernoulli)              /* workloads/bernoulli.c */ \
    X(wl_gaussian)               /* workloads/continuous.c */ \
    X(wl_bounded)                /* workloads/continuous.c */ \
    X(wl_revenue)                /* workloads/continuous.c */ \
    X(wl_piecewise)              /* workloads/nonstationary.c */ \
    X(wl_drift)                  /* workloads/nonstationary.c */ \
    X(wl_delayed)                /* workloads/bernoulli.c */ \
    X(wl_bai_fixed_confidence)   /* workloads/bernoulli.c */ \
    X(wl_bai_fixed_budget)       /* workloads/bernoulli.c */ \
    X(wl_contextual_linear)      /* workloads/contextual.c */ \
    X(wl_contextual_logistic)    /* workloads/contextual.c */ \
    X(wl_cascade)                /* workloads/slates.c */ \
    X(wl_pbm)                    /* workloads/slates.c */ \
    X(wl_pricing)                /* workloads/pricing.c */ \
    X(wl_knapsack)               /* workloads/knapsack.c */

#define DECLARE(var) extern const struct wl_type var;
WORKLOADS(DECLARE)
#undef DECLARE

#define ENTRY(var) &var,
const struct wl_type *const wl_registry[] = {WORKLOADS(ENTRY)};
#undef ENTRY
const size_t wl_registry_count = sizeof(wl_registry) / sizeof(wl_registry[0]);

/* The feedback params and shuffle (workload.h, "Feedback"). */
const struct wl_param wl_common_params[] = {
    {"batch", 1, "the policy is updated every batch rounds, with all feedback of the batch"},
    {"delay_mean", 0, "mean delay in rounds before a reward reaches the policy (0: immediate)"},
    {"delay_kind", 0, "0: geometric delay on {0, 1, ...} with that mean (default); 1: fixed"},
    {"window", 0, "attribution window in rounds: a later reward arrives as 0 (0: no window)"},
    {"shuffle", 1, "1: the arm order is permuted per seed (default); 0: as listed"},
    {NULL, 0, NULL},
};

const struct wl_type *wl_find(const char *name)
{
    for (size_t i = 0; i < wl_registry_count; i++)
        if (!strcmp(wl_registry[i]->name, name))
            return wl_registry[i];
    return NULL;
}

static int param_index(const struct wl_param *params, const char *name)
{
    for (int i = 0; params && params[i].name; i++)
        if (!strcmp(params[i].name, name))
            return i;
    return -1;
}

double wl_value(const struct wl_config *cfg, const char *name)
{
    int i = param_index(cfg->type->params, name);
    if (i < 0)
        BUG("workload '%s' has no param '%s'", cfg->type->name, name);
    return cfg->values[i];
}

void wl_param_error(const struct bench_spec *s, const char *name, struct diag_list *diags,
                    const char *fmt, ...)
{
    const struct bench_spec_param *p = bench_spec_find_param(s, name);
    int line = p ? p->line : s->line_workload, col = p ? p->col : s->col_workload;
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    diag_add(diags, DIAG_ERROR, s->file, line, col, "%s", buf);
}

static void check_keys(const struct wl_type *t, const struct bench_spec *s, struct diag_list *diags)
{
    const char *names[2 * WL_MAX_PARAMS];
    size_t n = 0;
    for (int i = 0; t->params && t->params[i].name; i++)
        names[n++] = t->params[i].name;
    for (int i = 0; wl_common_params[i].name; i++)
        names[n++] = wl_common_params[i].name;
    for (size_t i = 0; i < s->n_params; i++) {
        const struct bench_spec_param *p = &s->params[i];
        if (strchr(p->key, '.'))
            continue;   /* "<policy>.<knob>", checked by the runner */
        if (param_index(t->params, p->key) >= 0 || param_index(wl_common_params, p->key) >= 0)
            continue;
        const char *hint = suggest_closest(p->key, names, n);
        if (hint)
            diag_add(diags, DIAG_ERROR, s->file, p->line, p->col,
                     "unknown parameter '%s' for workload '%s' (did you mean '%s'?)", p->key,
                     t->name, hint);
        else
            diag_add(diags, DIAG_ERROR, s->file, p->line, p->col,
                     "unknown parameter '%s' for workload '%s'", p->key, t->name);
    }
}

/* Base means from best/gap/worst (see benchmarks/README.md):
 *   gap set:   best, then k-1 arms at best - gap;
 *   otherwise: log-spaced from best down to worst. */
static void build_means(struct wl_config *cfg, const struct bench_spec *s, struct diag_list *diags)
{
    cfg->means = xcalloc((size_t)cfg->k, sizeof(double));
    if (s->n_means) {
        memcpy(cfg->means, s->means, (size_t)cfg->k * sizeof(double));
        return;
    }
    if (param_index(cfg->type->params, "best") < 0)
        return;
    double best = wl_value(cfg, "best"), gap = wl_value(cfg, "gap");
    int wi = param_index(cfg->type->params, "worst");
    double worst = wi >= 0 ? cfg->values[wi] : best;
    cfg->means[0] = best;
    if (!isnan(gap)) {
        if (!(gap > 0))
            wl_param_error(s, "gap", diags, "parameter 'gap' must be positive, not %g", gap);
        for (int i = 1; i < cfg->k; i++)
            cfg->means[i] = best - gap;
        return;
    }
    if (!(worst > 0 && worst <= best)) {
        wl_param_error(s, "worst", diags,
                       "parameter 'worst' must be positive and at most 'best' (%g), not %g",
                       best, worst);
        return;
    }
    for (int i = 1; i < cfg->k; i++)
        cfg->means[i] = best * pow(worst / best, (double)i / (double)(cfg->k - 1));
}

/* A common param's value: the spec's, else the type's own default when
 * it lists the param, else the common default. */
static double common_value(const struct wl_type *t, const struct bench_spec *s, const char *name)
{
    int i = param_index(t->params, name);
    const struct wl_param *p = i >= 0 ? &t->params[i]
                                      : &wl_common_params[param_index(wl_common_params, name)];
    return bench_spec_param_or(s, name, p->def);
}

/* The common params into cfg, each bad value a diagnostic. */
static void configure_common(const struct wl_type *t, const struct bench_spec *s,
                             struct wl_config *cfg, struct diag_list *diags)
{
    double batch = common_value(t, s, "batch"), shuffle = common_value(t, s, "shuffle");
    double mean = common_value(t, s, "delay_mean"), kind = common_value(t, s, "delay_kind");
    double window = common_value(t, s, "window");
    if (!(batch >= 1 && batch <= 1e9 && batch == floor(batch)))
        wl_param_error(s, "batch", diags, "parameter 'batch' must be a whole number >= 1, not %g",
                       batch);
    if (shuffle != 0 && shuffle != 1)
        wl_param_error(s, "shuffle", diags, "parameter 'shuffle' must be 0 or 1, not %g",
                       shuffle);
    if (!(mean >= 0 && mean <= 1e9))
        wl_param_error(s, "delay_mean", diags,
                       "parameter 'delay_mean' must be between 0 and 1e9, not %g", mean);
    else if (kind == 1 && mean != floor(mean))
        wl_param_error(s, "delay_mean", diags,
                       "a fixed delay must be a whole number of rounds, not %g", mean);
    if (kind != 0 && kind != 1)
        wl_param_error(s, "delay_kind", diags,
                       "parameter 'delay_kind' must be 0 (geometric) or 1 (fixed), not %g", kind);
    if (!(window >= 0 && window <= 1e9 && window == floor(window)))
        wl_param_error(s, "window", diags,
                       "parameter 'window' must be a whole number of rounds >= 0, not %g", window);
    cfg->batch = batch >= 1 && batch <= 1e9 ? (long long)batch : 1;
    cfg->shuffle = shuffle == 1;
    cfg->delay_mean = mean >= 0 && mean <= 1e9 ? mean : 0;
    cfg->delay_kind = kind == 1 ? WL_DELAY_FIXED : WL_DELAY_GEOMETRIC;
    cfg->window = window >= 0 && window <= 1e9 ? (long long)window : 0;
}

int wl_configure(const struct wl_type *t, const struct bench_spec *s, struct wl_config *cfg,
                 struct diag_list *diags)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->type = t;
    cfg->k = (int)s->arms;
    cfg->horizon = s->horizon;
    cfg->lo = 0.0;
    cfg->hi = 1.0;
    cfg->binary = t->binary;
    cfg->stationary = true;
    cfg->delta = 0.05;
    size_t before = diags->errors;
    check_keys(t, s, diags);
    for (int i = 0; t->params && t->params[i].name; i++) {
        if (i >= WL_MAX_PARAMS)
            BUG("workload '%s' has too many params", t->name);
        cfg->values[i] = bench_spec_param_or(s, t->params[i].name, t->params[i].def);
    }
    configure_common(t, s, cfg, diags);
    build_means(cfg, s, diags);
    if (diags->errors == before && t->configure)
        t->configure(cfg, s, diags);
    return diags->errors == before ? 0 : -1;
}

void wl_config_release(struct wl_config *cfg)
{
    free(cfg->means);
    cfg->means = NULL;
}

void wl_arms_best(struct wl_arms *arms, int k)
{
    int b = 0;
    for (int i = 1; i < k; i++)
        if (arms->means[i] > arms->means[b])
            b = i;
    arms->best_arm = b;
    arms->best = arms->means[b];
}

void wl_shuffle(double *means, int k, const struct wl_seed *seed)
{
    struct rng r;
    rng_stream(&r, seed->key, 1);
    for (int i = k - 1; i > 0; i--) {
        int j = (int)rng_below(&r, (uint64_t)i + 1);
        double tmp = means[i];
        means[i] = means[j];
        means[j] = tmp;
    }
}

void wl_arm_stream(struct rng *r, const struct wl_seed *seed, int arm)
{
    rng_stream(r, seed->key, 1024 + (uint64_t)arm);
}

double wl_lai_robbins_bernoulli(const double *means, int k)
{
    double best = means[0];
    for (int i = 1; i < k; i++)
        if (means[i] > best)
            best = means[i];
    double c = 0;
    for (int i = 0; i < k; i++)
        if (means[i] < best)
            c += (best - means[i]) / pol_kl_bernoulli(means[i], best);
    return c;
}
