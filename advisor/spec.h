/*
 * spec: the benchmark spec, handed from the advisor to benchmarks/.
 *
 * A spec names a workload (e.g. "bernoulli"), its size (arms, horizon),
 * how many seeds to run from which master seed, the policies to race, the
 * advisor's pick, and workload-specific parameters as key -> number (each
 * workload documents and checks its own keys). Specs are read from and
 * written to YAML (format in benchmarks/README.md). A struct spec is a heap
 * object: spec_new()/spec_load() give one, spec_free() frees it and every
 * string it holds.
 */
#ifndef BM_SPEC_H
#define BM_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "taxonomy/diag.h"

struct spec_param {
    char *key;                   /* owned */
    double value;
    int line, col;               /* where it was read, 0 if built in code */
};

struct spec {
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
    struct spec_param *params;   /* owned; workload-specific */
    size_t n_params;
    double *means;               /* owned; optional explicit arm means, or NULL */
    size_t n_means;
    int line_workload, col_workload;   /* positions for error messages */
    int line_horizon, col_horizon;     /* where horizon was read; 0 if not from a file */
};

/* A spec with defaults: arms 10, horizon 100000, seeds 20, seed 1. */
struct spec *spec_new(void);
void spec_free(struct spec *s);

void spec_set_string(char **field, const char *value);  /* replaces *field (may be NULL) */
void spec_add_policy(struct spec *s, const char *policy_id);
/* Set (or replace) a parameter. */
void spec_set_param(struct spec *s, const char *key, double value);
/* The parameter's value, or NULL if absent. */
const struct spec_param *spec_find_param(const struct spec *s, const char *key);
double spec_param_or(const struct spec *s, const char *key, double fallback);

/* Read a spec file. NULL on error, with every problem in diags as
 * file:line:col. Only the spec's own keys are checked here; whether the
 * workload and policy ids exist is checked by benchmarks/. */
struct spec *spec_load(const char *path, struct diag_list *diags);
/* Write as YAML to out. */
void spec_write(const struct spec *s, FILE *out);
/* Write atomically to path (temp file + rename). -1 with a diagnostic. */
int spec_save(const struct spec *s, const char *path, struct diag_list *diags);

#endif
