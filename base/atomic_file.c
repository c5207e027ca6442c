#include "base/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/xalloc.h"

enum { MAX_LINKS = 40, MAX_TMP_TRIES = 100 };

static void cannot(struct diag_list *diags, const char *path, const char *why)
{
    diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write '%s': %s", path, why);
}

/* The directory part of path ("." when it has none). The caller frees. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xasprintf("%.*s", (int)(slash - path), path);
}

/* path with every symlink at its end followed, as open() would follow it,
 * but also for a link whose target does not exist yet (the target is then
 * the file to create). NULL with errno ELOOP past MAX_LINKS links. */
static char *follow_links(const char *path)
{
    char *p = xstrdup(path);
    for (int hops = 0; hops <= MAX_LINKS; hops++) {
        struct stat st;
        if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
            return p;
        size_t cap = (size_t)st.st_size + 1 > 64 ? (size_t)st.st_size + 1 : 64;
        char *to = xmalloc(cap + 1);
        ssize_t n = readlink(p, to, cap);
        if (n < 0) {
            free(to);
            return p;
        }
        to[n] = '\0';
        char *next;
        if (to[0] == '/') {
            next = to;
        } else {
            char *dir = dir_of(p);
            next = xasprintf("%s/%s", dir, to);
            free(dir);
            free(to);
        }
        free(p);
        p = next;
    }
    free(p);
    errno = ELOOP;
    return NULL;
}

static void release(struct atomic_file *af)
{
    free(af->path);
    free(af->target);
    free(af->tmp_path);
    af->path = af->target = af->tmp_path = NULL;
    af->fp = NULL;
    af->is_stdout = false;
}

/* Open a special file in place. O_NONBLOCK makes a FIFO without a reader
 * fail at once (ENXIO) instead of waiting; it is cleared afterwards. */
static int open_in_place(struct atomic_file *af, struct diag_list *diags)
{
    int fd = open(af->target, O_WRONLY | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        cannot(diags, af->path,
               errno == ENXIO ? "no process is reading that FIFO" : strerror(errno));
        return -1;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        cannot(diags, af->path, strerror(errno));
        close(fd);
        return -1;
    }
    return 0;
}

/* Create the temporary beside the target with O_EXCL and mode 0666, so
 * the umask applies as it would to any new file. */
static int open_temporary(struct atomic_file *af, const struct stat *old, struct diag_list *diags)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    unsigned long salt = (unsigned long)now.tv_nsec ^ ((unsigned long)getpid() << 16);
    int fd = -1;
    for (int i = 0; i < MAX_TMP_TRIES && fd < 0; i++) {
        free(af->tmp_path);
        af->tmp_path = xasprintf("%s.tmp%06lx", af->target, (salt + (unsigned long)i) & 0xffffff);
        fd = open(af->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        cannot(diags, af->path, strerror(errno));
        free(af->tmp_path);
        af->tmp_path = NULL;
        return -1;
    }
    if (old) {   /* a replaced file keeps its mode, and for root its owner */
        if (geteuid() == 0 && fchown(fd, old->st_uid, old->st_gid) != 0) {
            /* best effort: the content matters more than the owner */
        }
        fchmod(fd, old->st_mode & 07777);
    }
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        cannot(diags, af->path, strerror(errno));
        close(fd);
        unlink(af->tmp_path);
        return -1;
    }
    return 0;
}

int atomic_file_open(struct atomic_file *af, const char *path, struct diag_list *diags)
{
    memset(af, 0, sizeof(*af));
    af->path = xstrdup(path);
    if (!strcmp(path, "-")) {
        af->fp = stdout;
        af->is_stdout = true;
        return 0;
    }
    af->target = follow_links(path);
    if (!af->target) {
        cannot(diags, path, strerror(errno));
        release(af);
        return -1;
    }
    struct stat st;
    int rc;
    if (stat(af->target, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            cannot(diags, path, "it is a directory");
            rc = -1;
        } else if (S_ISREG(st.st_mode)) {
            rc = open_temporary(af, &st, diags);
        } else {
            rc = open_in_place(af, diags);
        }
    } else if (errno == ENOENT) {
        rc = open_temporary(af, NULL, diags);
    } else {
        cannot(diags, path, strerror(errno));
        rc = -1;
    }
    if (rc < 0)
        release(af);
    return rc;
}

int atomic_file_commit(struct atomic_file *af, struct diag_list *diags)
{
    int err = 0;
    if (fflush(af->fp) != 0 || ferror(af->fp))
        err = errno ? errno : EIO;
    if (af->is_stdout) {
        if (err)
            cannot(diags, "standard output", strerror(err));
        release(af);
        return err ? -1 : 0;
    }
    if (!err && af->tmp_path && fsync(fileno(af->fp)) != 0)
        err = errno;
    if (fclose(af->fp) != 0 && !err)
        err = errno ? errno : EIO;
    af->fp = NULL;
    if (!err && af->tmp_path && rename(af->tmp_path, af->target) != 0)
        err = errno;
    if (err) {
        cannot(diags, af->path, strerror(err));
        if (af->tmp_path)
            unlink(af->tmp_path);
    }
    release(af);
    return err ? -1 : 0;
}

void atomic_file_abort(struct atomic_file *af)
{
    if (af->fp && !af->is_stdout)
        fclose(af->fp);
    if (af->tmp_path)
        unlink(af->tmp_path);
    release(af);
}

int atomic_file_check(const char *path, struct diag_list *diags)
{
    if (!strcmp(path, "-"))
        return 0;
    char *target = follow_links(path);
    if (!target) {
        cannot(diags, path, strerror(errno));
        return -1;
    }
    int rc = 0;
    struct stat st;
    if (stat(target, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            cannot(diags, path, "it is a directory");
            rc = -1;
        } else if (access(target, W_OK) != 0) {
            cannot(diags, path, strerror(errno));
            rc = -1;
        } else if (S_ISREG(st.st_mode)) {   /* the temporary goes beside it */
            char *dir = dir_of(target);
            if (access(dir, W_OK | X_OK) != 0) {
                cannot(diags, path, strerror(errno));
                rc = -1;
            }
            free(dir);
        }
    } else if (errno == ENOENT) {
        char *dir = dir_of(target);
        struct stat ds;
        if (stat(dir, &ds) != 0) {
            cannot(diags, path, strerror(errno));
            rc = -1;
        } else if (!S_ISDIR(ds.st_mode)) {
            cannot(diags, path, strerror(ENOTDIR));
            rc = -1;
        } else if (access(dir, W_OK | X_OK) != 0) {
            cannot(diags, path, strerror(errno));
            rc = -1;
        }
        free(dir);
    } else {
        cannot(diags, path, strerror(errno));
        rc = -1;
    }
    free(target);
    return rc;
}

bool atomic_file_same(const char *output, const char *input)
{
    if (!output || !input || !strcmp(output, "-") || !strcmp(input, "-"))
        return false;
    struct stat a, b;
    if (stat(output, &a) != 0 || stat(input, &b) != 0)
        return false;
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int atomic_file_check_not_input(const char *output, const char *const *inputs, size_t n,
                                struct diag_list *diags)
{
    for (size_t i = 0; i < n; i++) {
        if (atomic_file_same(output, inputs[i])) {
            diag_add(diags, DIAG_ERROR, output, 0, 0,
                     "output '%s' is the input '%s'; refusing to overwrite it", output,
                     inputs[i]);
            return -1;
        }
    }
    return 0;
}

int atomic_file_check_output(const char *output, const char *const *inputs, size_t n,
                             struct diag_list *diags)
{
    if (atomic_file_check_not_input(output, inputs, n, diags) < 0)
        return -1;
    return atomic_file_check(output, diags);
}
