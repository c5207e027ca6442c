/*
 * catalogue: the taxonomy as the harness accepts it. The taxonomy sits
 * below the harness and cannot know the policy ids its algorithms name;
 * every face that loads a taxonomy for recommending or racing loads it
 * here, so the rule "the files load, and every `policy` id is a harness
 * policy" is written once.
 *
 * Thread-safe (no state); the result is read-only data owned by the caller.
 */
#ifndef BM_CATALOGUE_H
#define BM_CATALOGUE_H

#include <stddef.h>

#include "base/diag.h"
#include "taxonomy/taxonomy.h"

/* Load the taxonomy from files[0..n_files) (none: the bundled files in
 * data_dir, NULL for tax_default_dir(); see tax_load_files()) and check
 * its policy ids against the harness registry (pol_check_taxonomy()).
 * Every problem is appended to diags. NULL on any error, with nothing
 * left allocated; otherwise the caller owns the result: free with
 * tax_free(). */
struct tax *bench_load_taxonomy(const char *data_dir, const char *const *files, size_t n_files,
                                struct diag_list *diags);

#endif
