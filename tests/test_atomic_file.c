/*
 * test_atomic_file: base/atomic_file.c replaces the target only on commit.
 */
#include "tests/helpers.h"

#include <stdlib.h>
#include <string.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_atomic_file_replaces_only_on_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
