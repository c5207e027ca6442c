/*
 * test_atomic_file: base/atomic_file.c replaces a regular file only on
 * commit, follows symlinks, writes devices and FIFOs in place, keeps the
 * mode of what it replaces, and refuses an output that is an input.
 */
#include "tests/helpers.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/diag.h"
#include "base/xalloc.h"

/* ---- atomic_file ---- */

static void test_atomic_file_replaces_only_on_commit(void **state)
{
    (void)state;
    char dir[] = "/tmp/bm_atomic_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/out.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    struct diag_list d;
    diag_list_init(&d);
    struct atomic_file af;
    assert_int_equal(atomic_file_open(&af, path, &d), 0);
    fputs("new", af.fp);
    atomic_file_abort(&af);
    char buf[16] = {0};
    f = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof(buf), f));
    fclose(f);
    assert_string_equal(buf, "old");
    assert_int_equal(atomic_file_open(&af, path, &d), 0);
    fputs("new", af.fp);
    assert_int_equal(atomic_file_commit(&af, &d), 0);
    f = fopen(path, "r");
    assert_non_null(fgets(buf, sizeof(buf), f));
    fclose(f);
    assert_string_equal(buf, "new");
    /* a missing directory names the file and leaves nothing behind */
    char *bad = xasprintf("%s/missing/out.txt", dir);
    assert_int_equal(atomic_file_open(&af, bad, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, bad));
    unlink(path);
    assert_int_equal(rmdir(dir), 0);  /* empty: no temp files left */
    free(bad);
    free(path);
    diag_list_release(&d);
}


static char *read_all(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char buf[256] = {0};
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return xstrdup(buf);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int write_through(const char *path, const char *text, struct diag_list *d)
{
    struct atomic_file af;
    if (atomic_file_open(&af, path, d) < 0)
        return -1;
    fputs(text, af.fp);
    return atomic_file_commit(&af, d);
}

static void test_atomic_file_follows_a_symlink_and_keeps_it(void **state)
{
    (void)state;
    char dir[] = "/tmp/bm_atomic_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *real = xasprintf("%s/real.txt", dir), *link = xasprintf("%s/link.txt", dir);
    write_text(real, "old");
    assert_int_equal(symlink("real.txt", link), 0);   /* relative, as users make them */
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(write_through(link, "new", &d), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));                 /* the link is still a link */
    char *got = read_all(real);
    assert_string_equal(got, "new");                  /* and its target has the output */
    free(got);
    /* a dangling link: the output is created where it points */
    char *dangling = xasprintf("%s/dangling.txt", dir), *made = xasprintf("%s/made.txt", dir);
    assert_int_equal(symlink("made.txt", dangling), 0);
    assert_int_equal(write_through(dangling, "fresh", &d), 0);
    assert_int_equal(lstat(dangling, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    got = read_all(made);
    assert_string_equal(got, "fresh");
    free(got);
    assert_int_equal(d.errors, 0);
    unlink(made);
    unlink(dangling);
    unlink(link);
    unlink(real);
    assert_int_equal(rmdir(dir), 0);   /* no temporaries left */
    free(made);
    free(dangling);
    free(real);
    free(link);
    diag_list_release(&d);
}

static void test_atomic_file_writes_a_device_in_place(void **state)
{
    (void)state;
    /* A link to /dev/null: the old writer renamed a regular file over the
     * link; the device behind it must be written, and nothing replaced. */
    char dir[] = "/tmp/bm_atomic_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *link = xasprintf("%s/null", dir);
    assert_int_equal(symlink("/dev/null", link), 0);
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(write_through(link, "discarded", &d), 0);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(d.errors, 0);
    unlink(link);
    assert_int_equal(rmdir(dir), 0);
    free(link);
    diag_list_release(&d);
}

static void test_atomic_file_writes_a_fifo_in_place(void **state)
{
    (void)state;
    char dir[] = "/tmp/bm_atomic_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *fifo = xasprintf("%s/fifo", dir), *copy = xasprintf("%s/copy.txt", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    struct diag_list d;
    diag_list_init(&d);
    /* nobody reads it: an error at once, not a wait */
    assert_int_equal(write_through(fifo, "lost", &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "no process is reading that FIFO"));
    /* with a reader, the output goes through the FIFO, which stays a FIFO */
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* O_RDWR (Linux) holds the FIFO open as a reader at once and as a
         * writer too, so the blocking reads below wait for the parent's
         * bytes instead of seeing end-of-file before it opens. */
        close(ready[0]);
        int in = open(fifo, O_RDWR);
        if (in < 0 || write(ready[1], "r", 1) != 1)
            _exit(2);
        FILE *out = fopen(copy, "w");
        char buf[64];
        size_t want = strlen("through"), got = 0;
        while (got < want) {
            ssize_t n = read(in, buf, want - got);
            if (n <= 0)
                _exit(3);
            fwrite(buf, 1, (size_t)n, out);
            got += (size_t)n;
        }
        fclose(out);
        _exit(0);
    }
    close(ready[1]);
    char c;
    assert_int_equal(read(ready[0], &c, 1), 1);   /* the reader has the FIFO open */
    close(ready[0]);
    assert_int_equal(write_through(fifo, "through", &d), 0);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(WEXITSTATUS(status), 0);
    char *got = read_all(copy);
    assert_string_equal(got, "through");
    free(got);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    unlink(copy);
    unlink(fifo);
    assert_int_equal(rmdir(dir), 0);
    free(copy);
    free(fifo);
    diag_list_release(&d);
}

static void test_atomic_file_keeps_the_mode_and_follows_the_umask(void **state)
{
    (void)state;
    char dir[] = "/tmp/bm_atomic_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *old = xasprintf("%s/private.txt", dir), *fresh = xasprintf("%s/new.txt", dir);
    write_text(old, "secret");
    assert_int_equal(chmod(old, 0600), 0);
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(write_through(old, "still secret", &d), 0);
    struct stat st;
    assert_int_equal(stat(old, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    mode_t before = umask(027);
    int rc = write_through(fresh, "x", &d);
    umask(before);
    assert_int_equal(rc, 0);
    assert_int_equal(stat(fresh, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);      /* 0666 less the umask */
    assert_int_equal(d.errors, 0);
    unlink(fresh);
    unlink(old);
    assert_int_equal(rmdir(dir), 0);
    free(fresh);
    free(old);
    diag_list_release(&d);
}

static void test_atomic_file_refuses_an_output_that_is_an_input(void **state)
{
    (void)state;
    char dir[] = "/tmp/bm_atomic_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *in = xasprintf("%s/in.csv", dir), *hard = xasprintf("%s/hard.csv", dir);
    char *soft = xasprintf("%s/soft.csv", dir), *other = xasprintf("%s/other.csv", dir);
    write_text(in, "a,b\n");
    write_text(other, "c\n");
    assert_int_equal(link(in, hard), 0);
    assert_int_equal(symlink("in.csv", soft), 0);
    assert_true(atomic_file_same(in, in));
    assert_true(atomic_file_same(hard, in));
    assert_true(atomic_file_same(soft, in));
    assert_false(atomic_file_same(other, in));
    assert_false(atomic_file_same("-", in));
    assert_false(atomic_file_same("/nonexistent/x", in));
    struct diag_list d;
    diag_list_init(&d);
    const char *inputs[] = {other, in};
    assert_int_equal(atomic_file_check_not_input(soft, inputs, 2, &d), -1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.items[0].message, "refusing to overwrite it"));
    assert_int_equal(atomic_file_check_not_input(other, inputs, 1, &d), -1);
    assert_int_equal(atomic_file_check_not_input("-", inputs, 2, &d), 0);
    unlink(soft);
    unlink(hard);
    unlink(in);
    unlink(other);
    assert_int_equal(rmdir(dir), 0);
    free(other);
    free(soft);
    free(hard);
    free(in);
    diag_list_release(&d);
}

static void test_atomic_file_check_finds_a_bad_output_before_the_work(void **state)
{
    (void)state;
    char dir[] = "/tmp/bm_atomic_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *missing = xasprintf("%s/nodir/r.txt", dir), *ok = xasprintf("%s/r.txt", dir);
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(atomic_file_check(ok, &d), 0);
    assert_int_equal(atomic_file_check("-", &d), 0);
    assert_int_equal(atomic_file_check("/dev/null", &d), 0);
    assert_int_equal(d.errors, 0);
    assert_int_equal(atomic_file_check(missing, &d), -1);
    assert_int_equal(atomic_file_check(dir, &d), -1);       /* a directory */
    assert_int_equal(d.errors, 2);
    assert_non_null(strstr(d.items[0].message, "No such file or directory"));
    assert_non_null(strstr(d.items[1].message, "it is a directory"));
    assert_int_equal(access(ok, F_OK), -1);                 /* nothing was created */
    assert_int_equal(rmdir(dir), 0);
    free(ok);
    free(missing);
    diag_list_release(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atomic_file_replaces_only_on_commit),
        cmocka_unit_test(test_atomic_file_follows_a_symlink_and_keeps_it),
        cmocka_unit_test(test_atomic_file_writes_a_device_in_place),
        cmocka_unit_test(test_atomic_file_writes_a_fifo_in_place),
        cmocka_unit_test(test_atomic_file_keeps_the_mode_and_follows_the_umask),
        cmocka_unit_test(test_atomic_file_refuses_an_output_that_is_an_input),
        cmocka_unit_test(test_atomic_file_check_finds_a_bad_output_before_the_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
