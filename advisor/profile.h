/*
 * profile: one problem's answers to the questionnaire (taxonomy/traits.yaml).
 *
 * A profile holds exactly one answer slot per trait of the taxonomy it was
 * made for, in the taxonomy's trait order. A slot is either a choice answer,
 * a number (numeric traits), or not_sure; a trait the file does not mention
 * is not_sure. A numeric not_sure carries the trait's default as its value,
 * so the engines can always read a number.
 *
 * File format (documented with examples in advisor/README.md):
 *   profile ::= { name: TEXT, description: TEXT, answers: { TRAIT: ANSWER, ... } }
 *   ANSWER  ::= answer id (choice traits) | number (numeric traits) | not_sure
 * Every problem is a diagnostic with file:line:col: unknown keys and traits
 * (with a did-you-mean), answers not allowed, wrong types, numbers out of
 * range. An answer to a trait whose `ask_if` the other answers rule out is a
 * warning, and the answer is ignored by the engines.
 *
 * Ownership: a profile is a heap object (adv_profile_new/_load/_copy give
 * one, adv_profile_free frees it). It points into the taxonomy it was built
 * for, which must outlive it. Not thread-safe to modify; read-only use from
 * several threads is fine.
 */
#ifndef BM_ADV_PROFILE_H
#define BM_ADV_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/diag.h"
#include "taxonomy/taxonomy.h"

/* One trait's answer. */
struct adv_answer {
    const struct tax_trait *trait;
    const struct tax_answer *choice;  /* choice traits: the answer, the trait's
                                         not_sure answer when unsure; NULL for numeric */
    double value;                     /* numeric traits: the value, or the trait's
                                         default when not_sure; 0 for choice traits */
    bool not_sure;                    /* not answered, or answered not_sure */
    bool given;                       /* written in the file or set by code */
    int line, col;                    /* where it was read; 0 when not from a file */
};

struct adv_profile {
    const struct tax *tax;            /* the taxonomy the answers refer to */
    char *file;                       /* owned; the file it was read from, or NULL */
    char *name;                       /* owned; may be NULL */
    char *description;                /* owned; may be NULL */
    struct adv_answer *answers;       /* owned; n_answers == tax->n_traits, trait order */
    size_t n_answers;
};

/* Whether a trait's question applies, given the other answers (ask_if). */
enum adv_applies {
    ADV_APPLIES_YES,                  /* no ask_if, or its condition holds */
    ADV_APPLIES_MAYBE,                /* the condition's trait is not_sure (or maybe) */
    ADV_APPLIES_NO,                   /* the condition's trait has another answer */
};

/* A profile with every trait not_sure. The caller frees with adv_profile_free(). */
struct adv_profile *adv_profile_new(const struct tax *tax);
void adv_profile_free(struct adv_profile *p);
/* A deep copy. The caller frees with adv_profile_free(). */
struct adv_profile *adv_profile_copy(const struct adv_profile *p);

/* Read a profile file. Returns NULL if any error was found; warnings alone
 * do not fail. Every problem is appended to diags with file:line:col. */
struct adv_profile *adv_profile_load(const struct tax *tax, const char *path,
                                     struct diag_list *diags);
/* The same on a buffer; name is used as the file name in diagnostics. */
struct adv_profile *adv_profile_load_buffer(const struct tax *tax, const char *name,
                                            const char *data, size_t len,
                                            struct diag_list *diags);

/* Set one answer by ids. answer may be "not_sure". For numeric traits use
 * adv_profile_set_number (or "not_sure" here). Returns -1 and leaves the
 * profile unchanged if the trait or answer does not exist. */
int adv_profile_set_choice(struct adv_profile *p, const char *trait_id, const char *answer_id);
/* Set a numeric trait. -1 (profile unchanged) if the trait is unknown, not
 * numeric, the value is out of [min, max], or not whole for an integer trait. */
int adv_profile_set_number(struct adv_profile *p, const char *trait_id, double value);
/* Make a trait not_sure again (and not given). -1 if the trait is unknown. */
int adv_profile_clear(struct adv_profile *p, const char *trait_id);

/* The given answers of old re-applied, by trait and answer id, to a new
 * profile of taxonomy tax (after a reload); answers tax no longer allows
 * are dropped. The caller frees with adv_profile_free(). */
struct adv_profile *adv_profile_rebind(const struct adv_profile *old, const struct tax *tax);

/* How many answers were given (in the file or by code), not_sure included. */
size_t adv_profile_n_given(const struct adv_profile *p);

/* Replace the name and description (either may be NULL to clear it). */
void adv_profile_set_name(struct adv_profile *p, const char *name, const char *description);

/* The slot of a trait, or NULL if the taxonomy has no such trait. */
const struct adv_answer *adv_profile_get(const struct adv_profile *p, const char *trait_id);
/* The slot of a trait by pointer (must be one of p->tax's traits). */
const struct adv_answer *adv_profile_slot(const struct adv_profile *p,
                                          const struct tax_trait *trait);

/* Does the trait's question apply under these answers? Follows chains of
 * ask_if; a malformed ask_if counts as "always applies". */
enum adv_applies adv_profile_applies(const struct adv_profile *p, const struct tax_trait *trait);

/* The numeric value of a trait (its default when not_sure), or fallback if
 * the taxonomy has no such numeric trait. */
double adv_profile_number(const struct adv_profile *p, const char *trait_id, double fallback);
/* The answer id of a choice trait ("not_sure" when unsure), or NULL if the
 * taxonomy has no such choice trait. */
const char *adv_profile_choice(const struct adv_profile *p, const char *trait_id);
/* Is the choice trait answered with answer_id (and applicable)? */
bool adv_profile_is(const struct adv_profile *p, const char *trait_id, const char *answer_id);

/* The answer as display text into buf: the answer id, a number such as
 * "12" or "0.02", or "not_sure (default 10)". Returns buf. */
const char *adv_answer_text(const struct adv_answer *a, char *buf, size_t size);

/* Write as YAML (name, description, then every given answer in trait order). */
void adv_profile_write(const struct adv_profile *p, FILE *out);
/* Write atomically to path. -1 with a diagnostic on failure (path unchanged). */
int adv_profile_save(const struct adv_profile *p, const char *path, struct diag_list *diags);

#endif
