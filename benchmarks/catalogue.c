/*
 * catalogue: load a taxonomy and check it against the harness (see
 * catalogue.h).
 */
#include "benchmarks/catalogue.h"

#include "benchmarks/policy.h"

struct tax *bench_load_taxonomy(const char *data_dir, const char *const *files, size_t n_files,
                                struct diag_list *diags)
{
    struct tax *t = tax_load_files(data_dir, files, n_files, diags);
    if (t && pol_check_taxonomy(t, diags)) {
        tax_free(t);
        t = NULL;
    }
    return t;
}
