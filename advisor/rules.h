/*
 * rules: evaluate the rules one algorithm carries (fits, excludes,
 * cautions, assumes) against a profile. This is the whole of the advisor's
 * judgement; the semantics are documented in taxonomy/README.md ("Rule
 * semantics") and summarised here:
 *
 *  - Only traits whose question applies (ask_if, see adv_profile_applies)
 *    take part; a trait ruled out by another answer contributes nothing.
 *  - Given answer: score += fits[answer] (0 if unlisted). An excludes
 *    condition that fires excludes the algorithm; a cautions condition that
 *    fires subtracts its penalty; an assumes pair the answer contradicts is
 *    a caution with no penalty (the fits already price it in).
 *  - not_sure (choice trait) does not pretend to know: it adds no fit, never
 *    excludes, and costs no caution penalty. Exclusions and cautions that
 *    some answer would fire become open cautions (no penalty), so the user
 *    sees what is at stake. The only cost is for an algorithm that assumes
 *    an answer (`assumes`): ADV_OPEN_ASSUMPTION_WEIGHT x the share of real
 *    answers that contradict the assumption, since a specialist is worth it
 *    only if its assumption holds.
 *  - not_sure (numeric trait) means the trait's default value: conditions are
 *    evaluated on the default (cautions subtract their penalty), but an
 *    exclusion becomes an open caution costing ADV_OPEN_EXCLUSION_WEIGHT.
 *  - Ranking ties (rules of recommend.h) are broken by evidence, then by
 *    "unconfirmed specialisation": the sum, over not_sure traits, of the
 *    algorithm's best fit there less 1 (a fit of 1 is no specialisation), so
 *    the algorithm relying least on answers not given ranks first; then by id.
 *  (The loader guarantees that no fit, condition or assumption names
 *  not_sure itself.)
 *
 * Every note names its trait and the profile's answer for that trait, so a
 * "why" or a caution always refers to an answer the profile gives.
 * Pure functions of (profile, algorithm); thread-safe.
 */
#ifndef BM_ADV_RULES_H
#define BM_ADV_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "advisor/profile.h"
#include "taxonomy/taxonomy.h"

/* What a numeric default inside an exclusion's range costs (the largest fit). */
#define ADV_OPEN_EXCLUSION_WEIGHT 3.0
/* What an assumption about a not_sure trait costs, times the share of the
 * trait's real answers that would contradict it. */
#define ADV_OPEN_ASSUMPTION_WEIGHT 2.0

enum adv_note_kind {
    ADV_NOTE_WHY,                /* a positive fit for the answer given */
    ADV_NOTE_CAUTION,            /* a cautions condition fired on the answer given */
    ADV_NOTE_BROKEN_ASSUMPTION,  /* an assumes pair the answer given contradicts */
    ADV_NOTE_OPEN_EXCLUSION,     /* not_sure: some answer would exclude it */
    ADV_NOTE_OPEN_CAUTION,       /* not_sure: some answer would fire a caution */
    ADV_NOTE_OPEN_ASSUMPTION,    /* not_sure on a trait it assumes an answer for */
    ADV_NOTE_EXCLUSION,          /* the answer given excludes it */
};

struct adv_note {
    enum adv_note_kind kind;
    const struct tax_trait *trait;     /* the trait the note is about */
    const struct tax_answer *answer;   /* the profile's answer (choice traits; the
                                          not_sure answer for open notes), else NULL */
    double value;                      /* the profile's value (numeric traits) */
    double delta;                      /* what it adds to the score (<= 0 for cautions) */
    const char *rule_text;             /* the taxonomy's why/text, or NULL (fits) */
    char *text;                        /* owned: the full sentence shown to users */
};

/* The verdict on one algorithm. */
struct adv_eval {
    const struct tax_algorithm *alg;
    double score;                      /* meaningful when !excluded */
    bool excluded;
    double unconfirmed;                /* sum over not_sure traits of the algorithm's
                                          best fit there, less 1 (at least 0):
                                          specialisation the answers do not confirm
                                          (a tie-break: less is better) */
    struct adv_note *notes;            /* owned; why, cautions, exclusions in rule order */
    size_t n_notes;
};

/* Is this note a "why" (raised the score), a caution, or an exclusion? */
bool adv_note_is_why(const struct adv_note *n);
bool adv_note_is_caution(const struct adv_note *n);

/* Evaluate alg against p into out (which the caller releases with
 * adv_eval_release). With notes == false no text is built: only score,
 * excluded and unconfirmed are set (the fast path the sensitivity analysis
 * uses). */
void adv_rules_eval(const struct adv_profile *p, const struct tax_algorithm *alg, bool notes,
                    struct adv_eval *out);
void adv_eval_release(struct adv_eval *e);

/* The contribution of one trait alone to alg's score under p (0 when the
 * trait does not apply); *excludes is set when it excludes alg. Used by
 * tests to check that a change of one answer moves the score by its rules. */
double adv_rules_trait_delta(const struct adv_profile *p, const struct tax_algorithm *alg,
                             const struct tax_trait *trait, bool *excludes);

/* Does the condition fire on the profile's answer for its trait? (Numeric
 * traits: the value, the default when not_sure. Choice traits: the answer;
 * never fires on not_sure.) */
bool adv_condition_fires(const struct adv_profile *p, const struct tax_condition *c);

#endif
