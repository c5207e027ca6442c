/*
 * taxonomy: the curated map of bandit algorithms and the questionnaire of
 * e-commerce problem traits, loaded from YAML into read-only data.
 *
 * A struct tax is built by tax_load() from one or more YAML files (the
 * bundled ones are traits.yaml and bandits.yaml; any file may hold any of
 * the top-level sections `traits`, `references`, `families`, `algorithms`).
 * After a successful load every cross-reference is resolved: a family id,
 * reference id, trait id or answer id named anywhere exists, and the
 * pointers below point at it. Everything lives in one arena freed by
 * tax_free(); callers get const pointers and never free parts.
 * The schema is documented in taxonomy/README.md. Not thread-safe to load;
 * a loaded taxonomy may be read from any number of threads.
 *
 * Implemented by load.c (tax_load and the file helpers, which drive one
 * private loader per section: traits.c, catalog.c, algorithms.c, with the
 * shared builder of build.h and the whole-map checks of validate.c) and
 * taxonomy.c (release, lookups, names).
 */
#ifndef BM_TAXONOMY_H
#define BM_TAXONOMY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

/* The answer every choice trait accepts, meaning "I don't know". */
#define TAX_NOT_SURE "not_sure"

struct tax_pos {
    const char *file;            /* the file it came from */
    int line, col;               /* 1-based */
};

/* ---- traits: the questionnaire ---- */

enum tax_trait_kind {
    TAX_TRAIT_CHOICE,            /* one answer among answers[] */
    TAX_TRAIT_INTEGER,           /* a whole number in [min, max] */
    TAX_TRAIT_NUMBER,            /* a real number in [min, max] */
};

struct tax_answer {
    const char *id;              /* e.g. "binary"; unique within its trait */
    const char *label;           /* short text shown in a menu */
    const char *help;            /* optional longer text, may be NULL */
    struct tax_pos pos;
};

struct tax_trait {
    const char *id;              /* e.g. "reward_value" */
    const char *group;           /* entry, reward, action, context, dynamics,
                                    feedback, constraints, objective, operations,
                                    parameters */
    const char *question;        /* plain words, for a practitioner */
    const char *help;            /* why it matters */
    const char *example;         /* an e-commerce example */
    enum tax_trait_kind kind;
    const struct tax_answer *answers;  /* choice only; the last is always not_sure */
    size_t n_answers;
    double min, max;             /* numeric only */
    double default_value;        /* numeric only; used when the answer is not_sure */
    const char *unit;            /* numeric only, may be NULL */
    const char *ask_if;          /* optional: id of a trait answer "trait=answer"
                                    under which this question applies; NULL = always */
    struct tax_pos pos;
};

/* ---- references ---- */

struct tax_reference {
    const char *id;              /* e.g. "auer2002finite" */
    const char *authors;         /* "Auer, P., Cesa-Bianchi, N., Fischer, P." */
    int year;
    const char *title;
    const char *venue;           /* journal, conference or publisher */
    const char *url;             /* optional (arXiv or DOI link), may be NULL */
    struct tax_pos pos;
};

/* ---- rules an algorithm carries (the advisor evaluates them) ---- */

/* A condition on one trait: either a set of answers (choice traits) or a
 * numeric range (numeric traits: fires when value >= at_least and/or
 * value <= at_most; an unset bound is NaN). */
struct tax_condition {
    const struct tax_trait *trait;
    const struct tax_answer **answers;  /* choice traits: fires if the answer is one of these */
    size_t n_answers;
    double at_least, at_most;           /* numeric traits; NaN = unbounded */
    struct tax_pos pos;
};

/* fits: how well the algorithm suits one answer, score in [-3, 3]. */
struct tax_fit {
    const struct tax_trait *trait;
    const struct tax_answer *answer;
    int score;
    struct tax_pos pos;
};

/* excludes: the algorithm cannot handle the condition; why says why. */
struct tax_exclusion {
    struct tax_condition when;
    const char *why;
};

/* cautions: the algorithm can run but something may break; penalty >= 0
 * is subtracted from its score when the caution fires. */
struct tax_caution {
    struct tax_condition when;
    const char *text;
    int penalty;
};

/* assumes: the algorithm assumes this answer; if the profile says
 * not_sure the advisor reports the assumption as an open question. */
struct tax_assumption {
    const struct tax_trait *trait;
    const struct tax_answer *answer;
    struct tax_pos pos;
};

/* ---- algorithms and families ---- */

enum tax_evidence {
    TAX_EVIDENCE_THEORY,         /* a proof in a paper */
    TAX_EVIDENCE_BENCHMARK,      /* a large public benchmark */
    TAX_EVIDENCE_FIELD,          /* reported deployments */
};

struct tax_knob {
    const char *name;
    const char *default_value;   /* as text, e.g. "0.1" or "sqrt(K log K / T)" */
    const char *help;
};

struct tax_implementation {
    const char *library;         /* "Vowpal Wabbit", "MABWiser", ... */
    const char *how;             /* flag string, class or function */
    const char *status;          /* maintained, dormant, retiring, unknown */
};

struct tax_family;

struct tax_algorithm {
    const char *id;              /* e.g. "ucb1" */
    const char *name;            /* e.g. "UCB1" */
    const struct tax_family *family;
    const char *summary;         /* two or three sentences */
    const struct tax_fit *fits; size_t n_fits;
    const struct tax_exclusion *excludes; size_t n_excludes;
    const struct tax_caution *cautions; size_t n_cautions;
    const struct tax_assumption *assumes; size_t n_assumes;
    const struct tax_knob *knobs; size_t n_knobs;
    const char *compute;         /* per-round compute */
    const char *memory;
    const char *guarantee;       /* regret order or what is known */
    enum tax_evidence evidence;
    const struct tax_reference **references; size_t n_references;
    const struct tax_implementation *implementations; size_t n_implementations;
    const char *policy;          /* harness policy id, or NULL if not simulated */
    const char *advice;          /* optional operating advice, may be NULL */
    struct tax_pos pos;
    struct tax_pos policy_pos;   /* where `policy` was written (if it was) */
};

struct tax_family {
    const char *id;              /* e.g. "stochastic_mab" */
    const char *name;
    const char *summary;
    const char *when;            /* when to reach for this family */
    const struct tax_reference **references; size_t n_references;
    const struct tax_algorithm **algorithms; size_t n_algorithms;  /* members, file order */
    struct tax_pos pos;
};

struct tax {
    const struct tax_trait *traits; size_t n_traits;                 /* file order */
    const struct tax_reference *references; size_t n_references;
    const struct tax_family *families; size_t n_families;
    const struct tax_algorithm *algorithms; size_t n_algorithms;
    const char *const *files; size_t n_files;                        /* the files loaded */
    struct arena arena;                                              /* owns everything */
};

/* Load and validate the given YAML files as one taxonomy. Every problem
 * found is appended to diags (the loader keeps going to report them all).
 * Returns NULL if any error was found; warnings alone do not fail the load.
 * The caller owns the result; free with tax_free(). */
struct tax *tax_load(const char *const *paths, size_t n_paths, struct diag_list *diags);

/* Load the bundled taxonomy (traits.yaml + bandits.yaml) from data_dir, or
 * from tax_default_dir() when data_dir is NULL. Same contract as tax_load. */
struct tax *tax_load_dir(const char *data_dir, struct diag_list *diags);

/* Load a user's files as one taxonomy: the bundled traits.yaml of data_dir
 * (tax_default_dir() when NULL) comes first unless one of the files has a
 * top-level `traits:` section, so a file of algorithms can be checked on
 * its own. With no files, the bundled taxonomy. Same contract as tax_load. */
struct tax *tax_load_files(const char *data_dir, const char *const *files, size_t n_files,
                           struct diag_list *diags);

/* The directory of the bundled taxonomy: $BANDITMAP_DATA if set, else the
 * installed data dir if it has traits.yaml, else the source tree's
 * taxonomy/. Returns a static string. */
const char *tax_default_dir(void);

void tax_free(struct tax *t);

/* Lookups by id; NULL when absent. */
const struct tax_trait *tax_find_trait(const struct tax *t, const char *id);
const struct tax_answer *tax_find_answer(const struct tax_trait *trait, const char *id);
const struct tax_family *tax_find_family(const struct tax *t, const char *id);
const struct tax_algorithm *tax_find_algorithm(const struct tax *t, const char *id);
const struct tax_reference *tax_find_reference(const struct tax *t, const char *id);

/* Is this the not_sure answer? */
bool tax_answer_is_not_sure(const struct tax_answer *a);

const char *tax_evidence_name(enum tax_evidence e);   /* "theory", ... */
const char *tax_trait_kind_name(enum tax_trait_kind k);

#endif
