/*
 * linalg: see linalg.h.
 */
#include "benchmarks/linalg.h"

#include <math.h>
#include <string.h>

void la_matvec(const double *m, const double *x, int d, double *out)
{
    for (int i = 0; i < d; i++)
        out[i] = la_dot(m + (size_t)i * (size_t)d, x, d);
}

void la_identity(double *m, int d, double c)
{
    memset(m, 0, (size_t)d * (size_t)d * sizeof(double));
    for (int i = 0; i < d; i++)
        m[(size_t)i * (size_t)d + (size_t)i] = c;
}

double la_sherman_morrison(double *ainv, const double *x, double w, int d, double *tmp)
{
    la_matvec(ainv, x, d, tmp);
    double q = la_dot(x, tmp, d);
    if (w == 0.0)
        return q;
    double c = w / (1.0 + w * q);
    for (int i = 0; i < d; i++) {
        double *row = ainv + (size_t)i * (size_t)d;
        double ti = c * tmp[i];
        for (int j = 0; j < d; j++)
            row[j] -= ti * tmp[j];
    }
    return q;
}

void la_chol_update(double *l, const double *x, int d, double *work)
{
    memcpy(work, x, (size_t)d * sizeof(double));
    for (int k = 0; k < d; k++) {
        double lkk = l[(size_t)k * (size_t)d + (size_t)k];
        double r = hypot(lkk, work[k]);
        double c = r / lkk, s = work[k] / lkk;
        l[(size_t)k * (size_t)d + (size_t)k] = r;
        for (int i = k + 1; i < d; i++) {
            double *lik = &l[(size_t)i * (size_t)d + (size_t)k];
            *lik = (*lik + s * work[i]) / c;
            work[i] = c * work[i] - s * *lik;
        }
    }
}

void la_solve_lower(const double *l, const double *b, int d, double *y)
{
    for (int i = 0; i < d; i++) {
        const double *row = l + (size_t)i * (size_t)d;
        double s = b[i];
        for (int j = 0; j < i; j++)
            s -= row[j] * y[j];
        y[i] = s / row[i];
    }
}

void la_solve_lower_t(const double *l, const double *b, int d, double *y)
{
    for (int i = d - 1; i >= 0; i--) {
        double s = b[i];
        for (int j = i + 1; j < d; j++)
            s -= l[(size_t)j * (size_t)d + (size_t)i] * y[j];
        y[i] = s / l[(size_t)i * (size_t)d + (size_t)i];
    }
}

int la_invert(const double *a, int d, double *out, double *work)
{
    size_t n = (size_t)d, w = 2 * n;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < w; j++)
            work[i * w + j] = j < n ? a[i * n + j] : (j - n == i ? 1.0 : 0.0);
    for (size_t c = 0; c < n; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < n; r++)
            if (fabs(work[r * w + c]) > fabs(work[piv * w + c]))
                piv = r;
        if (work[piv * w + c] == 0.0)
            return -1;
        if (piv != c)
            for (size_t j = 0; j < w; j++) {
                double t = work[c * w + j];
                work[c * w + j] = work[piv * w + j];
                work[piv * w + j] = t;
            }
        double inv = 1.0 / work[c * w + c];
        for (size_t j = 0; j < w; j++)
            work[c * w + j] *= inv;
        for (size_t r = 0; r < n; r++) {
            if (r == c)
                continue;
            double f = work[r * w + c];
            if (f != 0.0)
                for (size_t j = 0; j < w; j++)
                    work[r * w + j] -= f * work[c * w + j];
        }
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            out[i * n + j] = work[i * w + n + j];
    return 0;
}
