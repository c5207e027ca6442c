/*
 * banditmap list | show | traits: read the map from the command line.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonw.h"
#include "base/suggest.h"
#include "cli/cli.h"
#include "report/tax_json.h"

/* Options every reader command shares. */
struct read_opts {
    struct cli_tax_opts tax;
    bool json;
    const char *family;
};

enum { OPT_TAXONOMY = 1000 };

/* Parse [--json] [--taxonomy FILE]... [--family F]; returns -1 after
 * printing usage on error, 1 for --help, 0 otherwise. */
static int parse_read_opts(int argc, char **argv, struct read_opts *o, bool allow_family,
                           void (*usage)(FILE *))
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"family", required_argument, NULL, 'f'},
        {"taxonomy", required_argument, NULL, OPT_TAXONOMY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jf:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j': o->json = true; break;
        case 'f':
            if (!allow_family) {
                usage(stderr);
                return -1;
            }
            o->family = optarg;
            break;
        case OPT_TAXONOMY:
            if (cli_tax_opts_add(&o->tax, optarg) < 0)
                return -1;
            break;
        case 'h': usage(stdout); return 1;
        default: usage(stderr); return -1;
        }
    }
    return 0;
}

/* ---- list ---- */

static void list_usage(FILE *out)
{
    fprintf(out, "usage: banditmap list [--family FAMILY] [--json] [--taxonomy FILE]...\n\n"
                 "List the algorithms of the map, grouped by family.\n\n"
                 "  -f, --family F     only the algorithms of family F\n"
                 "  -j, --json         a JSON array of {id, name, family, summary, evidence,\n"
                 "                     policy, references}\n"
                 "      --taxonomy F   use taxonomy file F instead of the bundled one (repeatable)\n");
}

int cmd_list(int argc, char **argv)
{
    struct read_opts o = {0};
    int rc = parse_read_opts(argc, argv, &o, true, list_usage);
    if (rc)
        return rc > 0 ? CLI_OK : CLI_USAGE;
    if (optind < argc) {
        fprintf(stderr, "banditmap list: unexpected argument '%s'\n", argv[optind]);
        return CLI_USAGE;
    }
    struct tax *t = cli_load_taxonomy(&o.tax);
    if (!t)
        return CLI_INVALID;
    const struct tax_family *only = NULL;
    if (o.family && !(only = tax_find_family(t, o.family))) {
        fprintf(stderr, "banditmap list: unknown family '%s'\n", o.family);
        tax_free(t);
        return CLI_INVALID;
    }
    if (o.json) {
        struct jsonw w;
        jsonw_init(&w, stdout, true);
        jsonw_array_begin(&w);
        for (size_t i = 0; i < t->n_algorithms; i++)
            if (!only || t->algorithms[i].family == only)
                tax_json_algorithm(&w, &t->algorithms[i], false);
        jsonw_array_end(&w);
        jsonw_finish(&w);
    } else {
        for (size_t f = 0; f < t->n_families; f++) {
            const struct tax_family *fam = &t->families[f];
            if ((only && fam != only) || fam->n_algorithms == 0)
                continue;
            printf("%s (%s)\n", fam->name, fam->id);
            for (size_t i = 0; i < fam->n_algorithms; i++) {
                const struct tax_algorithm *a = fam->algorithms[i];
                printf("  %-26s %-40s %s%s\n", a->id, a->name, tax_evidence_name(a->evidence),
                       a->policy ? "  [bench]" : "");
            }
        }
    }
    tax_free(t);
    return CLI_OK;
}

/* ---- show ---- */

static void show_usage(FILE *out)
{
    fprintf(out, "usage: banditmap show ID [--json] [--taxonomy FILE]...\n\n"
                 "Show one algorithm (or family, or trait) in full: summary, what it fits and\n"
                 "cannot handle, knobs, cost, guarantee, evidence, references, implementations.\n");
}

/* Print a long text wrapped at 78 columns with an indent. */
static void wrap(const char *text, int indent)
{
    int col = indent;
    printf("%*s", indent, "");
    const char *p = text;
    while (*p) {
        while (*p == ' ' || *p == '\n')
            p++;
        size_t len = strcspn(p, " \n");
        if (!len)
            break;
        if (col > indent && col + 1 + (int)len > 78) {
            printf("\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            putchar(' ');
            col++;
        }
        printf("%.*s", (int)len, p);
        col += (int)len;
        p += len;
    }
    putchar('\n');
}

static void print_condition(const struct tax_condition *c)
{
    printf("%s", c->trait->id);
    if (c->trait->kind == TAX_TRAIT_CHOICE) {
        printf(" is ");
        for (size_t i = 0; i < c->n_answers; i++)
            printf("%s%s", i ? "/" : "", c->answers[i]->id);
    } else {
        if (!isnan(c->at_least))
            printf(" >= %g", c->at_least);
        if (!isnan(c->at_most))
            printf(" <= %g", c->at_most);
    }
}

static void print_reference(const struct tax_reference *r)
{
    printf("  [%s] %s (%d). %s. %s.%s%s\n", r->id, r->authors, r->year, r->title, r->venue,
           r->url ? " " : "", r->url ? r->url : "");
}

static void show_algorithm(const struct tax_algorithm *a)
{
    printf("%s (%s)\nfamily: %s (%s)\n\n", a->name, a->id, a->family->name, a->family->id);
    wrap(a->summary, 0);
    printf("\nfits:\n");
    const struct tax_trait *last = NULL;
    for (size_t i = 0; i < a->n_fits; i++) {
        if (a->fits[i].trait != last) {
            printf("%s  %-20s", last ? "\n" : "", a->fits[i].trait->id);
            last = a->fits[i].trait;
        }
        printf(" %s%+d", a->fits[i].answer->id, a->fits[i].score);
    }
    printf("\n");
    if (a->n_excludes) {
        printf("\ncannot handle:\n");
        for (size_t i = 0; i < a->n_excludes; i++) {
            printf("  ");
            print_condition(&a->excludes[i].when);
            printf(":\n");
            wrap(a->excludes[i].why, 4);
        }
    }
    if (a->n_cautions) {
        printf("\ncautions:\n");
        for (size_t i = 0; i < a->n_cautions; i++) {
            printf("  ");
            print_condition(&a->cautions[i].when);
            printf(" (-%d):\n", a->cautions[i].penalty);
            wrap(a->cautions[i].text, 4);
        }
    }
    if (a->n_assumes) {
        printf("\nassumes:");
        for (size_t i = 0; i < a->n_assumes; i++)
            printf(" %s=%s", a->assumes[i].trait->id, a->assumes[i].answer->id);
        printf("\n");
    }
    if (a->n_knobs) {
        printf("\nknobs:\n");
        for (size_t i = 0; i < a->n_knobs; i++)
            printf("  %s = %s: %s\n", a->knobs[i].name, a->knobs[i].default_value,
                   a->knobs[i].help);
    }
    printf("\ncompute:   %s\nmemory:    %s\nguarantee: %s\nevidence:  %s\n", a->compute,
           a->memory, a->guarantee, tax_evidence_name(a->evidence));
    if (a->policy)
        printf("harness:   banditmap bench --policy %s\n", a->policy);
    if (a->advice) {
        printf("\nadvice:\n");
        wrap(a->advice, 2);
    }
    printf("\nreferences:\n");
    for (size_t i = 0; i < a->n_references; i++)
        print_reference(a->references[i]);
    if (a->n_implementations) {
        printf("\nimplementations:\n");
        for (size_t i = 0; i < a->n_implementations; i++)
            printf("  %s: %s (%s)\n", a->implementations[i].library, a->implementations[i].how,
                   a->implementations[i].status);
    }
}

static void show_family(const struct tax_family *f)
{
    printf("%s (%s)\n\n", f->name, f->id);
    wrap(f->summary, 0);
    printf("\nwhen to use:\n");
    wrap(f->when, 2);
    printf("\nalgorithms:\n");
    for (size_t i = 0; i < f->n_algorithms; i++)
        printf("  %-26s %s\n", f->algorithms[i]->id, f->algorithms[i]->name);
    printf("\nreferences:\n");
    for (size_t i = 0; i < f->n_references; i++)
        print_reference(f->references[i]);
}

static void show_trait(const struct tax_trait *t)
{
    printf("%s (%s, %s)\n\n", t->question, t->id, t->group);
    wrap(t->help, 0);
    printf("\nexample:\n");
    wrap(t->example, 2);
    if (t->kind == TAX_TRAIT_CHOICE) {
        printf("\nanswers:\n");
        for (size_t i = 0; i < t->n_answers; i++)
            printf("  %-22s %s\n", t->answers[i].id, t->answers[i].label);
    } else {
        printf("\n%s in [%g, %g], default %g%s%s\n", tax_trait_kind_name(t->kind), t->min,
               t->max, t->default_value, t->unit ? " " : "", t->unit ? t->unit : "");
    }
    if (t->ask_if)
        printf("asked when: %s\n", t->ask_if);
}

int cmd_show(int argc, char **argv)
{
    struct read_opts o = {0};
    int rc = parse_read_opts(argc, argv, &o, false, show_usage);
    if (rc)
        return rc > 0 ? CLI_OK : CLI_USAGE;
    if (optind + 1 != argc) {
        show_usage(stderr);
        return CLI_USAGE;
    }
    const char *id = argv[optind];
    struct tax *t = cli_load_taxonomy(&o.tax);
    if (!t)
        return CLI_INVALID;
    const struct tax_algorithm *a = tax_find_algorithm(t, id);
    const struct tax_family *f = a ? NULL : tax_find_family(t, id);
    const struct tax_trait *tr = a || f ? NULL : tax_find_trait(t, id);
    rc = CLI_OK;
    if (!a && !f && !tr) {
        const char **ids = calloc(t->n_algorithms + 1, sizeof(*ids));
        for (size_t i = 0; ids && i < t->n_algorithms; i++)
            ids[i] = t->algorithms[i].id;
        const char *hint = ids ? suggest_closest(id, ids, t->n_algorithms) : NULL;
        fprintf(stderr, "banditmap show: no algorithm, family or trait '%s'%s%s%s\n", id,
                hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
        free(ids);
        rc = CLI_INVALID;
    } else if (o.json) {
        struct jsonw w;
        jsonw_init(&w, stdout, true);
        if (a)
            tax_json_algorithm(&w, a, true);
        else if (f)
            tax_json_family(&w, f);
        else
            tax_json_trait(&w, tr);
        jsonw_finish(&w);
    } else if (a) {
        show_algorithm(a);
    } else if (f) {
        show_family(f);
    } else {
        show_trait(tr);
    }
    tax_free(t);
    return rc;
}

/* ---- traits ---- */

static void traits_usage(FILE *out)
{
    fprintf(out, "usage: banditmap traits [--json] [--taxonomy FILE]...\n\n"
                 "List the questionnaire: every trait with its question and allowed answers.\n");
}

int cmd_traits(int argc, char **argv)
{
    struct read_opts o = {0};
    int rc = parse_read_opts(argc, argv, &o, false, traits_usage);
    if (rc)
        return rc > 0 ? CLI_OK : CLI_USAGE;
    if (optind < argc) {
        fprintf(stderr, "banditmap traits: unexpected argument '%s'\n", argv[optind]);
        return CLI_USAGE;
    }
    struct tax *t = cli_load_taxonomy(&o.tax);
    if (!t)
        return CLI_INVALID;
    if (o.json) {
        struct jsonw w;
        jsonw_init(&w, stdout, true);
        jsonw_array_begin(&w);
        for (size_t i = 0; i < t->n_traits; i++)
            tax_json_trait(&w, &t->traits[i]);
        jsonw_array_end(&w);
        jsonw_finish(&w);
    } else {
        const char *group = NULL;
        for (size_t i = 0; i < t->n_traits; i++) {
            const struct tax_trait *tr = &t->traits[i];
            if (!group || strcmp(group, tr->group)) {
                group = tr->group;
                printf("%s[%s]\n", i ? "\n" : "", group);
            }
            printf("%s: %s\n", tr->id, tr->question);
            if (tr->kind == TAX_TRAIT_CHOICE) {
                printf("   ");
                for (size_t j = 0; j < tr->n_answers; j++)
                    printf(" %s", tr->answers[j].id);
                printf("\n");
            } else {
                printf("    %s in [%g, %g], default %g%s%s\n", tax_trait_kind_name(tr->kind),
                       tr->min, tr->max, tr->default_value, tr->unit ? " " : "",
                       tr->unit ? tr->unit : "");
            }
        }
    }
    tax_free(t);
    return CLI_OK;
}
