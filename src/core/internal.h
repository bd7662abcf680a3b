/*
 * internal.h
 *	  Data structures shared by the passes of the engine.  Not installed.
 */
#ifndef STANCE_INTERNAL_H
#define STANCE_INTERNAL_H

#include "stance_core.h"

#include <stdbool.h>
#include <string.h>

/* token flags */
#define TK_WORD		0x0001		/* letters or digits */
#define TK_CAP		0x0002		/* first letter upper case */
#define TK_UPPER	0x0004		/* every letter upper case (and >= 2) */
#define TK_NUM		0x0008		/* starts with a digit */
#define TK_PUNCT	0x0010		/* punctuation, one character */
#define TK_QMARK	0x0020		/* a quotation mark or apostrophe character */
#define TK_SSTART	0x0040		/* first token of a sentence */
#define TK_PSTART	0x0080		/* first token of a paragraph */
#define TK_POSS		0x0100		/* possessive 's or ' */
#define TK_ABBR		0x0200		/* ends with '.', like U.S. or Dr. */
#define TK_CUE_SHIFT 12			/* bits 12-14: the cue form, CUE_* */
#define TK_CUE_MASK	0x7000

/* cue forms of a reporting verb token (st_cue_lookup's letters) */
#define CUE_NONE	0
#define CUE_BASE	1			/* 'b' say */
#define CUE_S		2			/* 's' says */
#define CUE_PAST	3			/* 'd' said */
#define CUE_ING		4			/* 'g' saying */

typedef struct StTok
{
	int32_t		s;				/* byte span */
	int32_t		e;
	uint16_t	f;				/* TK_* */
	uint16_t	lex;			/* word lists holding it: 1 << st_lexbit_* */
	int32_t		para;			/* paragraph number */
	int32_t		sent;			/* sentence index */
	int32_t		quote;			/* innermost top-level quote containing it,
								 * -1 outside quotations */
} StTok;

typedef struct StPara
{
	int32_t		s;
	int32_t		e;
	int32_t		tok0;			/* first token */
	int32_t		tok1;			/* one past the last token */
} StPara;

/* a sentence with its token range */
typedef struct StSent
{
	int32_t		s;
	int32_t		e;
	int32_t		para;
	int32_t		tok0;
	int32_t		tok1;
} StSent;

#define QF_CONT_NEXT	0x01	/* runs on into the next paragraph */
#define QF_CONT_PREV	0x02	/* continues a quotation of the previous one */
#define QF_UNCLOSED		0x04	/* closed by the end of the paragraph */

typedef struct StQuote
{
	int32_t		open;			/* byte offset of the opening mark */
	int32_t		open_e;			/* end of the opening mark */
	int32_t		close;			/* byte offset of the closing mark (or end
								 * of paragraph when unclosed) */
	int32_t		close_e;
	int32_t		para;
	int32_t		depth;			/* 0 = top level */
	int32_t		tok0;			/* first token inside */
	int32_t		tok1;			/* one past the last token inside */
	int32_t		nwords;
	uint8_t		flags;
} StQuote;

typedef struct StDoc
{
	StArena    *arena;
	const char *text;
	int32_t		len;
	const StOptions *opts;
	int32_t		ticks;
	bool		nomem;			/* an allocation failed (see names.c) */
	bool		sb_icu_only;	/* sentence boundaries from ICU's iterator
								 * only, no fast path (for tests) */

	StTok	   *toks;
	int32_t		ntoks;
	StPara	   *paras;
	int32_t		nparas;
	StSent	   *sents;
	int32_t		nsents;
	StQuote    *quotes;			/* top-level quotations only, in order */
	int32_t		nquotes;

	/* segment.c: the tokens with a cue form, in order; -1: out of memory */
	int32_t    *cue_toks;
	int32_t		ncue_toks;
	/*
	 * segment.c: the cue lexicon entry (st_cue_lookup's answer) of each
	 * token with a cue form, by token; read only for those.  NULL: none kept
	 */
	const char **cue_ent;
	/*
	 * segment.c: the capitalised words (TK_WORD and TK_CAP, not TK_POSS), in
	 * order, quoted or not; -1: out of memory (names.c then scans tokens)
	 */
	int32_t    *cap_toks;
	int32_t		ncap_toks;
	/* segment.c: the tokens "according" (any case), in order; -1: no memory */
	int32_t    *according;
	int32_t		naccording;

	/* attrib.c: is_cue_verb of each token for its unit, once computed */
	const uint8_t *cue_cache;	/* the form, 0 for no cue; NULL: none yet */
	const int32_t *cue_cache_t0;	/* the unit start each answer was for */
} StDoc;

/* growable array helper (arena-backed; old storage is simply abandoned) */
extern void *st_grow(StArena *a, void *arr, int32_t *cap, int32_t n, size_t elsize);

/* interrupt check: returns true when the caller asked to stop */
extern bool st_tick(StDoc *d);

/* lexicon classes of every word token, and its cue form (segment.c) */
extern void st_classify_tokens(StDoc *d);

/*
 * false when st_cue_lookup cannot find the word (n bytes) unless a word list
 * holds it as it is (segment.c)
 */
extern bool st_cue_prefilter(const char *w, int32_t n);

/* cues.c: st_cue_lookup of a word whose st_lex_classes are known */
extern const char *st_cue_lookup_lex(const char *w, int32_t n, unsigned lex,
									 char *form);

/* the cue form letter of token k ('b' 's' 'd' 'g'), or 0 */
static inline char
tok_cue_form(const StDoc *d, int32_t k)
{
	static const char letters[] = {0, 'b', 's', 'd', 'g', 0, 0, 0};

	return letters[(d->toks[k].f & TK_CUE_MASK) >> TK_CUE_SHIFT];
}

/* utf8.c */
extern int32_t st_utf8_next(const char *s, int32_t len, int32_t i, int32_t *cp);

/* st_utf8_next with the ASCII case inline */
static inline int32_t
utf8_next(const char *s, int32_t len, int32_t i, int32_t *cp)
{
	if ((unsigned char) s[i] < 0x80)
	{
		*cp = (unsigned char) s[i];
		return i + 1;
	}
	return st_utf8_next(s, len, i, cp);
}
extern int32_t st_utf8_prev(const char *s, int32_t i, int32_t *cp);

/* segment.c */
extern StStatus st_tokenize(StDoc *d);
extern StStatus st_sentences(StDoc *d);
/* the sentence boundaries before the abbreviation pass (d tokenized), from
 * the fast path where it applies or from ICU only: for tests */
extern StStatus st_sentence_breaks(StDoc *d, bool icu_only, int32_t **out,
								   int32_t *nout);

/* quotes.c */
extern StStatus st_find_quotes(StDoc *d);

/* attrib.c */
extern StStatus st_attribute(StDoc *d, StResult *out);

/* target.c */
extern StStatus st_targets(StDoc *d, const StOptions *opts, StResult *out);

/* cuemodel.c: the learned cue filter (weights in cuemodel_gen.c) */
typedef struct StCueWeight
{
	uint32_t	h;				/* st_feat_hash of a feature */
	float		w;
} StCueWeight;

extern const StCueWeight st_cue_weights[];	/* open addressing, h 0 = empty */
extern const int32_t st_cue_mask;	/* table size - 1 (a power of two - 1) */
extern const float st_cue_subj_max;	/* the most the subject features add */
extern float st_cue_score(const uint32_t *feats, int32_t n);

/* the hash of feature template t with values a and b (never 0) */
static inline uint32_t
st_feat_mix(uint32_t t, uint32_t a, uint32_t b)
{
	uint32_t	h = t * 0x9E3779B1u;

	h ^= a + 0x7F4A7C15u + (h << 6) + (h >> 2);
	h ^= b + 0x7F4A7C15u + (h << 6) + (h >> 2);
	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	return h ? h : 1;
}

/* token helpers */
static inline int32_t
tok_len(const StDoc *d, int32_t i)
{
	return d->toks[i].e - d->toks[i].s;
}

static inline const char *
tok_ptr(const StDoc *d, int32_t i)
{
	return d->text + d->toks[i].s;
}

/*
 * Is token i the word w (lower case; the token's ASCII letters folded)?
 * Always inlined: when w is a literal its length is a constant, and most
 * tokens are turned away by their length alone.
 */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool
tok_is(const StDoc *d, int32_t i, const char *w)
{
	int32_t		n = tok_len(d, i);
	const char *p = tok_ptr(d, i);

#if defined(__GNUC__)
	if (__builtin_constant_p(strlen(w)))
	{
		size_t		wl = strlen(w);

		if ((size_t) n != wl)
			return false;
		for (size_t k = 0; k < wl; k++)
		{
			char		c = p[k];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (w[k] != c)
				return false;
		}
		return true;
	}
#endif
	for (int32_t k = 0; k < n; k++)
	{
		char		c = p[k];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (w[k] == '\0' || w[k] != c)
			return false;
	}
	return w[n] == '\0';
}

static inline bool
tok_char(const StDoc *d, int32_t i, char c)
{
	return tok_len(d, i) == 1 && d->text[d->toks[i].s] == c;
}

#endif							/* STANCE_INTERNAL_H */
