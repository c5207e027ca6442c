/*
 * atomic_file: write a file so that readers see the old content or the new
 * content, never half of it. Output goes to "path.tmpXXXXXX" in the same
 * directory and is renamed over path on commit; abort (or a failed commit)
 * removes the temporary and leaves path untouched.
 */
#ifndef BM_ATOMIC_FILE_H
#define BM_ATOMIC_FILE_H

#include <stdio.h>

#include "base/diag.h"

struct atomic_file {
    FILE *fp;                    /* write here between open and commit */
    char *path;                  /* owned: the final name */
    char *tmp_path;              /* owned: the temporary name */
};

/* Open a temporary beside path. On failure returns -1, adds a diagnostic
 * naming path and why (e.g. missing directory, read-only), and af is
 * left with fp == NULL. */
int atomic_file_open(struct atomic_file *af, const char *path, struct diag_list *diags);
/* Flush, fsync, close and rename into place. -1 with a diagnostic on
 * failure, in which case path is unchanged. Always releases af. */
int atomic_file_commit(struct atomic_file *af, struct diag_list *diags);
/* Close and remove the temporary; path is unchanged. */
void atomic_file_abort(struct atomic_file *af);

#endif
