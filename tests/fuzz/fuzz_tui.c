/*
 * fuzz_tui: the TUI's script language (tui/script.h) on a fuzzed script,
 * run headless as tests/test_tui_golden.c runs one: a fresh model over the
 * bundled taxonomy (loaded once per process, tests/fuzz/fuzz_face.h) and
 * tui_script_run() on an 80x24 offscreen canvas. Every command is
 * reachable: actions by name, key, type, resize, wait, save-display, quit;
 * and through keys and prompts the questionnaire, the presets, the
 * recommendation and a benchmark run, with its exports.
 *
 * The script runs in a scratch directory; save-display and the prompts'
 * exports may name any path, and the wrapped atomic_file_open() refuses
 * (with an ordinary error) every one outside it. An input containing ".."
 * is not run. A benchmark started by the script runs at most 64 rounds x
 * 2 seeds on one thread (tui_job_start() is wrapped to cut the spec before
 * it sizes its buffers), so `wait` returns quickly.
 *
 * Oracles: no crash or sanitizer report; tui_script_run() returns 0 or -1,
 * and -1 adds an error; every diagnostic has a message and formats
 * (fuzz_check_diags); no input runs longer than BM_FUZZ_SLOW_MS (1000 ms).
 */
#include <stdlib.h>
#include <string.h>

#include "tui/job.h"
#include "tui/model.h"
#include "tui/script.h"
#include "tests/fuzz/fuzz_face.h"

struct tui_job *__real_tui_job_start(struct bench_spec *spec, int threads);
struct tui_job *__wrap_tui_job_start(struct bench_spec *spec, int threads);
struct tui_job *__wrap_tui_job_start(struct bench_spec *spec, int threads)
{
    (void)threads;
    fuzz_face_clamp(spec);
    return __real_tui_job_start(spec, 1);
}

static const char *const fixtures[] = {
    "tests/fixtures/profiles/good.yaml",
    "tests/fixtures/profiles/minimal_real.yaml",
    NULL,
};

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    fuzz_face_init("tui", fixtures);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (memmem(data, size, "..", 2))
        return -1;
    const char *path = fuzz_memfd_path(0, data, size);
    struct diag_list d;
    diag_list_init(&d);
    fuzz_face_begin();
    struct tui_model_opts o = {NULL, 0, NULL, NULL, true};
    struct tui_model *m = tui_model_new(&o, &d);
    if (!m)
        fuzz_fail("the model does not start on the bundled taxonomy", NULL);
    size_t before = d.errors;
    int rc = tui_script_run(m, path, 24, 80, &d);
    tui_model_free(m);
    fuzz_face_end();
    if (rc != 0 && rc != -1)
        fuzz_fail("tui_script_run returned neither 0 nor -1", NULL);
    fuzz_check_diags(&d, before, rc < 0);
    diag_list_release(&d);
    return 0;
}
