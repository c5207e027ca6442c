/*
 * target_policy: harness policies as OPE targets (see target_policy.h).
 *
 * One learner per position, since OBD's positions have different click
 * rates and each position is its own bandit here. Learner p draws from the
 * stream OPE_STREAM_POLICY + 16 p of the master seed. Its round counter is
 * its own history length plus one: in replay a policy only lives through
 * the rows it matched (Li et al. 2011, Algorithm 3).
 */
#include "benchmarks/ope/target_policy.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "benchmarks/ope/ope.h"
#include "benchmarks/policy.h"

struct learner {
    void *state;                 /* owned; type->state_size bytes */
    struct rng rng;
    long long t;                 /* 1 + rows matched so far */
    int last;                    /* the arm picked for the current row */
};

struct ope_target_policy {
    const struct pol_type *type;
    int K, P;
    struct learner *learners;    /* owned; P of them */
    double r_lo, r_span;         /* rewards are scaled to (r - r_lo) / r_span */
    size_t dim;                  /* context features given to the policy */
};

/* "name,knob=value,...": the type and its knob values (defaults filled). */
static const struct pol_type *parse(const char *spec, double **knobs, struct diag_list *diags)
{
    char *copy = xstrdup(spec), *save = NULL;
    char *name = strtok_r(copy, ",", &save);
    const struct pol_type *t = name ? pol_find(name) : NULL;
    if (!t) {
        char *known = xstrdup("");
        for (size_t i = 0; i < pol_registry_count; i++) {
            char *next = xasprintf("%s%s%s", known, i ? ", " : "", pol_registry[i]->name);
            free(known);
            known = next;
        }
        diag_add(diags, DIAG_ERROR, NULL, 0, 0, "unknown harness policy '%s' (known: %s)",
                 name ? name : "", known);
        free(known);
        free(copy);
        return NULL;
    }
    *knobs = xcalloc(t->n_knobs + 1, sizeof(double));
    for (size_t i = 0; i < t->n_knobs; i++)
        (*knobs)[i] = t->knobs[i].def;
    for (char *kv = strtok_r(NULL, ",", &save); kv; kv = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(kv, '='), *end = NULL;
        if (eq)
            *eq = '\0';
        int k = pol_knob_index(t, kv);
        double v = eq ? strtod(eq + 1, &end) : NAN;
        if (k < 0 || !eq || !*(eq + 1) || *end || !isfinite(v)) {
            diag_add(diags, DIAG_ERROR, NULL, 0, 0,
                     k < 0 ? "policy '%s' has no knob '%s'" : "policy '%s': knob '%s' needs "
                                                               "a number (knob=value)",
                     t->name, kv);
            free(*knobs);
            free(copy);
            return NULL;
        }
        (*knobs)[k] = v;
    }
    free(copy);
    return t;
}

struct ope_target_policy *ope_target_policy_new(const char *name,
                                                const struct ope_target_env *env,
                                                struct diag_list *diags)
{
    double *knobs = NULL;
    const struct pol_type *type = parse(name, &knobs, diags);
    if (!type)
        return NULL;
    struct ope_target_policy *p = xcalloc(1, sizeof(*p));
    p->type = type;
    p->K = env->n_actions;
    p->P = env->n_positions;
    p->r_lo = env->r_min;
    p->r_span = env->r_max > env->r_min ? env->r_max - env->r_min : 1.0;
    p->dim = ope_log_n_x(env->log);
    struct pol_config cfg = {
        .k = p->K, .horizon = env->horizon > 0 ? env->horizon : 1, .delta = 0.05,
        .binary_rewards = env->binary_rewards, .knobs = knobs,
    };
    p->learners = xcalloc((size_t)p->P, sizeof(*p->learners));
    for (int q = 0; q < p->P; q++) {
        struct learner *l = &p->learners[q];
        l->state = xcalloc(1, type->state_size(&cfg) + 1);
        type->init(l->state, &cfg);
        rng_stream(&l->rng, env->seed, OPE_STREAM_POLICY + 16 * (uint64_t)q);
        l->t = 1;
    }
    free(knobs);
    return p;
}

void ope_target_policy_free(struct ope_target_policy *p)
{
    if (!p)
        return;
    for (int q = 0; q < p->P; q++) {
        if (p->type->release)
            p->type->release(p->learners[q].state);
        free(p->learners[q].state);
    }
    free(p->learners);
    free(p);
}

static struct learner *learner_of(struct ope_target_policy *p, const struct ope_row *row)
{
    int q = row->position <= p->P ? row->position - 1 : p->P - 1;
    return &p->learners[q];
}

void ope_target_policy_probs(struct ope_target_policy *p, const struct ope_row *row,
                             double *probs)
{
    struct learner *l = learner_of(p, row);
    struct bench_round round = {
        .t = l->t, .k = p->K, .context = p->dim ? row->x : NULL, .dim = (int)p->dim,
        .slate_size = 1,
    };
    int arm = p->type->select(l->state, &round, &l->rng);
    if (arm < 0 || arm >= p->K)
        BUG("policy %s picked arm %d of %d", p->type->name, arm, p->K);
    l->last = arm;
    memset(probs, 0, (size_t)p->K * sizeof(double));
    probs[arm] = 1.0;
}

void ope_target_policy_observe(struct ope_target_policy *p, const struct ope_row *row)
{
    struct learner *l = learner_of(p, row);
    if (row->action != l->last)
        BUG("policy %s told of arm %d but picked %d", p->type->name, row->action, l->last);
    struct pol_feedback fb = {
        .arm = row->action, .reward = (row->reward - p->r_lo) / p->r_span, .raw = row->reward,
        .t_played = l->t, .t_now = l->t + 1, .context = p->dim ? row->x : NULL,
    };
    p->type->update(l->state, &fb, &l->rng);
    l->t++;
}
