/*
 * fuzz_log_csv: the logged-data reader (benchmarks/ope/log_csv.h) on a
 * fuzzed file. The first byte picks n_actions (0 = unknown, else 1..8),
 * the rest is the CSV. Every row is read, then the reader rewinds and
 * reads again. Oracles: open failing leaves an error; each row it returns
 * keeps the header's promises (action >= 0 and below n_actions when that
 * is known, position >= 1, finite reward, propensity in (0, 1], finite
 * numeric context); a malformed row adds an error; the second pass gives
 * the same rows as the first.
 */
#include <math.h>
#include <string.h>

#include "benchmarks/ope/log_csv.h"
#include "tests/fuzz/fuzz_common.h"

enum { MAX_ROWS = 4096 };

static uint64_t row_hash(const struct ope_log *log, const struct ope_row *r)
{
    uint64_t h = 1469598103934665603ull;
    double v[4] = {(double)r->action, (double)r->position, r->reward, r->propensity};
    const unsigned char *b = (const unsigned char *)v;
    for (size_t i = 0; i < sizeof(v); i++)
        h = (h ^ b[i]) * 1099511628211ull;
    for (size_t j = 0; j < ope_log_n_cat(log); j++)
        h = (h ^ r->cat[j]) * 1099511628211ull;
    return h ^ (uint64_t)r->line;   /* both passes name the same physical line */
}

static void check_row(const struct ope_log *log, const struct ope_row *r)
{
    int n = ope_log_n_actions(log);
    if (r->action < 0 || (n > 0 && r->action >= n))
        fuzz_fail("row action out of range", NULL);
    if (r->position < 1)
        fuzz_fail("row position below 1", NULL);
    if (!isfinite(r->reward))
        fuzz_fail("row reward not finite", NULL);
    if (!(r->propensity > 0 && r->propensity <= 1))
        fuzz_fail("row propensity outside (0, 1]", NULL);
    if (r->line < 2)
        fuzz_fail("data row on the header line", NULL);
    for (size_t j = 0; j < ope_log_n_x(log); j++)
        if (!isfinite(r->x[j]))
            fuzz_fail("numeric context not finite", ope_log_x_name(log, j));
}

/* Read every row; returns the combined hash and counts the rows. */
static uint64_t pass(struct ope_log *log, struct diag_list *d, size_t *n_rows)
{
    uint64_t h = 0;
    struct ope_row r;
    int rc;
    *n_rows = 0;
    for (size_t i = 0; i < MAX_ROWS; i++) {
        size_t before = d->errors;
        rc = ope_log_next(log, &r, d);
        if (rc == 0)
            break;
        if (rc < 0) {
            if (d->errors == before)
                fuzz_fail("a malformed row added no error", NULL);
            continue;
        }
        if (rc != 1)
            fuzz_fail("ope_log_next returned neither -1, 0 nor 1", NULL);
        check_row(log, &r);
        h = h * 31 + row_hash(log, &r);
        (*n_rows)++;
    }
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int n_actions = data[0] % 9;
    struct diag_list d;
    diag_list_init(&d);
    struct ope_log *log = ope_log_open(fuzz_memfd_path(0, data + 1, size - 1), n_actions, &d);
    fuzz_check_diags(&d, 0, log == NULL);
    if (log) {
        for (size_t j = 0; j < ope_log_n_x(log); j++)
            if (ope_log_x_index(log, ope_log_x_name(log, j)) < 0)
                fuzz_fail("ope_log_x_index cannot find a named column", ope_log_x_name(log, j));
        for (int a = 0; a < 8; a++)
            (void)ope_log_action_x(log, a);
        size_t rows1, rows2;
        uint64_t h1 = pass(log, &d, &rows1);
        if (ope_log_rewind(log, &d) == 0) {
            uint64_t h2 = pass(log, &d, &rows2);
            if (rows1 < MAX_ROWS && (h1 != h2 || rows1 != rows2))
                fuzz_fail("a second pass read different rows", NULL);
        }
        fuzz_check_diags(&d, 0, 0);
    }
    ope_log_free(log);
    diag_list_release(&d);
    return 0;
}
