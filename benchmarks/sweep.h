/*
 * sweep: benchmark sweeps, workloads x grid points x policies x seeds,
 * split over threads, shards (--shard i/n) or MPI ranks, with results that
 * do not depend on the split.
 *
 * A sweep file expands into CELLS: one per (workload entry, grid point),
 * workload-major, the grid axes in file order with the last one fastest.
 * Every cell is an ordinary bench spec (advisor/spec.h) and its result is
 * exactly what `banditmap bench` gives for that spec. A cell's work is its
 * UNITS (policy, seed), the runs of runner.h; a unit's raw numbers are a
 * deterministic function of (master seed, seed index), so units can run
 * anywhere and in any order. Cells are summarised once, from the raw
 * numbers, in seed order (bench_results_from_plan), so single-process,
 * sharded and MPI runs give byte-identical JSON (timings aside).
 *
 * Distribution: the pair (cell c, seed s) has the global index
 * c * seeds + s; shard i of n (1-based) owns the pairs with index
 * % n == i - 1, all policies of each. Round robin over (cell, seed) mixes
 * expensive and cheap cells and policies evenly across shards.
 *
 * Parts: finished units are saved as "part" files in an output directory,
 * DIR/cell-NNNNN.TAG.part, written atomically (taxonomy/atomic_file.h).
 * A part holds raw numbers as exact hex floats and the cell's
 * fingerprint (a hash of the cell's canonical spec), so parts of an edited
 * sweep are recognised as stale and never mixed in. A run given the same
 * directory resumes: units found in valid parts are not run again.
 *
 * The sweep (struct sweep) is read-only after sweep_load(); a struct
 * sweep_cell is one cell being assembled, owned by its caller. Neither
 * prints. Threads are used inside sweep_cell_run() only.
 */
#ifndef BM_SWEEP_H
#define BM_SWEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"
#include "benchmarks/runner.h"
#include "benchmarks/spec.h"

struct sweep_axis {
    char *key;                   /* owned; a workload parameter or POLICY.KNOB */
    double *values;              /* owned; n values, in file order */
    size_t n;
    int *lines, *cols;           /* owned; where each value was read */
};

struct sweep {
    char *file;                  /* owned; the sweep file */
    char *name;                  /* owned; title (the file name when absent) */
    struct bench_spec **workloads;     /* owned; one base spec per `workloads:` entry */
    size_t n_workloads;
    struct sweep_axis *axes;     /* owned; the parameter grid */
    size_t n_axes;
    size_t n_cells;              /* n_workloads x the product of the axis sizes */
    int seeds;                   /* seeds per cell (sweep-wide) */
    uint64_t seed;               /* master seed */
    uint64_t *cell_fp;           /* owned; n_cells fingerprints */
    uint64_t fingerprint;        /* of the whole sweep: ranks check they agree */
};

/* Read and check a sweep file: its own keys (file:line:col, did-you-mean)
 * and every cell as bench_check_spec() would (each problem reported once).
 * NULL on any error, with every problem in diags. Free with sweep_free(). */
struct sweep *sweep_load(const char *path, struct diag_list *diags);
void sweep_free(struct sweep *sw);

/* The spec of cell c (c < n_cells); the caller frees it with bench_spec_free(). */
struct bench_spec *sweep_cell_spec(const struct sweep *sw, size_t c);

/* A short label of cell c, e.g. "bernoulli-k10 egreedy.epsilon=0.05":
 * a fresh string the caller frees. */
char *sweep_cell_label(const struct sweep *sw, size_t c);
/* Cell c is (workload entry, grid point), the last axis varying fastest:
 * returns the workload entry's index and writes the point's value index on
 * each axis to idx[0..n_axes). */
size_t sweep_cell_point(const struct sweep *sw, size_t c, size_t *idx);

/* Parse "I/N" (1 <= I <= N <= 100000). 0 on success. */
int sweep_parse_shard(const char *text, int *i, int *n);

/* Does shard i of n own seed s of cell c? */
bool sweep_shard_owns(const struct sweep *sw, size_t c, int s, int i, int n);

/* ---- one cell being assembled (sweep_exec.c) ---- */

struct sweep_cell;

/* A cell with no unit done yet. The caller owns it; free with
 * sweep_cell_free(). */
struct sweep_cell *sweep_cell_new(const struct sweep *sw, size_t c);
void sweep_cell_free(struct sweep_cell *cell);

size_t sweep_cell_index(const struct sweep_cell *cell);     /* c */
size_t sweep_cell_policies(const struct sweep_cell *cell);
/* Units still missing (of policies x seeds). */
size_t sweep_cell_missing(const struct sweep_cell *cell);
bool sweep_cell_has_seed(const struct sweep_cell *cell, int s);  /* all policies of seed s */

/* Run every policy of each listed seed that is not done yet, on threads
 * worker threads (results do not depend on it). */
void sweep_cell_run(struct sweep_cell *cell, const int *seeds, size_t n_seeds, int threads);

/* Raw numbers of one seed (all policies), for sending between processes:
 * sweep_cell_seed_doubles() values. pack requires the seed to be done;
 * unpack marks it done. */
size_t sweep_cell_seed_doubles(const struct sweep_cell *cell);
void sweep_cell_pack_seed(const struct sweep_cell *cell, int s, double *out);
void sweep_cell_unpack_seed(struct sweep_cell *cell, int s, const double *in);

/* With an output directory, unfinished cells are saved this often (in
 * seconds), so a killed or failed sweep loses at most this much work. */
enum { SWEEP_SAVE_EVERY = 30 };

/* Seconds on the monotonic clock, for save timing and rank timeouts. */
double sweep_now(void);

/* Read every valid part of this cell in dir (file names cell-NNNNN.*.part).
 * Stale parts (another fingerprint) and unreadable ones get a warning and
 * are skipped; units already present are kept. Returns the number of
 * units added, or -1 if dir cannot be listed (with a diagnostic). */
long sweep_cell_load_parts(struct sweep_cell *cell, const char *dir, struct diag_list *diags);

/* Write the done seeds of this cell (all, or only those shard i/n owns
 * when n > 0) as DIR/cell-NNNNN.TAG.part, atomically. -1 with a
 * diagnostic on failure (the file is then unchanged). */
int sweep_cell_write_part(const struct sweep_cell *cell, const char *dir, const char *tag,
                          int shard_i, int shard_n, struct diag_list *diags);

/* Summarise a complete cell into r (bench_results_init'ed by the caller;
 * release it with bench_results_release()). BUG if units are missing. */
void sweep_cell_results(const struct sweep_cell *cell, struct bench_results *r);

/* ---- output ---- */


/* ---- MPI (sweep_mpi.c, only with -DBANDITMAP_MPI=ON) ---- */

/* Called on rank 0 with each finished cell, in cell order. Non-zero stops. */
typedef int (*sweep_cell_fn)(const struct sweep *sw, size_t c, const struct bench_results *r,
                             void *ctx);

struct sweep_mpi_opts {
    int threads;                 /* worker threads per rank */
    double timeout;              /* seconds a rank may spend on one task; 0 = no limit */
    const char *out_dir;         /* parts and resume, or NULL */
};

/* Initialise MPI (funneled threads); 0 on success with *rank and *size. */
int sweep_mpi_init(int *argc, char ***argv, int *rank, int *size);
/* Run the sweep over all ranks: rank 0 hands out (cell, seed) tasks and
 * also computes on a thread; every rank calls this. sw may be NULL on a
 * rank that failed to load the sweep (it then reports the failure to
 * rank 0). On rank 0, fn gets every cell in order; 0 on success, -1 with
 * diagnostics naming each rank that failed or timed out and what it was
 * running (the caller should then sweep_mpi_abort()). Other ranks return
 * 0 and have nothing to print. */
int sweep_mpi_run(const struct sweep *sw, const struct sweep_mpi_opts *o, sweep_cell_fn fn,
                  void *ctx, struct diag_list *diags);
void sweep_mpi_finalize(void);
void sweep_mpi_abort(int code);

#endif
