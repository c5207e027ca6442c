#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

#include "benchmarks/policy.h"
#include "taxonomy/xalloc.h"
#include "taxonomy/yaml_reader.h"

int cli_tax_opts_add(struct cli_tax_opts *o, const char *file)
{
    if (o->n_files == CLI_MAX_TAXONOMY_FILES) {
        fprintf(stderr, "banditmap: at most %d --taxonomy files\n", CLI_MAX_TAXONOMY_FILES);
        return -1;
    }
    o->files[o->n_files++] = file;
    return 0;
}

void cli_print_diags(const struct diag_list *diags, FILE *out)
{
    for (size_t i = 0; i < diags->count; i++) {
        char *line = diag_format(&diags->items[i]);
        fprintf(out, "%s\n", line);
        free(line);
    }
    if (diags->dropped)
        fprintf(out, "banditmap: %zu more problem%s not shown\n", diags->dropped,
                diags->dropped == 1 ? "" : "s");
}

/* Does a line of f start with "traits:"? Reads no more than the YAML
 * reader accepts, so a device such as /dev/zero cannot keep it reading. */
static bool stream_defines_traits(FILE *f)
{
    static const char key[] = "traits:";
    size_t col = 0, matched = 0, n = 0;
    int ch;
    while ((ch = getc(f)) != EOF && n++ <= yr_default_limits.max_bytes) {
        if (ch == '\n') {
            col = matched = 0;
        } else if (col++ == matched && matched < sizeof(key) - 1 && ch == key[matched]) {
            if (++matched == sizeof(key) - 1)
                return true;
        }
    }
    return false;
}

bool cli_files_define_traits(const struct cli_tax_opts *o)
{
    for (size_t i = 0; i < o->n_files; i++) {
        FILE *f = fopen(o->files[i], "r");
        if (!f)
            continue;
        bool found = stream_defines_traits(f);
        fclose(f);
        if (found)
            return true;
    }
    return false;
}

size_t cli_check_policies(const struct tax *t, struct diag_list *diags)
{
    size_t bad = 0;
    const char **ids = xcalloc(pol_registry_count + 1, sizeof(*ids));
    for (size_t i = 0; i < pol_registry_count; i++)
        ids[i] = pol_registry[i]->name;
    for (size_t i = 0; i < t->n_algorithms; i++) {
        const struct tax_algorithm *a = &t->algorithms[i];
        if (!a->policy || pol_find(a->policy))
            continue;
        const char *hint = tax_suggest(a->policy, ids, pol_registry_count);
        diag_add(diags, DIAG_ERROR, a->policy_pos.file, a->policy_pos.line, a->policy_pos.col,
                 "unknown harness policy '%s' in algorithm '%s'%s%s%s (see 'banditmap bench "
                 "--list-policies')", a->policy, a->id, hint ? " (did you mean '" : "",
                 hint ? hint : "", hint ? "'?)" : "");
        bad++;
    }
    free(ids);
    return bad;
}

struct tax *cli_load_taxonomy(const struct cli_tax_opts *o)
{
    struct diag_list diags;
    diag_list_init(&diags);
    struct tax *t;
    if (!o->n_files) {
        t = tax_load_dir(NULL, &diags);
    } else {
        const char *paths[CLI_MAX_TAXONOMY_FILES + 1];
        size_t n = 0;
        char *traits = NULL;
        if (!cli_files_define_traits(o)) {
            traits = xasprintf("%s/traits.yaml", tax_default_dir());
            paths[n++] = traits;
        }
        for (size_t i = 0; i < o->n_files; i++)
            paths[n++] = o->files[i];
        t = tax_load(paths, n, &diags);
        free(traits);
    }
    if (t && cli_check_policies(t, &diags)) {
        tax_free(t);
        t = NULL;
    }
    cli_print_diags(&diags, stderr);
    if (!t)
        fprintf(stderr, "banditmap: the taxonomy has %zu error%s\n", diags.errors,
                diags.errors == 1 ? "" : "s");
    diag_list_release(&diags);
    return t;
}
