/*
 * rng: the one random number module of banditmap.
 *
 * Generator: xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021), seeded through
 * splitmix64 (Steele, Lea & Flood, OOPSLA 2014) as the authors recommend,
 * so the state is never everywhere zero.
 *
 * State is always passed in; there is no global generator. A stream is
 * derived from (master seed, stream index) by rng_stream(): the runner uses
 * one index per (seed, role) and never a thread id, so results do not
 * depend on scheduling. A struct rng is plain data: copying it saves the
 * state, assigning it back restores it. Any number of threads may use
 * distinct struct rng values at once.
 *
 * The hot-path draws (next, uniform, normal, the prepared gamma) are
 * static inline here because policies and workloads call them once or
 * more per simulated round; everything else lives in rng.c.
 */
#ifndef BM_RNG_H
#define BM_RNG_H

#include <math.h>
#include <stdint.h>

struct rng {
    uint64_t s[4];               /* xoshiro256** state, never all zero */
};

/* splitmix64: advance *state and return the next output (Vigna's
 * splitmix64.c). Used for seeding and for hashing stream indices. */
uint64_t rng_splitmix64(uint64_t *state);

/* Seed from one 64-bit value: s[0..3] = four splitmix64 outputs. */
void rng_seed(struct rng *r, uint64_t seed);

/* An independent stream for (master_seed, stream): the splitmix64 seed is
 * a hash of both, so streams of distinct indices do not overlap in
 * practice (2^-64 chance of a shared seed). Never pass a thread id. */
void rng_stream(struct rng *r, uint64_t master_seed, uint64_t stream);

/* Equivalent to 2^128 calls of rng_next (the reference jump()): gives
 * 2^128 non-overlapping subsequences of one seed. */
void rng_jump(struct rng *r);

static inline uint64_t rng_rotl_(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* The next 64 random bits (reference xoshiro256** next()). */
static inline uint64_t rng_next(struct rng *r)
{
    uint64_t *s = r->s;
    const uint64_t result = rng_rotl_(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rng_rotl_(s[3], 45);
    return result;
}

/* Uniform in [0, 1) with 53 random bits. */
static inline double rng_uniform(struct rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, n) without bias (Lemire, "Fast random integer generation
 * in an interval", ACM TOMACS 29(1), 2019). n must be >= 1. */
uint64_t rng_below(struct rng *r, uint64_t n);

/* Standard normal by the ziggurat method: Marsaglia & Tsang (2000), "The
 * ziggurat method for generating random variables", JSS 5(8), in the
 * 128-block double-precision form of Doornik (2005), "An improved
 * ziggurat method to generate normal random samples". One 64-bit draw
 * gives both the block (low 7 bits) and the abscissa (high 53 bits). */
enum { RNG_ZIG_N = 128 };
extern const double rng_zig_x[RNG_ZIG_N + 1];  /* block edges x_i */
extern const double rng_zig_r[RNG_ZIG_N];      /* x_{i+1} / x_i */
double rng_normal_slow_(struct rng *r, int block, double u);

__attribute__((always_inline)) static inline double rng_normal(struct rng *r)
{
    uint64_t bits = rng_next(r);
    int i = (int)(bits & (RNG_ZIG_N - 1));
    double u = (double)(bits >> 11) * 0x1.0p-52 - 1.0;   /* (-1, 1) */
    if (fabs(u) < rng_zig_r[i])
        return u * rng_zig_x[i];
    return rng_normal_slow_(r, i, u);
}

/* Gamma(shape, 1) by Marsaglia & Tsang (2000), "A simple method for
 * generating gamma variables", ACM TOMS 26(3). shape > 0 (shape < 1 uses
 * their boost Gamma(shape+1) * U^(1/shape)). */
double rng_gamma(struct rng *r, double shape);

/* The constants of Marsaglia-Tsang for shape a >= 1: d = a - 1/3 and
 * c = 1/sqrt(9d). Callers that draw repeatedly with the same shape (e.g.
 * a Thompson-sampling posterior that changes only when its arm is played)
 * prepare them once; rng_gamma_prepared(r, d, c) returns exactly what
 * rng_gamma(r, a) would return from the same state. */
struct rng_gamma_prep {
    double d, c;
};
void rng_gamma_prepare(struct rng_gamma_prep *g, double shape);   /* shape >= 1 */
double rng_gamma_slow_(struct rng *r, double d, double c, double x, double v);

__attribute__((always_inline)) static inline double
rng_gamma_prepared(struct rng *r, const struct rng_gamma_prep *g)
{
    for (;;) {
        double x = rng_normal(r);
        double v = 1.0 + g->c * x;
        if (v <= 0.0)
            continue;
        v = v * v * v;
        double u = rng_uniform(r);
        double x2 = x * x;
        if (u < 1.0 - 0.0331 * x2 * x2)
            return g->d * v;
        if (log(u) < 0.5 * x2 + g->d * (1.0 - v + log(v)))
            return g->d * v;
    }
}

/* Beta(a, b) = X / (X + Y), X ~ Gamma(a), Y ~ Gamma(b), drawn in that
 * order. a, b > 0. */
double rng_beta(struct rng *r, double a, double b);

/* Exponential(1) by inversion: -log(1 - U). */
double rng_exponential(struct rng *r);

/* Geometric on {1, 2, ...}: the number of Bernoulli(p) trials up to and
 * including the first success, by inversion. 0 < p <= 1. */
long long rng_geometric(struct rng *r, double p);

/* exp(mu + sigma * N(0,1)). */
double rng_lognormal(struct rng *r, double mu, double sigma);

/* 1 with probability p, else 0. */
static inline int rng_bernoulli(struct rng *r, double p)
{
    return rng_uniform(r) < p;
}

#endif
