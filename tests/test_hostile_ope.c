/*
 * test_hostile_ope: hostile inputs to off-policy evaluation and the
 * loaders under it, each checked through the engine's API with its exact
 * message (RELIABILITY.md, "What was found", rows 13 to 18 and 21 to 23): actions far
 * beyond the rows' needs, pipes and FIFOs as inputs, byte-order marks,
 * overflowing rewards, one bootstrap replicate, switch-dr on weights that
 * are all above tau, freq: logs that do not match, and the option parser's
 * name for a bad short option.
 */
#include "tests/hostile_util.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/yaml_reader.h"
#include "benchmarks/ope/log_csv.h"
#include "benchmarks/ope/ope.h"
#include "benchmarks/ope/target.h"

/* A pipe whose writer (a child process) sends text and exits; *path is
 * /dev/fd/N of the read end, as bash's <(cat file) gives. */
struct feed {
    int fd;
    pid_t pid;
    char path[32];
};

static void feed_start(struct feed *f, const char *text)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    f->pid = fork();
    assert_true(f->pid >= 0);
    if (f->pid == 0) {
        close(p[0]);
        size_t n = strlen(text);
        for (size_t done = 0; done < n;) {
            ssize_t w = write(p[1], text + done, n - done);
            if (w <= 0)
                _exit(1);
            done += (size_t)w;
        }
        _exit(0);
    }
    close(p[1]);
    f->fd = p[0];
    snprintf(f->path, sizeof(f->path), "/dev/fd/%d", p[0]);
}

static void feed_end(struct feed *f)
{
    close(f->fd);
    int status;
    waitpid(f->pid, &status, 0);
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap + 1);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap)
            buf = xrealloc(buf, (cap *= 2) + 1);
    }
    fclose(fp);
    buf[n] = '\0';
    return buf;
}

static void config(struct ope_config *cfg, const char *log, const char *policy, unsigned est)
{
    ope_config_init(cfg);
    cfg->log_path = log;
    cfg->policy = policy;
    cfg->estimators = est;
    cfg->bootstrap = 0;
}

static bool has_message(const struct diag_list *d, const char *part)
{
    for (size_t i = 0; i < d->count; i++)
        if (strstr(d->items[i].message, part))
            return true;
    return false;
}

/* ---- 1. the reward model costs what the data needs ---- */

/* Two rows with action 3000 (and 0): the model has parameters for the two
 * actions the rows have, not for 3001. The dense K x K model took 26 s
 * here, and --actions 1000000 aborted. */
static void test_model_dimension_follows_the_actions_with_rows(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *log = put_text(&t, "far.csv", "action,reward,propensity\n3000,1,0.5\n0,0,0.5\n");
    struct ope_config cfg;
    config(&cfg, log, "uniform", OPE_ALL);
    struct ope_report rep;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(ope_run(&cfg, &rep, &d), 0);
    assert_int_equal(rep.n_actions, 3001);
    assert_int_equal(rep.model_dim, 2);   /* one intercept per action with rows */
    diag_list_release(&d);
    /* the same with K = 10^6 given, as `--actions 1000000` */
    diag_list_init(&d);
    cfg.n_actions = 1000000;
    cfg.estimators = 1u << OPE_DM;
    assert_int_equal(ope_run(&cfg, &rep, &d), 0);
    assert_int_equal(rep.n_actions, 1000000);
    assert_int_equal(rep.model_dim, 2);
    diag_list_release(&d);
    free(log);
    tmpdir_remove(&t);
}

/* An action id above the limit is a row error before any work, not 7.8
 * GB of model. */
static void test_action_above_the_limit_is_a_row_error(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *log = put_text(&t, "huge.csv",
                         "action,reward,propensity\n0,1,0.5\n999999999,0,0.5\n1,0,0.5\n");
    struct ope_config cfg;
    config(&cfg, log, "uniform", OPE_ALL);
    struct ope_report rep;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(ope_run(&cfg, &rep, &d), -1);
    assert_diag(&d, "%s:3:1: error: action '999999999' is above the limit of 1000000 actions "
                    "(ids 0 to 999999)", log);
    diag_list_release(&d);
    free(log);
    tmpdir_remove(&t);
}

/* ---- 2. pipes and FIFOs ---- */

/* The OPE log from a pipe gives the estimates of the same file, bit for
 * bit: it is read once and replayed from memory. */
static void test_ope_log_from_a_pipe(void **state)
{
    (void)state;
    struct ope_config cfg;
    struct ope_report file_rep, pipe_rep;
    struct diag_list d;
    diag_list_init(&d);
    config(&cfg, fixture("ope/generic_full.csv"), "uniform", OPE_ALL);
    cfg.bootstrap = 20;
    assert_int_equal(ope_run(&cfg, &file_rep, &d), 0);
    diag_list_release(&d);
    char *text = slurp(fixture("ope/generic_full.csv"));
    struct feed f;
    feed_start(&f, text);
    diag_list_init(&d);
    cfg.log_path = f.path;
    int rc = ope_run(&cfg, &pipe_rep, &d);
    if (rc != 0)
        print_diags(&d);
    assert_int_equal(rc, 0);
    assert_int_equal(pipe_rep.n_est, file_rep.n_est);
    assert_int_equal(pipe_rep.n_rows, file_rep.n_rows);
    assert_memory_equal(pipe_rep.est, file_rep.est, file_rep.n_est * sizeof(file_rep.est[0]));
    diag_list_release(&d);
    feed_end(&f);
    free(text);
}

/* A FIFO that no process writes: every loader returns instead of waiting
 * in open() for ever (the alarm fails the test if one blocks). */
static void test_fifo_without_writer_does_not_block(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *fifo = xasprintf("%s/fifo", t.path);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    alarm(20);
    struct diag_list d;
    diag_list_init(&d);
    struct yr_doc *doc = yr_load_file(fifo, NULL, &d);
    assert_non_null(doc);   /* no writer: end of file at once, an empty document */
    assert_null(doc->root);
    yr_doc_free(doc);
    assert_null(ope_log_open(fifo, 0, &d));
    assert_diag(&d, "%s:1:1: error: empty file, expected a header line", fifo);
    const char *files[] = {fifo};
    struct tax *tx = tax_load_files(NULL, files, 1, &d);
    assert_non_null(tx);     /* an empty file is a warning */
    tax_free(tx);
    alarm(0);
    diag_list_release(&d);
    free(fifo);
    tmpdir_remove(&t);
}

/* `validate <(cat traits.yaml) <(cat bandits.yaml)`: each pipe is parsed
 * once, so the map loads as from the files (a second reading found a
 * drained pipe and gave 2,028 errors). */
static void test_taxonomy_from_pipes_is_read_once(void **state)
{
    (void)state;
    char *traits = slurp(BM_SOURCE_ROOT "/taxonomy/traits.yaml");
    char *bandits = slurp(BM_SOURCE_ROOT "/taxonomy/bandits.yaml");
    struct feed a, b;
    feed_start(&a, traits);
    feed_start(&b, bandits);
    struct diag_list d;
    diag_list_init(&d);
    const char *files[] = {a.path, b.path};
    struct tax *t = tax_load_files(NULL, files, 2, &d);
    if (!t || d.errors)
        print_diags(&d);
    assert_non_null(t);
    assert_int_equal(d.errors, 0);
    tax_free(t);
    diag_list_release(&d);
    feed_end(&a);
    feed_end(&b);
    free(traits);
    free(bandits);
}

/* ---- 4. OPE input ---- */

/* Excel's "CSV UTF-8" opens with a byte-order mark. */
static void test_csv_with_byte_order_mark(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *log = put_text(&t, "bom.csv", "\xEF\xBB\xBF" "action,reward,propensity\n0,1,0.5\n"
                                        "1,0,0.5\n");
    struct diag_list d;
    diag_list_init(&d);
    struct ope_log *l = ope_log_open(log, 0, &d);
    if (!l)
        print_diags(&d);
    assert_non_null(l);
    struct ope_row row;
    assert_int_equal(ope_log_next(l, &row, &d), 1);
    assert_int_equal(row.action, 0);
    assert_int_equal(row.line, 2);
    ope_log_free(l);
    assert_int_equal(d.count, 0);
    diag_list_release(&d);
    free(log);
    tmpdir_remove(&t);
}

/* Rewards of 1e308 overflow the sums: an error at the row, not inf. */
static void test_overflowing_rewards_are_refused_at_their_row(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *log = put_text(&t, "big.csv", "action,reward,propensity\n0,1e308,0.5\n1,1e308,0.5\n");
    struct ope_config cfg;
    config(&cfg, log, "uniform", OPE_ALL);
    struct ope_report rep;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(ope_run(&cfg, &rep, &d), -1);
    assert_diag(&d, "%s:3: error: reward 1e+308 makes the sum of the rewards overflow: rewards "
                    "this large cannot be averaged (rescale them)", log);
    diag_list_release(&d);
    /* the mean is finite, but ips's weighted sum is not (weight 2) */
    free(log);
    log = put_text(&t, "big2.csv", "action,reward,propensity\n0,1e308,0.5\n1,-1e308,0.5\n");
    config(&cfg, log, "item:0", 1u << OPE_IPS);
    diag_list_init(&d);
    assert_int_equal(ope_run(&cfg, &rep, &d), -1);
    assert_diag(&d, "%s:2: error: ips: the sums overflow at this row (reward 1e+308, importance "
                    "weight 2): rescale the rewards", log);
    diag_list_release(&d);
    free(log);
    tmpdir_remove(&t);
}

/* -B 1: the interval is one value because there is one replicate. */
static void test_one_bootstrap_replicate_says_so(void **state)
{
    (void)state;
    struct ope_config cfg;
    config(&cfg, fixture("ope/generic_full.csv"), "uniform", 1u << OPE_IPS);
    cfg.bootstrap = 1;
    struct ope_report rep;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(ope_run(&cfg, &rep, &d), 0);
    assert_true(has_message(&d, "ips: one bootstrap replicate gives one value"));
    assert_false(has_message(&d, "no reward"));
    diag_list_release(&d);
}

/* Every weight above tau: switch-dr is dm, and the warning says that
 * rather than "effective sample size 0.0". */
static void test_switch_dr_with_every_weight_above_tau(void **state)
{
    (void)state;
    struct ope_config cfg;
    config(&cfg, fixture("ope/generic_full.csv"), "uniform",
           (1u << OPE_DM) | (1u << OPE_SWITCH_DR));
    cfg.switch_tau = 1e-6;
    struct ope_report rep;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(ope_run(&cfg, &rep, &d), 0);
    assert_diag(&d, "%s: warning: switch-dr: every importance weight is above --switch-tau "
                    "1e-06, so it uses the reward model on every row and equals dm",
                cfg.log_path);
    assert_false(has_message(&d, "effective sample size"));
    assert_true(rep.est[0].value == rep.est[1].value);
    diag_list_release(&d);
}

/* freq:LOG with actions or positions the evaluated log lacks: an error
 * naming what and where, or with the option a warning that says how many
 * rows were dropped. */
static void test_freq_log_that_does_not_match(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *log = put_text(&t, "log.csv", "action,reward,propensity\n0,1,0.5\n1,0,0.5\n");
    char *other = put_text(&t, "other.csv", "action,reward,propensity,position\n0,1,0.5,1\n"
                                            "5,1,0.5,1\n7,0,0.5,1\n1,0,0.5,2\n");
    char *spec = xasprintf("freq:%s", other);
    struct ope_config cfg;
    config(&cfg, log, spec, 1u << OPE_IPS);
    struct ope_report rep;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(ope_run(&cfg, &rep, &d), -1);
    assert_diag(&d, "%s:3: error: 2 rows with an action the evaluated log lacks (up to 7; it "
                    "has 2 actions) (--freq-drop-mismatch drops them)", other);
    assert_diag(&d, "%s:5: error: 1 row at a position the evaluated log lacks (up to 2; it has "
                    "1) (--freq-drop-mismatch drops them)", other);
    diag_list_release(&d);
    diag_list_init(&d);
    cfg.freq_drop_mismatch = true;
    assert_int_equal(ope_run(&cfg, &rep, &d), 0);
    assert_diag(&d, "%s:3: warning: 2 rows with an action the evaluated log lacks (up to 7; it "
                    "has 2 actions) dropped", other);
    diag_list_release(&d);
    free(spec);
    free(other);
    free(log);
    tmpdir_remove(&t);
}

/* `ope ok.csv -zq` names '-z', not the argument before it. */
static void test_cli_names_the_bad_short_option(void **state)
{
    (void)state;
    struct tmpdir t;
    tmpdir_make(&t);
    char *cmd = xasprintf("'%s' ope '%s' -zq 2>'%s/err'", BM_BINARY,
                          fixture("ope/tiny.csv"), t.path);
    int rc = system(cmd);
    assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 2);
    char *err_path = xasprintf("%s/err", t.path);
    char *err = slurp(err_path);
    assert_string_equal(err, "banditmap ope: error: unknown option '-z'\n"
                             "try 'banditmap ope --help'\n");
    free(err);
    free(err_path);
    free(cmd);
    tmpdir_remove(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_dimension_follows_the_actions_with_rows),
        cmocka_unit_test(test_action_above_the_limit_is_a_row_error),
        cmocka_unit_test(test_ope_log_from_a_pipe),
        cmocka_unit_test(test_fifo_without_writer_does_not_block),
        cmocka_unit_test(test_taxonomy_from_pipes_is_read_once),
        cmocka_unit_test(test_csv_with_byte_order_mark),
        cmocka_unit_test(test_overflowing_rewards_are_refused_at_their_row),
        cmocka_unit_test(test_one_bootstrap_replicate_says_so),
        cmocka_unit_test(test_switch_dr_with_every_weight_above_tau),
        cmocka_unit_test(test_freq_log_that_does_not_match),
        cmocka_unit_test(test_cli_names_the_bad_short_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
