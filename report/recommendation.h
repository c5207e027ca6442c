/*
 * recommendation: a recommendation serialised for scripts (JSON) and for people
 * (Markdown, the TUI's export). Writes into a caller FILE; never prints
 * anywhere else.
 *
 * JSON contract (scripts and tests rely on it; keys are never removed):
 *   { "profile": {"name", "description",
 *                 "answers": {TRAIT: ANSWER | NUMBER | "not_sure" | null (does not apply)}},
 *     "recommendations": [{"rank", "id", "name", "family", "score", "evidence",
 *                          "policy", "summary", "why": [TEXT], "cautions": [TEXT],
 *                          "references": [TEXT], "implementations":
 *                          [{"library", "how", "status"}]}],
 *     "what_if": [{"trait", "from", "to", "not_sure", "changes_top",
 *                  "top": {"id", "name"} | null, "text"}],
 *     "advice": [{"topic", "text", "basis", "value", "unit"}],
 *     "excluded": [{"id", "name", "reason"}],
 *     "benchmark": {"workload", "arms", "horizon", "seeds", "seed", "params": {K: V},
 *                   "policies": [ID], "recommended", "validates": {"id", "name"} | null,
 *                   "top_pick_simulated",
 *                   "horizon_rule": {"profile_horizon", "simulated_horizon", "scaled",
 *                                    "rounds_per_second_per_core", "estimated_seconds",
 *                                    "budget_seconds", "cores", "gap_factor", "time_factor"},
 *                   "traits": [{"trait", "carried", "text"}], "note"} }
 * Scores are rounded to 3 decimals. Output is a pure function of the
 * recommendation, so identical inputs give identical bytes.
 */
#ifndef BM_REPORT_RECOMMENDATION_H
#define BM_REPORT_RECOMMENDATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "advisor/recommend.h"
#include "benchmarks/plan.h"

/* A reference as one line: "Auer, P., ... (2002). Title. Venue. URL".
 * The caller frees the result. */
char *report_reference_text(const struct tax_reference *ref);

/* The reason an excluded algorithm was excluded: its exclusion notes joined
 * with "; ". The caller frees the result. */
char *report_excluded_reason(const struct adv_eval *e);

/* A score as every report shows it: rounded to three decimals, so the
 * text, JSON and Markdown forms agree. */
double report_score_shown(double score);

/* How many recommendations a report with this top limit shows (0 = all). */
size_t report_rec_count(const struct adv_recommendation *r, size_t top);

/* Write the JSON document above; top limits the recommendations (0 = all). */
void report_rec_json(const struct adv_recommendation *r, const struct bench_plan *plan, size_t top,
                     bool pretty, FILE *out);

/* Write a Markdown report: the answers, the top recommendations with why,
 * cautions, references and implementations, what would change the pick,
 * operating advice, excluded algorithms and the benchmark spec. */
void report_rec_markdown(const struct adv_recommendation *r, const struct bench_plan *plan,
                         size_t top, FILE *out);

#endif
