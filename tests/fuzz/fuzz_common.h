/*
 * fuzz_common: what the libFuzzer harnesses share.
 *
 * Loaders that only take a path are fed through a memfd: the input is
 * written to an anonymous in-memory file and the loader opens
 * /proc/self/fd/N, so a fuzz run leaves nothing behind on disk.
 * fuzz_check_diags() is the oracle every harness applies to a loader's
 * result: a failed load must explain itself with at least one error, and
 * every diagnostic must have a message and format as
 * file:line:col: error: message. (Style, such as lowercase, is not checked:
 * messages quote hostile input.) A broken oracle aborts, which libFuzzer
 * reports as a crash.
 * The harness is the whole program, so the state below is per process.
 */
#ifndef BM_FUZZ_COMMON_H
#define BM_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void fuzz_fail(const char *what, const char *detail)
{
    /* to the file descriptor: a harness may have pointed stderr elsewhere */
    dprintf(STDERR_FILENO, "fuzz oracle failed: %s: %s\n", what, detail ? detail : "");
    abort();
}

/* A bug that is reported but not fixed yet keeps its input in
 * tests/fixtures/hostile/fuzz-pending/<harness>/, and the oracle that
 * catches it is guarded, with a NEEDSWORK comment naming the bug, by
 *     if (getenv("BM_FUZZ_STRICT") && ...) fuzz_fail(...);
 * so the CI smoke run stays green on known bugs and still finds new ones
 * (`sh tests/fuzz/run.sh pending` sets BM_FUZZ_STRICT=1). When the bug is
 * fixed, the guard goes and the input moves to hostile/fuzz/<harness>/.
 * No bug is pending now, so no harness has such a guard. */

/* A memfd holding data; returns its /proc path (static buffer per slot). */
static inline const char *fuzz_memfd_path(int slot, const uint8_t *data, size_t size)
{
    static int fds[4] = {-1, -1, -1, -1};
    static char paths[4][64];
    if (fds[slot] < 0) {
        fds[slot] = memfd_create("fuzz-input", 0);
        if (fds[slot] < 0)
            fuzz_fail("memfd_create", NULL);
        snprintf(paths[slot], sizeof(paths[slot]), "/proc/self/fd/%d", fds[slot]);
    }
    if (ftruncate(fds[slot], 0) != 0)
        fuzz_fail("ftruncate", NULL);
    size_t off = 0;
    while (off < size) {
        ssize_t w = pwrite(fds[slot], data + off, size - off, (off_t)off);
        if (w <= 0)
            fuzz_fail("pwrite", NULL);
        off += (size_t)w;
    }
    return paths[slot];
}

/* The oracle on diagnostics. failed: the loader returned failure. */
static inline void fuzz_check_diags(const struct diag_list *d, size_t errors_before, int failed)
{
    if (failed && d->errors <= errors_before)
        fuzz_fail("a failed load added no error", NULL);
    size_t errors = 0;
    for (size_t i = 0; i < d->count; i++) {
        const struct diag *x = &d->items[i];
        if (x->severity == DIAG_ERROR)
            errors++;
        if (x->line < 0 || x->col < 0 || !x->message || !x->message[0])
            fuzz_fail("malformed diagnostic", x->message);
        char *line = diag_format(x);
        if (!line || !strstr(line, x->message))
            fuzz_fail("diag_format lost the message", x->message);
        free(line);
    }
    /* A list keeps at most DIAG_MAX_RECORDS records and only counts the rest,
     * so kept errors <= counted errors <= kept errors + dropped records. */
    if (errors > d->errors || d->errors > errors + d->dropped)
        fuzz_fail("diag_list.errors out of step", NULL);
}

#endif
