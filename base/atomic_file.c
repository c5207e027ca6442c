#include "base/atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/xalloc.h"

int atomic_file_open(struct atomic_file *af, const char *path, struct diag_list *diags)
{
    af->fp = NULL;
    af->path = xstrdup(path);
    af->tmp_path = xasprintf("%s.tmpXXXXXX", path);
    int fd = mkstemp(af->tmp_path);
    if (fd < 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write '%s': %s", path, strerror(errno));
        free(af->path);
        free(af->tmp_path);
        af->path = af->tmp_path = NULL;
        return -1;
    }
    fchmod(fd, 0644); /* mkstemp's 0600 is too private for a report */
    af->fp = fdopen(fd, "w");
    if (!af->fp) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write '%s': %s", path, strerror(errno));
        close(fd);
        atomic_file_abort(af);
        return -1;
    }
    return 0;
}

static void release(struct atomic_file *af)
{
    free(af->path);
    free(af->tmp_path);
    af->path = af->tmp_path = NULL;
    af->fp = NULL;
}

int atomic_file_commit(struct atomic_file *af, struct diag_list *diags)
{
    int failed = 0;
    int err = 0;
    if (fflush(af->fp) != 0 || ferror(af->fp) || fsync(fileno(af->fp)) != 0) {
        failed = 1;
        err = errno;
    }
    if (fclose(af->fp) != 0 && !failed) {
        failed = 1;
        err = errno;
    }
    af->fp = NULL;
    if (!failed && rename(af->tmp_path, af->path) != 0) {
        failed = 1;
        err = errno;
    }
    if (failed) {
        diag_add(diags, DIAG_ERROR, af->path, 0, 0, "cannot write '%s': %s", af->path,
                 strerror(err ? err : EIO));
        unlink(af->tmp_path);
    }
    release(af);
    return failed ? -1 : 0;
}

void atomic_file_abort(struct atomic_file *af)
{
    if (af->fp)
        fclose(af->fp);
    if (af->tmp_path)
        unlink(af->tmp_path);
    release(af);
}
