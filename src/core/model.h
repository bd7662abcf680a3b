/*
 * model.h
 *	  Stance models trained on the user's own labels: feature extraction,
 *	  a multinomial logistic regression learner and the binary layout of a
 *	  trained model (the stance_model type of src/pg/stance_model.c).
 *
 *	  Plain C99, no PostgreSQL headers.  Memory for training comes from an
 *	  StArena handed in by the caller; extraction and prediction use
 *	  caller buffers only.
 *
 * Features of one (statement, target) pair:
 *	- sparse, hashed: word 1-3-grams and character 2-5-grams of the
 *	  statement, word 1-2-grams of the target, statement words conditioned
 *	  on the target, statement words conditioned on how much of the target
 *	  the statement covers, and the built-in classifier's speech act, slot,
 *	  negation and label plus refuting / hedging / negation cue words;
 *	- dense: target-statement overlap and alignment measures, counts of
 *	  refuting, hedging and negation words, question marks, the built-in
 *	  classifier's scores.
 *
 *	A sparse feature is a uint32: the group in the top 4 bits, a 28-bit hash
 *	below.  Within a row each is present once; its value is 1/sqrt(n) where
 *	n is the number of features of its group in the row.
 */
#ifndef STANCE_MODEL_H
#define STANCE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "stance_core.h"

/* feature sets (options "features") */
#define ST_MF_WORDS		0x01	/* statement word 1-3-grams */
#define ST_MF_CHARS		0x02	/* statement character 2-5-grams */
#define ST_MF_TARGET	0x04	/* target n-grams, target-conditioned words */
#define ST_MF_OVERLAP	0x08	/* alignment: overlap measures and bins */
#define ST_MF_LEXICON	0x10	/* built-in model's acts, lexicon, cue words */
#define ST_MF_ALL		0x1F

/* sparse feature groups (top 4 bits of a feature) */
#define ST_MG_WORDS		0
#define ST_MG_CHARS		1
#define ST_MG_TARGET	2
#define ST_MG_TCOND		3
#define ST_MG_ALIGN		4
#define ST_MG_LEX		5
#define ST_MG_N			6

#define ST_MODEL_NDENSE 24		/* dense features (index 0 is the bias) */
#define ST_MODEL_MAX_SPARSE 4096	/* sparse features of one row at most */
#define ST_MODEL_MAX_CLASSES 16
#define ST_MODEL_MAX_LABEL 63	/* bytes of a class label */
#define ST_MODEL_MIN_BITS 10
#define ST_MODEL_MAX_BITS 24
#define ST_MODEL_MAX_BYTES (8 * 1024 * 1024)	/* a model value at most */

typedef struct StModelOptions
{
	int			epochs;			/* passes over the rows, 1..200 */
	double		l2;				/* L2 regularisation, >= 0 */
	double		learning_rate;	/* initial SGD step, > 0 */
	int			bits;			/* log2 of hashed features; 0: automatic */
	unsigned	features;		/* ST_MF_* */
	uint64_t	seed;
	int			balanced;		/* class weights n / (k n_c) */
} StModelOptions;

extern void st_model_default_options(StModelOptions *o);

/*
 * Features of one pair.  sparse must hold ST_MODEL_MAX_SPARSE entries, dense
 * ST_MODEL_NDENSE.  Returns the number of sparse features (distinct, in a
 * deterministic order).  Long statements are read only in part (the first
 * words and bytes), so the cost is bounded.
 */
extern int	st_model_extract(const char *stmt, size_t slen,
							 const char *target, size_t tlen,
							 unsigned features,
							 uint32_t *sparse, float *dense);

/* one training row */
typedef struct StTrainRow
{
	uint64_t	hash;			/* of the row's content, for the order */
	const uint32_t *sparse;
	const float *dense;
	int32_t		nsparse;
	int32_t		label;			/* class, 0 .. nclasses-1 */
} StTrainRow;

/*
 * Train a model: weights must hold nclasses * st_model_row_width(bits)
 * floats (feature-major: weight of feature j for class c at j * nclasses + c,
 * the dense features first) and is overwritten.  Rows are put in a canonical order (by hash,
 * then content) first, so the result depends only on the multiset of rows,
 * the options and the seed.  class_weight may be NULL (all 1).  interrupt
 * (may be NULL) is called every few hundred rows and may longjmp.
 * Returns ST_OK or ST_ERR_NOMEM.
 */
extern StStatus st_model_train(StArena *arena, StTrainRow *rows, size_t nrows,
							   int nclasses, const StModelOptions *opt,
							   const double *class_weight,
							   void (*interrupt) (void *), void *ictx,
							   float *weights);

static inline size_t
st_model_row_width(int bits)
{
	return (size_t) ST_MODEL_NDENSE + ((size_t) 1 << bits);
}

/* class probabilities (softmax) of one row's features */
extern void st_model_probs(const float *weights, int nclasses, int bits,
						   const uint32_t *sparse, int nsparse,
						   const float *dense, double *probs);

/* ---------- the binary layout of a model ---------- */

#define ST_MODEL_MAGIC "STNM"
#define ST_MODEL_VERSION 1
#define ST_MODEL_HEADER 64

/* flags */
#define ST_MODEL_STANCE_LABELS 0x01 /* labels mapped to favor/against/neutral */
#define ST_MODEL_BALANCED 0x02
#define ST_MODEL_CLASS_WEIGHTS 0x04 /* custom class weights */

typedef struct StModelClass
{
	int			stance;			/* ST_STANCE_* of stance.h, -1 if none */
	uint32_t	count;			/* training rows */
	char		label[ST_MODEL_MAX_LABEL + 1];
} StModelClass;

/* a parsed model: points into the layout's bytes */
typedef struct StModel
{
	int			version;
	int			nclasses;
	int			bits;
	unsigned	features;
	unsigned	flags;
	int			epochs;
	uint32_t	ntrain;
	double		l2;
	double		learning_rate;
	uint64_t	seed;
	uint32_t	checksum;
	size_t		size;
	StModelClass classes[ST_MODEL_MAX_CLASSES];
	const float *weights;		/* nclasses * st_model_row_width(bits) */
} StModel;

/* bytes of a layout for these classes and bits (labels included) */
extern size_t st_model_layout_size(int nclasses, int bits,
								   const StModelClass *classes);

/*
 * Write the layout into buf (st_model_layout_size bytes, 4-byte aligned);
 * m's fields except weights/checksum/size/version describe it, weights are
 * copied from weights.  Returns the size.
 */
extern size_t st_model_write(void *buf, const StModel *m, const float *weights);

/*
 * Parse and validate a layout of len bytes (4-byte aligned): magic,
 * version, sizes, labels, checksum, finite weights.  Returns NULL on
 * success, else a message saying what is wrong.
 */
extern const char *st_model_parse(const void *buf, size_t len, StModel *m);

/* checksum of the layout's bytes after the header's checksum field */
extern uint32_t st_model_checksum(const void *buf, size_t len);

/*
 * The stance a label names: ST_STANCE_FAVOR for favor, favour, for, agree,
 * agrees, support, supports, pro; ST_STANCE_AGAINST for against, disagree,
 * disagrees, deny, denies, oppose, opposes, con, refute; ST_STANCE_NEUTRAL
 * for neutral, none, observing, discuss, discusses, neither; -1 otherwise.
 * Case-insensitive, surrounding blanks ignored.
 */
extern int	st_model_stance_synonym(const char *label, size_t len);

/* 64-bit FNV-1a, for row hashes */
extern uint64_t st_model_hash64(uint64_t h, const void *p, size_t n);
#define ST_MODEL_HASH64_INIT UINT64_C(0xcbf29ce484222325)

#endif
