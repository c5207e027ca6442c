/*
 * sensitivity: what would change the pick.
 *
 * For every trait whose question applies (or might), the advisor tries each
 * alternative answer with all other answers fixed and records the top pick
 * it would give:
 *  - for a not_sure choice trait, every real answer is listed, whether it
 *    changes the pick or not (resolving the doubt is what the user can do);
 *  - for an answered choice trait, only the alternatives that change the pick;
 *  - for a numeric trait, the values just across each threshold the
 *    taxonomy's conditions use (e.g. arms >= 5000), when that changes the pick.
 * Order: trait order, then answer order, then increasing value. Pure
 * function of the profile; thread-safe.
 */
#ifndef BM_ADV_SENSITIVITY_H
#define BM_ADV_SENSITIVITY_H

#include <stdbool.h>
#include <stddef.h>

#include "advisor/profile.h"
#include "taxonomy/taxonomy.h"

struct adv_whatif {
    const struct tax_trait *trait;
    bool from_not_sure;                  /* the profile is not sure about this trait */
    char *from;                          /* owned: the current answer as text */
    char *to;                            /* owned: the alternative ("abrupt_changes",
                                            "at least 5000", "below 5000") */
    const struct tax_answer *to_answer;  /* choice traits, else NULL */
    double to_value;                     /* numeric traits: the value tried */
    const struct tax_algorithm *top;     /* the pick under the alternative, or NULL
                                            when it excludes everything */
    double top_score;
    bool changes_top;
    char *text;                          /* owned: one sentence for users */
};

struct adv_whatif_list {
    struct adv_whatif *items;            /* owned */
    size_t count;
};

/* Fill out (overwritten) for profile p whose current pick is current (may
 * be NULL). Release with adv_whatif_list_release(). */
void adv_sensitivity(const struct adv_profile *p, const struct tax_algorithm *current,
                     struct adv_whatif_list *out);
void adv_whatif_list_release(struct adv_whatif_list *l);

#endif
