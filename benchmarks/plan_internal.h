/*
 * plan_internal: what plan.c and plan_traits.c share. Not for use outside
 * benchmarks/plan*.c.
 */
#ifndef BM_PLAN_INTERNAL_H
#define BM_PLAN_INTERNAL_H

#include <stdbool.h>

#include "advisor/profile.h"
#include "benchmarks/plan.h"
#include "benchmarks/workload.h"

/* The kind of a workload the plan chose (BUG if the harness lacks it). */
enum wl_kind plan_workload_kind(const char *w);
/* Does workload type t take param name (its own or a common one)? */
bool plan_takes_param(const struct wl_type *t, const char *name);

/* The plan as a spec without names (for probing a workload's configure
 * and for bench_plan_spec). The caller frees with bench_spec_free(). */
struct bench_spec *plan_spec_bare(const struct bench_plan *b);

/* Compose every answered trait of p onto b's workload as params, filling
 * b's trait list (carried or not, and why). dim: the feature dimension. */
void plan_carry_traits(const struct adv_profile *p, struct bench_plan *b, int dim);

#endif
