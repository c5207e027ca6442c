/*
 * ope: the three passes of ope_run() (see ope.h) and the JSON report.
 */
#include "benchmarks/ope/ope.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/ope/log_csv.h"
#include "benchmarks/ope/reward_model.h"
#include "benchmarks/ope/target.h"
#include "benchmarks/rng.h"

void ope_config_init(struct ope_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->estimators = OPE_ALL;
    cfg->bootstrap = 200;
    cfg->seed = 1;
    cfg->model = OPE_MODEL_ADDITIVE;
    cfg->ridge_lambda = 1.0;
    cfg->switch_tau = 20.0;
    cfg->clip = 20.0;
    cfg->tiny_propensity = 1e-3;
    cfg->max_row_diags = 20;
}

/* What pass 1 learns about the log. */
struct scan {
    double r_sum, r_min, r_max;
    bool binary;                 /* every reward evaluated is 0 or 1 */
    int max_action, max_position;
    long tiny_line;              /* line of the smallest propensity */
    double pmin_pos[64], pmax_pos[64];   /* propensity range per position (first 64) */
    uint8_t *seen;               /* owned; bit a: action a has an evaluated row */
    size_t seen_bytes;
};

static void mark_seen(struct scan *s, int a)
{
    size_t byte = (size_t)a / 8;
    if (byte >= s->seen_bytes) {   /* a < OPE_LOG_MAX_ACTIONS bounds this at 125 KiB */
        size_t n = s->seen_bytes ? s->seen_bytes : 64;
        while (n <= byte)
            n *= 2;
        s->seen = xrealloc(s->seen, n);
        memset(s->seen + s->seen_bytes, 0, n - s->seen_bytes);
        s->seen_bytes = n;
    }
    s->seen[byte] |= (uint8_t)(1u << (a % 8));
}

/* The actions marked seen, ascending, into a new array of *n. */
static int *seen_actions(const struct scan *s, size_t *n)
{
    size_t count = 0;
    for (size_t a = 0; a < s->seen_bytes * 8; a++)
        count += (s->seen[a / 8] >> (a % 8)) & 1u;
    int *out = xcalloc(count + 1, sizeof(int));
    *n = 0;
    for (size_t a = 0; a < s->seen_bytes * 8; a++)
        if ((s->seen[a / 8] >> (a % 8)) & 1u)
            out[(*n)++] = (int)a;
    return out;
}

static bool use_row(const struct ope_config *cfg, const struct ope_row *row)
{
    return cfg->position == 0 || row->position == cfg->position;
}

/* Move the row diagnostics of one pass into diags, as errors or (when
 * skipping) warnings, at most cfg->max_row_diags of them. */
static void report_bad_rows(const struct ope_config *cfg, struct diag_list *rows,
                            long n_bad, struct diag_list *diags)
{
    enum diag_severity sev = cfg->skip_bad ? DIAG_WARNING : DIAG_ERROR;
    size_t shown = rows->count < (size_t)cfg->max_row_diags ? rows->count
                                                             : (size_t)cfg->max_row_diags;
    for (size_t i = 0; i < shown; i++) {
        const struct diag *d = &rows->items[i];
        diag_add(diags, sev, d->file, d->line, d->col, "%s%s", d->message,
                 cfg->skip_bad ? " (row skipped)" : "");
    }
    if (rows->count > shown)
        diag_add(diags, DIAG_NOTE, cfg->log_path, 0, 0,
                 "%zu more problems not shown (%ld malformed rows in all)", rows->count - shown,
                 n_bad);
    diag_list_release(rows);
}

static int scan_log(const struct ope_config *cfg, struct ope_log *log, struct ope_report *rep,
                    struct scan *s, struct diag_list *diags)
{
    struct diag_list rows;
    diag_list_init(&rows);
    struct ope_row row;
    int got;
    s->r_min = INFINITY;
    s->r_max = -INFINITY;
    s->max_action = -1;
    s->binary = true;
    rep->min_propensity = INFINITY;
    for (int p = 0; p < 64; p++) {
        s->pmin_pos[p] = INFINITY;
        s->pmax_pos[p] = -INFINITY;
    }
    while ((got = ope_log_next(log, &row, &rows)) != 0) {
        if (got < 0) {
            rep->n_bad++;
            continue;
        }
        if (row.action > s->max_action)
            s->max_action = row.action;
        if (row.position > s->max_position)
            s->max_position = row.position;
        if (!use_row(cfg, &row)) {
            rep->n_other_position++;
            continue;
        }
        rep->n_rows++;
        mark_seen(s, row.action);
        s->r_sum += row.reward;
        if (!isfinite(s->r_sum)) {
            diag_add(diags, DIAG_ERROR, cfg->log_path, (int)row.line, 0,
                     "reward %g makes the sum of the rewards overflow: rewards this large "
                     "cannot be averaged (rescale them)", row.reward);
            diag_list_release(&rows);
            return -1;
        }
        s->r_min = fmin(s->r_min, row.reward);
        s->r_max = fmax(s->r_max, row.reward);
        s->binary = s->binary && (row.reward == 0.0 || row.reward == 1.0);
        if (row.propensity < rep->min_propensity) {
            rep->min_propensity = row.propensity;
            s->tiny_line = row.line;
        }
        rep->max_propensity = fmax(rep->max_propensity, row.propensity);
        rep->n_tiny += row.propensity < cfg->tiny_propensity;
        if (row.position <= 64) {
            s->pmin_pos[row.position - 1] = fmin(s->pmin_pos[row.position - 1], row.propensity);
            s->pmax_pos[row.position - 1] = fmax(s->pmax_pos[row.position - 1], row.propensity);
        }
    }
    report_bad_rows(cfg, &rows, rep->n_bad, diags);
    if (rep->n_bad && !cfg->skip_bad)
        return -1;
    if (rep->n_rows == 0) {
        if (cfg->position)
            diag_add(diags, DIAG_ERROR, cfg->log_path, 0, 0, "no rows at position %d",
                     cfg->position);
        else
            diag_add(diags, DIAG_ERROR, cfg->log_path, 2, 1, "no data rows after the header");
        return -1;
    }
    int K = ope_log_n_actions(log);
    rep->n_actions = K > 0 ? K : s->max_action + 1;
    rep->n_positions = s->max_position;
    rep->on_policy_value = s->r_sum / (double)rep->n_rows;
    return 0;
}

/* Warnings about how far the estimates can be trusted, before pass 3. */
static void warn_log(const struct ope_config *cfg, const struct ope_report *rep,
                     const struct scan *s, struct diag_list *diags)
{
    if (rep->n_tiny)
        diag_add(diags, DIAG_WARNING, cfg->log_path, (int)s->tiny_line, 0,
                 "%ld row%s with propensity below %g (smallest %g): their importance "
                 "weights make ips, snips and dr noisy", rep->n_tiny,
                 rep->n_tiny == 1 ? "" : "s", cfg->tiny_propensity, rep->min_propensity);
    if (!(cfg->estimators & (1u << OPE_REPLAY)))
        return;
    for (int p = 0; p < rep->n_positions && p < 64; p++)
        if (s->pmax_pos[p] > s->pmin_pos[p] * (1 + 1e-9)) {
            diag_add(diags, DIAG_WARNING, cfg->log_path, 0, 0,
                     "replay assumes a uniformly random logging policy, but propensities at "
                     "position %d range from %g to %g: its estimate is biased", p + 1,
                     s->pmin_pos[p], s->pmax_pos[p]);
            return;
        }
}

static bool needs_model(unsigned mask)
{
    for (int e = 0; e < OPE_N_ESTIMATORS; e++)
        if ((mask & (1u << e)) && ope_estimator_needs_model((enum ope_estimator)e))
            return true;
    return false;
}

/* Passes 2 and 3 skip the rows pass 1 reported; their diagnostics go here. */
static int next_good(const struct ope_config *cfg, struct ope_log *log, struct ope_row *row,
                     struct diag_list *ignored)
{
    int got;
    while ((got = ope_log_next(log, row, ignored)) != 0)
        if (got > 0 && use_row(cfg, row))
            return 1;
    return 0;
}

/* Pass 2. The bootstrap stream is drawn row by row exactly as pass 3
 * will draw it again, so replicate r of the model sees the same resampled
 * log as replicate r of the estimators. */
static struct ope_model *fit_model(const struct ope_config *cfg, struct ope_log *log,
                                   struct ope_report *rep, const struct scan *s,
                                   struct diag_list *diags)
{
    size_t n_seen;
    int *seen = seen_actions(s, &n_seen);
    struct ope_model_config mc = {
        .form = cfg->model, .n_actions = rep->n_actions, .n_positions = rep->n_positions,
        .lambda = cfg->ridge_lambda, .r_mean = rep->on_policy_value,
        .r_min = s->r_min, .r_max = s->r_max, .replicates = 0,
        .actions = seen, .n_seen = n_seen,
    };
    size_t dim = ope_model_config_dim(log, &mc), fit_bytes = ope_model_memory(log, &mc);
    if (dim > OPE_MAX_MODEL_DIM || fit_bytes > (size_t)OPE_MAX_MODEL_FIT_MEMORY) {
        diag_add(diags, DIAG_ERROR, cfg->log_path, 0, 0,
                 "the reward model of dm and the dr family would have %zu parameters per "
                 "regression and take %zu MiB (%zu actions with rows), above the limits of %d "
                 "and %d MiB: choose estimators without it (replay, ips, snips) or another "
                 "--model", dim, fit_bytes >> 20, n_seen, (int)OPE_MAX_MODEL_DIM,
                 (int)(OPE_MAX_MODEL_FIT_MEMORY >> 20));
        free(seen);
        return NULL;
    }
    if (ope_log_rewind(log, diags) < 0) {
        free(seen);
        return NULL;
    }
    mc.replicates = cfg->bootstrap;
    size_t bytes = ope_model_memory(log, &mc);
    if (bytes > (size_t)OPE_MAX_MODEL_MEMORY) {
        diag_add(diags, DIAG_NOTE, cfg->log_path, 0, 0,
                 "the reward model is not refitted per bootstrap replicate (that would take "
                 "%zu MiB): dm and dr intervals leave out its fitting noise", bytes >> 20);
        mc.replicates = 0;
    }
    rep->model_refit = mc.replicates > 0;
    struct ope_model *m = ope_model_new(log, &mc);
    free(seen);
    struct diag_list ignored;
    diag_list_init(&ignored);
    struct rng boot;
    rng_stream(&boot, cfg->seed, OPE_STREAM_BOOTSTRAP);
    uint8_t *mult = xcalloc((size_t)cfg->bootstrap + 1, 1);
    struct ope_row row;
    while (next_good(cfg, log, &row, &ignored)) {
        ope_bootstrap_draw(&boot, cfg->bootstrap, mult);
        ope_model_add(m, &row, mult);
    }
    free(mult);
    diag_list_release(&ignored);
    ope_model_fit(m);
    return m;
}

/* Scratch of pass 3, sized once. */
struct pass3 {
    double *probs;               /* K */
    uint8_t *mult;               /* B */
    double *q_rep;               /* B: one action's replicate predictions */
    double *q_logged_rep, *q_target_rep;   /* B each */
};

/* The model's terms of one row: main and (if refitted) replicate fits. */
static void model_terms(struct ope_model *m, const struct ope_row *row, int K, int B,
                        struct pass3 *p, struct ope_obs *o)
{
    bool refit = o->q_target_rep != NULL;
    if (refit)
        memset(p->q_target_rep, 0, (size_t)B * sizeof(double));
    for (int a = 0; a < K; a++) {
        if (!(p->probs[a] > 0.0))
            continue;
        o->q_target += p->probs[a] * ope_model_predict(m, row, a);
        if (refit) {
            ope_model_predict_replicates(m, row, a, p->q_rep);
            for (int b = 0; b < B; b++)
                p->q_target_rep[b] += p->probs[a] * p->q_rep[b];
        }
    }
    o->q_logged = ope_model_predict(m, row, row->action);
    if (refit)
        ope_model_predict_replicates(m, row, row->action, p->q_logged_rep);
}

static int estimate(const struct ope_config *cfg, struct ope_log *log, struct ope_target *t,
                    struct ope_model *m, struct ope_report *rep, struct diag_list *diags)
{
    if (ope_log_rewind(log, diags) < 0)
        return -1;
    int K = rep->n_actions, B = cfg->bootstrap;
    struct ope_est_config ec = {
        .mask = cfg->estimators, .bootstrap = B, .switch_tau = cfg->switch_tau,
        .clip = cfg->clip,
    };
    struct rng boot, replay;
    rng_stream(&boot, cfg->seed, OPE_STREAM_BOOTSTRAP);
    rng_stream(&replay, cfg->seed, OPE_STREAM_REPLAY);
    struct ope_acc *acc = ope_acc_new(&ec);
    struct pass3 p = {
        .probs = xcalloc((size_t)K, sizeof(double)),
        .mult = xcalloc((size_t)B + 1, 1),
        .q_rep = xcalloc((size_t)B + 1, sizeof(double)),
        .q_logged_rep = xcalloc((size_t)B + 1, sizeof(double)),
        .q_target_rep = xcalloc((size_t)B + 1, sizeof(double)),
    };
    struct diag_list ignored;
    diag_list_init(&ignored);
    struct ope_row row;
    long n_over_tau = 0;
    bool failed = false;
    while (next_good(cfg, log, &row, &ignored)) {
        ope_bootstrap_draw(&boot, B, p.mult);
        ope_target_probs(t, &row, p.probs);
        struct ope_obs o = {.reward = row.reward};
        o.weight = p.probs[row.action] / row.propensity;
        rep->max_weight = fmax(rep->max_weight, o.weight);
        rep->sum_weight += o.weight;
        if (m) {
            if (rep->model_refit) {
                o.q_logged_rep = p.q_logged_rep;
                o.q_target_rep = p.q_target_rep;
            }
            model_terms(m, &row, K, B, &p, &o);
        }
        o.replay_match = ope_target_sample(p.probs, K, &replay) == row.action;
        if (o.replay_match)
            ope_target_observe(t, &row);
        ope_acc_add(acc, &o, p.mult);
        n_over_tau += o.weight > cfg->switch_tau;
        const char *over = ope_acc_overflow(acc);
        if (over) {   /* an infinite estimate would look like a result */
            diag_add(diags, DIAG_ERROR, cfg->log_path, (int)row.line, 0,
                     "%s: the sums overflow at this row (reward %g, importance weight %g): "
                     "rescale the rewards", over, row.reward, o.weight);
            failed = true;
            break;
        }
    }
    diag_list_release(&ignored);
    free(p.probs);
    free(p.mult);
    free(p.q_rep);
    free(p.q_logged_rep);
    free(p.q_target_rep);
    if (failed) {
        ope_acc_free(acc);
        return -1;
    }
    rep->n_est = ope_acc_finish(acc, rep->est);
    ope_acc_free(acc);
    for (size_t i = 0; i < rep->n_est; i++) {
        const struct ope_estimate *e = &rep->est[i];
        const char *name = ope_estimator_name(e->id);
        if (e->id == OPE_SWITCH_DR && n_over_tau == rep->n_rows)
            diag_add(diags, DIAG_WARNING, cfg->log_path, 0, 0,
                     "%s: every importance weight is above --switch-tau %g, so it uses the "
                     "reward model on every row and equals dm", name, cfg->switch_tau);
        else if (e->id != OPE_DM && e->ess < 0.01 * (double)rep->n_rows)
            diag_add(diags, DIAG_WARNING, cfg->log_path, 0, 0,
                     "%s: effective sample size %.1f is below 1%% of the %ld rows",
                     name, e->ess, rep->n_rows);
        if (B == 1 && !isnan(e->ci_lo))
            diag_add(diags, DIAG_WARNING, cfg->log_path, 0, 0,
                     "%s: one bootstrap replicate gives one value (%g), so its interval says "
                     "nothing: use -B 200 or more", name, e->ci_lo);
        else if (B > 1 && e->ci_lo == e->ci_hi)
            diag_add(diags, DIAG_WARNING, cfg->log_path, 0, 0,
                     "%s: every bootstrap replicate gave %g (e.g. no reward among the rows "
                     "it uses), so its interval says nothing", name, e->ci_lo);
    }
    return 0;
}

int ope_run(const struct ope_config *cfg, struct ope_report *rep, struct diag_list *diags)
{
    memset(rep, 0, sizeof(*rep));
    if (!cfg->log_path || !cfg->policy || !(cfg->estimators & OPE_ALL))
        BUG("ope_run: log %p, policy %p, estimators %#x", (const void *)cfg->log_path,
            (const void *)cfg->policy, cfg->estimators);
    struct ope_log *log = ope_log_open(cfg->log_path, cfg->n_actions, diags);
    if (!log)
        return -1;
    struct scan s = {0};
    struct ope_target *t = NULL;
    struct ope_model *m = NULL;
    int ret = -1;
    if (scan_log(cfg, log, rep, &s, diags) < 0)
        goto out;
    warn_log(cfg, rep, &s, diags);
    struct ope_target_env env = {
        .n_actions = rep->n_actions, .n_positions = rep->n_positions, .log = log,
        .items_path = cfg->items_path, .seed = cfg->seed, .horizon = rep->n_rows,
        .r_min = s.r_min, .r_max = s.r_max, .binary_rewards = s.binary,
        .freq_drop_mismatch = cfg->freq_drop_mismatch,
    };
    t = ope_target_new(cfg->policy, &env, diags);
    if (!t)
        goto out;
    if (needs_model(cfg->estimators)) {
        m = fit_model(cfg, log, rep, &s, diags);
        if (!m)
            goto out;
        rep->model_dim = ope_model_dim(m);
    }
    if (ope_target_adaptive(t) && (cfg->estimators & ~(1u << OPE_REPLAY)))
        diag_add(diags, DIAG_NOTE, cfg->log_path, 0, 0,
                 "policy '%s' learns during the replay: estimators other than replay value "
                 "the sequence of policies it goes through", cfg->policy);
    ret = estimate(cfg, log, t, m, rep, diags);
out:
    free(s.seen);
    ope_model_free(m);
    ope_target_free(t);
    ope_log_free(log);
    return ret;
}

void ope_report_write_json(const struct ope_report *rep, const struct ope_config *cfg,
                           struct jsonw *w)
{
    jsonw_object_begin(w);
    jsonw_key(w, "estimates");
    jsonw_array_begin(w);
    for (size_t i = 0; i < rep->n_est; i++) {
        const struct ope_estimate *e = &rep->est[i];
        jsonw_object_begin(w);
        jsonw_member_string(w, "estimator", ope_estimator_name(e->id));
        jsonw_member_number(w, "value", e->value);
        jsonw_member_pair(w, "ci95", e->ci_lo, e->ci_hi);
        jsonw_member_number(w, "ess", e->ess);
        jsonw_member_int(w, "n", e->n);
        jsonw_object_end(w);
    }
    jsonw_array_end(w);
    jsonw_member_number(w, "on_policy_value", rep->on_policy_value);
    jsonw_member_string(w, "log", cfg->log_path);
    jsonw_member_string(w, "policy", cfg->policy);
    jsonw_member_int(w, "rows", rep->n_rows);
    jsonw_member_int(w, "skipped_rows", rep->n_bad);
    jsonw_key(w, "position");
    if (cfg->position)
        jsonw_int(w, cfg->position);
    else
        jsonw_null(w);
    jsonw_member_int(w, "actions", rep->n_actions);
    jsonw_member_int(w, "positions", rep->n_positions);
    jsonw_member_number(w, "min_propensity", rep->min_propensity);
    jsonw_member_number(w, "max_weight", rep->max_weight);
    jsonw_member_number(w, "mean_weight", rep->sum_weight / (double)rep->n_rows);
    jsonw_member_bool(w, "model_refit_in_bootstrap", rep->model_refit);
    jsonw_member_int(w, "bootstrap", cfg->bootstrap);
    jsonw_member_int(w, "seed", (long long)cfg->seed);
    jsonw_object_end(w);
}
