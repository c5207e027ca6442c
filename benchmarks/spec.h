/*
 * spec: the benchmark spec, handed from the advisor to benchmarks/.
 *
 * A spec names a workload (e.g. "bernoulli"), its size (arms, horizon),
 * how many seeds to run from which master seed, the policies to race, the
 * advisor's pick, and workload-specific parameters as key -> number (each
 * workload documents and checks its own keys). Specs are read from and
 * written to YAML (format in benchmarks/README.md). A struct bench_spec is a heap
 * object: bench_spec_new()/bench_spec_load() give one, bench_spec_free() frees it and every
 * string it holds.
 */
#ifndef BM_BENCH_SPEC_H
#define BM_BENCH_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/diag.h"

/* The most arms a run simulates: the spec loader, the harness's check
 * (bench_check_spec) and the command line all refuse more. Per run the
 * memory is O(arms), and a round costs O(arms) for most policies. */
enum { BENCH_MAX_ARMS = 100000 };

struct bench_spec_param {
    char *key;                   /* owned */
    double value;
    int line, col;               /* where it was read, 0 if built in code */
};

struct bench_spec {
    char *file;                  /* owned; the file it was loaded from, or NULL */
    char *name;                  /* owned; short title */
    char *description;           /* owned; may be NULL */
    char *workload;              /* owned; workload id */
    long long arms;
    long long horizon;
    int seeds;                   /* independent runs per policy */
    uint64_t seed;               /* master seed */
    char **policies;             /* owned; harness policy ids to race */
    size_t n_policies;
    char *recommended;           /* owned; the advisor's pick (policy id), or NULL */
    struct bench_spec_param *params;   /* owned; workload-specific */
    size_t n_params;
    double *means;               /* owned; optional explicit arm means, or NULL */
    size_t n_means;
    int line_workload, col_workload;   /* positions for error messages */
    int line_horizon, col_horizon;     /* where horizon was read; 0 if not from a file */
    int line_arms, col_arms;           /* where arms was read; 0 if not from a file */
};

/* A spec with defaults: arms 10, horizon 100000, seeds 20, seed 1. */
struct bench_spec *bench_spec_new(void);
void bench_spec_free(struct bench_spec *s);

void bench_spec_set_string(char **field, const char *value);  /* replaces *field (may be NULL) */
void bench_spec_add_policy(struct bench_spec *s, const char *policy_id);
/* Set (or replace) a parameter. */
void bench_spec_set_param(struct bench_spec *s, const char *key, double value);
/* The parameter's value, or NULL if absent. */
const struct bench_spec_param *bench_spec_find_param(const struct bench_spec *s, const char *key);
double bench_spec_param_or(const struct bench_spec *s, const char *key, double fallback);

/* Read a spec file. NULL on error, with every problem in diags as
 * file:line:col. Only the spec's own keys are checked here; whether the
 * workload and policy ids exist is checked by benchmarks/. */
struct bench_spec *bench_spec_load(const char *path, struct diag_list *diags);
/* Write as YAML to out. */
void bench_spec_write(const struct bench_spec *s, FILE *out);
/* Write atomically to path (temp file + rename). -1 with a diagnostic. */
int bench_spec_save(const struct bench_spec *s, const char *path, struct diag_list *diags);

#endif
