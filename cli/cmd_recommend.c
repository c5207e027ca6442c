/*
 * banditmap recommend | presets: the advisor from the command line.
 * The engine (advisor/) computes; this file only parses options and prints.
 */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "advisor/presets.h"
#include "advisor/profile.h"
#include "advisor/recommend.h"
#include "base/atomic_file.h"
#include "base/jsonw.h"
#include "benchmarks/plan.h"
#include "benchmarks/spec.h"
#include "cli/cli.h"
#include "report/recommendation.h"

enum { OPT_TAXONOMY = 1000, OPT_BENCH_SPEC, OPT_MARKDOWN, DEFAULT_TOP = 5 };

static void recommend_usage(FILE *out)
{
    fprintf(out,
            "usage: banditmap recommend (PROFILE.yaml | --preset NAME) [--top N] [--json]\n"
            "                           [--markdown] [--explain] [--bench-spec FILE]\n"
            "                           [--taxonomy FILE]...\n\n"
            "Rank the map's algorithms for a problem profile: why each fits, its cautions,\n"
            "references and implementations, what would change the pick, operating advice,\n"
            "and the benchmark that would validate it.\n\n"
            "  -p, --preset NAME     use a bundled preset profile ('banditmap presets')\n"
            "  -n, --top N           show the N best algorithms (default %d; 0 = all)\n"
            "  -j, --json            JSON: {recommendations, what_if, advice, excluded,\n"
            "                        benchmark}; excluded is always complete\n"
            "      --markdown        a Markdown report (what the TUI exports)\n"
            "  -e, --explain         also list every excluded algorithm with its reason,\n"
            "                        every what-if, and the score of each note\n"
            "      --bench-spec FILE write the benchmark spec for 'banditmap bench FILE'\n"
            "      --taxonomy FILE   use taxonomy file FILE instead of the bundled one\n"
            "                        (repeatable); presets are then looked up in the\n"
            "                        presets/ directory next to the first FILE\n\n"
            "exit status: 0 ok, 1 invalid profile or taxonomy, 2 usage error\n",
            DEFAULT_TOP);
}

struct rec_opts {
    struct cli_tax_opts tax;
    const char *preset, *profile, *bench_spec;
    long top;
    bool json, markdown, explain;
};

/* Returns 0 to go on, 1 after --help, -1 on a usage error (printed). */
static int parse_opts(int argc, char **argv, struct rec_opts *o)
{
    static const struct option opts[] = {
        {"preset", required_argument, NULL, 'p'},
        {"top", required_argument, NULL, 'n'},
        {"json", no_argument, NULL, 'j'},
        {"markdown", no_argument, NULL, OPT_MARKDOWN},
        {"explain", no_argument, NULL, 'e'},
        {"bench-spec", required_argument, NULL, OPT_BENCH_SPEC},
        {"taxonomy", required_argument, NULL, OPT_TAXONOMY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    char *end;
    o->top = DEFAULT_TOP;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:n:jeh", opts, NULL)) != -1) {
        switch (c) {
        case 'p': o->preset = optarg; break;
        case 'n':
            o->top = strtol(optarg, &end, 10);
            if (!optarg[0] || *end || o->top < 0) {
                fprintf(stderr, "banditmap recommend: --top needs a whole number >= 0, not "
                                "'%s'\n", optarg);
                return -1;
            }
            break;
        case 'j': o->json = true; break;
        case OPT_MARKDOWN: o->markdown = true; break;
        case 'e': o->explain = true; break;
        case OPT_BENCH_SPEC: o->bench_spec = optarg; break;
        case OPT_TAXONOMY:
            if (cli_tax_opts_add(&o->tax, optarg) < 0)
                return -1;
            break;
        case 'h': recommend_usage(stdout); return 1;
        default: recommend_usage(stderr); return -1;
        }
    }
    if (optind < argc)
        o->profile = argv[optind++];
    if (optind < argc) {
        fprintf(stderr, "banditmap recommend: unexpected argument '%s'\n", argv[optind]);
        return -1;
    }
    if (!o->profile == !o->preset) {
        fprintf(stderr, "banditmap recommend: give either a profile file or --preset NAME\n");
        recommend_usage(stderr);
        return -1;
    }
    if (o->json && o->markdown) {
        fprintf(stderr, "banditmap recommend: --json and --markdown exclude each other\n");
        return -1;
    }
    return 0;
}

static char *presets_dir_for(const struct cli_tax_opts *t)
{
    return adv_presets_dir(tax_default_dir(), t->n_files ? t->files[0] : NULL);
}

/* ---- plain-text rendering ---- */

static void print_notes(const char *label, const struct adv_eval *e,
                        bool (*pick)(const struct adv_note *))
{
    bool first = true;
    for (size_t i = 0; i < e->n_notes; i++) {
        if (!pick(&e->notes[i]))
            continue;
        printf("   %-10s %s\n", first ? label : "", e->notes[i].text);
        first = false;
    }
}

static void print_item(const struct adv_eval *e, size_t rank, bool explain)
{
    const struct tax_algorithm *a = e->alg;
    printf("%zu. %s (%s)  score %.3g  [%s, evidence: %s%s%s]\n", rank, a->name, a->id,
           report_score_shown(e->score), a->family->id, tax_evidence_name(a->evidence),
           a->policy ? ", bench: " : "", a->policy ? a->policy : "");
    print_notes("why:", e, adv_note_is_why);
    print_notes("cautions:", e, adv_note_is_caution);
    size_t nref = explain ? e->alg->n_references : (a->n_references ? 1 : 0);
    for (size_t i = 0; i < nref; i++) {
        const struct tax_reference *r = a->references[i];
        printf("   %-10s %s (%d). %s.\n", i ? "" : "reference:", r->authors, r->year, r->title);
    }
    bool first = true;
    for (size_t i = 0; i < a->n_implementations; i++) {
        const struct tax_implementation *im = &a->implementations[i];
        if (!explain && strcmp(im->status, "maintained"))
            continue;
        printf("   %-10s %s: %s (%s)\n", first ? "use:" : "", im->library, im->how, im->status);
        first = false;
    }
}

static void print_text(const struct adv_recommendation *r, const struct bench_plan *b, size_t top, bool explain)
{
    const struct adv_profile *p = r->profile;
    printf("Profile: %s%s%s\n\n", p->name ? p->name : "(unnamed)", p->description ? " - " : "",
           p->description ? p->description : "");
    if (!r->n_ranked)
        printf("Every algorithm is excluded by these answers (--explain says why).\n");
    size_t n = report_rec_count(r, top);
    for (size_t i = 0; i < n; i++) {
        print_item(&r->ranked[i], i + 1, explain);
        putchar('\n');
    }
    printf("What would change the pick:\n");
    size_t shown = 0;
    for (size_t i = 0; i < r->what_if.count; i++) {
        const struct adv_whatif *w = &r->what_if.items[i];
        if (!explain && !w->changes_top)
            continue;
        printf("  - %s\n", w->text);
        shown++;
    }
    if (!shown)
        printf("  no single change of answer changes the pick\n");
    printf("\nOperating advice:\n");
    for (size_t i = 0; i < r->advice.count; i++) {
        const struct adv_advice *a = &r->advice.items[i];
        printf("  - [%s] %s\n", a->topic, a->text);
        if (explain && a->basis)
            printf("      basis: %s\n", a->basis);
    }
    printf("\nBenchmark: workload %s, %lld arms, horizon %lld, %d seeds; policies", b->workload,
           b->arms, b->horizon, b->seeds);
    for (size_t i = 0; i < b->n_policies; i++)
        printf("%s%s", i ? ", " : " ", b->policies[i]);
    printf("; validates %s\n", b->recommended ? b->recommended : "nothing (baselines only)");
    for (size_t i = 0; i < b->n_traits; i++)
        printf("  %-12s %s: %s\n", b->traits[i].carried ? "carried:" : "not carried:",
               b->traits[i].trait, b->traits[i].text);
    if (b->note)
        printf("  note: %s\n", b->note);
    printf("\nExcluded: %zu algorithm%s%s\n", r->n_excluded, r->n_excluded == 1 ? "" : "s",
           explain || !r->n_excluded ? "" : " (--explain lists them with reasons)");
    for (size_t i = 0; explain && i < r->n_excluded; i++) {
        char *reason = report_excluded_reason(&r->excluded[i]);
        printf("  - %s: %s\n", r->excluded[i].alg->id, reason);
        free(reason);
    }
}

/* ---- recommend ---- */

static struct adv_profile *load_profile(const struct tax *t, const struct rec_opts *o)
{
    struct diag_list diags;
    diag_list_init(&diags);
    char *path = NULL;
    if (o->preset) {
        char *dir = presets_dir_for(&o->tax);
        path = adv_preset_path(dir, o->preset, &diags);
        free(dir);
    }
    struct adv_profile *p = NULL;
    if (path || o->profile)
        p = adv_profile_load(t, path ? path : o->profile, &diags);
    cli_print_diags(&diags, stderr);
    diag_list_release(&diags);
    free(path);
    return p;
}

int cmd_recommend(int argc, char **argv)
{
    struct rec_opts o = {0};
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc > 0 ? CLI_OK : CLI_USAGE;
    if (o.bench_spec) {   /* before any work: writable, and not the profile itself */
        struct diag_list d;
        diag_list_init(&d);
        const char *ins[] = {o.profile};
        atomic_file_check_output(o.bench_spec, ins, o.profile ? 1 : 0, &d);
        int bad = d.errors > 0;
        cli_print_diags(&d, stderr);
        diag_list_release(&d);
        if (bad)
            return CLI_INVALID;
    }
    struct tax *t = cli_load_taxonomy(&o.tax);
    if (!t)
        return CLI_INVALID;
    struct adv_profile *p = load_profile(t, &o);
    if (!p) {
        tax_free(t);
        return CLI_INVALID;
    }
    struct adv_recommendation *r = adv_recommend(p);
    struct bench_plan plan;
    bench_plan_make(r, &plan);
    int status = CLI_OK;
    if (o.bench_spec) {
        struct diag_list diags;
        diag_list_init(&diags);
        struct bench_spec *s = bench_plan_spec(&plan, p);
        if (bench_spec_save(s, o.bench_spec, &diags) < 0)
            status = CLI_INVALID;
        cli_print_diags(&diags, stderr);
        diag_list_release(&diags);
        bench_spec_free(s);
    }
    if (o.json)
        report_rec_json(r, &plan, (size_t)o.top, true, stdout);
    else if (o.markdown)
        report_rec_markdown(r, &plan, (size_t)o.top, stdout);
    else
        print_text(r, &plan, (size_t)o.top, o.explain);
    bench_plan_release(&plan);
    adv_recommendation_free(r);
    adv_profile_free(p);
    tax_free(t);
    return status;
}

/* ---- presets ---- */

static void presets_usage(FILE *out)
{
    fprintf(out, "usage: banditmap presets [--json] [--taxonomy FILE]...\n\n"
                 "List the ready e-commerce problem profiles with a one-line description.\n"
                 "Use one with 'banditmap recommend --preset NAME'.\n\n"
                 "  -j, --json         a JSON array of {name, description, path}\n"
                 "      --taxonomy F   look in the presets/ directory next to F\n");
}

int cmd_presets(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"taxonomy", required_argument, NULL, OPT_TAXONOMY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct cli_tax_opts tax = {0};
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = true; break;
        case OPT_TAXONOMY:
            if (cli_tax_opts_add(&tax, optarg) < 0)
                return CLI_USAGE;
            break;
        case 'h': presets_usage(stdout); return CLI_OK;
        default: presets_usage(stderr); return CLI_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "banditmap presets: unexpected argument '%s'\n", argv[optind]);
        return CLI_USAGE;
    }
    struct diag_list diags;
    struct adv_preset_list l;
    diag_list_init(&diags);
    char *dir = presets_dir_for(&tax);
    int rc = adv_presets_list(dir, &l, &diags);
    free(dir);
    cli_print_diags(&diags, stderr);
    diag_list_release(&diags);
    if (rc < 0)
        return CLI_INVALID;
    if (json) {
        struct jsonw w;
        jsonw_init(&w, stdout, true);
        jsonw_array_begin(&w);
        for (size_t i = 0; i < l.count; i++) {
            jsonw_object_begin(&w);
            jsonw_member_string(&w, "name", l.items[i].id);
            jsonw_member_string(&w, "description", l.items[i].description);
            jsonw_member_string(&w, "path", l.items[i].path);
            jsonw_object_end(&w);
        }
        jsonw_array_end(&w);
        jsonw_finish(&w);
    } else {
        for (size_t i = 0; i < l.count; i++)
            printf("%-26s %s\n", l.items[i].id,
                   l.items[i].description ? l.items[i].description : "");
    }
    adv_preset_list_release(&l);
    return CLI_OK;
}
