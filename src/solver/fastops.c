/* fastops.c — compiled-here replacements for the N_Vector (serial) and CSC SUNMatrix operations
 * CVODES calls at every step.
 *
 * Why: Debian's SUNDIALS 6.4.1 packages are built without optimisation (-O0: every loop variable
 * lives on the stack), so e.g. N_VWrmsNorm on the built-in model's 42-long vectors costs ~490 ns
 * instead of ~25 ns; the vector and matrix kernels were ~30% of a population run. SUNDIALS lets
 * a vector or matrix carry its own operation table (the ops structure is public and cloned with
 * the object), so the same serial data layout gets the same operations compiled at our -O2.
 * Each function computes exactly what its SUNDIALS namesake computes, term by term in the same
 * order (also its special cases, e.g. a*(x+y) when a == b), so results are bit for bit the ones
 * the library's own kernels give (ISO C mode: no floating-point contraction). */
#include <math.h>

#include "solver/solver_impl.h"

#define LEN(v) NV_LENGTH_S(v)
#define DAT(v) NV_DATA_S(v)

static void v_linearsum(realtype a, N_Vector x, realtype b, N_Vector y, N_Vector z)
{
    const sunindextype n = LEN(x);
    const double *xd = DAT(x), *yd = DAT(y);
    double *zd = DAT(z);
    if (b == 1.0 && z == y) { /* y += a x */
        if (a == 1.0) for (sunindextype i = 0; i < n; i++) zd[i] = xd[i] + zd[i];
        else if (a == -1.0) for (sunindextype i = 0; i < n; i++) zd[i] = zd[i] - xd[i];
        else for (sunindextype i = 0; i < n; i++) zd[i] += a * xd[i];
        return;
    }
    if (a == 1.0 && z == x) { /* x += b y */
        if (b == 1.0) for (sunindextype i = 0; i < n; i++) zd[i] = yd[i] + zd[i];
        else if (b == -1.0) for (sunindextype i = 0; i < n; i++) zd[i] = zd[i] - yd[i];
        else for (sunindextype i = 0; i < n; i++) zd[i] += b * yd[i];
        return;
    }
    if (a == 1.0 && b == 1.0) { for (sunindextype i = 0; i < n; i++) zd[i] = xd[i] + yd[i]; return; }
    if (a == 1.0 && b == -1.0) { for (sunindextype i = 0; i < n; i++) zd[i] = xd[i] - yd[i]; return; }
    if (a == -1.0 && b == 1.0) { for (sunindextype i = 0; i < n; i++) zd[i] = yd[i] - xd[i]; return; }
    if (a == 1.0) { for (sunindextype i = 0; i < n; i++) zd[i] = b * yd[i] + xd[i]; return; }
    if (b == 1.0) { for (sunindextype i = 0; i < n; i++) zd[i] = a * xd[i] + yd[i]; return; }
    if (a == -1.0) { for (sunindextype i = 0; i < n; i++) zd[i] = b * yd[i] - xd[i]; return; }
    if (b == -1.0) { for (sunindextype i = 0; i < n; i++) zd[i] = a * xd[i] - yd[i]; return; }
    if (a == b) { for (sunindextype i = 0; i < n; i++) zd[i] = a * (xd[i] + yd[i]); return; }
    if (a == -b) { for (sunindextype i = 0; i < n; i++) zd[i] = a * (xd[i] - yd[i]); return; }
    for (sunindextype i = 0; i < n; i++) zd[i] = a * xd[i] + b * yd[i];
}

static void v_const(realtype c, N_Vector z)
{
    double *zd = DAT(z);
    for (sunindextype i = 0, n = LEN(z); i < n; i++) zd[i] = c;
}

static void v_prod(N_Vector x, N_Vector y, N_Vector z)
{
    const double *xd = DAT(x), *yd = DAT(y);
    double *zd = DAT(z);
    for (sunindextype i = 0, n = LEN(x); i < n; i++) zd[i] = xd[i] * yd[i];
}

static void v_div(N_Vector x, N_Vector y, N_Vector z)
{
    const double *xd = DAT(x), *yd = DAT(y);
    double *zd = DAT(z);
    for (sunindextype i = 0, n = LEN(x); i < n; i++) zd[i] = xd[i] / yd[i];
}

static void v_scale(realtype c, N_Vector x, N_Vector z)
{
    const double *xd = DAT(x);
    double *zd = DAT(z);
    const sunindextype n = LEN(x);
    if (z == x) for (sunindextype i = 0; i < n; i++) zd[i] *= c;
    else if (c == 1.0) for (sunindextype i = 0; i < n; i++) zd[i] = xd[i];
    else if (c == -1.0) for (sunindextype i = 0; i < n; i++) zd[i] = -xd[i];
    else for (sunindextype i = 0; i < n; i++) zd[i] = c * xd[i];
}

static void v_abs(N_Vector x, N_Vector z)
{
    const double *xd = DAT(x);
    double *zd = DAT(z);
    for (sunindextype i = 0, n = LEN(x); i < n; i++) zd[i] = fabs(xd[i]);
}

static void v_inv(N_Vector x, N_Vector z)
{
    const double *xd = DAT(x);
    double *zd = DAT(z);
    for (sunindextype i = 0, n = LEN(x); i < n; i++) zd[i] = 1.0 / xd[i];
}

static void v_addconst(N_Vector x, realtype b, N_Vector z)
{
    const double *xd = DAT(x);
    double *zd = DAT(z);
    for (sunindextype i = 0, n = LEN(x); i < n; i++) zd[i] = xd[i] + b;
}

static realtype v_dotprod(N_Vector x, N_Vector y)
{
    const double *xd = DAT(x), *yd = DAT(y);
    double s = 0.0;
    for (sunindextype i = 0, n = LEN(x); i < n; i++) s += xd[i] * yd[i];
    return s;
}

static realtype v_maxnorm(N_Vector x)
{
    const double *xd = DAT(x);
    double m = 0.0;
    for (sunindextype i = 0, n = LEN(x); i < n; i++)
        if (fabs(xd[i]) > m) m = fabs(xd[i]);
    return m;
}

static realtype v_wsqrsum(N_Vector x, N_Vector w)
{
    const double *xd = DAT(x), *wd = DAT(w);
    double s = 0.0;
    for (sunindextype i = 0, n = LEN(x); i < n; i++) {
        double p = xd[i] * wd[i];
        s += p * p;
    }
    return s;
}

static realtype v_wsqrsummask(N_Vector x, N_Vector w, N_Vector id)
{
    const double *xd = DAT(x), *wd = DAT(w), *md = DAT(id);
    double s = 0.0;
    for (sunindextype i = 0, n = LEN(x); i < n; i++)
        if (md[i] > 0.0) {
            double p = xd[i] * wd[i];
            s += p * p;
        }
    return s;
}

static realtype v_wrmsnorm(N_Vector x, N_Vector w) { return sqrt(v_wsqrsum(x, w) / (double)LEN(x)); }

static realtype v_wrmsnormmask(N_Vector x, N_Vector w, N_Vector id)
{
    return sqrt(v_wsqrsummask(x, w, id) / (double)LEN(x));
}

static realtype v_min(N_Vector x)
{
    const double *xd = DAT(x);
    double m = xd[0];
    for (sunindextype i = 1, n = LEN(x); i < n; i++)
        if (xd[i] < m) m = xd[i];
    return m;
}

static realtype v_wl2norm(N_Vector x, N_Vector w) { return sqrt(v_wsqrsum(x, w)); }

static realtype v_l1norm(N_Vector x)
{
    const double *xd = DAT(x);
    double s = 0.0;
    for (sunindextype i = 0, n = LEN(x); i < n; i++) s += fabs(xd[i]);
    return s;
}

static void v_compare(realtype c, N_Vector x, N_Vector z)
{
    const double *xd = DAT(x);
    double *zd = DAT(z);
    for (sunindextype i = 0, n = LEN(x); i < n; i++) zd[i] = fabs(xd[i]) >= c ? 1.0 : 0.0;
}

static booleantype v_invtest(N_Vector x, N_Vector z)
{
    const double *xd = DAT(x);
    double *zd = DAT(z);
    booleantype ok = SUNTRUE;
    for (sunindextype i = 0, n = LEN(x); i < n; i++) {
        if (xd[i] == 0.0) ok = SUNFALSE;
        else zd[i] = 1.0 / xd[i];
    }
    return ok;
}

static booleantype v_constrmask(N_Vector c, N_Vector x, N_Vector m)
{
    const double *cd = DAT(c), *xd = DAT(x);
    double *md = DAT(m);
    int bad = 0;
    for (sunindextype i = 0, n = LEN(x); i < n; i++) {
        md[i] = 0.0;
        if (cd[i] == 0.0) continue;
        if ((fabs(cd[i]) > 1.5 && xd[i] * cd[i] <= 0.0) || (fabs(cd[i]) > 0.5 && xd[i] * cd[i] < 0.0)) {
            md[i] = 1.0;
            bad = 1;
        }
    }
    return bad ? SUNFALSE : SUNTRUE;
}

static realtype v_minquotient(N_Vector num, N_Vector den)
{
    const double *nd = DAT(num), *dd = DAT(den);
    double m = BIG_REAL;
    int first = 1;
    for (sunindextype i = 0, n = LEN(num); i < n; i++) {
        if (dd[i] == 0.0) continue;
        double q = nd[i] / dd[i];
        if (first) { m = q; first = 0; }
        else m = m < q ? m : q;
    }
    return m;
}

void fs_fast_vector_ops(N_Vector v)
{
    N_Vector_Ops o = v->ops;
    o->nvlinearsum = v_linearsum;
    o->nvconst = v_const;
    o->nvprod = v_prod;
    o->nvdiv = v_div;
    o->nvscale = v_scale;
    o->nvabs = v_abs;
    o->nvinv = v_inv;
    o->nvaddconst = v_addconst;
    o->nvdotprod = v_dotprod;
    o->nvmaxnorm = v_maxnorm;
    o->nvwrmsnorm = v_wrmsnorm;
    o->nvwrmsnormmask = v_wrmsnormmask;
    o->nvmin = v_min;
    o->nvwl2norm = v_wl2norm;
    o->nvl1norm = v_l1norm;
    o->nvcompare = v_compare;
    o->nvinvtest = v_invtest;
    o->nvconstrmask = v_constrmask;
    o->nvminquotient = v_minquotient;
    /* the local reductions (MPI-style building blocks) are the same on one process */
    o->nvdotprodlocal = v_dotprod;
    o->nvmaxnormlocal = v_maxnorm;
    o->nvminlocal = v_min;
    o->nvl1normlocal = v_l1norm;
    o->nvinvtestlocal = v_invtest;
    o->nvconstrmasklocal = v_constrmask;
    o->nvminquotientlocal = v_minquotient;
    o->nvwsqrsumlocal = v_wsqrsum;
    o->nvwsqrsummasklocal = v_wsqrsummask;
}

/* CSC matrices (the KLU path): zero, copy and A = c A + I, as SUNDIALS' sparse kernels compute
 * them; the uncommon cases (a target too small, a missing diagonal entry) go to SUNDIALS. */
static int m_zero(SUNMatrix A)
{
    sunindextype nnz = SM_NNZ_S(A), np = SM_NP_S(A);
    double *x = SM_DATA_S(A);
    sunindextype *ri = SM_INDEXVALS_S(A), *cp = SM_INDEXPTRS_S(A);
    for (sunindextype k = 0; k < nnz; k++) x[k] = 0.0, ri[k] = 0;
    for (sunindextype j = 0; j <= np; j++) cp[j] = 0;
    return SUNMAT_SUCCESS;
}

static int m_copy(SUNMatrix A, SUNMatrix B)
{
    sunindextype np = SM_NP_S(A), nz = SM_INDEXPTRS_S(A)[np];
    if (SUNMatGetID(B) != SUNMATRIX_SPARSE || SM_SPARSETYPE_S(A) != SM_SPARSETYPE_S(B) || SM_NP_S(B) != np ||
        SM_ROWS_S(A) != SM_ROWS_S(B) || SM_COLUMNS_S(A) != SM_COLUMNS_S(B) || SM_NNZ_S(B) < nz)
        return SUNMatCopy_Sparse(A, B);
    m_zero(B);
    const double *ax = SM_DATA_S(A);
    const sunindextype *ai = SM_INDEXVALS_S(A), *ap = SM_INDEXPTRS_S(A);
    double *bx = SM_DATA_S(B);
    sunindextype *bi = SM_INDEXVALS_S(B), *bp = SM_INDEXPTRS_S(B);
    for (sunindextype k = 0; k < nz; k++) bx[k] = ax[k], bi[k] = ai[k];
    for (sunindextype j = 0; j <= np; j++) bp[j] = ap[j];
    return SUNMAT_SUCCESS;
}

static int m_scaleaddi(realtype c, SUNMatrix A)
{
    sunindextype nd = SM_ROWS_S(A) < SM_COLUMNS_S(A) ? SM_ROWS_S(A) : SM_COLUMNS_S(A);
    const sunindextype *ai = SM_INDEXVALS_S(A), *ap = SM_INDEXPTRS_S(A);
    double *ax = SM_DATA_S(A);
    for (sunindextype j = 0; j < nd; j++) {
        sunindextype k = ap[j];
        while (k < ap[j + 1] && ai[k] != j) k++;
        if (k == ap[j + 1]) return SUNMatScaleAddI_Sparse(c, A); /* needs a new entry */
    }
    for (sunindextype j = 0; j < nd; j++)
        for (sunindextype k = ap[j]; k < ap[j + 1]; k++) ax[k] = ai[k] == j ? 1.0 + c * ax[k] : c * ax[k];
    return SUNMAT_SUCCESS;
}

static SUNMatrix m_clone(SUNMatrix A)
{
    SUNMatrix B = SUNMatClone_Sparse(A);
    if (B) fs_fast_sparse_ops(B);
    return B;
}

void fs_fast_sparse_ops(SUNMatrix A)
{
    A->ops->clone = m_clone;
    A->ops->zero = m_zero;
    A->ops->copy = m_copy;
    A->ops->scaleaddi = m_scaleaddi;
}
