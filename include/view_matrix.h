/* view_matrix.h - the status matrix (M): one row per item, one status letter per fiscal year, rows grouped under their policy.  Opened with a const struct selection * (where to start), or NULL. */
#ifndef PLANDASH_VIEW_MATRIX_H
#define PLANDASH_VIEW_MATRIX_H

#include "screen.h"

extern const struct screen_ops matrix_ops;

#endif
