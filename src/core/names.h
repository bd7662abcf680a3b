/*
 * names.h
 *	  Statements as the attribution pass leaves them, and the resolution of
 *	  their speakers (names.c).
 */
#ifndef STANCE_NAMES_H
#define STANCE_NAMES_H

#include "internal.h"

typedef struct StStmt
{
	StKind		kind;
	int32_t		c0;				/* content bytes */
	int32_t		c1;
	int32_t		cue0;			/* cue tokens, -1 if none */
	int32_t		cue1;
	int32_t		m0;				/* mention tokens, -1 if none */
	int32_t		m1;
	int32_t		ap0;			/* appositive next to the mention, -1 */
	int32_t		ap1;
	int32_t		para;
	int32_t		inherit;		/* statement whose speaker goes on, -1 */
	int32_t		speaker;		/* filled by st_resolve */
} StStmt;

extern StStatus st_resolve(StDoc *d, StStmt *stmts, int32_t n, StResult *out);

#endif
