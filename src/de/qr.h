/* qr.h — (private) Householder QR with R's limited column pivoting (LINPACK dqrdc2 as modified
 * for R: a column whose remaining norm falls below tol times its original norm is moved to the
 * end and counts as aliased), and the pieces of lm.fit built on it. Written here rather than
 * taken from GSL because lm.fit's rank/pivot decisions (which coefficient becomes NA when a
 * gene's non-missing samples make the design rank-deficient) must match R's exactly.
 * Matrices are column-major n x p. */
#ifndef FERRO_DE_QR_H
#define FERRO_DE_QR_H

typedef struct {
    int n, p, rank;
    double *qr;    /* n x p, column-major: R above the diagonal, Householder vectors below */
    double *qraux; /* p */
    int *pivot;    /* p, 0-based original column of each pivoted column */
    double *work;  /* 2p scratch */
} ferro_qr_t;

/* Workspace for up to n x p. */
ferro_qr_t *ferro_qr_alloc(int n, int p);
void ferro_qr_free(ferro_qr_t *q);
/* Decompose X (n x p column-major, copied) with tolerance tol (lm.fit: 1e-7). */
void ferro_qr_decomp(ferro_qr_t *q, const double *X, int n, int p, double tol);
/* y (length n) <- Q^T y (qr.qty: the "effects"). */
void ferro_qr_qty(const ferro_qr_t *q, double *y);
/* Solve R b = qty[0..rank-1]; b[k] for pivoted column k (k < rank). */
void ferro_qr_coef(const ferro_qr_t *q, const double *qty, double *b);
/* diag(chol2inv(R[1:rank, 1:rank])) into d[0..rank-1] (pivoted order); scratch: rank*rank. */
void ferro_qr_unscaled_var(const ferro_qr_t *q, double *d, double *scratch);

#endif
