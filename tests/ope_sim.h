/*
 * ope_sim: the simulated logged-bandit problem of the coverage and
 * round-trip tests, whose true value is known in closed form (test-only).
 *
 * A context x in {0, 1} with probability 1/2 each, K = 4 actions, Bernoulli
 * rewards with mean m(x, a) (mean[x][a]), a logging policy mu(a | x)
 * (logging[x][a]) that favours different actions in each context. Each
 * test picks its target pi(a | x), whose true value is
 * V(pi) = sum_x P(x) sum_a pi(a|x) m(x, a) (0.375 for test_estimators.c's).
 */
#ifndef BM_TEST_OPE_SIM_H
#define BM_TEST_OPE_SIM_H

#include "tests/helpers.h"

enum { K = 4, SEEDS = 200, ROUNDS = 2000, REPLICATES = 200 };

static const double mean[2][K] = {{0.2, 0.4, 0.6, 0.3}, {0.5, 0.1, 0.3, 0.7}};
static const double logging[2][K] = {{0.4, 0.3, 0.2, 0.1}, {0.1, 0.2, 0.3, 0.4}};

#endif
