/*
 * fuzz_face: what the harnesses of the two faces (fuzz_cli, fuzz_tui)
 * share: a scratch directory to run in, the guards that keep every input
 * inside it and fast, and a taxonomy loaded once per process.
 *
 *  - Scratch. fuzz_face_init() makes /tmp/bm-fuzz-<name>-XXXXXX, copies
 *    the fixture files into it (by base name: `full.yaml`, `tiny.csv` ...);
 *    each input runs there (fuzz_face_begin() chdirs in, fuzz_face_end()
 *    back, so libFuzzer's relative paths keep working). fuzz_face_reset(), after every input, deletes what
 *    the input created (files and directories) and puts back any fixture
 *    it replaced, so no input sees another's output.
 *  - Paths. atomic_file_open() (every output of the tree goes through it)
 *    and mkdir() are wrapped (-Wl,--wrap): while an input runs, a path
 *    whose directory resolves outside the scratch directory, or that ends
 *    in "." or "..", is refused with an ordinary error (as a read-only
 *    directory would be) before anything is written. fuzz_cli refuses
 *    inputs with '/' or ".." outright, so for it an outside path means its
 *    filter has a hole: fuzz_face.outside_fatal makes that fail the oracle.
 *    (The TUI's prompts take free text, so fuzz_tui relies on the wrap.)
 *  - Time. bench_run() is wrapped to run at most FUZZ_FACE_HORIZON rounds
 *    and FUZZ_FACE_SEEDS seeds, and (when the spec lists no means) at most
 *    FUZZ_FACE_ARMS arms, a `dim` of FUZZ_FACE_DIM and `positions` of half
 *    the arms; the TUI's tui_job_start() likewise, before it sizes its
 *    buffers. So a preset's plan or a spec file with a long horizon still
 *    runs, briefly. Everything else that grows with a number
 *    (arms, dimensions, bootstrap replicates, shards) is capped by the
 *    harness refusing inputs that name large numbers. fuzz_face_end()
 *    fails the oracle when an input ran longer than BM_FUZZ_SLOW_MS
 *    (default 1000 ms).
 *  - Taxonomy. bench_load_taxonomy() with no files (the bundled taxonomy)
 *    returns one copy loaded at start-up, and tax_free() leaves that copy
 *    alone; named --taxonomy files are loaded as usual.
 *    BM_FUZZ_NO_TAX_CACHE=1 turns the cache off (to measure it).
 *  - Output. While an input runs, the stdio streams stdout and stderr are
 *    /dev/null; the sanitizers and libFuzzer write to file descriptor 2
 *    directly, so their reports still show. stdin is /dev/null.
 */
#ifndef BM_FUZZ_FACE_H
#define BM_FUZZ_FACE_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sys/stat.h>
#include <time.h>

#include "base/atomic_file.h"
#include "base/xalloc.h"
#include "benchmarks/catalogue.h"
#include "benchmarks/runner.h"
#include "benchmarks/spec.h"
#include "taxonomy/taxonomy.h"
#include "tests/fuzz/fuzz_common.h"

enum {
    FUZZ_FACE_HORIZON = 64, FUZZ_FACE_SEEDS = 2, FUZZ_FACE_ARMS = 10, FUZZ_FACE_DIM = 4,
    FUZZ_FACE_MAX_FIXTURES = 64,
};

struct fuzz_fixture {
    char *name;
    char *data;
    size_t size;
    struct stat st;
};

static struct {
    char dir[PATH_MAX];
    struct fuzz_fixture fx[FUZZ_FACE_MAX_FIXTURES];
    size_t n_fx;
    struct tax *tax;          /* the bundled taxonomy, loaded once */
    bool armed;               /* an input is running: the path guard is on */
    bool outside_fatal;       /* a path outside the scratch directory fails the oracle */
    FILE *null_out, *real_stdout, *real_stderr;
    int home_fd;              /* the directory libFuzzer runs in (its paths are relative) */
    struct timespec t0;
    long slow_ms;
} fuzz_face;

struct tax *__real_bench_load_taxonomy(const char *data_dir, const char *const *files,
                                       size_t n_files, struct diag_list *diags);
struct tax *__wrap_bench_load_taxonomy(const char *data_dir, const char *const *files,
                                       size_t n_files, struct diag_list *diags);
void __real_tax_free(struct tax *t);
void __wrap_tax_free(struct tax *t);
int __real_atomic_file_open(struct atomic_file *af, const char *path, struct diag_list *diags);
int __wrap_atomic_file_open(struct atomic_file *af, const char *path, struct diag_list *diags);
int __real_mkdir(const char *path, mode_t mode);
int __wrap_mkdir(const char *path, mode_t mode);
int __real_bench_run(const struct bench_spec *spec, struct bench_results *results,
                     bench_progress_fn progress, void *ctx);
int __wrap_bench_run(const struct bench_spec *spec, struct bench_results *results,
                     bench_progress_fn progress, void *ctx);

struct tax *__wrap_bench_load_taxonomy(const char *data_dir, const char *const *files,
                                       size_t n_files, struct diag_list *diags)
{
    bool bundled = n_files == 0 && (!data_dir || !strcmp(data_dir, tax_default_dir()));
    if (bundled && fuzz_face.tax)
        return fuzz_face.tax;
    return __real_bench_load_taxonomy(data_dir, files, n_files, diags);
}

void __wrap_tax_free(struct tax *t)
{
    if (t && t == fuzz_face.tax)
        return;
    __real_tax_free(t);
}

/* Would writing `path` stay inside the scratch directory? 1 yes; 0 it
 * names "." or "..", or leaves (fails the oracle if outside_fatal). A
 * directory that does not exist is left to the real call, which fails. */
static int fuzz_face_path_ok(const char *path)
{
    if (!strcmp(path, "-"))
        return 1;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir = slash ? xstrndup(path, (size_t)(slash - path) + (slash == path)) : xstrdup(".");
    char real[PATH_MAX];
    int ok = *base && strcmp(base, ".") && strcmp(base, "..");
    if (realpath(dir, real)) {
        size_t n = strlen(fuzz_face.dir);
        if (strncmp(real, fuzz_face.dir, n) || (real[n] && real[n] != '/')) {
            if (fuzz_face.outside_fatal)
                fuzz_fail("an input writes outside the scratch directory", path);
            ok = 0;
        }
    }
    free(dir);
    return ok;
}

int __wrap_atomic_file_open(struct atomic_file *af, const char *path, struct diag_list *diags)
{
    if (fuzz_face.armed && !fuzz_face_path_ok(path)) {
        memset(af, 0, sizeof(*af));
        diag_add(diags, DIAG_ERROR, path, 0, 0,
                 "cannot write '%s': outside the fuzz harness's scratch directory", path);
        return -1;
    }
    return __real_atomic_file_open(af, path, diags);
}

int __wrap_mkdir(const char *path, mode_t mode)
{
    if (fuzz_face.armed && strcmp(path, ".") && !fuzz_face_path_ok(path)) {
        errno = EACCES;
        return -1;
    }
    return __real_mkdir(path, mode);
}

static void fuzz_face_clamp(struct bench_spec *s)
{
    /* the size of a round: contextual policies cost arms x dim^2 or more */
    if (s->n_means == 0 && s->arms > FUZZ_FACE_ARMS)
        s->arms = FUZZ_FACE_ARMS;
    if (bench_spec_param_or(s, "dim", 0) > FUZZ_FACE_DIM)
        bench_spec_set_param(s, "dim", FUZZ_FACE_DIM);
    if (bench_spec_param_or(s, "positions", 0) > FUZZ_FACE_ARMS / 2)
        bench_spec_set_param(s, "positions", FUZZ_FACE_ARMS / 2);
    if (s->horizon > FUZZ_FACE_HORIZON)
        s->horizon = FUZZ_FACE_HORIZON;
    if (s->seeds > FUZZ_FACE_SEEDS)
        s->seeds = FUZZ_FACE_SEEDS;
}

int __wrap_bench_run(const struct bench_spec *spec, struct bench_results *results,
                     bench_progress_fn progress, void *ctx)
{
    /* every spec reaching here is the caller's heap object */
    fuzz_face_clamp((struct bench_spec *)spec);
    return __real_bench_run(spec, results, progress, ctx);
}

static char *fuzz_face_slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fuzz_fail("cannot read a fixture", path);
    size_t cap = 4096, n = 0, got;
    char *buf = xmalloc(cap);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0)
        if ((n += got) == cap)
            buf = xrealloc(buf, cap *= 2);
    fclose(f);
    *size = n;
    return buf;
}

static void fuzz_face_put(struct fuzz_fixture *x)
{
    unlink(x->name);
    FILE *f = fopen(x->name, "wb");
    if (!f || fwrite(x->data, 1, x->size, f) != x->size || fclose(f) != 0)
        fuzz_fail("cannot write a fixture", x->name);
    if (lstat(x->name, &x->st) != 0)
        fuzz_fail("lstat", x->name);
}

static void fuzz_face_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        chmod(path, 0700);
        DIR *d = opendir(path);
        if (d) {
            for (struct dirent *e; (e = readdir(d));) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char *sub = xasprintf("%s/%s", path, e->d_name);
                fuzz_face_remove_tree(sub);
                free(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* After an input: delete what it made, restore what it replaced. */
static void fuzz_face_reset(void)
{
    if (chdir(fuzz_face.dir) != 0)
        fuzz_fail("cannot return to the scratch directory", fuzz_face.dir);
    DIR *d = opendir(".");
    if (!d)
        fuzz_fail("opendir", fuzz_face.dir);
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        bool fixture = false;
        for (size_t i = 0; i < fuzz_face.n_fx && !fixture; i++)
            fixture = !strcmp(fuzz_face.fx[i].name, e->d_name);
        if (!fixture)
            fuzz_face_remove_tree(e->d_name);
    }
    closedir(d);
    for (size_t i = 0; i < fuzz_face.n_fx; i++) {
        struct fuzz_fixture *x = &fuzz_face.fx[i];
        struct stat st;
        if (lstat(x->name, &st) != 0 || !S_ISREG(st.st_mode) || st.st_ino != x->st.st_ino ||
            st.st_size != x->st.st_size || st.st_mtim.tv_sec != x->st.st_mtim.tv_sec ||
            st.st_mtim.tv_nsec != x->st.st_mtim.tv_nsec) {
            fuzz_face_remove_tree(x->name);
            fuzz_face_put(x);
        }
    }
}

static void fuzz_face_cleanup(void)
{
    if (!fuzz_face.dir[0])
        return;
    if (chdir("/") == 0)
        fuzz_face_remove_tree(fuzz_face.dir);
}

/* Make the scratch directory, fill it with the fixtures (paths relative
 * to the source root, NULL-terminated) and load the bundled taxonomy. */
static void fuzz_face_init(const char *name, const char *const *fixtures)
{
    snprintf(fuzz_face.dir, sizeof(fuzz_face.dir), "/tmp/bm-fuzz-%s-XXXXXX", name);
    if (!mkdtemp(fuzz_face.dir))
        fuzz_fail("mkdtemp", fuzz_face.dir);
    char real[PATH_MAX];
    if (!realpath(fuzz_face.dir, real))
        fuzz_fail("realpath", fuzz_face.dir);
    snprintf(fuzz_face.dir, sizeof(fuzz_face.dir), "%s", real);
    atexit(fuzz_face_cleanup);
    for (size_t i = 0; fixtures[i]; i++) {
        if (fuzz_face.n_fx == FUZZ_FACE_MAX_FIXTURES)
            fuzz_fail("too many fixtures", fixtures[i]);
        struct fuzz_fixture *x = &fuzz_face.fx[fuzz_face.n_fx++];
        char *src = xasprintf("%s/%s", BM_SOURCE_ROOT, fixtures[i]);
        x->data = fuzz_face_slurp(src, &x->size);
        const char *slash = strrchr(fixtures[i], '/');
        x->name = xstrdup(slash ? slash + 1 : fixtures[i]);
        free(src);
    }
    fuzz_face.home_fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fuzz_face.home_fd < 0 || chdir(fuzz_face.dir) != 0)
        fuzz_fail("chdir", fuzz_face.dir);
    for (size_t i = 0; i < fuzz_face.n_fx; i++)
        fuzz_face_put(&fuzz_face.fx[i]);
    if (fchdir(fuzz_face.home_fd) != 0)
        fuzz_fail("fchdir", NULL);
    if (!freopen("/dev/null", "r", stdin))
        fuzz_fail("freopen stdin", NULL);
    fuzz_face.null_out = fopen("/dev/null", "w");
    if (!fuzz_face.null_out)
        fuzz_fail("open /dev/null", NULL);
    const char *slow = getenv("BM_FUZZ_SLOW_MS");
    fuzz_face.slow_ms = slow && *slow ? atol(slow) : 1000;
    const char *nocache = getenv("BM_FUZZ_NO_TAX_CACHE");
    if (!(nocache && nocache[0] == '1')) {
        struct diag_list d;
        diag_list_init(&d);
        fuzz_face.tax = __real_bench_load_taxonomy(NULL, NULL, 0, &d);
        diag_list_release(&d);
        if (!fuzz_face.tax)
            fuzz_fail("the bundled taxonomy does not load", tax_default_dir());
    }
}

/* Around one input: stdio to /dev/null, the path guard on, the clock on. */
static void fuzz_face_begin(void)
{
    /* glibc's getopt keeps a pointer into the last argv it parsed when it
     * stopped inside a group of short options; commands reset optind = 1,
     * which does not clear it. A one-process CLI never sees that, so clear
     * it here (optind = 0 reinitialises). */
    static char *none[] = {"fuzz", NULL};
    if (chdir(fuzz_face.dir) != 0)
        fuzz_fail("chdir", fuzz_face.dir);
    optind = 0;
    opterr = 0;
    (void)getopt(1, none, "");
    opterr = 1;
    fuzz_face.real_stdout = stdout;
    fuzz_face.real_stderr = stderr;
    stdout = fuzz_face.null_out;
    stderr = fuzz_face.null_out;
    fuzz_face.armed = true;
    clock_gettime(CLOCK_MONOTONIC, &fuzz_face.t0);
}

static void fuzz_face_end(void)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fuzz_face.armed = false;
    fflush(fuzz_face.null_out);
    stdout = fuzz_face.real_stdout;
    stderr = fuzz_face.real_stderr;
    long ms = (long)(t1.tv_sec - fuzz_face.t0.tv_sec) * 1000 +
              (long)(t1.tv_nsec - fuzz_face.t0.tv_nsec) / 1000000;
    if (fuzz_face.slow_ms > 0 && ms > fuzz_face.slow_ms) {
        char buf[64];
        snprintf(buf, sizeof(buf), "%ld ms (BM_FUZZ_SLOW_MS=%ld)", ms, fuzz_face.slow_ms);
        fuzz_fail("an input ran too long", buf);
    }
    fuzz_face_reset();
    if (fchdir(fuzz_face.home_fd) != 0)
        fuzz_fail("fchdir", NULL);
}

#endif
