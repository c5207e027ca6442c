/*
 * bern_common: the Bernoulli arm state shared by the Bernoulli-reward
 * workload files (bernoulli.c, nonstationary.c). Internal to workloads/.
 * Layout in the run's state block: struct bern_state, then k reward
 * streams, then k means (this seed's arm order).
 */
#ifndef BM_WL_BERN_COMMON_H
#define BM_WL_BERN_COMMON_H

#include "benchmarks/workload.h"

struct bern_state {
    int k;
    double *means;               /* k, this seed's order; the truth of this round */
    struct rng *arm_rng;         /* k reward streams */
};

size_t wl_bern_state_size(const struct wl_config *cfg);
void wl_bern_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed);
long long wl_bern_advance(void *state, long long t, struct wl_arms *arms);
double wl_bern_pull(void *state, int arm);
/* configure hook: every mean in [0, 1]. */
int wl_bern_check_means(struct wl_config *cfg, const struct bench_spec *s, struct diag_list *diags);
double wl_bern_lower_bound(const struct wl_config *cfg);

#endif
