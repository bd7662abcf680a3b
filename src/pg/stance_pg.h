/*-------------------------------------------------------------------------
 *
 * stance_pg.h
 *	  Functions the files of the SQL glue share.
 *
 * src/pg/stance_pg.h
 *
 *-------------------------------------------------------------------------
 */
#ifndef STANCE_PG_H
#define STANCE_PG_H

#include "postgres.h"

#include "fmgr.h"

/*
 * stance_type.c: a stance datum, label 0 against, 1 neutral, 2 favor; the
 * confidence is clamped to [0,1] (NaN counts as 0) and rounded to
 * thousandths.
 */
extern Datum stance_datum(int label, double confidence);

/*
 * stance_classify.c: a text argument in UTF-8 (the same bytes if already
 * UTF-8 or SQL_ASCII).
 */
extern const char *stance_arg_utf8(text *t, size_t *len);

/*
 * stance_pg.c: InitMaterializedSRF for our set-returning functions, with
 * the row type copied from the caller's expected descriptor when there is
 * one.
 */
extern void stance_init_srf(FunctionCallInfo fcinfo);

#endif							/* STANCE_PG_H */
