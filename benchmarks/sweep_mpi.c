/*
 * sweep_mpi: a sweep over MPI ranks (see sweep.h). Compiled only with
 * -DBANDITMAP_MPI=ON.
 *
 * Rank 0 is the coordinator: its main thread (the only one that calls
 * MPI: MPI_THREAD_FUNNELED) hands out (cell, seed) tasks in order, one at
 * a time, to whichever rank asks, and a second thread on rank 0 computes
 * tasks from the same queue. A task is every policy of one seed of one
 * cell, run on --threads threads; its raw numbers come back as doubles
 * and are unpacked into the cell, which is summarised on rank 0 when
 * complete, in cell order. Raw numbers do not depend on who computed
 * them, so the output is the single-process output byte for byte.
 *
 * Messages (all to or from rank 0):
 *   TAG_REQ  worker -> 0, doubles: [kind, cell, seed, fp_hi, fp_lo, raw...]
 *            kind 0 = hello (first request), 1 = result of (cell, seed)
 *   TAG_FAIL worker -> 0, chars: why the worker cannot go on
 *   TAG_TASK 0 -> worker, long long [cell, seed]; cell -1 = stop
 * The fingerprint halves let rank 0 refuse a rank that loaded another
 * version of the sweep file. Rank 0 polls (MPI_Iprobe, 0.2 ms sleeps)
 * instead of blocking, so it does not spin a core, and checks --timeout
 * against each busy rank's task start.
 */
#include "benchmarks/sweep.h"

#include <mpi.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/xalloc.h"

enum { TAG_REQ = 1, TAG_TASK = 2, TAG_FAIL = 3, HDR = 5 };

int sweep_mpi_init(int *argc, char ***argv, int *rank, int *size)
{
    int provided;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS ||
        provided < MPI_THREAD_FUNNELED)
        return -1;
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    MPI_Comm_size(MPI_COMM_WORLD, size);
    return 0;
}

void sweep_mpi_finalize(void)
{
    MPI_Finalize();
}

void sweep_mpi_abort(int code)
{
    MPI_Abort(MPI_COMM_WORLD, code);
}

/* ---- computing one task, on any rank ---- */

struct compute {
    const struct sweep *sw;
    struct sweep_cell *cell;     /* cache: the cell of the last task */
    int threads;
};

/* Run seed s of cell c; returns the cell, whose seed s can be packed. */
static struct sweep_cell *compute_task(struct compute *cp, size_t c, int s)
{
    /* Tasks come in cell order, so one cached cell serves a run of them;
     * each seed is handed out once, so a cached cell never has it done. */
    if (!cp->cell || sweep_cell_index(cp->cell) != c) {
        sweep_cell_free(cp->cell);
        cp->cell = sweep_cell_new(cp->sw, c);
    }
    sweep_cell_run(cp->cell, &s, 1, cp->threads);
    return cp->cell;
}

/* ---- worker ranks ---- */

static void fp_halves(const struct sweep *sw, double *out)
{
    out[0] = (double)(sw->fingerprint >> 32);
    out[1] = (double)(sw->fingerprint & 0xffffffffu);
}

static int worker(const struct sweep *sw, const struct sweep_mpi_opts *o,
                  const struct diag_list *diags)
{
    if (!sw) {
        char *why = diags->count ? diag_format(&diags->items[0])
                                 : xstrdup("cannot load the sweep file");
        MPI_Send(why, (int)strlen(why) + 1, MPI_CHAR, 0, TAG_FAIL, MPI_COMM_WORLD);
        free(why);
        return -1;
    }
    struct compute cp = {.sw = sw, .threads = o->threads};
    double *msg = xcalloc(HDR, sizeof(double));
    msg[0] = 0;
    msg[1] = msg[2] = -1;
    fp_halves(sw, msg + 3);
    int len = HDR;
    for (;;) {
        MPI_Send(msg, len, MPI_DOUBLE, 0, TAG_REQ, MPI_COMM_WORLD);
        long long task[2];
        MPI_Recv(task, 2, MPI_LONG_LONG, 0, TAG_TASK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (task[0] < 0)
            break;
        struct sweep_cell *cell = compute_task(&cp, (size_t)task[0], (int)task[1]);
        size_t nd = sweep_cell_seed_doubles(cell);
        msg = xrealloc(msg, (HDR + nd) * sizeof(double));
        msg[0] = 1;
        msg[1] = (double)task[0];
        msg[2] = (double)task[1];
        fp_halves(sw, msg + 3);
        sweep_cell_pack_seed(cell, (int)task[1], msg + HDR);
        len = (int)(HDR + nd);
    }
    sweep_cell_free(cp.cell);
    free(msg);
    return 0;
}

/* ---- rank 0 ---- */

struct busy {
    long long cell, seed;        /* -1 when idle */
    double since;
    bool stopped;
};

struct coord {
    const struct sweep *sw;
    const struct sweep_mpi_opts *o;
    struct diag_list *diags;     /* main thread only */
    pthread_mutex_t mu;          /* guards everything below */
    struct sweep_cell **open;    /* n_cells: cells being assembled, NULL otherwise */
    size_t next_cell;            /* the dispenser: next (cell, seed) to hand out */
    int next_seed;
    size_t emitted;              /* cells summarised so far */
    bool *ran;                   /* n_cells: computed in this run (else all resumed) */
    bool *dirty;                 /* n_cells: results since the cell was last saved */
    struct diag_list load_diags; /* from reading parts, under mu */
};

/* Next (cell, seed) not done yet, opening (and resuming) cells as the
 * dispenser reaches them; false when everything is handed out. Under mu. */
static bool take_task(struct coord *co, size_t *c, int *s)
{
    while (co->next_cell < co->sw->n_cells) {
        size_t cc = co->next_cell;
        if (co->next_seed == 0 && !co->open[cc]) {
            co->open[cc] = sweep_cell_new(co->sw, cc);
            if (co->o->out_dir)
                sweep_cell_load_parts(co->open[cc], co->o->out_dir, &co->load_diags);
        }
        while (co->next_seed < co->sw->seeds) {
            int ss = co->next_seed++;
            if (!sweep_cell_has_seed(co->open[cc], ss)) {
                *c = cc;
                *s = ss;
                co->ran[cc] = true;
                return true;
            }
        }
        co->next_cell++;
        co->next_seed = 0;
    }
    return false;
}

static void deposit(struct coord *co, size_t c, int s, const double *raw)
{
    pthread_mutex_lock(&co->mu);
    sweep_cell_unpack_seed(co->open[c], s, raw);
    co->dirty[c] = true;
    pthread_mutex_unlock(&co->mu);
}

/* Rank 0's own compute thread. */
static void *local_worker(void *arg)
{
    struct coord *co = arg;
    struct compute cp = {.sw = co->sw, .threads = co->o->threads};
    double *raw = NULL;
    for (;;) {
        size_t c;
        int s;
        pthread_mutex_lock(&co->mu);
        bool got = take_task(co, &c, &s);
        pthread_mutex_unlock(&co->mu);
        if (!got)
            break;
        struct sweep_cell *cell = compute_task(&cp, c, s);
        raw = xrealloc(raw, sweep_cell_seed_doubles(cell) * sizeof(double));
        sweep_cell_pack_seed(cell, s, raw);
        deposit(co, c, s, raw);
    }
    sweep_cell_free(cp.cell);
    free(raw);
    return NULL;
}

/* Summarise, save and hand on every complete cell at the head, in order.
 * -1 when saving fails or fn asks to stop. */
static int emit_ready(struct coord *co, sweep_cell_fn fn, void *ctx)
{
    for (;;) {
        pthread_mutex_lock(&co->mu);
        diag_list_append(co->diags, &co->load_diags);
        size_t c = co->emitted;
        struct sweep_cell *cell = c < co->sw->n_cells ? co->open[c] : NULL;
        bool ready = cell && sweep_cell_missing(cell) == 0;
        if (ready) {
            co->open[c] = NULL;
            co->emitted++;
        }
        pthread_mutex_unlock(&co->mu);
        if (!ready)
            return 0;
        int rc = 0;
        if (co->o->out_dir && co->ran[c])
            rc = sweep_cell_write_part(cell, co->o->out_dir, "all", 0, 0, co->diags);
        struct bench_results r;
        bench_results_init(&r);
        sweep_cell_results(cell, &r);
        if (rc == 0 && fn(co->sw, c, &r, ctx) != 0)
            rc = -1;
        bench_results_release(&r);
        sweep_cell_free(cell);
        if (rc < 0)
            return -1;
    }
}

/* Save the finished seeds of every open cell with new results: the
 * checkpoint a resumed run starts from. Main thread. */
static void save_open(struct coord *co)
{
    if (!co->o->out_dir)
        return;
    pthread_mutex_lock(&co->mu);
    for (size_t c = co->emitted; c < co->sw->n_cells && c <= co->next_cell; c++) {
        if (co->open[c] && co->dirty[c]) {
            sweep_cell_write_part(co->open[c], co->o->out_dir, "all", 0, 0, co->diags);
            co->dirty[c] = false;
        }
    }
    pthread_mutex_unlock(&co->mu);
}

static void describe(struct coord *co, int rank, const struct busy *b, const char *what,
                     double secs)
{
    if (b->cell < 0) {
        diag_add(co->diags, DIAG_ERROR, co->sw->file, 0, 0, "rank %d %s before taking a task",
                 rank, what);
        return;
    }
    char *label = sweep_cell_label(co->sw, (size_t)b->cell);
    diag_add(co->diags, DIAG_ERROR, co->sw->file, 0, 0,
             "rank %d %s after %.1f s running cell %lld '%s' seed %lld (all policies)", rank,
             what, secs, b->cell, label, b->seed);
    free(label);
}

/* Answer one message from a worker; -1 on a failure (reported). */
static int serve(struct coord *co, MPI_Status *st, struct busy *busy, double **buf)
{
    int r = st->MPI_SOURCE, count;
    if (st->MPI_TAG == TAG_FAIL) {
        MPI_Get_count(st, MPI_CHAR, &count);
        char *why = xcalloc((size_t)count + 1, 1);
        MPI_Recv(why, count, MPI_CHAR, r, TAG_FAIL, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        char *what = xasprintf("failed (%s)", why);
        describe(co, r, &busy[r], what, sweep_now() - busy[r].since);
        free(what);
        free(why);
        return -1;
    }
    MPI_Get_count(st, MPI_DOUBLE, &count);
    *buf = xrealloc(*buf, ((size_t)count + 1) * sizeof(double));
    MPI_Recv(*buf, count, MPI_DOUBLE, r, TAG_REQ, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    double *m = *buf, fp[2];
    fp_halves(co->sw, fp);
    if (count < HDR || m[3] != fp[0] || m[4] != fp[1]) {
        describe(co, r, &busy[r], "loaded a different sweep file (fingerprint mismatch)", 0);
        return -1;
    }
    if (m[0] == 1) {
        size_t c = (size_t)m[1];
        int s = (int)m[2];
        if ((long long)c != busy[r].cell || s != busy[r].seed ||
            (size_t)count != HDR + sweep_cell_seed_doubles(co->open[c])) {
            describe(co, r, &busy[r], "sent a malformed result", 0);
            return -1;
        }
        deposit(co, c, s, m + HDR);
    }
    size_t c;
    int s;
    pthread_mutex_lock(&co->mu);
    bool got = take_task(co, &c, &s);
    pthread_mutex_unlock(&co->mu);
    long long task[2] = {got ? (long long)c : -1, got ? s : -1};
    busy[r] = (struct busy){task[0], task[1], sweep_now(), !got};
    MPI_Send(task, 2, MPI_LONG_LONG, r, TAG_TASK, MPI_COMM_WORLD);
    return 0;
}

static int coordinator(struct coord *co, int size, sweep_cell_fn fn, void *ctx)
{
    struct busy *busy = xcalloc((size_t)size, sizeof(*busy));
    for (int r = 0; r < size; r++)
        busy[r] = (struct busy){-1, -1, sweep_now(), r == 0};
    pthread_t local;
    if (pthread_create(&local, NULL, local_worker, co) != 0)
        BUG("pthread_create failed");
    double *buf = NULL, last_save = sweep_now();
    int rc = 0, stopped = 1;
    while (rc == 0 && (stopped < size || co->emitted < co->sw->n_cells)) {
        int flag = 0;
        MPI_Status st;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
        if (flag) {
            rc = serve(co, &st, busy, &buf);
            stopped += rc == 0 && busy[st.MPI_SOURCE].stopped;
            continue;
        }
        rc = emit_ready(co, fn, ctx);
        double now = sweep_now();
        for (int r = 1; r < size && rc == 0 && co->o->timeout > 0; r++)
            if (!busy[r].stopped && busy[r].cell >= 0 && now - busy[r].since > co->o->timeout) {
                describe(co, r, &busy[r], "timed out", now - busy[r].since);
                rc = -1;
            }
        if (co->emitted == co->sw->n_cells && stopped == size)
            break;
        if (now - last_save > SWEEP_SAVE_EVERY) {
            save_open(co);
            last_save = now;
        }
        nanosleep(&(struct timespec){0, 200000}, NULL);
    }
    if (rc == 0) {
        pthread_join(local, NULL);
        rc = emit_ready(co, fn, ctx);
        if (rc == 0 && co->emitted != co->sw->n_cells)
            BUG("sweep ended with %zu of %zu cells", co->emitted, co->sw->n_cells);
    } else {
        /* The caller aborts every rank; save and say how far it got. */
        save_open(co);
        diag_add(co->diags, DIAG_NOTE, co->sw->file, 0, 0,
                 "%zu of %zu cells finished%s", co->emitted, co->sw->n_cells,
                 co->o->out_dir ? "; rerun with the same --out to resume from them" : "");
        pthread_detach(local);
    }
    free(buf);
    free(busy);
    return rc;
}

int sweep_mpi_run(const struct sweep *sw, const struct sweep_mpi_opts *o, sweep_cell_fn fn,
                  void *ctx, struct diag_list *diags)
{
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank != 0)
        return worker(sw, o, diags) < 0 ? -1 : 0;
    if (!sw)
        return -1;   /* rank 0's own diagnostics say why */
    /* On the heap: after a failure rank 0's compute thread may still use
     * it until the caller aborts, so it is then deliberately not freed. */
    struct coord *co = xcalloc(1, sizeof(*co));
    *co = (struct coord){.sw = sw, .o = o, .diags = diags};
    pthread_mutex_init(&co->mu, NULL);
    diag_list_init(&co->load_diags);
    co->open = xcalloc(sw->n_cells + 1, sizeof(*co->open));
    co->ran = xcalloc(sw->n_cells + 1, sizeof(*co->ran));
    co->dirty = xcalloc(sw->n_cells + 1, sizeof(*co->dirty));
    int rc = coordinator(co, size, fn, ctx);
    if (rc == 0) {
        for (size_t c = 0; c < sw->n_cells; c++)
            sweep_cell_free(co->open[c]);
        free(co->open);
        free(co->ran);
        free(co->dirty);
        diag_list_release(&co->load_diags);
        pthread_mutex_destroy(&co->mu);
        free(co);
    }
    return rc;
}
