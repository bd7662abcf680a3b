/*
 * stance_classify.c
 *	  SQL glue of the built-in stance classifier (src/core/stance.c):
 *
 *	classify_stance(statement text, target text) RETURNS stance
 *	stance_debug(statement text, target text)
 *		RETURNS TABLE (step text, value text)
 *
 * Both convert their arguments from the database encoding to UTF-8 (the
 * engine's encoding) and the debug output back.
 */
#include "postgres.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "stance.h"
#include "stance_pg.h"

PG_FUNCTION_INFO_V1(stance_classify);
PG_FUNCTION_INFO_V1(stance_debug);

const char *
stance_arg_utf8(text *t, size_t *len)
{
	const char *s = VARDATA_ANY(t);
	int			n = VARSIZE_ANY_EXHDR(t);
	int			enc = GetDatabaseEncoding();
	char	   *u;

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII || n == 0)
	{
		*len = (size_t) n;
		return s;
	}
	u = (char *) pg_do_encoding_conversion((unsigned char *) s, n, enc, PG_UTF8);
	*len = (u == s) ? (size_t) n : strlen(u);
	return u;
}

Datum
stance_classify(PG_FUNCTION_ARGS)
{
	text	   *stmt = PG_GETARG_TEXT_PP(0);
	text	   *target = PG_GETARG_TEXT_PP(1);
	size_t		slen,
				tlen;
	const char *s = stance_arg_utf8(stmt, &slen);
	const char *t = stance_arg_utf8(target, &tlen);
	StStanceResult r = st_stance_classify(s, slen, t, tlen);

	return stance_datum(r.label, r.confidence);
}

/* UTF-8 bytes of the statement back in the database encoding */
static char *
to_server(const char *s, size_t len)
{
	char	   *z = pnstrdup(s, len);
	char	   *c;

	if (GetDatabaseEncoding() == PG_SQL_ASCII)
		return z;
	c = pg_any_to_server(z, (int) len, PG_UTF8);
	return c;
}

static void
put_row(Tuplestorestate *ts, TupleDesc desc, const char *step, const char *value)
{
	Datum		values[2];
	bool		nulls[2] = {false, false};

	values[0] = CStringGetTextDatum(step);
	if (value == NULL)
	{
		nulls[1] = true;
		values[1] = (Datum) 0;
	}
	else
		values[1] = CStringGetTextDatum(value);
	tuplestore_putvalues(ts, desc, values, nulls);
}

static char *
span(const char *s, int32 start, int32 len)
{
	return start < 0 ? NULL : to_server(s + start, (size_t) len);
}

Datum
stance_debug(PG_FUNCTION_ARGS)
{
	text	   *stmt = PG_GETARG_TEXT_PP(0);
	text	   *target = PG_GETARG_TEXT_PP(1);
	ReturnSetInfo *rsinfo;
	size_t		slen,
				tlen;
	const char *s;
	const char *t;
	StStanceResult r;
	Tuplestorestate *ts;
	TupleDesc	desc;
	StringInfoData buf;
	int			i;

	stance_init_srf(fcinfo);
	rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ts = rsinfo->setResult;
	desc = rsinfo->setDesc;

	s = stance_arg_utf8(stmt, &slen);
	t = stance_arg_utf8(target, &tlen);
	r = st_stance_classify(s, slen, t, tlen);

	initStringInfo(&buf);
	if (r.target_start >= 0)
		appendStringInfo(&buf, "%s (%d word%s)", span(s, r.target_start, r.target_len),
						 r.target_mentions, r.target_mentions == 1 ? "" : "s");
	put_row(ts, desc, "target", r.target_start >= 0 ? buf.data : "not named");
	put_row(ts, desc, "cue", span(s, r.cue_start, r.cue_len));
	if (r.act[0])
	{
		resetStringInfo(&buf);
		appendStringInfo(&buf, "%s (%s%s)", r.act,
						 r.polarity < 0 ? "against" : r.polarity > 0 ? "favor" : "neutral",
						 r.act_kind == 'o' ? ", toward its object" :
						 r.act_kind == 'd' ? ", a denial" : "");
		put_row(ts, desc, "act", buf.data);
	}
	else
		put_row(ts, desc, "act", NULL);
	put_row(ts, desc, "target_slot", st_stance_slot_name(r.slot));
	put_row(ts, desc, "negation", span(s, r.neg_start, r.neg_len));
	put_row(ts, desc, "modality", span(s, r.modal_start, r.modal_len));
	resetStringInfo(&buf);
	for (i = 0; i < r.nhits && i < ST_STANCE_MAX_HITS; i++)
		appendStringInfo(&buf, "%s%s %+.2f x %.2f", i ? ", " : "",
						 span(s, r.hits[i].start, r.hits[i].len),
						 r.hits[i].valence, r.hits[i].weight);
	if (r.nhits > ST_STANCE_MAX_HITS)
		appendStringInfo(&buf, ", ... (%d in all)", r.nhits);
	put_row(ts, desc, "lexicon_hits", r.nhits ? buf.data : NULL);
	resetStringInfo(&buf);
	appendStringInfo(&buf, "%.3f", r.act_score);
	put_row(ts, desc, "act_score", buf.data);
	resetStringInfo(&buf);
	appendStringInfo(&buf, "%.3f", r.content_score);
	put_row(ts, desc, "content_score", buf.data);
	resetStringInfo(&buf);
	appendStringInfo(&buf, "%.3f", r.score);
	put_row(ts, desc, "score", buf.data);
	put_row(ts, desc, "label", st_stance_label_name(r.label));
	resetStringInfo(&buf);
	appendStringInfo(&buf, "%.3f", r.confidence);
	put_row(ts, desc, "confidence", buf.data);
	if (r.truncated)
		put_row(ts, desc, "note", "only the first words were read");
	return (Datum) 0;
}
