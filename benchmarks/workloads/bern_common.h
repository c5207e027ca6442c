/*
 * bern_common: the Bernoulli arm state shared by the Bernoulli-reward
 * workload files (bernoulli.c, nonstationary.c), and catalogue churn on
 * top of it. Internal to workloads/.
 *
 * Layout: struct bern_state (embedded first in a workload's state), then
 * the block wl_bern_place() fills: k reward streams, then k rates (this
 * seed's arm order).
 *
 * Catalogue churn (params WL_BERN_CHURN_PARAMS, the names the contextual
 * workloads use): from round 2 on, one slot chosen uniformly retires its
 * item and a new item takes it, either with probability `churn` in every
 * round or every `churn_every` rounds (rounds 1 + N, 1 + 2N, ...). With
 * `churn`, the gaps between replacements are drawn exactly, Geometric(p)
 * on {1, 2, ...}, so advance() is called only at replacement rounds (no
 * per-round draw). The new item's rate is drawn from Beta(churn_alpha,
 * churn_beta); with that prior given, the first k items are drawn from
 * it too (Chapelle & Li 2011, "An empirical evaluation of Thompson
 * sampling", NIPS, section 4.3: Beta(4, 4)), and without it a new rate is
 * one of the base rates, uniformly. Randomness: the slot, the gap and the
 * rate come from the seed's stream 4 (the churn stream of the contextual
 * workloads; 0-3 and 5 are the runner's and the arm order's, see run.c),
 * and item j (0-based, in order of appearance, the first k being the
 * initial slots) pays from its own stream 1024 + j, so the n-th pull of an
 * item gives the same reward under every policy of a seed (common random
 * numbers) and churn 0 leaves every draw of today's workloads unchanged.
 * Replaced slots are reported in arms->replaced (workload.h, "Arm
 * replacement"); regret is against the best rate of each round.
 */
#ifndef BM_WL_BERN_COMMON_H
#define BM_WL_BERN_COMMON_H

#include <math.h>

#include "benchmarks/workload.h"

struct bern_churn {
    double p;                    /* per-round replacement probability; 0: none */
    long long every;             /* or one replacement every N rounds; 0: none */
    double alpha, beta;          /* Beta prior of new rates; NAN: a base rate at random */
    const double *base;          /* cfg->means: the base rates (no prior) */
    int n_base;
    long long next;              /* round of the next replacement, WL_NEVER: none */
    long long items;             /* items so far; the next one pays from 1024 + items */
    int slot;                    /* the slot replaced at the latest replacement */
    uint64_t key;                /* the seed key (new items' reward streams) */
    struct rng rng;              /* stream 4: slots, gaps, new rates */
};

struct bern_state {
    int k;
    double *means;               /* k, this seed's order; the truth of this round */
    struct rng *arm_rng;         /* k reward streams, of the items now in the slots */
    struct bern_churn churn;
};

/* The churn params, for a workload's params table. */
#define WL_BERN_CHURN_PARAMS                                                                \
    {"churn", 0, "each round, with this probability one item (uniform) is replaced"},      \
    {"churn_every", 0, "or one item is replaced every N rounds (0: never)"},              \
    {"churn_alpha", NAN, "new items' rates ~ Beta(churn_alpha, churn_beta), the first k too "\
                         "(unset: a base rate at random)"},                                \
    {"churn_beta", NAN, "see churn_alpha"}

/* Bytes of the block after the state: k streams and k rates. */
size_t wl_bern_block_size(const struct wl_config *cfg);
/* Fill b and the block at `block` (wl_bern_block_size bytes): rates (the
 * prior's draws, or the base means shuffled per seed), streams, churn.
 * Returns the first byte after the block. */
void *wl_bern_place(struct bern_state *b, void *block, const struct wl_config *cfg,
                    const struct wl_seed *seed);
/* The churn of round t into rates (b->means, or the base rates of a
 * modulated workload): when t is the next replacement round, replace a
 * slot's item and report it in arms. Returns the next replacement round
 * (WL_NEVER: none). */
long long wl_bern_churn(struct bern_state *b, double *rates, long long t, struct wl_arms *arms);

size_t wl_bern_state_size(const struct wl_config *cfg);
void wl_bern_init(void *state, const struct wl_config *cfg, const struct wl_seed *seed);
long long wl_bern_advance(void *state, long long t, struct wl_arms *arms);
double wl_bern_pull(void *state, int arm);
/* configure hook: every mean in [0, 1], and the churn params. */
int wl_bern_check_means(struct wl_config *cfg, const struct bench_spec *s, struct diag_list *diags);
/* The churn params alone (configure hooks with their own mean checks). */
int wl_bern_check_churn(struct wl_config *cfg, const struct bench_spec *s,
                        struct diag_list *diags);
double wl_bern_lower_bound(const struct wl_config *cfg);

#endif
