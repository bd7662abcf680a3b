/*
 * analyze.c
 *	  Entry points of the engine.
 */
#include "internal.h"
#include "names.h"
#include "stance.h"

#include <string.h>

static StStatus
prepare(StDoc *d, StArena *arena, const char *text, size_t len,
		const StOptions *opts, StResult *out)
{
	StStatus	rc;

	memset(out, 0, sizeof(*out));
	memset(d, 0, sizeof(*d));
	if (len > ST_MAX_INPUT)
		return ST_ERR_TOOLONG;
	d->arena = arena;
	d->text = text;
	d->len = (int32_t) len;
	d->opts = opts;
	if ((rc = st_tokenize(d)) != ST_OK)
		return rc;
	st_classify_tokens(d);
	if ((rc = st_sentences(d)) != ST_OK)
		return rc;
	out->sentences = st_arena_alloc(arena, sizeof(StSentence) * (size_t) (d->nsents ? d->nsents : 1));
	if (out->sentences == NULL)
		return ST_ERR_NOMEM;
	for (int32_t i = 0; i < d->nsents; i++)
	{
		out->sentences[i].span.start = d->sents[i].s;
		out->sentences[i].span.end = d->sents[i].e;
		out->sentences[i].paragraph = d->sents[i].para;
	}
	out->nsentences = d->nsents;
	return ST_OK;
}

StStatus
st_segment(StArena *arena, const char *text, size_t len,
		   const StOptions *opts, StResult *out)
{
	StDoc		d;

	return prepare(&d, arena, text, len, opts, out);
}

static StStatus
analyze(StArena *arena, const char *text, size_t len,
		const StOptions *opts, StResult *out)
{
	StDoc		d;
	StStatus	rc;

	if ((rc = prepare(&d, arena, text, len, opts, out)) != ST_OK)
		return rc;
	if ((rc = st_find_quotes(&d)) != ST_OK)
		return rc;
	if ((rc = st_attribute(&d, out)) != ST_OK)
		return rc;
	return st_targets(&d, opts, out);
}

StStatus
st_analyze(StArena *arena, const char *text, size_t len,
		   const StOptions *opts, StResult *out)
{
	StWordCache *cache = opts != NULL ? opts->word_cache : NULL;
	StStatus	rc;

	if (cache == NULL)
		return analyze(arena, text, len, opts, out);
	/* every return passes here; a longjmp out leaves the cache busy */
	st_word_cache_enter(cache);
	rc = analyze(arena, text, len, opts, out);
	st_word_cache_leave(cache);
	return rc;
}

const char *
st_status_message(StStatus status)
{
	switch (status)
	{
		case ST_OK:
			return "success";
		case ST_ERR_NOMEM:
			return "out of memory";
		case ST_ERR_TOOLONG:
			return "input text is too long";
		case ST_ERR_ICU:
			return "ICU sentence segmentation failed";
		case ST_ERR_CANCELED:
			return "analysis canceled";
	}
	return "unknown error";
}

const char *
st_kind_name(StKind kind)
{
	switch (kind)
	{
		case ST_KIND_DIRECT:
			return "direct";
		case ST_KIND_MIXED:
			return "mixed";
		case ST_KIND_INDIRECT:
			return "indirect";
	}
	return "unknown";
}

const char *
st_speaker_kind_name(StSpeakerKind kind)
{
	switch (kind)
	{
		case ST_SPK_PERSON:
			return "person";
		case ST_SPK_ORGANIZATION:
			return "organization";
		case ST_SPK_GROUP:
			return "group";
		case ST_SPK_ANONYMOUS:
			return "anonymous";
	}
	return "unknown";
}
