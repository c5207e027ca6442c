/*
 * main: `banditmap tui`: options, signals, and the loop
 *     key -> action -> model -> reaction -> views -> terminal.
 * The only UI globals live here: the signal flag and the terminal the
 * crash handlers restore.
 */
#include "tui/tui.h"

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/canvas.h"
#include "tui/model.h"
#include "tui/script.h"
#include "tui/term.h"
#include "tui/view.h"

enum { TUI_MAX_FILES = 32 };

static volatile sig_atomic_t got_signal;   /* SIGINT/SIGTERM/SIGHUP: leave the loop */
static volatile sig_atomic_t term_active;  /* curses is on: crash handlers restore it */

static void on_signal(int sig)
{
    got_signal = sig;
}

static void on_fatal(int sig)
{
    if (term_active)
        term_emergency_stop();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void at_exit(void)
{
    if (term_active)
        term_emergency_stop();
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;   /* no SA_RESTART: a blocked read returns and we quit */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGABRT, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    atexit(at_exit);
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: banditmap tui [--taxonomy FILE]... [--profile FILE]\n"
            "                     [--script FILE [--size COLSxROWS]]\n\n"
            "Open the terminal UI: browse the map, answer the questionnaire, read the\n"
            "recommendations, run the benchmark, export. Press ? on any screen for its keys.\n\n"
            "  --taxonomy FILE   load these taxonomy files instead of the bundled ones\n"
            "                    (repeatable; the bundled questionnaire is added unless a\n"
            "                    file has a traits: section)\n"
            "  --profile FILE    start from these answers (a profile YAML file)\n"
            "  --script FILE     run without a terminal, reading actions and keys from FILE\n"
            "                    (also $BANDITMAP_TUI_SCRIPT); see tui/README.md\n"
            "  --size COLSxROWS  the screen size in script mode (default 80x24)\n");
}

static void print_diags(const struct diag_list *d)
{
    diag_list_write(d, stderr);
}

static int run_live(struct tui_model *m)
{
    struct term t;
    char err[256];
    if (term_start(&t, err, sizeof(err)) < 0) {
        fprintf(stderr, "banditmap: %s\n", err);
        return 1;
    }
    term_active = 1;
    struct tui_canvas c;
    tui_canvas_init(&c);
    bool repaint = true;
    while (!got_signal) {
        int rows, cols;
        term_size(&t, &rows, &cols);
        if (rows < 1 || cols < 1)
            rows = cols = 1;
        if (rows != c.rows || cols != c.cols)
            tui_canvas_resize(&c, rows, cols);
        view_render(m, &c);
        term_blit(&t, &c, repaint);
        repaint = false;
        /* while a benchmark runs, wake every 100 ms to show its progress */
        int key = term_read_key(&t, tui_model_busy(m) ? 100 : -1);
        tui_model_tick(m);
        if (key < 0 || key == TUI_KEY_RESIZE)
            continue;
        if (rows < TERM_MIN_ROWS || cols < TERM_MIN_COLS) {
            if (key == 'q')
                break;
            continue;
        }
        struct tui_geom g;
        view_geom(m, rows, cols, &g);
        unsigned react = tui_model_key(m, key, &g);
        if (react & TUI_REACT_QUIT)
            break;
        if (react & TUI_REACT_REPAINT)
            repaint = true;
    }
    tui_canvas_release(&c);
    term_stop(&t);
    term_active = 0;
    return got_signal ? 128 + got_signal : 0;
}

int tui_main(int argc, char **argv)
{
    static const struct option options[] = {
        {"taxonomy", required_argument, NULL, 't'},
        {"profile", required_argument, NULL, 'p'},
        {"script", required_argument, NULL, 's'},
        {"size", required_argument, NULL, 'z'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *files[TUI_MAX_FILES];
    size_t n_files = 0;
    const char *profile = NULL, *script = getenv("BANDITMAP_TUI_SCRIPT");
    int cols = TERM_MIN_COLS, rows = TERM_MIN_ROWS;
    if (script && !script[0])
        script = NULL;
    optind = 1;
    int opt;
    while ((opt = getopt_long(argc, argv, "t:p:s:z:h", options, NULL)) != -1) {
        switch (opt) {
        case 't':
            if (n_files == TUI_MAX_FILES) {
                fprintf(stderr, "banditmap tui: at most %d --taxonomy files\n", TUI_MAX_FILES);
                return 2;
            }
            files[n_files++] = optarg;
            break;
        case 'p': profile = optarg; break;
        case 's': script = optarg; break;
        case 'z':
            if (tui_parse_size(optarg, &cols, &rows) < 0) {
                fprintf(stderr, "banditmap tui: --size wants COLSxROWS, e.g. 80x24\n");
                return 2;
            }
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "banditmap tui: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    setlocale(LC_ALL, "");

    struct diag_list diags;
    diag_list_init(&diags);
    struct tui_model_opts o = {files, n_files, NULL, profile, script != NULL};
    struct tui_model *m = tui_model_new(&o, &diags);
    if (!m) {
        print_diags(&diags);
        fprintf(stderr, "banditmap: the taxonomy has %zu error%s\n", diags.errors,
                diags.errors == 1 ? "" : "s");
        diag_list_release(&diags);
        return 1;
    }
    int rc;
    if (script) {
        rc = tui_script_run(m, script, rows, cols, &diags) < 0 ? 1 : 0;
        print_diags(&diags);
    } else {
        install_signals();
        rc = run_live(m);
    }
    tui_model_free(m);
    diag_list_release(&diags);
    return rc;
}
