/*
 * log_csv: streaming CSV reader for bandit logs (see log_csv.h).
 *
 * Lines are split by csv.c. The header names the columns; each later line
 * is one row whose k-th field belongs to the k-th column. Columns are
 * classified once, at open, into roles (action, reward, ...), so a row is
 * parsed by one walk over its fields.
 */
#include "benchmarks/ope/log_csv.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/ope/csv.h"

enum role {
    ROLE_IGNORE,
    ROLE_ACTION,
    ROLE_REWARD,
    ROLE_PROPENSITY,
    ROLE_POSITION,
    ROLE_X,
    ROLE_CAT,
};

struct column {
    char *name;                  /* owned */
    enum role role;
    size_t slot;                 /* index into x or cat for ROLE_X / ROLE_CAT */
};

struct ope_log {
    struct ope_csv csv;
    enum ope_log_format format;
    int n_actions;               /* 0 if unknown */
    bool has_position;
    struct column *cols;         /* owned; header order */
    size_t n_cols;
    size_t n_x, n_cat;
    int *action_x;               /* owned; n_action_x entries, -1 when absent */
    int n_action_x;
    long data_offset;            /* file offset of the line after the header */
    long header_line;            /* physical line number of the header */
    double *x;                   /* owned; row values */
    uint32_t *cat;               /* owned */
};

static const char *field(const struct ope_log *log, size_t k)
{
    return ope_csv_field(&log->csv, k);
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static uint32_t fnv1a(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static enum role classify(enum ope_log_format f, const char *name)
{
    if (f == OPE_LOG_OBD) {
        if (!strcmp(name, "item_id")) return ROLE_ACTION;
        if (!strcmp(name, "click")) return ROLE_REWARD;
        if (!strcmp(name, "propensity_score")) return ROLE_PROPENSITY;
        if (!strcmp(name, "position")) return ROLE_POSITION;
        if (starts_with(name, "user-item_affinity_")) return ROLE_X;
        if (starts_with(name, "user_feature_")) return ROLE_CAT;
        return ROLE_IGNORE;
    }
    if (!strcmp(name, "action")) return ROLE_ACTION;
    if (!strcmp(name, "reward")) return ROLE_REWARD;
    if (!strcmp(name, "propensity")) return ROLE_PROPENSITY;
    if (!strcmp(name, "position")) return ROLE_POSITION;
    if (starts_with(name, "x_") && name[2]) return ROLE_X;
    if (starts_with(name, "c_") && name[2]) return ROLE_CAT;
    return ROLE_IGNORE;
}

static bool header_has(const struct ope_log *log, size_t n, const char *name)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(field(log, k), name))
            return true;
    return false;
}

/* Classify the header's n fields. -1 with diagnostics on a missing or
 * duplicated required column. */
static int read_header(struct ope_log *log, size_t n, struct diag_list *diags)
{
    /* OBD: its three identifying columns, or two of them and neither of
     * the generic format's action and reward (say, a renamed
     * propensity_score): then the errors name the OBD column that is
     * missing rather than every generic one. */
    static const char *const obd_keys[] = {"item_id", "click", "propensity_score"};
    int obd_hits = 0;
    for (size_t i = 0; i < 3; i++)
        obd_hits += header_has(log, n, obd_keys[i]);
    bool obd_shaped = obd_hits == 2 && !header_has(log, n, "action")
                      && !header_has(log, n, "reward");
    log->format = obd_hits == 3 || obd_shaped ? OPE_LOG_OBD : OPE_LOG_GENERIC;
    log->cols = xcalloc(n, sizeof(*log->cols));
    log->n_cols = n;
    bool seen[ROLE_CAT + 1] = {false};
    int bad = 0;
    int line = (int)log->csv.line;   /* blank lines may come first */
    size_t col = 1;
    for (size_t k = 0; k < n; k++) {
        const char *name = field(log, k);
        struct column *c = &log->cols[k];
        c->name = xstrdup(name);
        c->role = classify(log->format, name);
        if (c->role == ROLE_X)
            c->slot = log->n_x++;
        else if (c->role == ROLE_CAT)
            c->slot = log->n_cat++;
        else if (c->role != ROLE_IGNORE) {
            if (seen[c->role]) {
                diag_add(diags, DIAG_ERROR, log->csv.path, line, (int)col, "duplicate column '%s'",
                         name);
                bad = -1;
            }
            seen[c->role] = true;
        }
        col += strlen(name) + 1;
    }
    static const char *const generic_names[] = {
        [ROLE_ACTION] = "action", [ROLE_REWARD] = "reward", [ROLE_PROPENSITY] = "propensity",
        [ROLE_POSITION] = "position"};
    static const char *const obd_names[] = {
        [ROLE_ACTION] = "item_id", [ROLE_REWARD] = "click",
        [ROLE_PROPENSITY] = "propensity_score", [ROLE_POSITION] = "position"};
    const char *const *names = log->format == OPE_LOG_OBD ? obd_names : generic_names;
    enum role last_required = log->format == OPE_LOG_OBD ? ROLE_POSITION : ROLE_PROPENSITY;
    for (int r = ROLE_ACTION; r <= (int)last_required; r++)
        if (!seen[r] && obd_shaped) {
            const char *have[2];
            size_t n_have = 0;
            for (size_t i = 0; i < 3; i++)
                if (header_has(log, n, obd_keys[i]))
                    have[n_have++] = obd_keys[i];
            diag_add(diags, DIAG_ERROR, log->csv.path, line, 1,
                     "missing column '%s' (the header is of an Open Bandit Dataset file: it "
                     "has '%s' and '%s')", names[r], have[0], have[1]);
            bad = -1;
        } else if (!seen[r]) {
            diag_add(diags, DIAG_ERROR, log->csv.path, line, 1, "missing column '%s'", names[r]);
            bad = -1;
        }
    log->has_position = seen[ROLE_POSITION];
    return bad;
}

/* Map OBD's user-item_affinity_<a> columns to actions. */
static void map_action_x(struct ope_log *log)
{
    if (log->format != OPE_LOG_OBD)
        return;
    int max_a = -1;
    for (size_t k = 0; k < log->n_cols; k++)
        if (log->cols[k].role == ROLE_X) {
            long a = ope_csv_index(log->cols[k].name + strlen("user-item_affinity_"));
            if (a > max_a && a < 100000)
                max_a = (int)a;
        }
    if (max_a < 0)
        return;
    log->n_action_x = max_a + 1;
    log->action_x = xmalloc((size_t)log->n_action_x * sizeof(int));
    for (int a = 0; a < log->n_action_x; a++)
        log->action_x[a] = -1;
    for (size_t k = 0; k < log->n_cols; k++)
        if (log->cols[k].role == ROLE_X) {
            long a = ope_csv_index(log->cols[k].name + strlen("user-item_affinity_"));
            if (a >= 0 && a < log->n_action_x)
                log->action_x[a] = (int)log->cols[k].slot;
        }
    if (log->n_actions == 0)
        log->n_actions = log->n_action_x;
}

struct ope_log *ope_log_open(const char *path, int n_actions, struct diag_list *diags)
{
    struct ope_log *log = xcalloc(1, sizeof(*log));
    if (ope_csv_open(&log->csv, path, diags) < 0) {
        free(log);
        return NULL;
    }
    log->n_actions = n_actions;
    int got = ope_csv_read(&log->csv, diags);
    if (got == 0)
        diag_add(diags, DIAG_ERROR, path, 1, 1, "empty file, expected a header line");
    if (got <= 0 || read_header(log, log->csv.n_fields, diags) < 0) {
        ope_log_free(log);
        return NULL;
    }
    map_action_x(log);
    log->x = xcalloc(log->n_x + 1, sizeof(double));
    log->cat = xcalloc(log->n_cat + 1, sizeof(uint32_t));
    log->data_offset = ope_csv_tell(&log->csv);
    log->header_line = log->csv.line;
    return log;
}

void ope_log_free(struct ope_log *log)
{
    if (!log)
        return;
    ope_csv_close(&log->csv);
    for (size_t k = 0; k < log->n_cols; k++)
        free(log->cols[k].name);
    free(log->cols);
    free(log->action_x);
    free(log->x);
    free(log->cat);
    free(log);
}

int ope_log_rewind(struct ope_log *log, struct diag_list *diags)
{
    /* Line numbers go on from the header's, so a second pass names the
     * same physical lines as the first. */
    if (ope_csv_seek(&log->csv, log->data_offset, log->header_line) < 0) {
        diag_add(diags, DIAG_ERROR, log->csv.path, 0, 0,
                 "cannot read '%s' again: reading stopped at an error, or it is not a "
                 "regular file and sent more than %d bytes", log->csv.path, OPE_CSV_MAX_STREAM);
        return -1;
    }
    return 0;
}

/* Parse field k of the current line as column c of row r. */
static int parse_field(struct ope_log *log, size_t k, struct ope_row *r, struct diag_list *diags)
{
    const struct column *c = &log->cols[k];
    const char *s = field(log, k);
    int line = (int)log->csv.line, col = ope_csv_col(&log->csv, k);
    double v;
    long idx;
    if (c->role != ROLE_IGNORE && c->role != ROLE_CAT && !*s) {
        diag_add(diags, DIAG_ERROR, log->csv.path, line, col, "missing value in column '%s'",
                 c->name);
        return -1;
    }
    switch (c->role) {
    case ROLE_IGNORE:
        return 0;
    case ROLE_CAT:
        log->cat[c->slot] = fnv1a(s);
        return 0;
    case ROLE_ACTION:
        idx = ope_csv_index(s);
        if (idx < 0 || (log->n_actions > 0 && idx >= log->n_actions) ||
            idx >= OPE_LOG_MAX_ACTIONS) {
            if (idx >= OPE_LOG_MAX_ACTIONS && log->n_actions == 0)
                diag_add(diags, DIAG_ERROR, log->csv.path, line, col,
                         "%s '%s' is above the limit of %d actions (ids 0 to %d)", c->name, s,
                         OPE_LOG_MAX_ACTIONS, OPE_LOG_MAX_ACTIONS - 1);
            else if (log->n_actions > 0)
                diag_add(diags, DIAG_ERROR, log->csv.path, line, col,
                         "%s '%s' is not an integer in [0, %d)", c->name, s, log->n_actions);
            else
                diag_add(diags, DIAG_ERROR, log->csv.path, line, col,
                         "%s '%s' is not a non-negative integer", c->name, s);
            return -1;
        }
        r->action = (int)idx;
        return 0;
    case ROLE_POSITION:
        idx = ope_csv_index(s);
        if (idx < 1 || idx > 10000) {
            diag_add(diags, DIAG_ERROR, log->csv.path, line, col,
                     "position '%s' is not an integer in [1, 10000]", s);
            return -1;
        }
        r->position = (int)idx;
        return 0;
    case ROLE_PROPENSITY:
        if (ope_csv_double(s, &v) < 0) {
            diag_add(diags, DIAG_ERROR, log->csv.path, line, col, "%s '%s' is not a number",
                     c->name, s);
            return -1;
        }
        if (!(v > 0.0 && v <= 1.0)) {
            diag_add(diags, DIAG_ERROR, log->csv.path, line, col, "%s '%s' is not in (0, 1]",
                     c->name, s);
            return -1;
        }
        r->propensity = v;
        return 0;
    case ROLE_REWARD:
    case ROLE_X:
        if (ope_csv_double(s, &v) < 0) {
            diag_add(diags, DIAG_ERROR, log->csv.path, line, col, "%s '%s' is not a number",
                     c->name, s);
            return -1;
        }
        if (c->role == ROLE_REWARD)
            r->reward = v;
        else
            log->x[c->slot] = v;
        return 0;
    }
    return 0;
}

int ope_log_next(struct ope_log *log, struct ope_row *row, struct diag_list *diags)
{
    int got = ope_csv_read(&log->csv, diags);
    if (got <= 0)
        return got;
    size_t n = log->csv.n_fields;
    if (n != log->n_cols) {
        /* A file cut off mid-write ends in a short line without '\n'. */
        bool truncated = !log->csv.newline && n < log->n_cols;
        diag_add(diags, DIAG_ERROR, log->csv.path, (int)log->csv.line,
                 ope_csv_col(&log->csv, n < log->n_cols ? n : log->n_cols),
                 "%sexpected %zu fields, found %zu", truncated ? "truncated last line: " : "",
                 log->n_cols, n);
        return -1;
    }
    struct ope_row r = {.line = log->csv.line, .position = 1, .x = log->x, .cat = log->cat};
    int bad = 0;
    for (size_t k = 0; k < n; k++)
        if (parse_field(log, k, &r, diags) < 0)
            bad = -1;
    if (bad)
        return -1;
    *row = r;
    return 1;
}

enum ope_log_format ope_log_format(const struct ope_log *log) { return log->format; }
int ope_log_n_actions(const struct ope_log *log) { return log->n_actions; }
int ope_log_has_position(const struct ope_log *log) { return log->has_position; }
size_t ope_log_n_x(const struct ope_log *log) { return log->n_x; }
size_t ope_log_n_cat(const struct ope_log *log) { return log->n_cat; }

const char *ope_log_x_name(const struct ope_log *log, size_t j)
{
    for (size_t k = 0; k < log->n_cols; k++)
        if (log->cols[k].role == ROLE_X && log->cols[k].slot == j)
            return log->cols[k].name;
    BUG("ope_log_x_name: no numeric column %zu", j);
}

int ope_log_x_index(const struct ope_log *log, const char *name)
{
    for (size_t k = 0; k < log->n_cols; k++)
        if (log->cols[k].role == ROLE_X && !strcmp(log->cols[k].name, name))
            return (int)log->cols[k].slot;
    return -1;
}

int ope_log_action_x(const struct ope_log *log, int a)
{
    if (a < 0 || a >= log->n_action_x)
        return -1;
    return log->action_x[a];
}
