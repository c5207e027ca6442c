/*
 * log_csv: a streaming reader for logged bandit feedback in CSV.
 *
 * One row is one impression: the context the logging (behaviour) policy
 * saw, the action it took, the position it showed it in, the reward, and
 * the probability it had of taking that action there (the propensity).
 * Two formats are recognised from the header line:
 *
 * Generic (documented in benchmarks/OPE.md):
 *     action      integer >= 0                          required
 *     reward      finite number                          required
 *     propensity  number in (0, 1]                       required
 *     position    integer >= 1 (default 1)               optional
 *     x_*         numeric context features                any number
 *     c_*         categorical context features (strings)  any number
 *     anything else (round, timestamp, ...) is ignored.
 *
 * Open Bandit Dataset (Saito et al., NeurIPS D&B 2021, arXiv 2008.07146):
 * recognised by item_id, click and propensity_score. item_id is the action,
 * click the reward, position (1-3) is required; user_feature_* are
 * categorical and user-item_affinity_<k> numeric context. The propensity
 * is the probability the logging policy showed item_id at that position.
 *
 * Fields are separated by commas; a field may be double-quoted ("" is a
 * quote; no newlines inside). CRLF line ends are accepted. Lines longer than
 * OPE_CSV_MAX_LINE (1 MiB) are rejected, so memory stays bounded by one line plus
 * the header whatever the file's size: the reader never holds the file.
 *
 * Every malformed row becomes one DIAG_ERROR at its line and the column
 * where the bad field starts, and the reader moves on to the next row, so
 * callers decide whether to stop or skip. Not thread-safe; one reader per
 * thread.
 */
#ifndef BM_OPE_LOG_CSV_H
#define BM_OPE_LOG_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"


/* Action ids are below this, so that the per-action arrays of a target
 * policy (K doubles per position) stay bounded whatever a row claims; the
 * same as the largest `ope --actions`. */
enum { OPE_LOG_MAX_ACTIONS = 1000000 };

enum ope_log_format {
    OPE_LOG_GENERIC,
    OPE_LOG_OBD,
};

/* One parsed row. The arrays belong to the reader and are valid until the
 * next ope_log_next() or ope_log_free(). */
struct ope_row {
    long line;                   /* 1-based line in the file */
    int action;                  /* >= 0, below n_actions when that is known, and below
                                    OPE_LOG_MAX_ACTIONS */
    int position;                /* >= 1; 1 when the log has no position column */
    double reward;               /* finite */
    double propensity;           /* in (0, 1] */
    const double *x;             /* ope_log_n_x() numeric context values */
    const uint32_t *cat;         /* ope_log_n_cat() FNV-1a hashes of categorical values */
};

struct ope_log;

/* Open path and read its header. n_actions is the number of actions when
 * the caller knows it (rows with action >= n_actions are then errors), or
 * 0: for OBD logs it then becomes the number of user-item_affinity_<k>
 * columns, for generic logs it stays unknown. Returns NULL with a
 * diagnostic (missing file, empty file, missing columns, duplicate column)
 * on failure. The caller frees the reader with ope_log_free(). */
struct ope_log *ope_log_open(const char *path, int n_actions, struct diag_list *diags);
void ope_log_free(struct ope_log *log);

/* Read the next data row into *row. Returns 1 with a row, 0 at the end of
 * the file, -1 when the line was malformed: then every problem of that line
 * has been added to diags and the next call moves on (except after an
 * over-long line or a read error, when the next call returns 0, as
 * ope_csv_read does). Blank lines are skipped. */
int ope_log_next(struct ope_log *log, struct ope_row *row, struct diag_list *diags);

/* Go back to the first data row, for another pass. -1 (with a diagnostic)
 * if the file cannot be re-read; the reader is then at its end. */
int ope_log_rewind(struct ope_log *log, struct diag_list *diags);

enum ope_log_format ope_log_format(const struct ope_log *log);
int ope_log_n_actions(const struct ope_log *log);      /* 0 if unknown */
int ope_log_has_position(const struct ope_log *log);   /* 1 if a position column exists */
size_t ope_log_n_x(const struct ope_log *log);
size_t ope_log_n_cat(const struct ope_log *log);
const char *ope_log_x_name(const struct ope_log *log, size_t j);   /* header name */
/* Index into row->x of the numeric column named exactly name, or -1. */
int ope_log_x_index(const struct ope_log *log, const char *name);
/* Index into row->x of the action-specific feature of action a (OBD's
 * user-item_affinity_<a>), or -1 when the log has none for a. */
int ope_log_action_x(const struct ope_log *log, int a);

#endif
