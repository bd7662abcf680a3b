/*-------------------------------------------------------------------------
 *
 * stance_pg.c
 *	  SQL interface of the stance extension.
 *
 * Thin glue around the analysis engine in src/core.  The engine reads UTF-8
 * and reports byte offsets; this file hands it the text in UTF-8 (converting
 * from the database encoding when needed), runs it on an arena whose blocks
 * come from a dedicated memory context, and turns its byte offsets into the
 * 1-based character positions SQL users expect, so that
 *
 *		substr(body, content_start, content_length) = content
 *
 * holds in any server encoding.  Substrings are cut from the original,
 * database-encoded text; names the engine builds itself (canonical speaker
 * names, roles, affiliations) are converted from UTF-8.
 *
 * In a SQL_ASCII database the text is given to the engine as it is (the
 * engine tolerates invalid UTF-8) and, as PostgreSQL itself does there, one
 * byte counts as one character.
 *
 * One caveat: in a multibyte server encoding whose characters can map to
 * more than one Unicode code point (EUC_JIS_2004, SHIFT_JIS_2004), positions
 * after such a character are off by the difference.
 *
 * src/pg/stance_pg.c
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "stance_core.h"
#include "stance_pg.h"


PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(stance_sentences);
PG_FUNCTION_INFO_V1(stance_statements);
PG_FUNCTION_INFO_V1(stance_statements_v3);
PG_FUNCTION_INFO_V1(stance_speakers);
PG_FUNCTION_INFO_V1(stance_version);

/* number of output columns of each set-returning function */
#define SENTENCES_COLS		5
#define STATEMENTS_COLS		15	/* as 0.1 and 0.2 declare it */
#define STATEMENTS_V3_COLS	20	/* 0.3: act, negated, hedged, target, stance */
#define SPEAKERS_COLS		8

/*
 * One analysis: the input as the database stores it and as the engine sees
 * it, the engine's result, and the map from the engine's byte offsets to
 * character positions and to byte offsets in the original text.
 */
typedef struct StanceText
{
	const char *db_text;		/* body in the database encoding */
	size_t		db_len;
	const char *utf8;			/* body in UTF-8 (== db_text if no
								 * conversion was needed) */
	size_t		utf8_len;
	int			db_encoding;
	bool		converted;		/* utf8 is a converted copy */
	bool		bytes_are_chars;	/* SQL_ASCII: one byte, one character */

	MemoryContext cxt;			/* arena blocks, converted text, offset map */
	StResult	result;

	/* the caller's targets (statements(body, targets)), UTF-8 */
	StTargetSpec *targets;
	int			ntargets;

	/* offset map, sorted by and unique in off */
	int			nmap;
	int32	   *map_off;		/* byte offset into utf8 */
	int32	   *map_char;		/* 0-based character position */
	int32	   *map_db;			/* byte offset into db_text */
} StanceText;

/* which offsets of the result the caller will ask the map for */
#define MAP_SENTENCES	0x01
#define MAP_STATEMENTS	0x02
#define MAP_SPEAKERS	0x04

static bool stance_srf_start(FunctionCallInfo fcinfo, text *body, Jsonb *targets,
							 int ncols, bool full, int what,
							 StanceText *st, MemoryContext *rowcxt);

/*
 * Block allocator of the engine's arena.  Returns NULL on failure, which the
 * engine reports as ST_ERR_NOMEM.
 */
static void *
stance_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocExtended((MemoryContext) ctx, size,
									  MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM);
}

/*
 * Called by the engine every few thousand tokens, so that a long analysis
 * can be canceled.  CHECK_FOR_INTERRUPTS longjmps out on a pending cancel;
 * the engine holds nothing outside the arena, which lives in a memory context
 * that the error cleanup releases.
 */
static int
stance_interrupt(void *ctx)
{
	CHECK_FOR_INTERRUPTS();
	return 0;
}

/*
 * The backend's word cache (StWordCache, stance_core.h): the readings of the
 * words its analyses have met, kept from one statements() or speakers() call
 * to the next so that a query over many articles looks each word up once.
 * Allocated on first use in a context of its own under TopMemoryContext, so
 * it lives as long as the backend (each parallel worker has its own).
 *
 * An ERROR or a cancel that longjmps out of the engine leaves the cache
 * marked busy; the next analysis clears it before use (st_word_cache_enter),
 * so nothing an interrupted analysis wrote is ever trusted.  NULL when the
 * memory could not be had: analyses then simply run without it.
 */
static StWordCache *stance_word_cache = NULL;

static StWordCache *
stance_get_word_cache(void)
{
	static MemoryContext cache_cxt = NULL;
	void	   *mem;

	if (stance_word_cache != NULL)
		return stance_word_cache;
	if (cache_cxt == NULL)
		cache_cxt = AllocSetContextCreate(TopMemoryContext,
										  "stance word cache",
										  ALLOCSET_SMALL_SIZES);
	/* palloc's chunks are MAXALIGNed, as st_word_cache_init needs */
	mem = MemoryContextAllocExtended(cache_cxt, ST_WORD_CACHE_SIZE,
									 MCXT_ALLOC_NO_OOM);
	if (mem == NULL)
		return NULL;
	stance_word_cache = st_word_cache_init(mem, ST_WORD_CACHE_SIZE);
	if (stance_word_cache == NULL)
		pfree(mem);
	return stance_word_cache;
}

/*
 * Report an engine failure.
 */
static void
stance_check_status(StStatus status, size_t len)
{
	switch (status)
	{
		case ST_OK:
			return;
		case ST_ERR_TOOLONG:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("text is too long for stance analysis"),
					 errdetail("The text is %zu bytes in UTF-8; the limit is %zu bytes.",
							   len, (size_t) ST_MAX_INPUT)));
			break;
		case ST_ERR_NOMEM:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory"),
					 errdetail("Failed while analyzing a text of %zu bytes.",
							   len)));
			break;
		case ST_ERR_ICU:
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("ICU failed while segmenting the text"),
					 errdetail("%s", st_status_message(status))));
			break;
		case ST_ERR_CANCELED:
			ereport(ERROR,
					(errcode(ERRCODE_QUERY_CANCELED),
					 errmsg("canceling stance analysis")));
			break;
	}
	elog(ERROR, "unrecognized status %d from the stance engine", (int) status);
}

/*
 * Start a materialize-mode result.  The row type is a copy of the
 * descriptor the caller expects when it passes one (a function scan always
 * does), instead of one built from the catalog's OUT arguments on every
 * call: with 20 columns, that showed as 2% of statements() over a table of
 * news articles.
 */
void
stance_init_srf(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bits32		flags = 0;

	if (rsinfo != NULL && IsA(rsinfo, ReturnSetInfo) &&
		rsinfo->expectedDesc != NULL)
		flags |= MAT_SRF_USE_EXPECTED_DESC;
	InitMaterializedSRF(fcinfo, flags);
}

/*
 * Prepare the input of one analysis: detoasted text, UTF-8 copy if the
 * database encoding is neither UTF-8 nor SQL_ASCII, and a memory context for
 * everything the analysis allocates.
 */
static void
stance_text_init(StanceText *st, text *body)
{
	MemoryContext oldcxt;

	memset(st, 0, sizeof(StanceText));
	st->db_text = VARDATA_ANY(body);
	st->db_len = VARSIZE_ANY_EXHDR(body);
	st->db_encoding = GetDatabaseEncoding();
	st->bytes_are_chars = (st->db_encoding == PG_SQL_ASCII);

	st->cxt = AllocSetContextCreate(CurrentMemoryContext,
									"stance analysis",
									ALLOCSET_DEFAULT_SIZES);

	if (st->db_encoding == PG_UTF8 || st->db_encoding == PG_SQL_ASCII ||
		st->db_len == 0)
	{
		st->utf8 = st->db_text;
		st->utf8_len = st->db_len;
		return;
	}

	oldcxt = MemoryContextSwitchTo(st->cxt);
	st->utf8 = (const char *)
		pg_do_encoding_conversion((unsigned char *) st->db_text,
								  (int) st->db_len,
								  st->db_encoding, PG_UTF8);
	MemoryContextSwitchTo(oldcxt);

	if (st->utf8 != st->db_text)
	{
		st->converted = true;
		st->utf8_len = strlen(st->utf8);
	}
	else
		st->utf8_len = st->db_len;
}

/*
 * Run the engine: full analysis, or sentences only.
 */
static void
stance_text_analyze(StanceText *st, bool full)
{
	StArena    *arena;
	StOptions	opts;
	StStatus	status;

	arena = st_arena_create(stance_alloc, NULL, st->cxt);
	if (arena == NULL)
		stance_check_status(ST_ERR_NOMEM, st->utf8_len);

	memset(&opts, 0, sizeof(opts));
	opts.interrupt = stance_interrupt;
	opts.interrupt_ctx = NULL;
	opts.targets = st->targets;
	opts.ntargets = st->ntargets;

	if (full)
	{
		opts.word_cache = stance_get_word_cache();
		status = st_analyze(arena, st->utf8, st->utf8_len, &opts, &st->result);
	}
	else
		status = st_segment(arena, st->utf8, st->utf8_len, &opts, &st->result);
	stance_check_status(status, st->utf8_len);
}

/*
 * Release everything the analysis allocated.
 */
static void
stance_text_free(StanceText *st)
{
	MemoryContextDelete(st->cxt);
	st->cxt = NULL;
}

static int
cmp_int32(const void *a, const void *b)
{
	int32		x = *(const int32 *) a;
	int32		y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/* append the offsets of a span, if present */
static inline int
add_span(int32 *offs, int n, StSpan span)
{
	if (span.start >= 0)
	{
		offs[n++] = span.start;
		offs[n++] = span.end;
	}
	return n;
}

/*
 * Build the offset map for the offsets of the result named by "what": sort
 * them, then find every character position (and byte offset in the original
 * text) in one forward pass over the text.  Linear in the text plus
 * n log n in the number of offsets.
 */
static void
stance_text_map(StanceText *st, int what)
{
	const StResult *r = &st->result;
	const unsigned char *u = (const unsigned char *) st->utf8;
	Size		cap = 0;
	int32	   *offs;
	int			n = 0;
	int			m;
	int			i;
	size_t		pos;
	int64		chars;
	size_t		dbpos;

	if (what & MAP_SENTENCES)
		cap += 2 * (Size) r->nsentences;
	if (what & MAP_STATEMENTS)
		cap += 6 * (Size) r->nstatements;
	if (what & MAP_SPEAKERS)
		cap += (Size) r->nspeakers;
	cap += 1;

	offs = MemoryContextAllocHuge(st->cxt, cap * sizeof(int32));

	if (what & MAP_SENTENCES)
		for (i = 0; i < r->nsentences; i++)
			n = add_span(offs, n, r->sentences[i].span);
	if (what & MAP_STATEMENTS)
		for (i = 0; i < r->nstatements; i++)
		{
			n = add_span(offs, n, r->statements[i].content);
			n = add_span(offs, n, r->statements[i].mention);
			n = add_span(offs, n, r->statements[i].cue);
		}
	if (what & MAP_SPEAKERS)
		for (i = 0; i < r->nspeakers; i++)
			if (r->speakers[i].first >= 0)
				offs[n++] = r->speakers[i].first;

	for (i = 0; i < n; i++)
		if (offs[i] < 0 || (size_t) offs[i] > st->utf8_len)
			elog(ERROR, "stance engine returned offset %d outside a text of %zu bytes",
				 (int) offs[i], st->utf8_len);

	/*
	 * The offsets come nearly in order (statements in text order, each
	 * with its mention and cue nearby): an insertion sort is linear then,
	 * and still correct, if slower, on any order.  Long lists go to qsort.
	 */
	if (n > 1 && n <= 4096)
	{
		for (i = 1; i < n; i++)
		{
			int32		v = offs[i];
			int			j = i - 1;

			while (j >= 0 && offs[j] > v)
			{
				offs[j + 1] = offs[j];
				j--;
			}
			offs[j + 1] = v;
		}
	}
	else if (n > 1)
		qsort(offs, n, sizeof(int32), cmp_int32);
	m = 0;
	for (i = 0; i < n; i++)
		if (m == 0 || offs[m - 1] != offs[i])
			offs[m++] = offs[i];

	st->nmap = m;
	st->map_off = offs;
	st->map_char = MemoryContextAllocHuge(st->cxt, (m + 1) * sizeof(int32));
	st->map_db = MemoryContextAllocHuge(st->cxt, (m + 1) * sizeof(int32));

	/*
	 * One pass: a character starts at every byte that is not a UTF-8
	 * continuation byte, and each such character is one character of the
	 * original text, whose byte length the database encoding tells.  An
	 * offset inside a character (which the engine should not produce) is
	 * moved to the end of that character.
	 */
	pos = 0;
	chars = 0;
	dbpos = 0;
	for (i = 0; i < m; i++)
	{
		size_t		target = (size_t) offs[i];

		if (st->bytes_are_chars)
		{
			st->map_char[i] = (int32) target;
			st->map_db[i] = (int32) target;
			continue;
		}

		/*
		 * Without conversion, eight bytes at a time: a continuation byte has
		 * bit 7 set and bit 6 clear.
		 */
		if (!st->converted)
			for (; pos + 8 <= target; pos += 8)
			{
				uint64		w;
				uint64		cont;

				memcpy(&w, u + pos, 8);
				cont = w & ~(w << 1) & UINT64CONST(0x8080808080808080);
				chars += 8 - pg_popcount64(cont);
			}
		for (; pos < target; pos++)
		{
			if ((u[pos] & 0xC0) != 0x80)
			{
				chars++;
				if (st->converted && dbpos < st->db_len)
					dbpos += pg_encoding_mblen(st->db_encoding,
											   st->db_text + dbpos);
			}
		}
		/* skip the rest of a character cut in the middle */
		while (pos < st->utf8_len && (u[pos] & 0xC0) == 0x80)
			pos++;

		st->map_char[i] = (int32) chars;
		if (st->converted)
			st->map_db[i] = (int32) Min(dbpos, st->db_len);
		else
			st->map_db[i] = (int32) pos;
	}
}

/* index of a byte offset in the map (it must be there) */
static int
stance_map_find(const StanceText *st, int32 off)
{
	int			lo = 0;
	int			hi = st->nmap - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (st->map_off[mid] == off)
			return mid;
		if (st->map_off[mid] < off)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	elog(ERROR, "byte offset %d missing from the offset map", (int) off);
	return -1;					/* keep compiler quiet */
}

/* 1-based character position of a byte offset */
static int32
stance_char_pos(const StanceText *st, int32 off)
{
	return st->map_char[stance_map_find(st, off)] + 1;
}

/*
 * Set the text, start and length columns of a span (NULL when absent).
 * Any of the column numbers may be -1 when the caller does not want it.
 */
static void
stance_span_columns(const StanceText *st, StSpan span,
					Datum *values, bool *nulls,
					int textcol, int startcol, int lengthcol)
{
	int			a,
				b;

	if (span.start < 0)
	{
		if (textcol >= 0)
			nulls[textcol] = true;
		if (startcol >= 0)
			nulls[startcol] = true;
		if (lengthcol >= 0)
			nulls[lengthcol] = true;
		return;
	}

	a = stance_map_find(st, span.start);
	b = stance_map_find(st, span.end);
	if (b < a)
		b = a;

	if (textcol >= 0)
	{
		int32		from = st->map_db[a];
		int32		to = Max(st->map_db[b], from);

		values[textcol] = PointerGetDatum(cstring_to_text_with_len(st->db_text + from,
																   to - from));
	}
	if (startcol >= 0)
		values[startcol] = Int32GetDatum(st->map_char[a] + 1);
	if (lengthcol >= 0)
		values[lengthcol] = Int32GetDatum(st->map_char[b] - st->map_char[a]);
}

/*
 * A string the engine built (UTF-8, NUL-terminated) as text in the database
 * encoding, or NULL.
 */
static void
stance_name_column(const StanceText *st, const char *s,
				   Datum *values, bool *nulls, int col)
{
	size_t		len;
	char	   *conv;

	if (s == NULL)
	{
		nulls[col] = true;
		return;
	}
	len = strlen(s);
	if (st->bytes_are_chars)
		conv = unconstify(char *, s);
	else
		conv = pg_any_to_server(s, (int) len, PG_UTF8);
	if (conv != s)
		len = strlen(conv);
	values[col] = PointerGetDatum(cstring_to_text_with_len(conv, len));
}

/*
 * sentences(body text)
 *		RETURNS TABLE (n int, start int, length int, paragraph int,
 *					   sentence text)
 */
Datum
stance_sentences(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo;
	StanceText	st;
	MemoryContext rowcxt;
	MemoryContext oldcxt;
	int			i;

	if (!stance_srf_start(fcinfo, body, NULL, -1, false, MAP_SENTENCES,
						  &st, &rowcxt))
		return (Datum) 0;
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	for (i = 0; i < st.result.nsentences; i++)
	{
		const StSentence *s = &st.result.sentences[i];
		Datum		values[SENTENCES_COLS];
		bool		nulls[SENTENCES_COLS];

		memset(nulls, 0, sizeof(nulls));
		oldcxt = MemoryContextSwitchTo(rowcxt);

		values[0] = Int32GetDatum(i + 1);
		stance_span_columns(&st, s->span, values, nulls, 4, 1, 2);
		values[3] = Int32GetDatum(s->paragraph + 1);

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(oldcxt);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(rowcxt);
	stance_text_free(&st);

	return (Datum) 0;
}

/* at most this many target names (and aliases) in statements(body, targets) */
#define MAX_TARGET_NAMES 4096

/* a string of a jsonb value as a NUL-terminated UTF-8 copy */
static const char *
stance_target_name(const StanceText *st, const JsonbValue *v)
{
	const char *s = v->val.string.val;
	int			len = v->val.string.len;
	char	   *conv;

	if (len == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("target names must not be empty")));
	if (st->db_encoding == PG_UTF8 || st->db_encoding == PG_SQL_ASCII)
		return pnstrdup(s, len);
	conv = pg_server_to_any(s, len, PG_UTF8);
	return conv == s ? pnstrdup(s, len) : conv;
}

/*
 * Read the targets argument of statements(body, targets) into st->targets:
 * either an array of names, '["NATO", "Russia"]', or an object of names with
 * their aliases, '{"NATO": ["the alliance"], "Russia": "Moscow"}'.
 */
static void
stance_parse_targets(StanceText *st, Jsonb *jb)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	bool		object;
	int			cap = 8;
	int			names = 0;
	const char **aliases = NULL;
	int			nalias = 0,
				aliascap = 0;
	MemoryContext oldcxt;

	if (JB_ROOT_IS_SCALAR(jb) || (!JB_ROOT_IS_ARRAY(jb) && !JB_ROOT_IS_OBJECT(jb)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("targets must be a JSON array of names or an object of names and aliases"),
				 errhint("For example '[\"NATO\", \"Russia\"]' or '{\"NATO\": [\"the alliance\"]}'.")));
	object = JB_ROOT_IS_OBJECT(jb);

	oldcxt = MemoryContextSwitchTo(st->cxt);
	st->targets = palloc0(sizeof(StTargetSpec) * cap);
	st->ntargets = 0;

	it = JsonbIteratorInit(&jb->root);
	tok = JsonbIteratorNext(&it, &v, false);	/* WJB_BEGIN_ARRAY/OBJECT */
	while ((tok = JsonbIteratorNext(&it, &v, false)) != WJB_DONE)
	{
		StTargetSpec *t;

		if (tok == WJB_END_ARRAY || tok == WJB_END_OBJECT)
			continue;
		if ((object && tok != WJB_KEY) || (!object && tok != WJB_ELEM) ||
			v.type != jbvString)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("targets must be a JSON array of names or an object of names and aliases"),
					 errdetail("An array holds strings only.")));
		if (++names > MAX_TARGET_NAMES)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many target names and aliases"),
					 errdetail("At most %d are allowed.", MAX_TARGET_NAMES)));
		if (st->ntargets == cap)
		{
			cap *= 2;
			st->targets = repalloc(st->targets, sizeof(StTargetSpec) * cap);
		}
		t = &st->targets[st->ntargets++];
		memset(t, 0, sizeof(*t));
		t->name = stance_target_name(st, &v);
		if (!object)
			continue;

		/* the value: an alias, an array of aliases, or null */
		aliases = NULL;
		nalias = aliascap = 0;
		tok = JsonbIteratorNext(&it, &v, false);
		if (tok == WJB_VALUE && v.type == jbvNull)
			continue;
		if (tok == WJB_VALUE && v.type == jbvString)
		{
			aliases = palloc(sizeof(char *));
			aliases[nalias++] = stance_target_name(st, &v);
		}
		else if (tok == WJB_BEGIN_ARRAY)
		{
			while ((tok = JsonbIteratorNext(&it, &v, false)) != WJB_END_ARRAY)
			{
				if (tok != WJB_ELEM || v.type != jbvString)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("the aliases of target \"%s\" must be strings",
									t->name)));
				if (++names > MAX_TARGET_NAMES)
					ereport(ERROR,
							(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							 errmsg("too many target names and aliases"),
							 errdetail("At most %d are allowed.", MAX_TARGET_NAMES)));
				if (nalias == aliascap)
				{
					aliascap = aliascap ? aliascap * 2 : 4;
					aliases = aliases ? repalloc(aliases, sizeof(char *) * aliascap)
						: palloc(sizeof(char *) * aliascap);
				}
				aliases[nalias++] = stance_target_name(st, &v);
			}
		}
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the aliases of target \"%s\" must be a string or an array of strings",
							t->name)));
		/* the engine's struct points at (const char *const *) */
		t->aliases = (const char *const *) aliases;
		t->naliases = nalias;
	}
	MemoryContextSwitchTo(oldcxt);
}

/*
 * The first steps of each set-returning function here: the materialized
 * result (whose declaration must have ncols columns, when ncols >= 0), then,
 * unless the text is empty (false: no rows), its analysis (full, or
 * sentences only), the offset map of what the rows show, and a memory
 * context for the rows, to be reset after each.
 */
static bool
stance_srf_start(FunctionCallInfo fcinfo, text *body, Jsonb *targets,
				 int ncols, bool full, int what,
				 StanceText *st, MemoryContext *rowcxt)
{
	ReturnSetInfo *rsinfo;

	stance_init_srf(fcinfo);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	if (ncols >= 0 && rsinfo->setDesc->natts != ncols)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("statements() is declared with %d columns but the stance library returns %d",
						rsinfo->setDesc->natts, ncols),
				 errhint("Run ALTER EXTENSION stance UPDATE.")));
	if (VARSIZE_ANY_EXHDR(body) == 0)
		return false;
	stance_text_init(st, body);
	if (targets != NULL)
		stance_parse_targets(st, targets);
	stance_text_analyze(st, full);
	stance_text_map(st, what);
	*rowcxt = AllocSetContextCreate(CurrentMemoryContext, "stance rows",
									ALLOCSET_DEFAULT_SIZES);
	return true;
}

/*
 * The rows of statements(): 0.1 and 0.2 declare 15 columns (v3 false), 0.3
 * adds act, negated, hedged, target and stance (v3 true).  targets may be
 * NULL (the entities of the article are the targets).
 */
static void
stance_statements_rows(FunctionCallInfo fcinfo, text *body, Jsonb *targets,
					   bool v3)
{
	ReturnSetInfo *rsinfo;
	StanceText	st;
	MemoryContext rowcxt;
	MemoryContext oldcxt;
	int			ncols = v3 ? STATEMENTS_V3_COLS : STATEMENTS_COLS;
	int			i;

	if (!stance_srf_start(fcinfo, body, targets, ncols, true, MAP_STATEMENTS,
						  &st, &rowcxt))
		return;
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	for (i = 0; i < st.result.nstatements; i++)
	{
		const StStatement *s = &st.result.statements[i];
		const StSpeaker *spk = NULL;
		Datum		values[STATEMENTS_V3_COLS];
		bool		nulls[STATEMENTS_V3_COLS];
		int			c = v3 ? 5 : 0; /* columns 0.3 adds before the spans */

		if (s->speaker >= st.result.nspeakers)
			elog(ERROR, "stance engine returned speaker %d of %d",
				 (int) s->speaker, (int) st.result.nspeakers);
		if (s->speaker >= 0)
			spk = &st.result.speakers[s->speaker];

		memset(nulls, 0, sizeof(nulls));
		oldcxt = MemoryContextSwitchTo(rowcxt);

		values[0] = Int32GetDatum(i + 1);
		values[1] = CStringGetTextDatum(st_kind_name(s->kind));
		if (spk != NULL)
		{
			stance_name_column(&st, spk->name, values, nulls, 2);
			values[3] = CStringGetTextDatum(st_speaker_kind_name(spk->kind));
			stance_name_column(&st, spk->role, values, nulls, 5);
			stance_name_column(&st, spk->affiliation, values, nulls, 6);
		}
		else
			nulls[2] = nulls[3] = nulls[5] = nulls[6] = true;
		if (v3)
		{
			/* cue (7), act, negated, hedged, content (11), target, stance */
			stance_name_column(&st, s->act, values, nulls, 8);
			values[9] = BoolGetDatum(s->negated);
			values[10] = BoolGetDatum(s->hedged);
			stance_name_column(&st, s->target, values, nulls, 12);
			if (s->target != NULL && s->stance >= 0)
				values[13] = stance_datum(s->stance, s->confidence);
			else
				nulls[13] = true;
		}
		stance_span_columns(&st, s->mention, values, nulls, 4, 11 + c, 12 + c);
		stance_span_columns(&st, s->cue, values, nulls, 7, 13 + c, 14 + c);
		stance_span_columns(&st, s->content, values, nulls, v3 ? 11 : 8,
							9 + c, 10 + c);

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(oldcxt);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(rowcxt);
	stance_text_free(&st);
}

/*
 * statements(body text), as 0.1 and 0.2 declare it:
 *		RETURNS TABLE (n int, kind text, speaker text, speaker_kind text,
 *					   mention text, role text, affiliation text, cue text,
 *					   content text, content_start int, content_length int,
 *					   mention_start int, mention_length int,
 *					   cue_start int, cue_length int)
 */
Datum
stance_statements(PG_FUNCTION_ARGS)
{
	stance_statements_rows(fcinfo, PG_GETARG_TEXT_PP(0), NULL, false);
	return (Datum) 0;
}

/*
 * statements(body text) and statements(body text, targets jsonb), 0.3:
 *		RETURNS TABLE (n int, kind text, speaker text, speaker_kind text,
 *					   mention text, role text, affiliation text, cue text,
 *					   act text, negated boolean, hedged boolean,
 *					   content text, target text, stance stance,
 *					   content_start int, content_length int,
 *					   mention_start int, mention_length int,
 *					   cue_start int, cue_length int)
 */
Datum
stance_statements_v3(PG_FUNCTION_ARGS)
{
	stance_statements_rows(fcinfo, PG_GETARG_TEXT_PP(0),
						   PG_NARGS() > 1 ? PG_GETARG_JSONB_P(1) : NULL, true);
	return (Datum) 0;
}

/*
 * speakers(body text)
 *		RETURNS TABLE (n int, name text, kind text, role text,
 *					   affiliation text, mentions int, statements int,
 *					   first_position int)
 */
Datum
stance_speakers(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	ReturnSetInfo *rsinfo;
	StanceText	st;
	MemoryContext rowcxt;
	MemoryContext oldcxt;
	int			i;

	if (!stance_srf_start(fcinfo, body, NULL, -1, true, MAP_SPEAKERS,
						  &st, &rowcxt))
		return (Datum) 0;
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	for (i = 0; i < st.result.nspeakers; i++)
	{
		const StSpeaker *spk = &st.result.speakers[i];
		Datum		values[SPEAKERS_COLS];
		bool		nulls[SPEAKERS_COLS];

		memset(nulls, 0, sizeof(nulls));
		oldcxt = MemoryContextSwitchTo(rowcxt);

		values[0] = Int32GetDatum(i + 1);
		stance_name_column(&st, spk->name, values, nulls, 1);
		values[2] = CStringGetTextDatum(st_speaker_kind_name(spk->kind));
		stance_name_column(&st, spk->role, values, nulls, 3);
		stance_name_column(&st, spk->affiliation, values, nulls, 4);
		values[5] = Int32GetDatum(spk->mentions);
		values[6] = Int32GetDatum(spk->statements);
		if (spk->first >= 0)
			values[7] = Int32GetDatum(stance_char_pos(&st, spk->first));
		else
			nulls[7] = true;

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(oldcxt);
		MemoryContextReset(rowcxt);
	}
	MemoryContextDelete(rowcxt);
	stance_text_free(&st);

	return (Datum) 0;
}

/*
 * stance_version() RETURNS text
 *		Versions of the extension, its engine and the ICU it runs on.
 */
Datum
stance_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("stance %s (engine %s, ICU %s)",
											  STANCE_EXT_VERSION,
											  ST_CORE_VERSION,
											  st_icu_version())));
}
