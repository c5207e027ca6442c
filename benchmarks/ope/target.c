/*
 * target: evaluation policies for off-policy evaluation (specs in
 * target.h). Fixed targets are a table of P x K probabilities; the
 * per-row ranking of top:<prefix> is computed for each row.
 */
#include "benchmarks/ope/target.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/ope/csv.h"
#include "benchmarks/ope/target_policy.h"

enum kind { KIND_TABLE, KIND_TOP_ROW, KIND_POLICY };

struct ope_target {
    enum kind kind;
    int K, P;
    double *table;               /* owned; P x K, KIND_TABLE */
    int *x_of;                   /* owned; K column indices into row->x, KIND_TOP_ROW */
    struct ope_target_policy *policy;   /* owned; KIND_POLICY */
};

static const char *const kinds[] = {"uniform", "item:", "top:", "dist:", "freq:", "policy:"};

int ope_target_check_spec(const char *spec, struct diag_list *diags)
{
    if (!strcmp(spec, "uniform"))
        return 0;
    for (size_t i = 1; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (!strncmp(spec, kinds[i], strlen(kinds[i]))) {
            if (spec[strlen(kinds[i])])
                return 0;
            diag_add(diags, DIAG_ERROR, NULL, 0, 0, "policy '%s' needs an argument after ':'",
                     spec);
            return -1;
        }
    diag_add(diags, DIAG_ERROR, NULL, 0, 0,
             "unknown policy '%s' (expected uniform, item:A, top:NAME, dist:FILE, freq:LOG or "
             "policy:NAME)", spec);
    return -1;
}

static struct ope_target *table_target(const struct ope_target_env *env)
{
    struct ope_target *t = xcalloc(1, sizeof(*t));
    t->kind = KIND_TABLE;
    t->K = env->n_actions;
    t->P = env->n_positions;
    t->table = xcalloc((size_t)t->K * (size_t)t->P, sizeof(double));
    return t;
}

/* Put the actions in descending order of score (ties: lower id first). */
static void rank_actions(const double *score, int K, int *order)
{
    for (int a = 0; a < K; a++) {
        int i = a;
        while (i > 0 && score[order[i - 1]] < score[a]) {
            order[i] = order[i - 1];
            i--;
        }
        order[i] = a;
    }
}

/* Read NAME's value for every item from the --items CSV file. */
static int read_item_scores(const char *path, const char *name, int K, double *score,
                            struct diag_list *diags)
{
    struct ope_csv c;
    if (ope_csv_open(&c, path, diags) < 0)
        return -1;
    int ret = -1, id_col = -1, val_col = -1;
    if (ope_csv_read(&c, diags) <= 0) {
        diag_add(diags, DIAG_ERROR, path, 1, 1, "empty file, expected a header line");
        goto out;
    }
    for (size_t k = 0; k < c.n_fields; k++) {
        const char *h = ope_csv_field(&c, k);
        if (!strcmp(h, "item_id") || !strcmp(h, "action"))
            id_col = (int)k;
        else if (!strcmp(h, name))
            val_col = (int)k;
    }
    if (id_col < 0 || val_col < 0) {
        diag_add(diags, DIAG_ERROR, path, 1, 1, "missing column '%s'",
                 id_col < 0 ? "item_id" : name);
        goto out;
    }
    bool *seen = xcalloc((size_t)K, sizeof(bool));
    size_t errors = diags->errors;
    int got;
    while ((got = ope_csv_read(&c, diags)) != 0) {
        if (got < 0)
            continue;
        if (c.n_fields <= (size_t)(id_col > val_col ? id_col : val_col)) {
            diag_add(diags, DIAG_ERROR, path, (int)c.line, ope_csv_col(&c, c.n_fields),
                     "too few fields");
            continue;
        }
        const char *id = ope_csv_field(&c, (size_t)id_col), *v = ope_csv_field(&c, (size_t)val_col);
        long a = ope_csv_index(id);
        double x;
        if (a < 0 || a >= K)
            diag_add(diags, DIAG_ERROR, path, (int)c.line, ope_csv_col(&c, (size_t)id_col),
                     "item '%s' is not an integer in [0, %d)", id, K);
        else if (ope_csv_double(v, &x) < 0)
            diag_add(diags, DIAG_ERROR, path, (int)c.line, ope_csv_col(&c, (size_t)val_col),
                     "%s '%s' is not a number", name, v);
        else {
            score[a] = x;
            seen[a] = true;
        }
    }
    for (int a = 0; a < K && diags->errors == errors; a++)
        if (!seen[a])
            diag_add(diags, DIAG_ERROR, path, 0, 0, "no '%s' value for item %d", name, a);
    ret = diags->errors == errors ? 0 : -1;
    free(seen);
out:
    ope_csv_close(&c);
    return ret;
}

static struct ope_target *top_target(const char *name, const struct ope_target_env *env,
                                     struct diag_list *diags)
{
    int K = env->n_actions;
    int *x_of = xmalloc((size_t)K * sizeof(int));
    bool per_row = true;
    for (int a = 0; a < K && per_row; a++) {
        char *col = xasprintf("%s%d", name, a);
        x_of[a] = ope_log_x_index(env->log, col);
        per_row = x_of[a] >= 0;
        free(col);
    }
    if (per_row) {
        struct ope_target *t = xcalloc(1, sizeof(*t));
        t->kind = KIND_TOP_ROW;
        t->K = K;
        t->P = env->n_positions;
        t->x_of = x_of;
        return t;
    }
    free(x_of);
    if (!env->items_path) {
        diag_add(diags, DIAG_ERROR, NULL, 0, 0,
                 "policy 'top:%s': the log has no numeric columns %s0..%s%d and no --items "
                 "file was given", name, name, name, K - 1);
        return NULL;
    }
    double *score = xcalloc((size_t)K, sizeof(double));
    struct ope_target *t = NULL;
    if (read_item_scores(env->items_path, name, K, score, diags) == 0) {
        t = table_target(env);
        int *order = xmalloc((size_t)K * sizeof(int));
        rank_actions(score, K, order);
        for (int p = 0; p < t->P; p++)
            t->table[(size_t)p * (size_t)K + (size_t)order[p % K]] = 1.0;
        free(order);
    }
    free(score);
    return t;
}

/* dist:FILE. Without a position column the one distribution is copied to
 * every position. */
static struct ope_target *dist_target(const char *path, const struct ope_target_env *env,
                                      struct diag_list *diags)
{
    struct ope_csv c;
    if (ope_csv_open(&c, path, diags) < 0)
        return NULL;
    struct ope_target *t = table_target(env);
    int K = t->K, P = t->P, col[3] = {-1, -1, -1};   /* action, prob, position */
    size_t errors = diags->errors;
    if (ope_csv_read(&c, diags) <= 0) {
        diag_add(diags, DIAG_ERROR, path, 1, 1, "empty file, expected a header line");
        goto out;
    }
    for (size_t k = 0; k < c.n_fields; k++) {
        const char *h = ope_csv_field(&c, k);
        if (!strcmp(h, "action") || !strcmp(h, "item_id"))
            col[0] = (int)k;
        else if (!strcmp(h, "prob") || !strcmp(h, "probability"))
            col[1] = (int)k;
        else if (!strcmp(h, "position"))
            col[2] = (int)k;
    }
    if (col[0] < 0 || col[1] < 0) {
        diag_add(diags, DIAG_ERROR, path, 1, 1, "missing column '%s'",
                 col[0] < 0 ? "action" : "prob");
        goto out;
    }
    int need = col[0] > col[1] ? col[0] : col[1];   /* the last column a row must have */
    need = col[2] > need ? col[2] : need;
    int got;
    while ((got = ope_csv_read(&c, diags)) != 0) {
        if (got < 0)
            continue;
        if (c.n_fields <= (size_t)need) {
            diag_add(diags, DIAG_ERROR, path, (int)c.line, ope_csv_col(&c, c.n_fields),
                     "too few fields");
            continue;
        }
        const char *as = ope_csv_field(&c, (size_t)col[0]);
        const char *ps = ope_csv_field(&c, (size_t)col[1]);
        long a = ope_csv_index(as), pos = 0;
        double pr;
        if (a < 0 || a >= K) {
            diag_add(diags, DIAG_ERROR, path, (int)c.line, ope_csv_col(&c, (size_t)col[0]),
                     "action '%s' is not an integer in [0, %d)", as, K);
            continue;
        }
        if (ope_csv_double(ps, &pr) < 0 || pr < 0 || pr > 1) {
            diag_add(diags, DIAG_ERROR, path, (int)c.line, ope_csv_col(&c, (size_t)col[1]),
                     "probability '%s' is not a number in [0, 1]", ps);
            continue;
        }
        if (col[2] >= 0) {
            const char *qs = ope_csv_field(&c, (size_t)col[2]);
            pos = ope_csv_index(qs);
            if (pos < 1) {
                diag_add(diags, DIAG_ERROR, path, (int)c.line, ope_csv_col(&c, (size_t)col[2]),
                         "position '%s' is not an integer >= 1", qs);
                continue;
            }
            if (pos > P)
                continue;   /* a position this log does not have */
        }
        for (int p = 0; p < P; p++)
            if (pos == 0 || pos == p + 1)
                t->table[(size_t)p * (size_t)K + (size_t)a] += pr;
    }
    for (int p = 0; p < P && diags->errors == errors; p++) {
        double sum = 0;
        for (int a = 0; a < K; a++)
            sum += t->table[(size_t)p * (size_t)K + (size_t)a];
        if (fabs(sum - 1.0) > 1e-6) {
            diag_add(diags, DIAG_ERROR, path, 0, 0,
                     "probabilities for position %d sum to %.9g, not 1", p + 1, sum);
            if (col[2] < 0)
                break;
        }
    }
out:
    ope_csv_close(&c);
    if (diags->errors != errors) {
        ope_target_free(t);
        return NULL;
    }
    return t;
}

/* freq:LOG: count actions per position over the valid rows of LOG. Rows
 * of LOG with an action or a position this log lacks cannot be counted
 * (the target chooses among this log's K actions and P positions): they
 * are an error, or with env->freq_drop_mismatch a warning saying how many
 * were dropped. */
static struct ope_target *freq_target(const char *path, const struct ope_target_env *env,
                                      struct diag_list *diags)
{
    struct ope_log *other = ope_log_open(path, 0, diags);
    if (!other)
        return NULL;
    struct ope_target *t = table_target(env);
    int K = t->K, P = t->P;
    long *n = xcalloc((size_t)P, sizeof(long)), bad = 0;
    long n_action = 0, n_position = 0, action_line = 0, position_line = 0;
    int max_action = 0, max_position = 0;
    struct diag_list scratch;
    diag_list_init(&scratch);
    struct ope_row row;
    int got;
    while ((got = ope_log_next(other, &row, &scratch)) != 0) {
        if (got < 0) {
            bad++;
            continue;
        }
        if (row.action >= K) {
            if (!n_action++)
                action_line = row.line;
            max_action = row.action > max_action ? row.action : max_action;
            continue;
        }
        if (row.position > P) {
            if (!n_position++)
                position_line = row.line;
            max_position = row.position > max_position ? row.position : max_position;
            continue;
        }
        t->table[(size_t)(row.position - 1) * (size_t)K + (size_t)row.action] += 1.0;
        n[row.position - 1]++;
    }
    if (bad)
        diag_add(diags, DIAG_WARNING, path, 0, 0,
                 "%ld malformed row%s skipped while counting action frequencies", bad,
                 bad == 1 ? "" : "s");
    enum diag_severity sev = env->freq_drop_mismatch ? DIAG_WARNING : DIAG_ERROR;
    const char *then = env->freq_drop_mismatch ? "dropped" : "(--freq-drop-mismatch drops them)";
    if (n_action)
        diag_add(diags, sev, path, (int)action_line, 0,
                 "%ld row%s with an action the evaluated log lacks (up to %d; it has %d "
                 "actions) %s", n_action, n_action == 1 ? "" : "s", max_action, K, then);
    if (n_position)
        diag_add(diags, sev, path, (int)position_line, 0,
                 "%ld row%s at a position the evaluated log lacks (up to %d; it has %d) %s",
                 n_position, n_position == 1 ? "" : "s", max_position, P, then);
    if ((n_action || n_position) && !env->freq_drop_mismatch) {
        diag_list_release(&scratch);
        free(n);
        ope_log_free(other);
        ope_target_free(t);
        return NULL;
    }
    diag_list_release(&scratch);
    for (int p = 0; p < P; p++) {
        if (n[p] == 0) {
            diag_add(diags, DIAG_ERROR, path, 0, 0, "no rows at position %d to count", p + 1);
            ope_target_free(t);
            t = NULL;
            break;
        }
        for (int a = 0; a < K; a++)
            t->table[(size_t)p * (size_t)K + (size_t)a] /= (double)n[p];
    }
    free(n);
    ope_log_free(other);
    return t;
}

struct ope_target *ope_target_new(const char *spec, const struct ope_target_env *env,
                                  struct diag_list *diags)
{
    if (env->n_actions < 1 || env->n_positions < 1)
        BUG("ope_target_new: %d actions, %d positions", env->n_actions, env->n_positions);
    if (ope_target_check_spec(spec, diags) < 0)
        return NULL;
    const char *arg = strchr(spec, ':');
    arg = arg ? arg + 1 : "";
    if (!strcmp(spec, "uniform")) {
        struct ope_target *t = table_target(env);
        for (size_t i = 0; i < (size_t)t->K * (size_t)t->P; i++)
            t->table[i] = 1.0 / t->K;
        return t;
    }
    if (!strncmp(spec, "item:", 5)) {
        long a = ope_csv_index(arg);
        if (a < 0 || a >= env->n_actions) {
            diag_add(diags, DIAG_ERROR, NULL, 0, 0,
                     "policy '%s': item '%s' is not an integer in [0, %d)", spec, arg,
                     env->n_actions);
            return NULL;
        }
        struct ope_target *t = table_target(env);
        for (int p = 0; p < t->P; p++)
            t->table[(size_t)p * (size_t)t->K + (size_t)a] = 1.0;
        return t;
    }
    if (!strncmp(spec, "top:", 4))
        return top_target(arg, env, diags);
    if (!strncmp(spec, "dist:", 5))
        return dist_target(arg, env, diags);
    if (!strncmp(spec, "freq:", 5))
        return freq_target(arg, env, diags);
    struct ope_target_policy *pol = ope_target_policy_new(arg, env, diags);
    if (!pol)
        return NULL;
    struct ope_target *t = xcalloc(1, sizeof(*t));
    t->kind = KIND_POLICY;
    t->K = env->n_actions;
    t->P = env->n_positions;
    t->policy = pol;
    return t;
}

void ope_target_free(struct ope_target *t)
{
    if (!t)
        return;
    free(t->table);
    free(t->x_of);
    ope_target_policy_free(t->policy);
    free(t);
}

void ope_target_probs(struct ope_target *t, const struct ope_row *row, double *probs)
{
    int K = t->K, p = row->position <= t->P ? row->position - 1 : t->P - 1;
    switch (t->kind) {
    case KIND_TABLE:
        memcpy(probs, t->table + (size_t)p * (size_t)K, (size_t)K * sizeof(double));
        return;
    case KIND_TOP_ROW: {
        /* the (p+1)-th best: the best not beaten by p others, ties to the
         * lower id, found without sorting (p is small) */
        int rank = p % K, best = -1;
        for (int a = 0; a < K; a++) {
            probs[a] = 0.0;
            double s = row->x[t->x_of[a]];
            int above = 0;
            for (int b = 0; b < K; b++) {
                double sb = row->x[t->x_of[b]];
                above += sb > s || (sb == s && b < a);
            }
            if (above == rank)
                best = a;
        }
        probs[best] = 1.0;
        return;
    }
    case KIND_POLICY:
        ope_target_policy_probs(t->policy, row, probs);
        return;
    }
}

int ope_target_sample(const double *probs, int n_actions, struct rng *r)
{
    double u = rng_uniform(r), F = 0.0;
    int last = 0;
    for (int a = 0; a < n_actions; a++) {
        if (probs[a] <= 0.0)
            continue;
        F += probs[a];
        last = a;
        if (u < F)
            return a;
    }
    return last;   /* rounding: F ended a hair below 1 */
}

void ope_target_observe(struct ope_target *t, const struct ope_row *row)
{
    if (t->kind == KIND_POLICY)
        ope_target_policy_observe(t->policy, row);
}

bool ope_target_adaptive(const struct ope_target *t)
{
    return t->kind == KIND_POLICY;
}
