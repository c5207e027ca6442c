/*
 * fuzz_ope_target: the --policy specs of `banditmap ope` and the files they
 * read (benchmarks/ope/target.h). Byte 0 picks K = 1..8 actions, byte 1
 * P = 1..3 positions, byte 2 the mode: 0 a dist:FILE target whose CSV is
 * the rest; 1 a top:score target whose --items CSV is the rest; 2 the rest
 * is the spec itself (a spec that names a file is skipped: the fuzzer must
 * not open arbitrary paths). The log the targets see is a fixed small one.
 * Oracles: a failed build leaves an error; a built target gives, at every
 * position, K probabilities in [0, 1] summing to 1; sampling returns an
 * action in [0, K); adaptive targets keep that after observing feedback.
 */
#include <math.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/ope/target.h"
#include "tests/fuzz/fuzz_common.h"

static struct ope_log *fixed_log;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char csv[] =
        "action,reward,propensity,position,x_s0,x_s1,x_s2,x_s3,x_s4,x_s5,x_s6,x_s7,c_dev\n"
        "0,1,0.5,1,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,ios\n";
    struct diag_list d;
    diag_list_init(&d);
    fixed_log = ope_log_open(fuzz_memfd_path(3, (const uint8_t *)csv, sizeof(csv) - 1), 0, &d);
    diag_list_release(&d);
    if (!fixed_log)
        fuzz_fail("cannot open the fixed log", NULL);
    return 0;
}

static void check_probs(struct ope_target *t, int K, int P)
{
    static const double x[8] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    static const uint32_t cat[1] = {12345};
    double probs[8];
    struct rng r;
    rng_seed(&r, 7);
    for (int round = 0; round < 3; round++) {
        for (int p = 1; p <= P; p++) {
            struct ope_row row = {.line = 2 + p, .action = p % K, .position = p, .reward = 1,
                                  .propensity = 0.5, .x = x, .cat = cat};
            ope_target_probs(t, &row, probs);
            double sum = 0;
            for (int a = 0; a < K; a++) {
                if (!(probs[a] >= 0 && probs[a] <= 1))
                    fuzz_fail("a probability outside [0, 1]", NULL);
                sum += probs[a];
            }
            if (fabs(sum - 1) > 1e-6)
                fuzz_fail("probabilities do not sum to 1", NULL);
            int a = ope_target_sample(probs, K, &r);
            if (a < 0 || a >= K)
                fuzz_fail("sampled action out of range", NULL);
            row.action = a;
            ope_target_observe(t, &row);
        }
        if (!ope_target_adaptive(t))
            break;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    int K = 1 + data[0] % 8, P = 1 + data[1] % 3, mode = data[2] % 3;
    const uint8_t *rest = data + 3;
    size_t n = size - 3;
    struct ope_target_env env = {.n_actions = K, .n_positions = P, .log = fixed_log,
                                 .seed = 1, .horizon = 100, .r_min = 0, .r_max = 1,
                                 .binary_rewards = true};
    char *spec;
    if (mode == 0) {
        spec = xasprintf("dist:%s", fuzz_memfd_path(0, rest, n));
    } else if (mode == 1) {
        env.items_path = fuzz_memfd_path(0, rest, n);
        spec = xstrdup("top:score");
    } else {
        spec = xstrndup((const char *)rest, n);
        if (!strncmp(spec, "dist:", 5) || !strncmp(spec, "freq:", 5) || strlen(spec) != n) {
            free(spec);
            return 0;
        }
    }
    struct diag_list d;
    diag_list_init(&d);
    struct ope_target *t = ope_target_new(spec, &env, &d);
    fuzz_check_diags(&d, 0, t == NULL);
    if (t)
        check_probs(t, K, P);
    ope_target_free(t);
    diag_list_release(&d);
    free(spec);
    return 0;
}
