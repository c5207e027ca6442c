/*
 * helpers: the cmocka 1.1.5 include prelude, assert_near(), fixture paths.
 * Include this instead of <cmocka.h> in every test.
 */
#ifndef BM_TEST_HELPERS_H
#define BM_TEST_HELPERS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

/* |a - b| <= tol, with both values in the failure message (cmocka 1.1.5
 * has no double assertion). */
#define assert_near(a, b, tol)                                                          \
    do {                                                                                \
        double a_ = (a), b_ = (b), t_ = (tol);                                          \
        if (!(fabs(a_ - b_) <= t_))                                                     \
            fail_msg("%s = %.12g is not within %.3g of %s = %.12g", #a, a_, t_, #b, b_);  \
    } while (0)

/* Path of a fixture file: fixture("yaml/good/minimal.yaml"). Static buffer. */
static inline const char *fixture(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof(buf), "%s/%s", BM_FIXTURES, rel);
    return buf;
}

#endif
