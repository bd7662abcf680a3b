/*
 * stance_model.c
 *	  SQL glue of trained stance models (src/core/model.c):
 *
 *	stance_model				a trained classifier: varlena holding the
 *								binary layout of model.h; text form
 *								'stance_model:v1:' || base64(layout)
 *	stance_model_info(m)		jsonb: labels, feature space, rows, options
 *	stance_train(statement, target, label [, options jsonb])
 *								aggregate, parallel (serialise / deserialise
 *								/ combine)
 *	classify_stance(m, statement, target)	stance
 *	stance_predict(m, statement, target)	text, one of the model's labels
 *
 * Text arguments are converted to UTF-8 (the engine's encoding); labels are
 * kept in UTF-8 inside the model and converted back on output.
 */
#include "postgres.h"

#include <math.h>

#include "access/detoast.h"
#include "common/base64.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#include "model.h"
#include "stance.h"
#include "stance_pg.h"

#define MODEL_TEXT_PREFIX "stance_model:v1:"

PG_FUNCTION_INFO_V1(stance_model_in);
PG_FUNCTION_INFO_V1(stance_model_out);
PG_FUNCTION_INFO_V1(stance_model_recv);
PG_FUNCTION_INFO_V1(stance_model_send);
PG_FUNCTION_INFO_V1(stance_model_info);
PG_FUNCTION_INFO_V1(stance_train_trans);
PG_FUNCTION_INFO_V1(stance_train_final);
PG_FUNCTION_INFO_V1(stance_train_serial);
PG_FUNCTION_INFO_V1(stance_train_deserial);
PG_FUNCTION_INFO_V1(stance_train_combine);
PG_FUNCTION_INFO_V1(stance_model_classify);
PG_FUNCTION_INFO_V1(stance_model_predict);

/* ---------- helpers ---------- */

/* UTF-8 to the database encoding, NUL-terminated */
static char *
to_server(const char *s)
{
	size_t		n = strlen(s);

	if (GetDatabaseEncoding() == PG_SQL_ASCII)
		return pstrdup(s);
	return pg_any_to_server(s, (int) n, PG_UTF8);
}

/*
 * Validate a layout (data of a varlena) for the input functions; labels
 * must be valid UTF-8.  Returns NULL or a message.
 */
static const char *
check_layout(const char *data, size_t len, StModel *m)
{
	const char *err = st_model_parse(data, len, m);
	int			c;

	if (err)
		return err;
	for (c = 0; c < m->nclasses; c++)
		if (!pg_verify_mbstr(PG_UTF8, m->classes[c].label,
							 (int) strlen(m->classes[c].label), true))
			return "a label is not valid UTF-8";
	return NULL;
}

/* a varlena with the layout's bytes at a 4-byte aligned address */
static bytea *
make_model_varlena(size_t len)
{
	bytea	   *v;

	if (len > ST_MODEL_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("stance model of %zu bytes exceeds the limit of %d bytes",
						len, ST_MODEL_MAX_BYTES)));
	v = (bytea *) palloc(VARHDRSZ + len);
	SET_VARSIZE(v, VARHDRSZ + len);
	return v;
}

/* ---------- input / output ---------- */

Datum
stance_model_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	size_t		plen = strlen(MODEL_TEXT_PREFIX);
	size_t		slen = strlen(str);
	int			maxlen;
	int			n;
	bytea	   *v;
	StModel		m;
	const char *err;
	char	   *buf;
	char	   *b64;
	size_t		i,
				k;

	if (slen < plen || strncmp(str, MODEL_TEXT_PREFIX, plen) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type stance_model"),
				 errdetail("A stance model's text form starts with \"%s\".",
						   MODEL_TEXT_PREFIX)));
	if (slen - plen > (size_t) (ST_MODEL_MAX_BYTES / 3 + 1) * 8)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type stance_model"),
				 errdetail("The text is longer than the text form of a model can be.")));
	/* white space (as encode(..., 'base64') puts in) is ignored */
	b64 = palloc(slen - plen + 1);
	for (i = plen, k = 0; i < slen; i++)
		if (!isspace((unsigned char) str[i]))
			b64[k++] = str[i];
	maxlen = pg_b64_dec_len((int) k);
	buf = palloc(maxlen + 8);
	n = pg_b64_decode(b64, (int) k, buf, maxlen);
	pfree(b64);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type stance_model"),
				 errdetail("The data after the prefix is not valid base64.")));
	v = make_model_varlena((size_t) n);
	memcpy(VARDATA(v), buf, n);
	pfree(buf);
	err = check_layout(VARDATA(v), (size_t) n, &m);
	if (err)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type stance_model"),
				 errdetail("%s", err)));
	PG_RETURN_BYTEA_P(v);
}

Datum
stance_model_out(PG_FUNCTION_ARGS)
{
	bytea	   *v = PG_GETARG_BYTEA_P(0);
	int			n = VARSIZE(v) - VARHDRSZ;
	size_t		plen = strlen(MODEL_TEXT_PREFIX);
	int			elen = pg_b64_enc_len(n);
	char	   *out = palloc(plen + elen + 1);
	int			k;

	memcpy(out, MODEL_TEXT_PREFIX, plen);
	k = pg_b64_encode(VARDATA(v), n, out + plen, elen);
	if (k < 0)
		elog(ERROR, "could not encode a stance model");
	out[plen + k] = '\0';
	PG_RETURN_CSTRING(out);
}

Datum
stance_model_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			n = buf->len - buf->cursor;
	bytea	   *v;
	StModel		m;
	const char *err;

	if (n < 0 || (size_t) n > ST_MODEL_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type stance_model"),
				 errdetail("%d bytes is not a possible model size.", n)));
	v = make_model_varlena((size_t) n);
	pq_copymsgbytes(buf, VARDATA(v), n);
	err = check_layout(VARDATA(v), (size_t) n, &m);
	if (err)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type stance_model"),
				 errdetail("%s", err)));
	PG_RETURN_BYTEA_P(v);
}

Datum
stance_model_send(PG_FUNCTION_ARGS)
{
	bytea	   *v = PG_GETARG_BYTEA_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA(v), VARSIZE(v) - VARHDRSZ);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------- stance_model_info ---------- */

static const char *const feature_names[] = {"words", "chars", "target", "overlap", "lexicon"};

Datum
stance_model_info(PG_FUNCTION_ARGS)
{
	bytea	   *v = PG_GETARG_BYTEA_P(0);
	StModel		m;
	const char *err = st_model_parse(VARDATA(v), VARSIZE(v) - VARHDRSZ, &m);
	StringInfoData b;
	int			c,
				i,
				k;

	if (err)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt stance model: %s", err)));
	initStringInfo(&b);
	appendStringInfo(&b, "{\"version\": %d, \"label_kind\": \"%s\", \"labels\": [",
					 m.version, (m.flags & ST_MODEL_STANCE_LABELS) ? "stance" : "custom");
	for (c = 0; c < m.nclasses; c++)
	{
		if (c)
			appendStringInfoString(&b, ", ");
		escape_json(&b, to_server(m.classes[c].label));
	}
	appendStringInfoString(&b, "], \"classes\": [");
	for (c = 0; c < m.nclasses; c++)
	{
		appendStringInfoString(&b, c ? ", {\"label\": " : "{\"label\": ");
		escape_json(&b, to_server(m.classes[c].label));
		appendStringInfo(&b, ", \"stance\": %s%s%s, \"rows\": %u}",
						 m.classes[c].stance < 0 ? "" : "\"",
						 m.classes[c].stance < 0 ? "null" : st_stance_label_name(m.classes[c].stance),
						 m.classes[c].stance < 0 ? "" : "\"",
						 m.classes[c].count);
	}
	appendStringInfo(&b, "], \"training_rows\": %u, \"hash_bits\": %d, "
					 "\"hashed_features\": %d, \"dense_features\": %d, \"features\": [",
					 m.ntrain, m.bits, 1 << m.bits, ST_MODEL_NDENSE);
	for (i = 0, k = 0; i < 5; i++)
		if (m.features & (1u << i))
			appendStringInfo(&b, "%s\"%s\"", k++ ? ", " : "", feature_names[i]);
	appendStringInfo(&b, "], \"options\": {\"epochs\": %d, \"l2\": %.17g, "
					 "\"learning_rate\": %.17g, \"seed\": " UINT64_FORMAT ", "
					 "\"class_weight\": \"%s\"}, \"size_bytes\": %zu, "
					 "\"checksum\": \"%08x\"}",
					 m.epochs, m.l2, m.learning_rate, m.seed,
					 (m.flags & ST_MODEL_BALANCED) ? "balanced" :
					 (m.flags & ST_MODEL_CLASS_WEIGHTS) ? "custom" : "none",
					 m.size, m.checksum);
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(b.data)));
}

/* ---------- options ---------- */


static void
bad_option(const char *msg, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid stance_train option: %s", msg),
			 detail ? errdetail("%s", detail) : 0));
}

static double
num_value(JsonbValue *v, const char *key)
{
	double		d;

	if (v->type != jbvNumeric)
		bad_option(key, "The value must be a number.");
	d = DatumGetFloat8(DirectFunctionCall1(numeric_float8, NumericGetDatum(v->val.numeric)));
	if (isnan(d) || isinf(d))
		bad_option(key, "The value must be a finite number.");
	return d;
}

static int
int_value(JsonbValue *v, const char *key, int lo, int hi)
{
	double		d = num_value(v, key);

	if (d != floor(d) || d < lo || d > hi)
	{
		char	   *det = psprintf("The value must be an integer from %d to %d.", lo, hi);

		bad_option(key, det);
	}
	return (int) d;
}

/*
 * Parse options (a jsonb object, may be NULL) into o.  Class weights given as
 * an object are checked here (positive numbers) and applied at the end of
 * training, when the labels are known.
 */
static void
parse_options(Jsonb *js, StModelOptions *o)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *key = NULL;

	st_model_default_options(o);
	if (js == NULL)
		return;
	if (!JB_ROOT_IS_OBJECT(js))
		bad_option("options must be a JSON object", NULL);
	it = JsonbIteratorInit(&js->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			key = pnstrdup(v.val.string.val, v.val.string.len);
			continue;
		}
		if (tok != WJB_VALUE)
			continue;
		if (strcmp(key, "epochs") == 0)
			o->epochs = int_value(&v, key, 1, 200);
		else if (strcmp(key, "l2") == 0)
		{
			o->l2 = num_value(&v, key);
			if (o->l2 < 0 || o->l2 > 1)
				bad_option(key, "The value must be from 0 to 1.");
		}
		else if (strcmp(key, "learning_rate") == 0)
		{
			o->learning_rate = num_value(&v, key);
			if (!(o->learning_rate > 0) || o->learning_rate > 10)
				bad_option(key, "The value must be greater than 0 and at most 10.");
		}
		else if (strcmp(key, "bits") == 0)
			o->bits = int_value(&v, key, ST_MODEL_MIN_BITS, ST_MODEL_MAX_BITS);
		else if (strcmp(key, "seed") == 0)
		{
			double		d = num_value(&v, key);

			if (d != floor(d) || d < 0 || d > 9007199254740992.0)
				bad_option(key, "The value must be an integer from 0 to 2^53.");
			o->seed = (uint64) d;
		}
		else if (strcmp(key, "features") == 0)
		{
			JsonbIterator *ai;
			JsonbValue	e;
			JsonbIteratorToken at;

			if (v.type != jbvBinary || !JsonContainerIsArray(v.val.binary.data))
				bad_option(key, "The value must be an array of feature set names: words, chars, target, overlap, lexicon.");
			o->features = 0;
			ai = JsonbIteratorInit(v.val.binary.data);
			while ((at = JsonbIteratorNext(&ai, &e, true)) != WJB_DONE)
			{
				int			i;

				if (at != WJB_ELEM)
					continue;
				if (e.type != jbvString)
					bad_option(key, "Feature set names are strings.");
				for (i = 0; i < 5; i++)
					if (strlen(feature_names[i]) == (size_t) e.val.string.len &&
						memcmp(feature_names[i], e.val.string.val, e.val.string.len) == 0)
						break;
				if (i == 5)
					bad_option(key, psprintf("Unknown feature set \"%s\"; known: words, chars, target, overlap, lexicon.",
											 pnstrdup(e.val.string.val, e.val.string.len)));
				o->features |= 1u << i;
			}
			if (o->features == 0)
				bad_option(key, "At least one feature set is needed.");
		}
		else if (strcmp(key, "class_weight") == 0)
		{
			if (v.type == jbvString && v.val.string.len == 8 &&
				memcmp(v.val.string.val, "balanced", 8) == 0)
				o->balanced = 1;
			else if (v.type == jbvString && v.val.string.len == 4 &&
					 memcmp(v.val.string.val, "none", 4) == 0)
				o->balanced = 0;
			else if (v.type == jbvBinary && JsonContainerIsObject(v.val.binary.data))
			{
				JsonbIterator *ci = JsonbIteratorInit(v.val.binary.data);
				JsonbValue	e;
				JsonbIteratorToken ct;

				while ((ct = JsonbIteratorNext(&ci, &e, true)) != WJB_DONE)
					if (ct == WJB_VALUE)
					{
						double		w = num_value(&e, "class_weight");

						if (!(w > 0) || w > 1000)
							bad_option("class_weight", "Class weights must be greater than 0 and at most 1000.");
					}
				o->balanced = 2;	/* custom, applied at the end */
			}
			else
				bad_option(key, "The value must be \"balanced\", \"none\" or an object of label: weight.");
		}
		else
			bad_option(psprintf("unknown option \"%s\"", key),
					   "Known options: epochs, l2, learning_rate, bits, seed, features, class_weight.");
	}
}

/* ---------- the aggregate's state ---------- */

typedef struct TrainRow
{
	uint64		hash;
	uint32	   *sparse;
	float		dense[ST_MODEL_NDENSE];
	int32		nsparse;
	int32		label;			/* index into the state's labels */
} TrainRow;

#define MAX_STATE_LABELS ST_MODEL_MAX_CLASSES

typedef struct TrainState
{
	MemoryContext cxt;			/* the aggregate context */
	Jsonb	   *options;		/* copy of the first row's options, or NULL */
	bool		have_options;	/* seen a row (options fixed) */
	StModelOptions opt;
	int			nlabels;
	char	   *labels[MAX_STATE_LABELS];	/* UTF-8 */
	TrainRow   *rows;
	int64		nrows;
	int64		cap;
	char	   *chunk;			/* bump allocator for sparse features */
	size_t		chunk_left;
} TrainState;

static TrainState *
state_new(MemoryContext cxt)
{
	TrainState *s = MemoryContextAllocZero(cxt, sizeof(TrainState));

	s->cxt = cxt;
	st_model_default_options(&s->opt);
	return s;
}

static void *
state_alloc(TrainState *s, size_t n)
{
	void	   *p;

	n = MAXALIGN(n);
	if (n > s->chunk_left)
	{
		size_t		sz = Max(n, (size_t) 1024 * 1024);

		s->chunk = MemoryContextAlloc(s->cxt, sz);
		s->chunk_left = sz;
	}
	p = s->chunk;
	s->chunk += n;
	s->chunk_left -= n;
	return p;
}

static int
state_label(TrainState *s, const char *label, size_t len)
{
	int			i;

	if (len < 1 || len > ST_MODEL_MAX_LABEL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("stance_train: a label must have 1 to %d bytes", ST_MODEL_MAX_LABEL)));
	if (memchr(label, 0, len) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("stance_train: a label must not contain a zero byte")));
	for (i = 0; i < s->nlabels; i++)
		if (strlen(s->labels[i]) == len && memcmp(s->labels[i], label, len) == 0)
			return i;
	if (s->nlabels >= MAX_STATE_LABELS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("stance_train: more than %d distinct labels", ST_MODEL_MAX_CLASSES)));
	s->labels[s->nlabels] = MemoryContextStrdup(s->cxt, pnstrdup(label, len));
	return s->nlabels++;
}

static TrainRow *
state_add_row(TrainState *s)
{
	if (s->nrows >= s->cap)
	{
		int64		ncap = s->cap ? s->cap * 2 : 256;

		if (s->rows == NULL)
			s->rows = MemoryContextAllocHuge(s->cxt, sizeof(TrainRow) * ncap);
		else
			s->rows = repalloc_huge(s->rows, sizeof(TrainRow) * ncap);
		s->cap = ncap;
	}
	return &s->rows[s->nrows++];
}

static bool
jsonb_same(Jsonb *a, Jsonb *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

/* the options of a row: every row must have the same */
static void
state_options(TrainState *s, Jsonb *js)
{
	if (!s->have_options)
	{
		parse_options(js, &s->opt);
		if (js)
		{
			s->options = MemoryContextAlloc(s->cxt, VARSIZE(js));
			memcpy(s->options, js, VARSIZE(js));
		}
		s->have_options = true;
	}
	else if (!jsonb_same(s->options, js))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("stance_train: the options must be the same for every row")));
}

static MemoryContext
agg_context(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext cxt;

	if (!AggCheckCallContext(fcinfo, &cxt))
		elog(ERROR, "%s called in non-aggregate context", fn);
	return cxt;
}

Datum
stance_train_trans(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo, "stance_train_trans");
	TrainState *s = PG_ARGISNULL(0) ? NULL : (TrainState *) PG_GETARG_POINTER(0);
	Jsonb	   *js = NULL;
	const char *stmt,
			   *target,
			   *label;
	size_t		slen,
				tlen,
				llen;
	uint32		sparse[ST_MODEL_MAX_SPARSE];
	TrainRow   *r;
	int			n,
				k;
	uint64		h;

	if (s == NULL)
		s = state_new(cxt);
	if (PG_NARGS() > 4 && !PG_ARGISNULL(4))
		js = PG_GETARG_JSONB_P(4);
	state_options(s, js);
	/* rows with a NULL statement, target or label are not training data */
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_POINTER(s);

	stmt = stance_arg_utf8(PG_GETARG_TEXT_PP(1), &slen);
	target = stance_arg_utf8(PG_GETARG_TEXT_PP(2), &tlen);
	label = stance_arg_utf8(PG_GETARG_TEXT_PP(3), &llen);

	k = state_label(s, label, llen);
	r = state_add_row(s);
	r->label = k;
	n = st_model_extract(stmt, slen, target, tlen, s->opt.features, sparse, r->dense);
	r->nsparse = n;
	r->sparse = state_alloc(s, sizeof(uint32) * (n > 0 ? n : 1));
	memcpy(r->sparse, sparse, sizeof(uint32) * n);
	/* the row's content decides its place in the training order */
	h = st_model_hash64(ST_MODEL_HASH64_INIT, stmt, slen);
	h = st_model_hash64(h, "", 1);
	h = st_model_hash64(h, target, tlen);
	h = st_model_hash64(h, "", 1);
	h = st_model_hash64(h, label, llen);
	r->hash = h;
	PG_RETURN_POINTER(s);
}

/* ---------- serialise / deserialise / combine ---------- */

#define STATE_MAGIC 0x53545453	/* "STTS" */

static void
put(StringInfo b, const void *p, size_t n)
{
	appendBinaryStringInfo(b, (const char *) p, (int) n);
}

Datum
stance_train_serial(PG_FUNCTION_ARGS)
{
	TrainState *s = (TrainState *) PG_GETARG_POINTER(0);
	StringInfoData b;
	uint32		u;
	int64		i;
	int			l;
	bytea	   *out;

	initStringInfo(&b);
	/* room for the varlena header, filled in at the end */
	appendStringInfoSpaces(&b, VARHDRSZ);
	u = STATE_MAGIC;
	put(&b, &u, 4);
	u = s->have_options ? 1 : 0;
	put(&b, &u, 4);
	u = s->options ? VARSIZE(s->options) : 0;
	put(&b, &u, 4);
	if (s->options)
		put(&b, s->options, VARSIZE(s->options));
	u = (uint32) s->nlabels;
	put(&b, &u, 4);
	for (l = 0; l < s->nlabels; l++)
	{
		u = (uint32) strlen(s->labels[l]);
		put(&b, &u, 4);
		put(&b, s->labels[l], u);
	}
	put(&b, &s->nrows, sizeof(int64));
	for (i = 0; i < s->nrows; i++)
	{
		TrainRow   *r = &s->rows[i];

		put(&b, &r->hash, 8);
		put(&b, &r->label, 4);
		put(&b, &r->nsparse, 4);
		put(&b, r->dense, sizeof(r->dense));
		put(&b, r->sparse, sizeof(uint32) * r->nsparse);
	}
	out = (bytea *) b.data;
	SET_VARSIZE(out, b.len);
	PG_RETURN_BYTEA_P(out);
}

typedef struct Reader
{
	const char *p;
	const char *end;
} Reader;

static void
rd(Reader *r, void *dst, size_t n)
{
	if ((size_t) (r->end - r->p) < n)
		elog(ERROR, "stance_train: truncated partial aggregate state");
	memcpy(dst, r->p, n);
	r->p += n;
}

Datum
stance_train_deserial(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo, "stance_train_deserial");
	bytea	   *in = PG_GETARG_BYTEA_P(0);
	Reader		r = {VARDATA(in), VARDATA(in) + VARSIZE(in) - VARHDRSZ};
	TrainState *s = state_new(cxt);
	uint32		u,
				nl;
	int64		n,
				i;
	char		lab[ST_MODEL_MAX_LABEL + 1];

	rd(&r, &u, 4);
	if (u != STATE_MAGIC)
		elog(ERROR, "stance_train: bad partial aggregate state");
	rd(&r, &u, 4);
	s->have_options = u != 0;
	rd(&r, &u, 4);
	if (u > 0)
	{
		if (u < VARHDRSZ || u > (uint32) (r.end - r.p))
			elog(ERROR, "stance_train: bad partial aggregate state");
		s->options = MemoryContextAlloc(cxt, u);
		rd(&r, s->options, u);
	}
	if (s->have_options)
		parse_options(s->options, &s->opt);
	rd(&r, &nl, 4);
	if (nl > MAX_STATE_LABELS)
		elog(ERROR, "stance_train: bad partial aggregate state");
	for (i = 0; i < nl; i++)
	{
		rd(&r, &u, 4);
		if (u < 1 || u > ST_MODEL_MAX_LABEL)
			elog(ERROR, "stance_train: bad partial aggregate state");
		rd(&r, lab, u);
		lab[u] = '\0';
		s->labels[i] = MemoryContextStrdup(cxt, lab);
	}
	s->nlabels = (int) nl;
	rd(&r, &n, sizeof(int64));
	if (n < 0)
		elog(ERROR, "stance_train: bad partial aggregate state");
	for (i = 0; i < n; i++)
	{
		TrainRow   *t = state_add_row(s);

		rd(&r, &t->hash, 8);
		rd(&r, &t->label, 4);
		rd(&r, &t->nsparse, 4);
		if (t->label < 0 || t->label >= s->nlabels ||
			t->nsparse < 0 || t->nsparse > ST_MODEL_MAX_SPARSE)
			elog(ERROR, "stance_train: bad partial aggregate state");
		rd(&r, t->dense, sizeof(t->dense));
		t->sparse = state_alloc(s, sizeof(uint32) * (t->nsparse > 0 ? t->nsparse : 1));
		rd(&r, t->sparse, sizeof(uint32) * t->nsparse);
	}
	if (r.p != r.end)
		elog(ERROR, "stance_train: trailing bytes in partial aggregate state");
	PG_RETURN_POINTER(s);
}

Datum
stance_train_combine(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = agg_context(fcinfo, "stance_train_combine");
	TrainState *a = PG_ARGISNULL(0) ? NULL : (TrainState *) PG_GETARG_POINTER(0);
	TrainState *b = PG_ARGISNULL(1) ? NULL : (TrainState *) PG_GETARG_POINTER(1);
	int			map[MAX_STATE_LABELS];
	int64		i;
	int			l;

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
	{
		/* b lives in the aggregate context (transition or deserialise) */
		if (b->cxt == cxt)
			PG_RETURN_POINTER(b);
		a = state_new(cxt);
	}
	if (!a->have_options)
	{
		a->have_options = b->have_options;
		a->opt = b->opt;
		if (b->options)
		{
			a->options = MemoryContextAlloc(cxt, VARSIZE(b->options));
			memcpy(a->options, b->options, VARSIZE(b->options));
		}
	}
	else if (b->have_options && !jsonb_same(a->options, b->options))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("stance_train: the options must be the same for every row")));
	for (l = 0; l < b->nlabels; l++)
		map[l] = state_label(a, b->labels[l], strlen(b->labels[l]));
	for (i = 0; i < b->nrows; i++)
	{
		TrainRow   *src = &b->rows[i];
		TrainRow   *dst = state_add_row(a);

		*dst = *src;
		dst->label = map[src->label];
		dst->sparse = state_alloc(a, sizeof(uint32) * (src->nsparse > 0 ? src->nsparse : 1));
		memcpy(dst->sparse, src->sparse, sizeof(uint32) * src->nsparse);
	}
	PG_RETURN_POINTER(a);
}

/* ---------- training ---------- */

static void *
arena_palloc(void *ctx, size_t n)
{
	return palloc_extended(n, MCXT_ALLOC_HUGE);
}

static void
arena_pfree(void *ctx, void *p)
{
	pfree(p);
}

static void
interrupt_cb(void *ctx)
{
	CHECK_FOR_INTERRUPTS();
}

static int	sort_labels[MAX_STATE_LABELS];
static char **sort_names;

static int
label_cmp(const void *a, const void *b)
{
	return strcmp(sort_names[*(const int *) a], sort_names[*(const int *) b]);
}

Datum
stance_train_final(PG_FUNCTION_ARGS)
{
	TrainState *s = PG_ARGISNULL(0) ? NULL : (TrainState *) PG_GETARG_POINTER(0);
	StModel		m;
	int			map[MAX_STATE_LABELS];
	double		cw[ST_MODEL_MAX_CLASSES];
	bool		stance_mode = true;
	StTrainRow *rows;
	StArena    *arena;
	float	   *weights;
	size_t		size;
	bytea	   *v;
	int64		i;
	int			l,
				c,
				k = 0;

	if (s == NULL || s->nrows == 0)
		PG_RETURN_NULL();

	memset(&m, 0, sizeof(m));
	for (l = 0; l < s->nlabels; l++)
		if (st_model_stance_synonym(s->labels[l], strlen(s->labels[l])) < 0)
			stance_mode = false;
	if (stance_mode)
	{
		/* every label names a stance: classes against, neutral, favor */
		int			cls[3] = {-1, -1, -1};

		for (l = 0; l < s->nlabels; l++)
			cls[st_model_stance_synonym(s->labels[l], strlen(s->labels[l]))] = 0;
		for (c = 0; c < 3; c++)
			if (cls[c] == 0)
			{
				cls[c] = k;
				m.classes[k].stance = c;
				strlcpy(m.classes[k].label, st_stance_label_name(c), sizeof(m.classes[k].label));
				k++;
			}
		for (l = 0; l < s->nlabels; l++)
			map[l] = cls[st_model_stance_synonym(s->labels[l], strlen(s->labels[l]))];
		m.flags |= ST_MODEL_STANCE_LABELS;
	}
	else
	{
		/* the user's labels, in byte order */
		for (l = 0; l < s->nlabels; l++)
			sort_labels[l] = l;
		sort_names = s->labels;
		qsort(sort_labels, s->nlabels, sizeof(int), label_cmp);
		for (c = 0; c < s->nlabels; c++)
		{
			l = sort_labels[c];
			map[l] = c;
			m.classes[c].stance = st_model_stance_synonym(s->labels[l], strlen(s->labels[l]));
			strlcpy(m.classes[c].label, s->labels[l], sizeof(m.classes[c].label));
		}
		k = s->nlabels;
	}
	m.nclasses = k;
	for (i = 0; i < s->nrows; i++)
		m.classes[map[s->rows[i].label]].count++;

	/* hash bits: as asked, or the most (up to 18) that fit the size limit */
	if (s->opt.bits)
	{
		m.bits = s->opt.bits;
		size = st_model_layout_size(k, m.bits, m.classes);
		if (size > ST_MODEL_MAX_BYTES)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("stance model of %zu bytes exceeds the limit of %d bytes",
							size, ST_MODEL_MAX_BYTES),
					 errhint("Use fewer hash bits (option \"bits\") or fewer labels.")));
	}
	else
	{
		m.bits = 18;
		while (st_model_layout_size(k, m.bits, m.classes) > ST_MODEL_MAX_BYTES)
			m.bits--;
		size = st_model_layout_size(k, m.bits, m.classes);
	}

	/* class weights */
	for (c = 0; c < k; c++)
		cw[c] = 1.0;
	if (s->opt.balanced == 1)
	{
		m.flags |= ST_MODEL_BALANCED;
		for (c = 0; c < k; c++)
			cw[c] = (double) s->nrows / ((double) k * m.classes[c].count);
	}
	else if (s->opt.balanced == 2)
	{
		JsonbValue *v = getKeyJsonValueFromContainer(&s->options->root, "class_weight", 12, NULL);
		JsonbIterator *it = JsonbIteratorInit(v->val.binary.data);
		JsonbValue	e;
		JsonbIteratorToken tok;
		int			cur = -1;

		m.flags |= ST_MODEL_CLASS_WEIGHTS;
		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
		{
			if (tok == WJB_KEY)
			{
				char	   *key = pnstrdup(e.val.string.val, e.val.string.len);
				size_t		klen;
				const char *ukey = stance_arg_utf8(cstring_to_text(key), &klen);
				int			syn = st_model_stance_synonym(ukey, klen);

				cur = -1;
				for (c = 0; c < k; c++)
					if (strlen(m.classes[c].label) == klen &&
						memcmp(m.classes[c].label, ukey, klen) == 0)
						cur = c;
				if (cur < 0 && stance_mode && syn >= 0)
					for (c = 0; c < k; c++)
						if (m.classes[c].stance == syn)
							cur = c;
				if (cur < 0)
					bad_option("class_weight",
							   psprintf("\"%s\" is not one of the labels trained on.", key));
			}
			else if (tok == WJB_VALUE)
				cw[cur] = num_value(&e, "class_weight");
		}
	}

	rows = palloc_extended(sizeof(StTrainRow) * s->nrows, MCXT_ALLOC_HUGE);
	for (i = 0; i < s->nrows; i++)
	{
		rows[i].hash = s->rows[i].hash;
		rows[i].sparse = s->rows[i].sparse;
		rows[i].dense = s->rows[i].dense;
		rows[i].nsparse = s->rows[i].nsparse;
		rows[i].label = map[s->rows[i].label];
	}
	weights = palloc_extended(sizeof(float) * (size_t) k * st_model_row_width(m.bits),
							  MCXT_ALLOC_HUGE);
	arena = st_arena_create(arena_palloc, arena_pfree, NULL);
	{
		StModelOptions o = s->opt;

		o.bits = m.bits;
		if (st_model_train(arena, rows, (size_t) s->nrows, k, &o, cw,
						   interrupt_cb, NULL, weights) != ST_OK)
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory while training a stance model")));
	}
	st_arena_destroy(arena);
	for (i = 0; i < (int64) k * (int64) st_model_row_width(m.bits); i++)
		if (isnan(weights[i]) || isinf(weights[i]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("stance_train: training diverged (a weight is not finite)"),
					 errhint("Use a smaller \"learning_rate\".")));

	m.features = s->opt.features;
	m.epochs = s->opt.epochs;
	m.ntrain = (uint32) Min(s->nrows, (int64) PG_UINT32_MAX);
	m.l2 = s->opt.l2;
	m.learning_rate = s->opt.learning_rate;
	m.seed = s->opt.seed;
	v = make_model_varlena(size);
	st_model_write(VARDATA(v), &m, weights);
	pfree(weights);
	pfree(rows);
	PG_RETURN_BYTEA_P(v);
}

/* ---------- prediction ---------- */

typedef struct ModelCache
{
	bool		valid;
	bool		ondisk;
	varatt_external ext;		/* the toast pointer, when ondisk */
	char		head[ST_MODEL_HEADER];	/* else the header (with checksum) */
	uint32		size;
	bytea	   *copy;			/* in fn_mcxt */
	StModel		m;
} ModelCache;

/*
 * The model argument, parsed and validated once per query for each distinct
 * value: a model read from a table is detoasted once, not once per row.
 */
static const StModel *
get_model(FunctionCallInfo fcinfo)
{
	struct varlena *raw = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(0));
	ModelCache *c = (ModelCache *) fcinfo->flinfo->fn_extra;
	MemoryContext old;
	bytea	   *v;
	const char *err;

	if (c == NULL)
	{
		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ModelCache));
		fcinfo->flinfo->fn_extra = c;
	}
	if (VARATT_IS_EXTERNAL_ONDISK(raw))
	{
		varatt_external ext;

		VARATT_EXTERNAL_GET_POINTER(ext, raw);
		if (c->valid && c->ondisk && memcmp(&ext, &c->ext, sizeof(ext)) == 0)
			return &c->m;
		c->valid = false;
		if (c->copy)
			pfree(c->copy);
		c->copy = NULL;
		old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		c->copy = (bytea *) detoast_attr(raw);
		MemoryContextSwitchTo(old);
		c->ondisk = true;
		c->ext = ext;
	}
	else
	{
		uint32		size;

		v = (bytea *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
		size = VARSIZE(v) - VARHDRSZ;
		if (c->valid && !c->ondisk && c->size == size && size >= ST_MODEL_HEADER &&
			memcmp(c->head, VARDATA(v), ST_MODEL_HEADER) == 0)
			return &c->m;
		c->valid = false;
		if (c->copy)
			pfree(c->copy);
		c->copy = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, VARSIZE(v));
		memcpy(c->copy, v, VARSIZE(v));
		c->ondisk = false;
	}
	c->size = VARSIZE(c->copy) - VARHDRSZ;
	err = st_model_parse(VARDATA(c->copy), c->size, &c->m);
	if (err)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("corrupt stance model: %s", err)));
	memcpy(c->head, VARDATA(c->copy), ST_MODEL_HEADER);
	c->valid = true;
	return &c->m;
}

static int
predict(FunctionCallInfo fcinfo, const StModel **mp, double *probs)
{
	const StModel *m = get_model(fcinfo);
	size_t		slen,
				tlen;
	const char *stmt = stance_arg_utf8(PG_GETARG_TEXT_PP(1), &slen);
	const char *target = stance_arg_utf8(PG_GETARG_TEXT_PP(2), &tlen);
	uint32		sparse[ST_MODEL_MAX_SPARSE];
	float		dense[ST_MODEL_NDENSE];
	int			n = st_model_extract(stmt, slen, target, tlen, m->features, sparse, dense);
	int			c,
				best = 0;

	st_model_probs(m->weights, m->nclasses, m->bits, sparse, n, dense, probs);
	for (c = 1; c < m->nclasses; c++)
		if (probs[c] > probs[best])
			best = c;
	*mp = m;
	return best;
}

Datum
stance_model_classify(PG_FUNCTION_ARGS)
{
	const StModel *m;
	double		probs[ST_MODEL_MAX_CLASSES];
	int			best = predict(fcinfo, &m, probs);
	double		by[3] = {0, 0, 0};
	int			c,
				st;

	if (m->flags & ST_MODEL_STANCE_LABELS)
		return stance_datum(m->classes[best].stance, probs[best]);
	/* custom labels: the probabilities of labels naming a stance add up;
	 * labels naming none count as neutral */
	for (c = 0; c < m->nclasses; c++)
		by[m->classes[c].stance < 0 ? ST_STANCE_NEUTRAL : m->classes[c].stance] += probs[c];
	st = ST_STANCE_NEUTRAL;
	if (by[ST_STANCE_AGAINST] > by[st])
		st = ST_STANCE_AGAINST;
	if (by[ST_STANCE_FAVOR] > by[st])
		st = ST_STANCE_FAVOR;
	return stance_datum(st, by[st]);
}

Datum
stance_model_predict(PG_FUNCTION_ARGS)
{
	const StModel *m;
	double		probs[ST_MODEL_MAX_CLASSES];
	int			best = predict(fcinfo, &m, probs);

	PG_RETURN_TEXT_P(cstring_to_text(to_server(m->classes[best].label)));
}
