/*
 * log_writer: the generic-format log writer (see log_writer.h).
 */
#include "benchmarks/log_writer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/atomic_file.h"
#include "base/xalloc.h"

struct bench_log_writer {
    struct atomic_file af;
    size_t n_x;
    bool with_position;
};

struct bench_log_writer *bench_log_writer_open(const char *path, size_t n_x, bool with_position,
                                               struct diag_list *diags)
{
    struct bench_log_writer *w = xcalloc(1, sizeof(*w));
    if (atomic_file_open(&w->af, path, diags) < 0) {
        free(w);
        return NULL;
    }
    w->n_x = n_x;
    w->with_position = with_position;
    fputs("round,action,reward,propensity", w->af.fp);
    if (with_position)
        fputs(",position", w->af.fp);
    for (size_t j = 0; j < n_x; j++)
        fprintf(w->af.fp, ",x_%zu", j);
    fputc('\n', w->af.fp);
    return w;
}

/* The shortest %.*g (15 to 17 digits) that reads back as v. */
static void put_number(FILE *out, double v)
{
    char buf[32];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof(buf), "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    fputs(buf, out);
}

void bench_log_writer_row(struct bench_log_writer *w, const struct bench_log_record *rec)
{
    if (rec->action < 0 || !(rec->propensity > 0.0 && rec->propensity <= 1.0)
        || !isfinite(rec->reward) || (w->with_position && rec->position < 1))
        BUG("bench_log_writer_row: action %d, propensity %g, reward %g, position %d",
            rec->action, rec->propensity, rec->reward, rec->position);
    FILE *out = w->af.fp;
    fprintf(out, "%lld,%d,", rec->round, rec->action);
    put_number(out, rec->reward);
    fputc(',', out);
    put_number(out, rec->propensity);
    if (w->with_position)
        fprintf(out, ",%d", rec->position);
    for (size_t j = 0; j < w->n_x; j++) {
        fputc(',', out);
        put_number(out, rec->x[j]);
    }
    fputc('\n', out);
}

int bench_log_writer_commit(struct bench_log_writer *w, struct diag_list *diags)
{
    int r = atomic_file_commit(&w->af, diags);
    free(w);
    return r;
}

void bench_log_writer_abort(struct bench_log_writer *w)
{
    if (!w)
        return;
    atomic_file_abort(&w->af);
    free(w);
}

int bench_log_explore(struct rng *r, int k, double epsilon, int policy_arm, double *propensity)
{
    if (k < 1 || policy_arm < 0 || policy_arm >= k || !(epsilon >= 0.0 && epsilon <= 1.0))
        BUG("bench_log_explore: k %d, arm %d, epsilon %g", k, policy_arm, epsilon);
    double u = rng_uniform(r);
    int uniform_arm = (int)rng_below(r, (uint64_t)k);
    int arm = u < epsilon ? uniform_arm : policy_arm;
    *propensity = epsilon / k + (arm == policy_arm ? 1.0 - epsilon : 0.0);
    return arm;
}
