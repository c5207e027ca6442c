/*
 * linalg: the small dense linear algebra of the contextual policies, on
 * caller-owned row-major d x d arrays (d is small: at most LA_MAX_DIM). Every update is
 * O(d^2): rank-one changes go through the Sherman-Morrison formula or a
 * rank-one Cholesky update, never through an O(d^3) inversion per round.
 * Nothing allocates; thread-safe (no state).
 */
#ifndef BM_LINALG_H
#define BM_LINALG_H

#include <stddef.h>

/* sum_i x_i y_i (inline: the policies' inner loops). */
static inline double la_dot(const double *x, const double *y, int d)
{
    double s = 0.0;
    for (int i = 0; i < d; i++)
        s += x[i] * y[i];
    return s;
}

/* x^T M x for a symmetric M, d <= LA_MAX_DIM (inline). M is read
 * column-wise (acc = M x with acc_i += M_ji x_j, by symmetry) so the inner
 * loop carries no dependency chain and vectorises. */
enum { LA_MAX_DIM = 64 };
static inline double la_quad(const double *m, const double *x, int d)
{
    double acc[LA_MAX_DIM];
    for (int i = 0; i < d; i++)
        acc[i] = m[i] * x[0];
    for (int j = 1; j < d; j++) {
        const double *row = m + (size_t)j * (size_t)d;
        const double xj = x[j];
        for (int i = 0; i < d; i++)
            acc[i] += row[i] * xj;
    }
    double s = 0.0;
    for (int i = 0; i < d; i++)
        s += x[i] * acc[i];
    return s;
}

/* out = M x (out must not alias x). */
void la_matvec(const double *m, const double *x, int d, double *out);

/* M = c I. */
void la_identity(double *m, int d, double c);

/* Sherman-Morrison (Sherman & Morrison 1950; Golub & Van Loan, Matrix
 * Computations, 4th ed., eq. 2.1.4): given Ainv = A^{-1} (symmetric),
 * overwrite it with (A + w x x^T)^{-1} = Ainv - w (Ainv x)(Ainv x)^T /
 * (1 + w x^T Ainv x). w >= 0. tmp holds d doubles. Returns x^T Ainv x
 * before the update. */
double la_sherman_morrison(double *ainv, const double *x, double w, int d, double *tmp);

/* Rank-one Cholesky update (Golub & Van Loan, section 6.5.4; the LINPACK
 * dchud recurrence): L lower triangular with L L^T = A; overwrite L with
 * the factor of A + x x^T. work holds d doubles (x is not changed). */
void la_chol_update(double *l, const double *x, int d, double *work);

/* Solve L y = b (forward) and L^T y = b (backward) for lower triangular
 * L; y may alias b. */
void la_solve_lower(const double *l, const double *b, int d, double *y);
void la_solve_lower_t(const double *l, const double *b, int d, double *y);

/* Invert a symmetric positive-definite matrix by Gauss-Jordan, O(d^3):
 * for tests and set-up only. work holds 2 d^2 doubles. -1 if singular. */
int la_invert(const double *a, int d, double *out, double *work);

#endif
