/*
 * test_linalg: benchmarks/linalg.c, the rank-one (Sherman-Morrison) update
 * and the Cholesky solve against direct inversion.
 */
#include "tests/helpers.h"

#include <math.h>
#include <stdlib.h>

#include "benchmarks/linalg.h"
#include "benchmarks/workload.h"

/* ---- linear algebra ---- */

static void test_sherman_morrison_and_cholesky_match_direct_inversion(void **state)
{
    enum { D = 6 };
    double a[D * D], ainv[D * D], direct[D * D], l[D * D], work[2 * D * D], tmp[D], x[D];
    struct rng r;
    rng_seed(&r, 7);
    la_identity(a, D, 2.0);
    la_identity(ainv, D, 0.5);
    la_identity(l, D, sqrt(2.0));
    for (int step = 0; step < 50; step++) {
        for (int i = 0; i < D; i++)
            x[i] = rng_normal(&r);
        double w = step % 3 == 0 ? 2.0 : 1.0;
        for (int i = 0; i < D; i++)
            for (int j = 0; j < D; j++)
                a[i * D + j] += w * x[i] * x[j];
        double q = la_sherman_morrison(ainv, x, w, D, tmp);
        assert_true(q > 0);
        double sx[D];
        for (int i = 0; i < D; i++)
            sx[i] = sqrt(w) * x[i];
        la_chol_update(l, sx, D, tmp);
        assert_int_equal(la_invert(a, D, direct, work), 0);
        for (int i = 0; i < D * D; i++)
            assert_near(ainv[i], direct[i], 1e-10);
        for (int i = 0; i < D; i++)   /* L L^T = A */
            for (int j = 0; j < D; j++) {
                double s = 0;
                for (int k = 0; k < D; k++)
                    s += l[i * D + k] * l[j * D + k];
                assert_near(s, a[i * D + j], 1e-8 * fabs(a[i * D + j]) + 1e-9);
            }
        assert_near(la_quad(ainv, x, D), q - (w * q * q) / (1 + w * q), 1e-9);
    }
    /* triangular solves: L L^T y = b gives A^{-1} b */
    double b[D] = {1, -2, 3, 0.5, 0, 4}, y[D], want[D];
    la_solve_lower(l, b, D, y);
    la_solve_lower_t(l, y, D, y);
    la_matvec(direct, b, D, want);
    for (int i = 0; i < D; i++)
        assert_near(y[i], want[i], 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* linear algebra */
        cmocka_unit_test(test_sherman_morrison_and_cholesky_match_direct_inversion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
