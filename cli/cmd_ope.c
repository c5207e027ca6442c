/*
 * cmd_ope: `banditmap ope`, off-policy evaluation of a policy on logged
 * data (the engine is benchmarks/ope/ope.h; this file parses options and
 * prints).
 */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "base/jsonw.h"
#include "base/xalloc.h"
#include "benchmarks/ope/ope.h"
#include "benchmarks/ope/target.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: banditmap ope LOG.csv --policy SPEC [options]\n"
            "\n"
            "Estimate from logged bandit feedback what a policy would have earned.\n"
            "LOG.csv is the generic format (action, reward, propensity, [position], x_*, c_*)\n"
            "or an Open Bandit Dataset file; see benchmarks/OPE.md.\n"
            "\n"
            "  -p, --policy SPEC      the policy to evaluate:\n"
            "                           uniform       uniformly random over the actions\n"
            "                           item:A        always action A\n"
            "                           top:NAME      k-th best action by feature NAME at position k\n"
            "                                         (an --items column, or log columns NAME0..)\n"
            "                           dist:FILE     fixed distribution (action,prob[,position])\n"
            "                           freq:LOG      the action frequencies of another log\n"
            "                           policy:NAME   a harness policy, replayed\n"
            "  -e, --estimators LIST  comma-separated: replay,ips,snips,dm,dr,switch-dr,dr-clip\n"
            "                         or all (default all)\n"
            "      --items FILE       item features (OBD item_context.csv) for top:NAME\n"
            "      --actions K        number of actions (default: from the log)\n"
            "      --position P       evaluate the rows at position P only\n"
            "      --skip-bad         report malformed rows and skip them (default: stop)\n"
            "      --freq-drop-mismatch\n"
            "                         freq:LOG: drop LOG's rows with an action or position the\n"
            "                         evaluated log lacks, with a warning (default: an error)\n"
            "  -B, --bootstrap B      bootstrap replicates for the 95%% intervals (default 200)\n"
            "  -s, --seed N           master seed (default 1)\n"
            "      --model FORM       reward model: additive (default) or disjoint\n"
            "      --lambda X         ridge penalty of the reward model (default 1)\n"
            "      --switch-tau X     switch-dr uses the model where the weight exceeds X\n"
            "                         (default 20)\n"
            "      --clip X           dr-clip caps the weights at X (default 20)\n"
            "      --tiny X           warn about propensities below X (default 0.001)\n"
            "      --json             print the JSON report\n"
            "  -o, --output FILE      write the report to FILE instead of standard output\n"
            "  -h, --help             show this help\n"
            "\n"
            "exit status: 0 ok, 1 invalid input, 2 usage error\n");
}

enum {
    OPT_ITEMS = 256, OPT_ACTIONS, OPT_POSITION, OPT_SKIP_BAD, OPT_LAMBDA, OPT_TAU, OPT_CLIP,
    OPT_TINY, OPT_JSON, OPT_MODEL, OPT_FREQ_DROP,
};

static const struct option long_options[] = {
    {"policy", required_argument, NULL, 'p'},
    {"estimators", required_argument, NULL, 'e'},
    {"items", required_argument, NULL, OPT_ITEMS},
    {"actions", required_argument, NULL, OPT_ACTIONS},
    {"position", required_argument, NULL, OPT_POSITION},
    {"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
    {"freq-drop-mismatch", no_argument, NULL, OPT_FREQ_DROP},
    {"bootstrap", required_argument, NULL, 'B'},
    {"seed", required_argument, NULL, 's'},
    {"model", required_argument, NULL, OPT_MODEL},
    {"lambda", required_argument, NULL, OPT_LAMBDA},
    {"switch-tau", required_argument, NULL, OPT_TAU},
    {"clip", required_argument, NULL, OPT_CLIP},
    {"tiny", required_argument, NULL, OPT_TINY},
    {"json", no_argument, NULL, OPT_JSON},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int bad_value(const char *opt, const char *v, const char *what)
{
    fprintf(stderr, "banditmap ope: error: %s '%s' is not %s\n", opt, v, what);
    return -1;
}

static int parse_long(const char *opt, const char *v, long lo, long hi, long *out)
{
    errno = 0;
    char *end;
    long x = strtol(v, &end, 10);
    if (!*v || *end || errno || x < lo || x > hi) {
        char what[64];
        snprintf(what, sizeof(what), "an integer in [%ld, %ld]", lo, hi);
        return bad_value(opt, v, what);
    }
    *out = x;
    return 0;
}

static int parse_positive(const char *opt, const char *v, double *out)
{
    errno = 0;
    char *end;
    double x = strtod(v, &end);
    if (!*v || *end || errno || !isfinite(x) || !(x > 0))
        return bad_value(opt, v, "a positive number");
    *out = x;
    return 0;
}

static int parse_estimators(const char *list, unsigned *mask)
{
    if (!strcmp(list, "all")) {
        *mask = OPE_ALL;
        return 0;
    }
    char *copy = xstrdup(list), *save = NULL;
    *mask = 0;
    int ret = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int e = ope_estimator_parse(tok);
        if (e < 0) {
            fprintf(stderr, "banditmap ope: error: unknown estimator '%s' (expected replay, ips, "
                            "snips, dm, dr, switch-dr, dr-clip or all)\n", tok);
            ret = -1;
        } else {
            *mask |= 1u << e;
        }
    }
    free(copy);
    if (ret == 0 && *mask == 0)
        return bad_value("--estimators", list, "a list of estimators");
    return ret;
}

/* Options into cfg; -1 after printing on a usage error, 1 for --help. */
static int parse_options(int argc, char **argv, struct ope_config *cfg, bool *json,
                         const char **output)
{
    int c;
    long v = 0;   /* parse_long leaves it alone on error */
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":p:e:B:s:o:h", long_options, NULL)) != -1) {
        int r = 0;
        switch (c) {
        case 'p': cfg->policy = optarg; break;
        case 'e': r = parse_estimators(optarg, &cfg->estimators); break;
        case OPT_ITEMS: cfg->items_path = optarg; break;
        case OPT_ACTIONS:
            r = parse_long("--actions", optarg, 1, 1000000, &v);
            cfg->n_actions = (int)v;
            break;
        case OPT_POSITION:
            r = parse_long("--position", optarg, 1, 10000, &v);
            cfg->position = (int)v;
            break;
        case OPT_SKIP_BAD: cfg->skip_bad = true; break;
        case OPT_FREQ_DROP: cfg->freq_drop_mismatch = true; break;
        case 'B':
            r = parse_long("--bootstrap", optarg, 0, 100000, &v);
            cfg->bootstrap = (int)v;
            break;
        case 's':
            r = parse_long("--seed", optarg, 0, 2147483647L, &v);
            cfg->seed = (uint64_t)v;
            break;
        case OPT_MODEL:
            if (!strcmp(optarg, "additive"))
                cfg->model = OPE_MODEL_ADDITIVE;
            else if (!strcmp(optarg, "disjoint"))
                cfg->model = OPE_MODEL_DISJOINT;
            else
                r = bad_value("--model", optarg, "additive or disjoint");
            break;
        case OPT_LAMBDA: r = parse_positive("--lambda", optarg, &cfg->ridge_lambda); break;
        case OPT_TAU: r = parse_positive("--switch-tau", optarg, &cfg->switch_tau); break;
        case OPT_CLIP: r = parse_positive("--clip", optarg, &cfg->clip); break;
        case OPT_TINY: r = parse_positive("--tiny", optarg, &cfg->tiny_propensity); break;
        case OPT_JSON: *json = true; break;
        case 'o': *output = optarg; break;
        case 'h': return 1;
        /* getopt_long sets optopt to a bad short option's letter; argv[optind - 1] is
         * then the argument before it when the letter came inside a group (-zq) or
         * the group is not finished, so name the letter. A bad long option leaves
         * optopt 0 (or its value for a missing argument) and is argv[optind - 1]. */
        case ':':
            if (optopt && optopt < 256 && strchr("peBso", optopt))
                fprintf(stderr, "banditmap ope: error: option '-%c' needs a value\n", optopt);
            else
                fprintf(stderr, "banditmap ope: error: option '%s' needs a value\n",
                        argv[optind - 1]);
            return -1;
        default:
            if (optopt)
                fprintf(stderr, "banditmap ope: error: unknown option '-%c'\n", optopt);
            else
                fprintf(stderr, "banditmap ope: error: unknown option '%s'\n", argv[optind - 1]);
            return -1;
        }
        if (r < 0)
            return -1;
    }
    if (optind != argc - 1) {
        fprintf(stderr, "banditmap ope: error: %s\n",
                optind == argc ? "expected one log file" : "expected only one log file");
        return -1;
    }
    cfg->log_path = argv[optind];
    if (!cfg->policy) {
        fprintf(stderr, "banditmap ope: error: missing '--policy SPEC'\n");
        return -1;
    }
    struct diag_list d;
    diag_list_init(&d);
    int bad = ope_target_check_spec(cfg->policy, &d);
    cli_print_diags(&d, stderr);
    diag_list_release(&d);
    return bad;
}

static void print_interval(FILE *out, const struct ope_estimate *e)
{
    if (isnan(e->ci_lo))
        fprintf(out, "%-23s", "-");
    else
        fprintf(out, "[%9.6f, %9.6f]   ", e->ci_lo, e->ci_hi);
}

static void print_text(FILE *out, const struct ope_report *rep, const struct ope_config *cfg)
{
    fprintf(out, "policy '%s' on %s\n", cfg->policy, cfg->log_path);
    fprintf(out, "%ld rows", rep->n_rows);
    if (cfg->position)
        fprintf(out, " at position %d", cfg->position);
    if (rep->n_bad)
        fprintf(out, " (%ld malformed rows skipped)", rep->n_bad);
    fprintf(out, ", %d action%s, %d position%s, propensities %.6g..%.6g, largest weight %.6g\n",
            rep->n_actions, rep->n_actions == 1 ? "" : "s", rep->n_positions,
            rep->n_positions == 1 ? "" : "s",
            rep->min_propensity, rep->max_propensity, rep->max_weight);
    fprintf(out, "on-policy value (logged mean reward): %.6f\n\n", rep->on_policy_value);
    fprintf(out, "%-10s %10s   %-23s%10s\n", "estimator", "value", "95% CI", "ESS");
    for (size_t i = 0; i < rep->n_est; i++) {
        const struct ope_estimate *e = &rep->est[i];
        fprintf(out, "%-10s ", ope_estimator_name(e->id));
        if (isnan(e->value))
            fprintf(out, "%10s   ", "-");
        else
            fprintf(out, "%10.6f   ", e->value);
        print_interval(out, e);
        fprintf(out, "%10.1f\n", e->ess);
    }
    if (cfg->bootstrap > 0)
        fprintf(out, "\n95%% intervals: Poisson bootstrap, %d replicates, seed %" PRIu64 "\n",
                cfg->bootstrap, cfg->seed);
}

/* Before any work: the output can be written, and it is none of the
 * inputs (the log, the item file, a dist: or freq: file of the target). */
static int check_output(const struct ope_config *cfg, const char *output, struct diag_list *d)
{
    const char *inputs[3];
    size_t n = 0;
    if (cfg->log_path)
        inputs[n++] = cfg->log_path;
    if (cfg->items_path)
        inputs[n++] = cfg->items_path;
    if (cfg->policy && (!strncmp(cfg->policy, "dist:", 5) || !strncmp(cfg->policy, "freq:", 5)))
        inputs[n++] = cfg->policy + 5;
    return atomic_file_check_output(output, inputs, n, d);
}

static void render(const struct ope_report *rep, const struct ope_config *cfg, bool json,
                   FILE *out)
{
    if (json) {
        struct jsonw w;
        jsonw_init(&w, out, true);
        ope_report_write_json(rep, cfg, &w);
        jsonw_finish(&w);
    } else {
        print_text(out, rep, cfg);
    }
}

/* Write the report to output (or stdout). A computed report is never
 * thrown away: if the output cannot be written after all (a full disk, a
 * directory removed during the work), it goes to standard output instead,
 * and the exit status still says the output failed. */
static int write_report(const struct ope_report *rep, const struct ope_config *cfg, bool json,
                        const char *output)
{
    if (!output) {
        render(rep, cfg, json, stdout);
        return CLI_OK;
    }
    struct diag_list d;
    diag_list_init(&d);
    struct atomic_file af;
    int rc = atomic_file_open(&af, output, &d);
    if (rc == 0) {
        render(rep, cfg, json, af.fp);
        rc = atomic_file_commit(&af, &d);
    }
    cli_print_diags(&d, stderr);
    diag_list_release(&d);
    if (rc == 0)
        return CLI_OK;
    fprintf(stderr, "banditmap ope: the report goes to standard output instead\n");
    render(rep, cfg, json, stdout);
    return CLI_INVALID;
}

int cmd_ope(int argc, char **argv)
{
    struct ope_config cfg;
    ope_config_init(&cfg);
    bool json = false;
    const char *output = NULL;
    int r = parse_options(argc, argv, &cfg, &json, &output);
    if (r > 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (r < 0) {
        fprintf(stderr, "try 'banditmap ope --help'\n");
        return CLI_USAGE;
    }
    struct diag_list diags;
    diag_list_init(&diags);
    if (output && check_output(&cfg, output, &diags) < 0) {
        cli_print_diags(&diags, stderr);
        diag_list_release(&diags);
        return CLI_INVALID;
    }
    struct ope_report rep;
    int ok = ope_run(&cfg, &rep, &diags);
    cli_print_diags(&diags, stderr);
    diag_list_release(&diags);
    if (ok < 0)
        return CLI_INVALID;
    return write_report(&rep, &cfg, json, output);
}
