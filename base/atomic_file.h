/*
 * atomic_file: write an output the user named without ever destroying
 * what is at the path.
 *
 * What is at the path decides how it is written:
 *  - a regular file, or nothing yet: atomically. Output goes to a
 *    temporary beside it and is renamed over it on commit, so readers see
 *    the old content or the new, never half; abort (or a failed commit)
 *    removes the temporary and leaves the path untouched. A symlink is
 *    followed to its target (the link stays a link). A replaced file keeps
 *    its mode (and, for root, its owner); a new one gets 0666 less the
 *    umask, as any program's output would.
 *  - anything else (a character device such as /dev/null, a FIFO, a
 *    socket, /dev/stdout) and "-" (standard output): opened and written in
 *    place, never renamed over. A FIFO no process reads is an error, not a
 *    wait.
 *  - a directory: an error.
 * Not thread-safe for one struct; distinct structs may be used at once.
 */
#ifndef BM_ATOMIC_FILE_H
#define BM_ATOMIC_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "base/diag.h"

struct atomic_file {
    FILE *fp;                    /* write here between open and commit */
    char *path;                  /* owned: the name the user gave */
    char *target;                /* owned: where the data goes (symlinks followed) */
    char *tmp_path;              /* owned: the temporary, or NULL when written in place */
    bool is_stdout;              /* fp is stdout ("-"): flushed, never closed */
};

/* Open path for writing as described above. On failure returns -1, adds
 * a diagnostic naming path and why (a missing directory, read-only, a
 * FIFO nobody reads, a directory), and af is left with fp == NULL. */
int atomic_file_open(struct atomic_file *af, const char *path, struct diag_list *diags);
/* Flush and finish: for an atomic write fsync, close and rename into
 * place; in place, flush and close. -1 with a diagnostic on failure, in
 * which case an atomically written path is unchanged. Always releases af. */
int atomic_file_commit(struct atomic_file *af, struct diag_list *diags);
/* Close and remove the temporary; path is unchanged (written in place,
 * what was written stays written). */
void atomic_file_abort(struct atomic_file *af);

/* Would atomic_file_open(path) succeed? Checks without creating anything,
 * so a command can refuse a bad output before its work: -1 with the same
 * diagnostic open would give. */
int atomic_file_check(const char *path, struct diag_list *diags);

/* Are output and input the same file (same device and inode, symlinks
 * followed)? "-" and a path that does not exist are never the same. */
bool atomic_file_same(const char *output, const char *input);

/* Refuse an output that is one of the inputs: for the first input[i]
 * that is the same file as output, adds "output '...' is the input
 * '...'; refusing to overwrite it" and returns -1; 0 otherwise. */
int atomic_file_check_not_input(const char *output, const char *const *inputs, size_t n,
                                struct diag_list *diags);

/* Both checks a command makes before its work: output is none of the
 * inputs, then it can be written. -1 with the first problem's diagnostic. */
int atomic_file_check_output(const char *output, const char *const *inputs, size_t n,
                             struct diag_list *diags);

#endif
