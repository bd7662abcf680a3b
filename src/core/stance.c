/*
 * stance.c
 *	  The built-in stance classifier (see stance.h).
 *
 * One pass tokenizes the statement into words and clause punctuation (ASCII
 * letters and digits, every byte >= 0x80 except the common UTF-8 quotes and
 * dashes counts as a letter; inner apostrophes and hyphens join).  Then:
 *
 *	target		the words naming the target: the whole target, its last word,
 *				its acronym or expansion, aliases, possessives, demonyms;
 *	acts		every word (or multiword cue) of lexicon/acts.txt, inflections
 *				reduced as cues.c does;
 *	deciding act  the act whose object is the target, else the first act;
 *	slot		object / subject / content / absent, for that act;
 *	negation	not, n't, never, no longer, refused to, failed to ... within
 *				four words before the act: a negated act for its object turns
 *				against it (weakened), a negated act against its object turns
 *				neutral ("did not condemn"); modality (may, could, would)
 *				weakens it;
 *	content		VADER valences of the other words, flipped by a negation
 *				within three words (x -0.74, as VADER does), weighted
 *				1/(1 + d/4) by the distance d to the nearest target word,
 *				normalised as VADER's compound score s/sqrt(s^2+15).
 *
 *	score = act_score + w * content_score (w = 1 without a polar act, 0.5
 *	with one, 0.3 when the target is the speaker); |score| >= 0.12 gives
 *	favor or against.
 */
#include "stance.h"
#include "lexicon.h"
#include "stance_core.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* our own lists (not in the merged table of ST_LEXICONS) */
ST_LEX_DECLARE(acts)
ST_LEX_DECLARE(vader)
ST_LEX_DECLARE(valence)

/*
 * What a word's bytes alone decide (its core, lists, valence, negation, its
 * act as one word), found once per document, or once per cache's life
 * (StWordCache): kept in the memo, one per distinct word, or per token
 * without one.  Nothing here may depend on the statement or the document.
 */
typedef struct WordInfo
{
	uint8_t		done;			/* WI_*: which of the fields below are set */
	bool		has_val;		/* in the valence lexicons */
	bool		neg;			/* a negation (is_negword) */
	bool		act_phrase;		/* a reading of it starts a key of acts.txt
								 * of several words */
	uint16_t	wl;				/* the word lists holding it (WL_*) */
	double		val;			/* the valence of its core (0 if none) */
	const char *act;			/* its acts.txt entry as one word, or NULL */
} WordInfo;

#define WI_WL	0x01
#define WI_VAL	0x02
#define WI_NEG	0x04
#define WI_ACT	0x08

typedef struct Tok
{
	int32_t		start;
	int32_t		len;			/* bytes of the word */
	int32_t		core;			/* without a possessive 's */
	bool		punct;			/* clause punctuation , ; : . ! ? ( ) dash */
	bool		cap;			/* starts with an ASCII capital */
	bool		target;			/* names the target */
	WordInfo   *wi;				/* a word's, once asked for (tok_info) */
} Tok;

typedef struct Act
{
	int			tok;			/* first token */
	int			ntok;			/* tokens of the cue */
	int			pol;			/* -1, 0, +1 */
	char		kind;			/* 'o', 'c', 'd' */
	char		special;		/* 'N' negation, 'M' modality, 0 */
	const char *act;			/* act name in the lexicon value */
	int			actlen;
} Act;

#define MAX_ACTS 64

typedef struct Ctx
{
	const char *s;
	Tok			tok[ST_STANCE_MAX_TOKENS];
	unsigned char first[ST_STANCE_MAX_TOKENS];	/* each token's first byte,
												 * ASCII lower case */
	int			tpos[ST_STANCE_MAX_TOKENS];	/* the target words, in order */
	int			ntok;
	bool		truncated;
	int32_t		act_lo;			/* acts are read in these bytes only; */
	int32_t		act_hi;			/* act_lo < 0: everywhere */
	StStanceMemo *memo;			/* valences of words seen before, or NULL */
	bool		lex_ok;			/* the hashes below are open */
	StLexHash	vader_h;
	StLexHash	valence_h;
	bool		acts_ok;		/* acts_h is open */
	StLexHash	acts_h;
	WordInfo	local[ST_STANCE_MAX_TOKENS];	/* token i's, without the memo */
} Ctx;

/* a word and what is known of it */
typedef struct MemoSlot
{
	const char *w;				/* the document's bytes, or the cache's copy */
	int32_t		n;
	uint32_t	a;				/* the word's first and last four bytes */
	uint32_t	b;				/* (word_info) */
	WordInfo	info;
} MemoSlot;

#define MEMO_SLOTS 2048			/* a document's memo; a power of two */

/*
 * Words kept, either for one document (st_stance_memo_init: keys point into
 * the document, which outlives the memo; when full, new words are simply
 * not kept) or across documents as the caller's StWordCache (keys copied
 * into pool; when full, cleared at the next statement).  What a slot's
 * WordInfo holds depends on the word's bytes and the static lexicons only,
 * so a word's slot answers for it in any statement of any document.
 */
struct StStanceMemo
{
	int32_t		used;			/* words kept */
	int32_t		limit;			/* at most this many (a load limit) */
	uint32_t	mask;			/* slots - 1 */
	bool		open;			/* the hashes below are set */
	bool		lex_ok;
	bool		acts_ok;
	bool		copy;			/* a cache: keys are copied into pool */
	bool		full;			/* (copy) a word found no room: clear before
								 * the next statement */
	bool		busy;			/* (copy) an analysis is using it */
	StLexHash	vader_h;
	StLexHash	valence_h;
	StLexHash	acts_h;
	char	   *pool;			/* (copy) the keys' bytes */
	size_t		pool_size;
	size_t		pool_used;
	uint64_t	clears;			/* (copy) times cleared, for tests */
	uint8_t    *live;			/* live[i]: slot[i] holds a word; only this,
								 * used and pool_used need clearing */
	MemoSlot   *slot;
};

/* words longer than this are not kept by a cache (nor take its pool) */
#define CACHE_MAX_KEY 64

/* the caller's cache: a memo laid out in the caller's memory */
struct StWordCache
{
	StStanceMemo memo;
};

/* ---------------------------------------------------------------------
 * tokens
 * --------------------------------------------------------------------- */

/* length of a UTF-8 quote/dash/ellipsis at p (0 if none); *kind 'q' or 'p' */
static int
utf8_punct(const unsigned char *p, size_t left, char *kind)
{
	if (left >= 3 && p[0] == 0xE2 && p[1] == 0x80)
	{
		switch (p[2])
		{
			case 0x98: case 0x99: case 0x9A: case 0x9B:
			case 0x9C: case 0x9D: case 0x9E: case 0x9F:
			case 0xB9: case 0xBA:
				*kind = 'q';
				return 3;
			case 0x93: case 0x94: case 0xA6:
				*kind = 'p';
				return 3;
		}
	}
	if (left >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB))
	{
		*kind = 'q';
		return 2;
	}
	if (left >= 3 && p[0] == 0xE3 && p[1] == 0x80 &&
		(p[2] == 0x8C || p[2] == 0x8D))
	{
		*kind = 'q';
		return 3;
	}
	return 0;
}

/*
 * byte classes: 1 ASCII letter or digit, 2 clause punctuation (and NUL, which
 * strchr(",;:.!?()[]", c) used to find too), 4 >= 0x80
 */
#define BC_ALNUM 1
#define BC_PUNCT 2
#define BC_HIGH 4
static const unsigned char byte_class[256] = {
	['0'] = 1,['1'] = 1,['2'] = 1,['3'] = 1,['4'] = 1,['5'] = 1,['6'] = 1,['7'] = 1,
	['8'] = 1,['9'] = 1,
	['A'] = 1,['B'] = 1,['C'] = 1,['D'] = 1,['E'] = 1,['F'] = 1,['G'] = 1,['H'] = 1,
	['I'] = 1,['J'] = 1,['K'] = 1,['L'] = 1,['M'] = 1,['N'] = 1,['O'] = 1,['P'] = 1,
	['Q'] = 1,['R'] = 1,['S'] = 1,['T'] = 1,['U'] = 1,['V'] = 1,['W'] = 1,['X'] = 1,
	['Y'] = 1,['Z'] = 1,
	['a'] = 1,['b'] = 1,['c'] = 1,['d'] = 1,['e'] = 1,['f'] = 1,['g'] = 1,['h'] = 1,
	['i'] = 1,['j'] = 1,['k'] = 1,['l'] = 1,['m'] = 1,['n'] = 1,['o'] = 1,['p'] = 1,
	['q'] = 1,['r'] = 1,['s'] = 1,['t'] = 1,['u'] = 1,['v'] = 1,['w'] = 1,['x'] = 1,
	['y'] = 1,['z'] = 1,
	[0] = 2,[','] = 2,[';'] = 2,[':'] = 2,['.'] = 2,['!'] = 2,['?'] = 2,['('] = 2,[')'] = 2,
	['['] = 2,[']'] = 2,
	[0x80] = 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

static inline bool
is_wordbyte(const unsigned char *p, size_t left)
{
	char		k;
	unsigned char bc = byte_class[*p];

	if (bc & BC_ALNUM)
		return true;
	return (bc & BC_HIGH) && utf8_punct(p, left, &k) == 0;
}

/* the index of the lowest set bit of x (x != 0) */
static inline int
ctz64(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
	return __builtin_ctzll(x);
#else
	int			n = 0;

	while (!(x & 1))
	{
		x >>= 1;
		n++;
	}
	return n;
#endif
}

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ALNUM_SWAR 1
/*
 * Bit k set when byte k of p[0, 8) is an ASCII letter or digit (BC_ALNUM),
 * eight bytes at once: each byte's range tests carry into its high bit.
 */
static inline uint64_t
alnum8(const unsigned char *p)
{
	const uint64_t H = 0x8080808080808080ull,
				ONE = 0x0101010101010101ull;
	uint64_t	x,
				lo7,
				f,
				a,
				b;

	memcpy(&x, p, 8);
	lo7 = x & ~H;				/* the bytes without their high bit */
	f = lo7 | (0x20 * ONE);		/* letters in lower case */
	a = (f + (0x80 - 'a') * ONE) & ~(f + (0x7F - 'z') * ONE);
	b = (lo7 + (0x80 - '0') * ONE) & ~(lo7 + (0x7F - '9') * ONE);
	/* and no byte >= 0x80; then the high bit of byte k to bit k */
	return ((((a | b) & ~x & H) >> 7) * 0x0102040810204080ull) >> 56;
}
#endif

/*
 * A run of ASCII letters and digits from i: where it ends (at len at most).
 * The bytes are read 64 at a time into a bit mask (*mask, of the block at
 * *mbase; blocks are asked for in order), so the end of a word costs no
 * mispredicted branch.
 */
static inline size_t
alnum_end(const unsigned char *u, size_t i, size_t len, size_t *mbase,
		  uint64_t *mask)
{
	for (;;)
	{
		size_t		base = i & ~(size_t) 63;
		uint64_t	x;

		if (base != *mbase)
		{
			size_t		n = len - base < 64 ? len - base : 64;
			uint64_t	m = 0;
			size_t		j = 0;

#ifdef ALNUM_SWAR
			for (; j + 8 <= n; j += 8)
				m |= alnum8(u + base + j) << j;
#endif
			for (; j < n; j++)
				m |= (uint64_t) (byte_class[u[base + j]] & BC_ALNUM) << j;
			*mbase = base;
			*mask = m;
		}
		/* set bits: bytes of no run (and none past the block, or past len) */
		x = ~*mask >> (i - base);
		if (x != 0)
		{
			i += (size_t) ctz64(x);
			return i < len ? i : len;
		}
		i = base + 64;
		if (i >= len)
			return len;
	}
}

/*
 * The token count and the arrays are kept in locals: the stores of bytes
 * (first[]) could otherwise alias c->ntok and have it read again each time.
 */
static void
tokenize(Ctx *c, const char *s, size_t len)
{
	size_t		mbase = (size_t) -1;	/* alnum_end's block */
	uint64_t	mask = 0;

	const unsigned char *u = (const unsigned char *) s;
	size_t		i = 0;
	Tok		   *tok = c->tok;
	unsigned char *first = c->first;
	int			ntok = 0;

	c->s = s;
	c->truncated = false;
	while (i < len)
	{
		char		k;
		int			pl;

		unsigned char bc;

		if (ntok == ST_STANCE_MAX_TOKENS)
		{
			c->truncated = true;
			break;
		}
		bc = byte_class[u[i]];
		if (bc == 0)
		{
			/* ASCII, and neither a word's nor punctuation: a blank */
			i++;
			continue;
		}
		if ((bc & BC_ALNUM) || is_wordbyte(u + i, len - i))
		{
			size_t		b = i;
			Tok		   *t = &tok[ntok];
			int32_t		l;

			while (i < len)
			{
				/* ASCII letters and digits first */
				i = alnum_end(u, i, len, &mbase, &mask);
				if (i >= len)
					break;
				/* the word's end, most often: an ASCII byte no join starts */
				if (u[i] < 0x80 && u[i] != '\'' && u[i] != '-')
					break;
				if (is_wordbyte(u + i, len - i))
					i++;
				else if ((u[i] == '\'' || u[i] == '-') && i + 1 < len &&
						 is_wordbyte(u + i + 1, len - i - 1))
					i++;
				else if (i + 3 < len && u[i] == 0xE2 && u[i + 1] == 0x80 &&
						 u[i + 2] == 0x99 && is_wordbyte(u + i + 3, len - i - 3))
					i += 3;		/* ’ inside a word: an apostrophe */
				else
					break;
			}
			first[ntok] = (unsigned char) (u[b] >= 'A' && u[b] <= 'Z' ? u[b] + ('a' - 'A') : u[b]);
			l = (int32_t) (i - b);
			t->start = (int32_t) b;
			t->len = l;
			t->core = l;
			/*
			 * a possessive 's or ’s: one branch on the last letter, then the
			 * bytes before it without branches (those before a short word's
			 * are not read: their positions are clamped into the word)
			 */
			if ((u[i - 1] | 0x20) == 's')
			{
				size_t		g2 = l > 2,
							g4 = l > 4;
				int32_t		ap = (int32_t) g2 & (u[i - 1 - g2] == '\'');
				int32_t		rq = (int32_t) g4 & (u[i - 1 - g4] == 0x99) &
					(u[i - 1 - 2 * g4] == 0x80) & (u[i - 1 - 3 * g4] == 0xE2);

				t->core = l - (2 * ap + 4 * (ap ^ 1) * rq);
			}
			t->punct = false;
			t->cap = (u[b] >= 'A' && u[b] <= 'Z');
			t->target = false;
			t->wi = NULL;
			ntok++;
			continue;
		}
		pl = (byte_class[u[i]] & BC_HIGH) ? utf8_punct(u + i, len - i, &k) : 0;
		if (pl > 0 || (byte_class[u[i]] & BC_PUNCT))
		{
			if (pl == 0 || k == 'p')
			{
				Tok		   *t = &tok[ntok];

				first[ntok] = u[i];
				t->start = (int32_t) i;
				t->len = pl > 0 ? pl : 1;
				t->core = t->len;
				t->punct = true;
				t->cap = false;
				t->target = false;
				t->wi = NULL;
				ntok++;
			}
			i += pl > 0 ? (size_t) pl : 1;
			continue;
		}
		i++;
	}
	c->ntok = ntok;
}

static bool
ieq(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && st_ascii_ieq(a, b, an);
}

static const char *const target_skip[] = {"the", "a", "an", NULL};
static const char *const acro_skip[] = {"of", "the", "and", "for", "&", NULL};
static const char *const clause_stop[] = {
	"that", "which", "who", "whom", "whose", "and", "but", "or", "because",
	"while", "when", "if", "as", "after", "before", "since", "to", "in",
	"from", "said", "says", "saying", "amid", "despite", "although", NULL
};
static const char *const obj_prep[] = {
	"of", "for", "to", "on", "against", "toward", "towards", "at", "with",
	"behind", "over", "about", NULL
};
static const char *const pronouns[] = {
	"it", "them", "him", "her", "its", "their", "his", "they", "us", NULL
};
static const char *const possessive[] = {"its", "their", "his", "her", "our", "my", "your", NULL};
static const char *const be_forms[] = {"was", "were", "is", "are", "been", "being", "be", NULL};
static const char *const report_nouns[] = {
	"claim", "claims", "allegation", "allegations", "accusation", "accusations",
	"report", "reports", "suggestion", "suggestions", "rumour", "rumours",
	"rumor", "rumors", "charge", "charges", NULL
};
static const char *const vader_neg[] = {
	"not", "never", "no", "without", "nor", "neither", "nobody", "none",
	"nothing", "hardly", "barely", "cannot", "nowhere", NULL
};

/* the lists above, as bits of Tok.wl */
#define WL_TARGET_SKIP	0x001
#define WL_ACRO_SKIP	0x002
#define WL_CLAUSE_STOP	0x004
#define WL_OBJ_PREP		0x008
#define WL_PRONOUNS		0x010
#define WL_POSSESSIVE	0x020
#define WL_BE_FORMS		0x040
#define WL_REPORT_NOUNS	0x080
#define WL_VADER_NEG	0x100

#define WL_SLOTS 256			/* a power of two, over twice the words */
#define WL_MAXLEN 15

/*
 * Which lists hold a word, from a hash of all their words built on first
 * use (immutable after), so a token's lists cost one lookup.
 */
static struct
{
	const char *w;				/* NULL: empty */
	int32_t		n;
	uint16_t	mask;
} wl_slot[WL_SLOTS];
static bool wl_ready;

/*
 * wl_shape[n][f]: bit l set when a word of the lists has n bytes, first
 * letter f and last letter l (wl_letter): most words are turned away
 * without hashing.
 */
static uint32_t wl_shape[WL_MAXLEN + 1][27];

static inline int
wl_letter(unsigned char x)
{
	x |= 0x20;
	return x >= 'a' && x <= 'z' ? x - 'a' : 26;
}

static uint32_t
wl_hash(const char *w, int32_t n)
{
	uint32_t	h = 2166136261u;

	for (int32_t k = 0; k < n; k++)
	{
		unsigned char x = (unsigned char) w[k];

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		h = (h ^ x) * 16777619u;
	}
	return h;
}

static void
wl_build(void)
{
	static const struct
	{
		const char *const *list;
		uint16_t	bit;
	}			lists[] = {
		{target_skip, WL_TARGET_SKIP}, {acro_skip, WL_ACRO_SKIP},
		{clause_stop, WL_CLAUSE_STOP}, {obj_prep, WL_OBJ_PREP},
		{pronouns, WL_PRONOUNS}, {possessive, WL_POSSESSIVE},
		{be_forms, WL_BE_FORMS}, {report_nouns, WL_REPORT_NOUNS},
		{vader_neg, WL_VADER_NEG}
	};

	for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (const char *const *w = lists[l].list; *w; w++)
		{
			int32_t		n = (int32_t) strlen(*w);
			uint32_t	i;

			for (i = wl_hash(*w, n) & (WL_SLOTS - 1); wl_slot[i].w;
				 i = (i + 1) & (WL_SLOTS - 1))
				if (wl_slot[i].n == n && memcmp(wl_slot[i].w, *w, (size_t) n) == 0)
					break;
			wl_slot[i].w = *w;
			wl_slot[i].n = n;
			wl_slot[i].mask |= lists[l].bit;
			if (n >= 1 && n <= WL_MAXLEN)
				wl_shape[n][wl_letter((unsigned char) (*w)[0])] |=
					(uint32_t) 1 << wl_letter((unsigned char) (*w)[n - 1]);
		}
	wl_ready = true;
}

/* token i's own WordInfo, for a word the memo does not keep */
static WordInfo *
word_info_local(Ctx *c, int i)
{
	c->local[i].done = 0;
	return &c->local[i];
}

/* word_info's miss: the word goes into free slot k, if there is room */
static WordInfo *
word_info_add(Ctx *c, const char *w, int32_t n, int i, uint32_t k,
			  uint32_t a, uint32_t b)
{
	StStanceMemo *m = c->memo;
	const char *key = w;

	if (m->used >= m->limit)
	{
		/*
		 * Full: found without keeping.  A cache is cleared before the next
		 * statement, not now: earlier tokens of this one point into it.
		 */
		m->full = m->copy;
		return word_info_local(c, i);
	}
	if (m->copy)
	{
		if (n > CACHE_MAX_KEY)
			return word_info_local(c, i);	/* rare: not worth the room */
		if (m->pool_size - m->pool_used < (size_t) n)
		{
			m->full = true;
			return word_info_local(c, i);
		}
		/* the key is copied: the document may be gone at the next lookup */
		key = m->pool + m->pool_used;
		memcpy(m->pool + m->pool_used, w, (size_t) n);
		m->pool_used += (size_t) n;
	}
	m->slot[k].w = key;
	m->slot[k].n = n;
	m->slot[k].a = a;
	m->slot[k].b = b;
	m->slot[k].info.done = 0;
	m->live[k] = 1;
	m->used++;
	return &m->slot[k].info;
}

/*
 * What is known of the word w (n bytes) at token i: the memo's slot for it
 * (added if new and there is room), else token i's own.
 */
static inline WordInfo *
word_info(Ctx *c, const char *w, int32_t n, int i)
{
	StStanceMemo *m = c->memo;
	const unsigned char *u = (const unsigned char *) w;
	uint32_t	a,
				b,
				h,
				k;

	if (m == NULL || n <= 0)
		return word_info_local(c, i);

	/*
	 * The key: the first and last four bytes and the length (a short
	 * word's bytes at 0, 1, 2, 2, positions clamped into the word, so it
	 * is all there); the bytes between are compared on a hit.
	 */
	if (n >= 4)
	{
		memcpy(&a, u, 4);
		memcpy(&b, u + n - 4, 4);
	}
	else
	{
		int32_t		g1 = n > 1,
					g2 = n > 2;

		a = (uint32_t) u[0] | (uint32_t) u[g1] << 8 |
			(uint32_t) u[g1 + g2] << 16 | (uint32_t) u[g1 + g2] << 24;
		b = a;
	}
	h = (a * 0x9E3779B1u) ^ (b * 0x85EBCA77u) ^ (uint32_t) n;
	h ^= h >> 15;
	h *= 0x2C1B3C6Du;
	h ^= h >> 13;
	for (k = h & m->mask; m->live[k]; k = (k + 1) & m->mask)
	{
		MemoSlot   *sl = &m->slot[k];

		if (sl->a == a && sl->b == b && sl->n == n &&
			(n <= 8 || memcmp(sl->w + 4, w + 4, (size_t) (n - 8)) == 0))
			return &sl->info;
	}
	return word_info_add(c, w, n, i, k, a, b);
}

/* what is known of token i's word */
static inline WordInfo *
tok_info(Ctx *c, int i)
{
	Tok		   *t = &c->tok[i];

	if (t->wi == NULL)
		t->wi = word_info(c, c->s + t->start, t->len, i);
	return t->wi;
}

/* the lists holding the word w (n bytes; compared as tok_is does) */
static uint16_t
word_lists(const char *p, int32_t n)
{
	if (n <= WL_MAXLEN)
	{
		if (!wl_ready)
			wl_build();
		if (n >= 1 &&
			!((wl_shape[n][wl_letter((unsigned char) p[0])] >>
			   wl_letter((unsigned char) p[n - 1])) & 1))
			return 0;
		for (uint32_t h = wl_hash(p, n) & (WL_SLOTS - 1); wl_slot[h].w;
			 h = (h + 1) & (WL_SLOTS - 1))
			if (wl_slot[h].n == n && st_ascii_ieq(p, wl_slot[h].w, (size_t) n))
				return wl_slot[h].mask;
	}
	return 0;
}

/* the lists holding word token i */
static inline uint16_t
tok_lists(Ctx *c, int i)
{
	WordInfo   *wi = tok_info(c, i);

	if (!(wi->done & WI_WL))
	{
		wi->wl = word_lists(c->s + c->tok[i].start, c->tok[i].len);
		wi->done |= WI_WL;
	}
	return wi->wl;
}

/* is token i a word of the lists in mask (WL_*)? */
static bool
tok_in(Ctx *c, int i, unsigned mask)
{
	if (i < 0 || i >= c->ntok || c->tok[i].punct)
		return false;
	return (tok_lists(c, i) & mask) != 0;
}

static bool
ends_with(const char *w, int32_t n, const char *suf)
{
	int32_t		k = (int32_t) strlen(suf);

	return n > k && ieq(w + n - k, (size_t) k, suf, (size_t) k);
}

/* ---------------------------------------------------------------------
 * target matching
 * --------------------------------------------------------------------- */


#define MAX_TWORDS 12

typedef struct Phrase
{
	const char *w[MAX_TWORDS];
	int32_t		n[MAX_TWORDS];
	int			nw;
	bool		caps;			/* an acronym: match capitals only */
} Phrase;

/* split a name into words (leading "the"/"a" dropped) */
static void
phrase_split(Phrase *p, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t		i = 0;

	p->nw = 0;
	p->caps = false;
	while (i < len && p->nw < MAX_TWORDS)
	{
		size_t		b;

		while (i < len && !is_wordbyte(u + i, len - i))
			i++;
		b = i;
		while (i < len && (is_wordbyte(u + i, len - i) ||
						   ((u[i] == '\'' || u[i] == '-' || u[i] == '.') && i + 1 < len &&
							is_wordbyte(u + i + 1, len - i - 1))))
			i++;
		if (i > b)
		{
			if (p->nw == 0 && (ieq(s + b, i - b, "the", 3) || ieq(s + b, i - b, "a", 1) ||
							   ieq(s + b, i - b, "an", 2)))
				continue;
			p->w[p->nw] = s + b;
			p->n[p->nw] = (int32_t) (i - b);
			p->nw++;
		}
	}
}

/* does the word token t equal w (its core, i.e. without 's, or as demonym)? */
static bool
word_match(const Ctx *c, const Tok *t, const char *w, int32_t n, bool caps,
		   bool last)
{
	const char *tw = c->s + t->start;
	static const char *const demonym[] = {"n", "an", "ian", "ns", "ans", "ians", "ese", "ish", NULL};
	int			k;

	if (t->punct)
		return false;
	if (caps)
		return t->core == n && memcmp(tw, w, (size_t) n) == 0;
	if (ieq(tw, (size_t) t->len, w, (size_t) n))
		return true;
	if (!last)
		return false;
	if (ieq(tw, (size_t) t->core, w, (size_t) n))
		return true;
	/* Russia - Russian(s), Britain - British: the target word, then a suffix */
	if (n >= 4 && t->core > n && ieq(tw, (size_t) n, w, (size_t) n))
	{
		for (k = 0; demonym[k]; k++)
			if (ieq(tw + n, (size_t) (t->core - n), demonym[k], strlen(demonym[k])))
				return true;
	}
	return false;
}

/* mark the tokens matching a phrase (determiners of the text skipped) */
static int
mark_phrase(Ctx *c, const Phrase *p)
{
	int			i,
				found = 0;

	unsigned char f0;

	if (p->nw == 0)
		return 0;
	/* every match starts with the phrase's first byte (ASCII case folded) */
	f0 = (unsigned char) p->w[0][0];
	if (f0 >= 'A' && f0 <= 'Z')
		f0 += 'a' - 'A';
	for (i = 0; i < c->ntok; i++)
	{
		int			j,
					k;
		const unsigned char *f = memchr(c->first + i, f0, (size_t) (c->ntok - i));

		if (f == NULL)
			break;
		i = (int) (f - c->first);
		j = i;
		for (k = 0; k < p->nw && j < c->ntok; k++, j++)
			if (!word_match(c, &c->tok[j], p->w[k], p->n[k], p->caps, k == p->nw - 1))
				break;
		if (k == p->nw)
		{
			for (k = i; k < j; k++)
				c->tok[k].target = true;
			found++;
		}
	}
	return found;
}

/* mark expansions of an acronym: capitalised words whose initials spell it */
static void
mark_expansion(Ctx *c, const char *acro, int32_t n)
{
	int			i;

	for (i = 0; i < c->ntok; i++)
	{
		int			j = i,
					k = 0,
					last = i;

		while (j < c->ntok && k < n)
		{
			const Tok  *t = &c->tok[j];

			if (t->punct)
				break;
			if (t->cap && c->s[t->start] == acro[k])
			{
				k++;
				last = j;
			}
			else if (k == 0 || !tok_in(c, j, WL_ACRO_SKIP))
				break;
			j++;
		}
		if (k == n && n >= 2)
		{
			for (j = i; j <= last; j++)
				c->tok[j].target = true;
			i = last;
		}
	}
}

/* p: the target split by phrase_split */
static void
mark_target(Ctx *c, const Phrase *p, const char *const *aliases, int naliases)
{
	Phrase		q;
	int			i;
	char		acro[MAX_TWORDS + 1];
	int			na = 0;

	if (p->nw == 0)
		return;
	mark_phrase(c, p);
	if (p->nw > 1)
	{
		/* its last word: Zakharova for Maria Zakharova, talks for peace talks */
		q.nw = 1;
		q.caps = false;
		q.w[0] = p->w[p->nw - 1];
		q.n[0] = p->n[p->nw - 1];
		mark_phrase(c, &q);
		/* its acronym, from the capitalised words */
		for (i = 0; i < p->nw; i++)
		{
			if (p->w[i][0] >= 'A' && p->w[i][0] <= 'Z')
				acro[na++] = p->w[i][0];
			else if (!(ieq(p->w[i], (size_t) p->n[i], "of", 2) ||
					   ieq(p->w[i], (size_t) p->n[i], "and", 3) ||
					   ieq(p->w[i], (size_t) p->n[i], "for", 3) ||
					   ieq(p->w[i], (size_t) p->n[i], "the", 3)))
			{
				na = 0;
				break;
			}
		}
		if (na >= 2)
		{
			q.caps = true;
			q.w[0] = acro;
			q.n[0] = na;
			mark_phrase(c, &q);
		}
	}
	else
	{
		/* an acronym target: its expansion in the text */
		bool		caps = p->n[0] >= 2 && p->n[0] <= MAX_TWORDS;

		for (i = 0; caps && i < p->n[0]; i++)
			if (!(p->w[0][i] >= 'A' && p->w[0][i] <= 'Z'))
				caps = false;
		if (caps)
			mark_expansion(c, p->w[0], p->n[0]);
	}
	for (i = 0; aliases && i < naliases; i++)
	{
		if (aliases[i] == NULL)
			continue;
		phrase_split(&q, aliases[i], strlen(aliases[i]));
		mark_phrase(c, &q);
	}
}

/* ---------------------------------------------------------------------
 * acts
 * --------------------------------------------------------------------- */

/* look up key = stem (n bytes) + add + the extra following words */
static const char *
act_try(const Ctx *c, int i, const char *w, int32_t n, const char *add,
		int32_t al, int extra)
{
	char		buf[96];
	size_t		k = 0;
	int			e;

	if (n <= 1 || n + al >= 40)
		return NULL;
	memcpy(buf, w, (size_t) n);
	k = (size_t) n;
	memcpy(buf + k, add, (size_t) al);
	k += (size_t) al;
	for (e = 1; e <= extra; e++)
	{
		const Tok  *t = &c->tok[i + e];

		if (i + e >= c->ntok || t->punct || k + 1 + (size_t) t->len >= sizeof(buf))
			return NULL;
		buf[k++] = ' ';
		memcpy(buf + k, c->s + t->start, (size_t) t->len);
		k += (size_t) t->len;
	}
	return LEX_FIND(acts, buf, k);
}

/*
 * Which inflectional endings a word of n bytes can have, by its last letter:
 * 1 -s (-s, -es, -ies), 2 -d (-ed, -ied), 3 -g (-ing), 0 none.
 */
static inline int
suffix_class(const char *w, int32_t n)
{
	if (n <= 0)
		return 0;
	switch (w[n - 1] | 0x20)
	{
		case 's':
			return 1;
		case 'd':
			return 2;
		case 'g':
			return 3;
		default:
			return 0;
	}
}

/*
 * Could a word starting with these two bytes be an act?  Every form of an
 * act (regular or listed) begins with the first two letters of its key.  A
 * table of the pairs, built on first use, turns most words away at once.
 */
static bool
act_initials(const char *w)
{
	static uint8_t pairs[27 * 27 / 8 + 1];
	static bool ready;
	int			a,
				b;

#define PAIR_INDEX(x, y) ((x) * 27 + (y))
	if (!ready)
	{
		for (int e = 0; e < st_lex_acts_n; e++)
		{
			const char *k = st_lex_acts[e];
			int			x = (k[0] >= 'a' && k[0] <= 'z') ? k[0] - 'a' : 26;
			int			y = (k[1] >= 'a' && k[1] <= 'z') ? k[1] - 'a' : 26;
			int			p = PAIR_INDEX(x, y);

			pairs[p / 8] |= (uint8_t) (1 << (p % 8));
		}
		ready = true;
	}
	a = (w[0] | 0x20) - 'a';
	b = (w[1] | 0x20) - 'a';
	if (a < 0 || a > 25)
		a = 26;
	if (b < 0 || b > 25)
		b = 26;
	return (pairs[PAIR_INDEX(a, b) / 8] >> (PAIR_INDEX(a, b) % 8)) & 1;
#undef PAIR_INDEX
}

/*
 * One-bit-per-key filters over the hashes (as st_lex_fold_step makes them)
 * of the keys of acts.txt (key_bits) and of the first words of its keys of
 * several words (first_bits), built on first use (immutable after): most
 * readings of a word are neither and need no probe of the table.
 */
#define ACT_FILTER_BITS 15
static uint8_t act_key_bits[1 << ACT_FILTER_BITS >> 3];
static uint8_t act_first_bits[1 << ACT_FILTER_BITS >> 3];
static bool act_filter_ready;

static inline void
act_filter_set(uint8_t *bits, uint32_t h)
{
	h >>= 32 - ACT_FILTER_BITS;
	bits[h >> 3] |= (uint8_t) (1 << (h & 7));
}

static inline bool
act_filter_has(const uint8_t *bits, uint32_t h)
{
	h >>= 32 - ACT_FILTER_BITS;
	return (bits[h >> 3] >> (h & 7)) & 1;
}

static void
act_filter_build(void)
{
	for (int e = 0; e < st_lex_acts_n; e++)
	{
		uint32_t	h = ST_LEX_HASH0;
		bool		first_done = false;

		for (const char *p = st_lex_acts[e]; *p && *p != '|'; p++)
		{
			if (*p == ' ' && !first_done)
			{
				first_done = true;
				act_filter_set(act_first_bits, h);
			}
			h = st_lex_fold_step(h, (unsigned char) *p);
		}
		act_filter_set(act_key_bits, h);
	}
	act_filter_ready = true;
}

/* the readings of a word as an inflected form of an act (act_readings) */
static const struct
{
	int32_t		n;				/* bytes to strip; < 0: doubled consonant */
	const char *add;
	int32_t		al;
	const char *suf;
	int32_t		sl;
}			act_cand[] = {
	{0, "", 0, "", 0},
	{3, "y", 1, "ies", 3}, {3, "y", 1, "ied", 3}, {1, "", 0, "s", 1},
	{2, "", 0, "es", 2}, {1, "", 0, "ed", 2}, {2, "", 0, "ed", 2},
	{-3, "", 0, "ed", 2}, {3, "e", 1, "ing", 3}, {3, "", 0, "ing", 3},
	{-4, "", 0, "ing", 3}
};

#define ACT_CANDS ((int) (sizeof(act_cand) / sizeof(act_cand[0])))

typedef struct ActReadings
{
	int			nvalid;
	int			valid[ACT_CANDS];	/* act_cand indexes, in order */
	bool		phrase[ACT_CANDS];	/* starts a key of several words */
	uint32_t	hk[ACT_CANDS];	/* the tables' hash of each reading */
	bool		any_phrase;
} ActReadings;

/*
 * The readings of the word w (n bytes) that an act could have; whether they
 * start keys of several words is asked only when words follow (more).
 * False when no act starts with the word.  Only the word's bytes (and more)
 * are read.
 */
static bool
act_readings(const Ctx *c, const char *w, int32_t n, bool more,
			 ActReadings *r)
{
	uint32_t	ph[32];			/* ph[m]: hash of w[0, m) */
	/* the readings whose suffix can match, by the last letter, in order */
	static const signed char by_last[4][6] = {
		{0, -1}, {0, 1, 3, 4, -1}, {0, 2, 5, 6, 7, -1}, {0, 8, 9, 10, -1}
	};
	const signed char *cl;

	r->nvalid = 0;
	r->any_phrase = false;
	if (n < 2 || n > 30 || !act_initials(w))
		return false;
	if (c->acts_ok)
	{
		if (!act_filter_ready)
			act_filter_build();
		ph[0] = ST_LEX_HASH0;
		for (int32_t q = 0; q < n; q++)
			ph[q + 1] = st_lex_fold_step(ph[q], (unsigned char) w[q]);
	}
	cl = by_last[suffix_class(w, n)];
	/* the readings of the word as an inflected form */
	for (; *cl >= 0; cl++)
	{
		int			k = *cl;
		int			v = r->nvalid;
		int32_t		strip = act_cand[k].n < 0 ? -act_cand[k].n : act_cand[k].n;

		if (k > 0 && (n <= act_cand[k].sl ||
					  !st_ascii_ieq(w + n - act_cand[k].sl, act_cand[k].suf,
									(size_t) act_cand[k].sl)))
			continue;
		/* doubled consonant: slammed, admitting */
		if (act_cand[k].n < 0 && !(n - strip >= 2 && w[n - strip] == w[n - strip - 1]))
			continue;
		if (k > 0 && n - strip < 2)
			continue;
		if (c->acts_ok)
		{
			r->hk[v] = ph[n - strip];
			for (int32_t q = 0; q < act_cand[k].al; q++)
				r->hk[v] = st_lex_fold_step(r->hk[v], (unsigned char) act_cand[k].add[q]);
		}
		/* does a key of several words start with this reading? */
		r->phrase[v] = false;
		if (more && n - strip + act_cand[k].al < 40)
		{
			if (c->acts_ok)
				r->phrase[v] = act_filter_has(act_first_bits, r->hk[v]) &&
					st_lex_starts_phrase_split(&c->acts_h, r->hk[v], w,
											   (size_t) (n - strip),
											   act_cand[k].add,
											   (size_t) act_cand[k].al);
			else
			{
				char		buf[48];

				memcpy(buf, w, (size_t) (n - strip));
				memcpy(buf + n - strip, act_cand[k].add, (size_t) act_cand[k].al);
				r->phrase[v] = st_lex_starts_phrase(st_lex_acts, st_lex_acts_n, buf,
													(size_t) (n - strip + act_cand[k].al));
			}
			r->any_phrase |= r->phrase[v];
		}
		r->valid[r->nvalid++] = k;
	}
	return true;
}

/*
 * The first reading of the word w (n bytes) at token i that is a key of
 * acts.txt with the extra words after it (only those starting such keys
 * when extra > 0).
 */
static const char *
act_find(const Ctx *c, const ActReadings *r, int i, const char *w, int32_t n,
		 int extra)
{
	for (int v = 0; v < r->nvalid; v++)
	{
		int			k = r->valid[v];
		int32_t		strip = act_cand[k].n < 0 ? -act_cand[k].n : act_cand[k].n;
		const char *e;

		if (extra > 0 && !r->phrase[v])
			continue;
		if (extra == 0 && c->acts_ok)
		{
			/* act_try without the copy */
			e = NULL;
			if (n - strip > 1 && n - strip + act_cand[k].al < 40 &&
				act_filter_has(act_key_bits, r->hk[v]))
				e = st_lex_find_split(&c->acts_h, r->hk[v], w, (size_t) (n - strip),
									  act_cand[k].add, (size_t) act_cand[k].al);
		}
		else
			e = act_try(c, i, w, n - strip, act_cand[k].add, act_cand[k].al, extra);
		if (e)
			return e;
	}
	return NULL;
}

/*
 * The acts.txt entry for the cue starting at token i, and its token count:
 * the longest key (of up to three words) that a reading starts.
 */
static const char *
act_at_full(const Ctx *c, int i, int *ntok)
{
	const Tok  *t = &c->tok[i];
	const char *w = c->s + t->start;
	ActReadings r;

	if (t->punct || !act_readings(c, w, t->len, i + 1 < c->ntok, &r))
		return NULL;
	for (int extra = r.any_phrase ? 2 : 0; extra >= 0; extra--)
	{
		const char *e;

		if (i + extra >= c->ntok)
			continue;
		if ((e = act_find(c, &r, i, w, t->len, extra)) != NULL)
		{
			*ntok = extra + 1;
			return e;
		}
	}
	return NULL;
}

/*
 * act_at_full, from what the word alone decides when it is known: unless
 * a reading of the word starts a key of several words and a word follows,
 * the answer is the word's act as one word.
 */
static const char *
act_at(Ctx *c, int i, int *ntok)
{
	const Tok  *t = &c->tok[i];
	WordInfo   *wi;

	if (t->punct)
		return NULL;
	wi = tok_info(c, i);
	if (!(wi->done & WI_ACT))
	{
		const char *w = c->s + t->start;
		ActReadings r;

		wi->act = NULL;
		wi->act_phrase = false;
		if (act_readings(c, w, t->len, true, &r))
		{
			wi->act = act_find(c, &r, i, w, t->len, 0);
			wi->act_phrase = r.any_phrase;
		}
		wi->done |= WI_ACT;
	}
	if (wi->act_phrase && i + 1 < c->ntok)
		return act_at_full(c, i, ntok);
	*ntok = 1;
	return wi->act;
}

static bool
parse_act(const char *entry, Act *a)
{
	const char *v = st_lex_value(entry);
	const char *sp;

	if (v == NULL)
		return false;
	sp = strrchr(v, ' ');
	if (sp == NULL)
		return false;
	a->act = v;
	a->actlen = (int) (sp - v);
	a->pol = 0;
	a->kind = 0;
	a->special = 0;
	switch (sp[1])
	{
		case '-':
			a->pol = -1;
			break;
		case '+':
			a->pol = 1;
			break;
		case 'N':
		case 'M':
			a->special = sp[1];
			return true;
	}
	a->kind = sp[2] ? sp[2] : 'c';
	return true;
}

static bool
is_negword(Ctx *c, int i)
{
	const Tok  *t = &c->tok[i];
	WordInfo   *wi;

	if (t->punct)
		return false;
	wi = tok_info(c, i);
	if (!(wi->done & WI_NEG))
	{
		if ((c->s[t->start + t->len - 1] | 0x20) != 't')
			wi->neg = tok_in(c, i, WL_VADER_NEG);	/* neither ending below */
		else
			wi->neg = tok_in(c, i, WL_VADER_NEG) ||
				ends_with(c->s + t->start, t->len, "n't") ||
				ends_with(c->s + t->start, t->len, "n\xE2\x80\x99t");
		wi->done |= WI_NEG;
	}
	return wi->neg;
}

/* is the target within the object of the act a?  (*pron: a pronoun object) */
static bool
object_has_target(Ctx *c, const Act *a, bool *pron)
{
	int			j = a->tok + a->ntok,
				end,
				k;

	*pron = false;
	if (j < c->ntok && tok_in(c, j, WL_OBJ_PREP))
		j++;
	if (j < c->ntok && tok_in(c, j, WL_PRONOUNS))
		*pron = true;
	end = j + 6 < c->ntok ? j + 6 : c->ntok;
	for (k = j; k < end; k++)
	{
		const Tok  *t = &c->tok[k];

		if (t->target)
			return true;
		if (t->punct || tok_in(c, k, WL_CLAUSE_STOP))
			return false;
		/* "accused Russia of ...": a name ends the object */
		if (k > j && tok_in(c, k, WL_OBJ_PREP) && c->tok[k - 1].cap)
			return false;
		/* a verb form ends it */
		if (t->len > 5 && (ends_with(c->s + t->start, t->len, "ing")))
			return false;
	}
	return false;
}

/* the VADER valence of a word or of its regular base form (helped - help) */
static const struct
{
	const char *suf;
	int32_t		sl;
	int32_t		strip;
	const char *add;
	size_t		al;
}			vader_cand[] = {
	{"", 0, 0, "", 0}, {"s", 1, 1, "", 0}, {"ed", 2, 1, "", 0},
	{"ed", 2, 2, "", 0}, {"ing", 3, 3, "e", 1}, {"ing", 3, 3, "", 0},
	{"ies", 3, 3, "y", 1}, {"ied", 3, 3, "y", 1}
};

#define VADER_BUF 48			/* keys of this many bytes or more: none */

static const char *
vader_value_slow(const char *w, int32_t n)
{
	char		buf[VADER_BUF];
	int			k;

	for (k = 0; k < (int) (sizeof(vader_cand) / sizeof(vader_cand[0])); k++)
	{
		const char *e;
		int32_t		m = n - vader_cand[k].strip;
		size_t		al = vader_cand[k].al;

		if (k > 0 && (m < 3 || n <= vader_cand[k].sl ||
					  !st_ascii_ieq(w + n - vader_cand[k].sl, vader_cand[k].suf,
									(size_t) vader_cand[k].sl)))
			continue;
		if ((size_t) m + al >= sizeof(buf))
			continue;
		memcpy(buf, w, (size_t) m);
		memcpy(buf + m, vader_cand[k].add, al);
		e = LEX_FIND(vader, buf, (size_t) m + al);
		/* our own list holds every form it knows */
		if (e == NULL && k == 0)
			e = LEX_FIND(valence, buf, (size_t) m + al);
		if (e)
			return st_lex_value(e);
	}
	return NULL;
}

/*
 * A two-bits-per-key filter over the hashes of the keys of vader and
 * valence (the top 17 bits of the hash and of a remix of it), built on first
 * use (immutable after): most readings are in neither list and cost no
 * probe of the tables (whose entries are far apart in memory).
 */
#define VADER_FILTER_BITS 17
static uint8_t vader_filter[1 << VADER_FILTER_BITS >> 3];
static bool vader_filter_ready;

/* the filter's two bits for a hash: its top bits, and those of a remix */
static inline uint32_t
vader_bit1(uint32_t h)
{
	return h >> (32 - VADER_FILTER_BITS);
}

static inline uint32_t
vader_bit2(uint32_t h)
{
	return (h * 0x9E3779B1u) >> (32 - VADER_FILTER_BITS);
}

static inline bool
vader_filter_has(uint32_t h)
{
	uint32_t	b1 = vader_bit1(h),
				b2 = vader_bit2(h);

	return ((vader_filter[b1 >> 3] >> (b1 & 7)) & 1) &&
		((vader_filter[b2 >> 3] >> (b2 & 7)) & 1);
}

static void
vader_filter_build(void)
{
	const char *const *tabs[] = {st_lex_vader, st_lex_valence};
	const int	ns[] = {st_lex_vader_n, st_lex_valence_n};

	for (int t = 0; t < 2; t++)
		for (int e = 0; e < ns[t]; e++)
		{
			uint32_t	h = ST_LEX_HASH0;

			for (const char *p = tabs[t][e]; *p && *p != '|'; p++)
				h = st_lex_fold_step(h, (unsigned char) *p);
			vader_filter[vader_bit1(h) >> 3] |= (uint8_t) (1 << (vader_bit1(h) & 7));
			vader_filter[vader_bit2(h) >> 3] |= (uint8_t) (1 << (vader_bit2(h) & 7));
		}
	vader_filter_ready = true;
}

/*
 * The same with the tables' hashes at hand: the hash of each reading is the
 * hash of a prefix of the word (computed once) continued by what it adds.
 */
static const char *
vader_value(const Ctx *c, const char *w, int32_t n, const uint32_t *ph)
{
	int			k;

	/* the readings whose suffix can match, by the last letter, in order */
	static const signed char by_last[4][5] = {
		{0, -1}, {0, 1, 6, -1}, {0, 2, 3, 7, -1}, {0, 4, 5, -1}
	};
	const signed char *cl = by_last[suffix_class(w, n)];

	if (!c->lex_ok)
		return vader_value_slow(w, n);
	if (!vader_filter_ready)
		vader_filter_build();
	for (; *cl >= 0; cl++)
	{
		const char *e;
		int32_t		m;
		size_t		al;
		uint32_t	h;

		k = *cl;
		m = n - vader_cand[k].strip;
		al = vader_cand[k].al;
		if (k > 0 && (m < 3 || n <= vader_cand[k].sl ||
					  !st_ascii_ieq(w + n - vader_cand[k].sl, vader_cand[k].suf,
									(size_t) vader_cand[k].sl)))
			continue;
		if ((size_t) m + al >= VADER_BUF)
			continue;
		h = ph[m];
		for (size_t j = 0; j < al; j++)
			h = st_lex_fold_step(h, (unsigned char) vader_cand[k].add[j]);
		if (!vader_filter_has(h))
			continue;			/* in neither list */
		e = st_lex_find_split(&c->vader_h, h, w, (size_t) m, vader_cand[k].add, al);
		/* our own list holds every form it knows */
		if (e == NULL && k == 0)
			e = st_lex_find_split(&c->valence_h, h, w, (size_t) m, "", 0);
		if (e)
			return st_lex_value(e);
	}
	return NULL;
}

/*
 * A lexicon valence ("-1.75"): as strtod reads it.  A short decimal is its
 * digits, an exact integer, divided by an exact power of ten, and IEEE
 * division rounds that quotient as strtod rounds the decimal; anything else
 * goes to strtod.
 */
static double
parse_valence(const char *v)
{
	static const double pow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
	const char *p = v;
	bool		neg = false;
	int64_t		m = 0;
	int			digits = 0,
				frac = 0;

	if (*p == '-')
	{
		neg = true;
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		m = m * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++, frac++)
			m = m * 10 + (*p - '0');
	if (*p != '\0' || digits == 0 || digits > 15 || frac > 8)
		return strtod(v, NULL);
	return neg ? -((double) m / pow10[frac]) : (double) m / pow10[frac];
}

/* the valence of a word (0 and false if none) */
static bool
word_valence(const Ctx *c, const char *w, int32_t n, double *val)
{
	const char *v;
	uint32_t	ph[VADER_BUF];	/* ph[m]: the tables' hash of w[0, m) */
	int32_t		top = n < VADER_BUF - 1 ? n : VADER_BUF - 1;

	*val = 0;
	if (n <= 0)
		return false;			/* not reached: words have bytes */
	ph[0] = ST_LEX_HASH0;
	for (int32_t k = 0; k < top; k++)
		ph[k + 1] = st_lex_fold_step(ph[k], (unsigned char) w[k]);
	v = vader_value(c, w, n, ph);
	*val = v ? parse_valence(v) : 0;
	return v != NULL;
}

/* the valence of word token i's core (0 and false if none) */
static inline bool
tok_valence(Ctx *c, int i, double *val)
{
	WordInfo   *wi = tok_info(c, i);

	if (!(wi->done & WI_VAL))
	{
		wi->has_val = word_valence(c, c->s + c->tok[i].start, c->tok[i].core,
								   &wi->val);
		wi->done |= WI_VAL;
	}
	*val = wi->val;
	return wi->has_val;
}

#define MEMO_ALIGN(n) (((n) + 7) & ~(size_t) 7)

size_t
st_stance_memo_size(void)
{
	return MEMO_ALIGN(sizeof(StStanceMemo)) +
		sizeof(MemoSlot) * MEMO_SLOTS + MEMO_SLOTS;
}

/* forget every word (the lexicon hashes stay: they depend on nothing) */
static void
memo_clear(StStanceMemo *m)
{
	m->used = 0;
	m->full = false;
	m->pool_used = 0;
	memset(m->live, 0, (size_t) m->mask + 1);
}

void
st_stance_memo_init(StStanceMemo *memo)
{
	char	   *p = (char *) memo + MEMO_ALIGN(sizeof(StStanceMemo));

	memset(memo, 0, sizeof(*memo));
	memo->mask = MEMO_SLOTS - 1;
	memo->limit = MEMO_SLOTS / 2;
	memo->slot = (MemoSlot *) p;
	memo->live = (uint8_t *) (p + sizeof(MemoSlot) * MEMO_SLOTS);
	memo_clear(memo);
}

/*
 * The word cache (stance_core.h).  Laid out in the caller's memory: the
 * header, then as many slots as fit (a power of two) with their live bytes
 * and 8 pool bytes each (over 10 per word kept at the load limit; most
 * words are shorter), then the rest of the memory as pool.  The load limit
 * is three quarters, not the document memo's half: on the PolNeAR train
 * articles a 1 MB cache (16384 slots) then keeps 12288 words and is cleared
 * twice instead of four times, for about 3M fewer instructions, while the
 * longer probe sequences cost little (a 4 MB cache never cleared saves only
 * 4M more).
 */
#define CACHE_MIN_SLOTS 16

StWordCache *
st_word_cache_init(void *mem, size_t size)
{
	StWordCache *cache = mem;
	StStanceMemo *m;
	size_t		hdr = MEMO_ALIGN(sizeof(StWordCache));
	size_t		per = sizeof(MemoSlot) + 1 + 8;
	size_t		nslots = CACHE_MIN_SLOTS;
	char	   *p;

	if (mem == NULL || ((uintptr_t) mem & 7) != 0 ||
		size < hdr + per * CACHE_MIN_SLOTS)
		return NULL;
	while (nslots <= ((size_t) 1 << 24) && hdr + per * nslots * 2 <= size)
		nslots *= 2;
	memset(cache, 0, sizeof(*cache));
	m = &cache->memo;
	p = (char *) mem + hdr;
	m->slot = (MemoSlot *) p;
	m->live = (uint8_t *) (p + sizeof(MemoSlot) * nslots);
	m->pool = (char *) m->live + nslots;
	m->pool_size = size - hdr - (sizeof(MemoSlot) + 1) * nslots;
	m->mask = (uint32_t) (nslots - 1);
	m->limit = (int32_t) (nslots / 4 * 3);
	m->copy = true;
	memo_clear(m);
	return cache;
}

void
st_word_cache_clear(StWordCache *cache)
{
	memo_clear(&cache->memo);
	cache->memo.busy = false;
}

uint64_t
st_word_cache_clears(const StWordCache *cache)
{
	return cache->memo.clears;
}

/*
 * An analysis starts using the cache (st_analyze).
 *
 * Why a cache left behind by an aborted analysis is safe: the engine may be
 * left at any st_tick (the interrupt callback may longjmp, as the backend's
 * CHECK_FOR_INTERRUPTS does) or wherever the arena's allocator may throw
 * (palloc's ERROR).  Neither happens inside the classifier, which neither
 * ticks nor allocates, so the cache is in fact whole at every such point:
 * a slot's key and WordInfo are written before a caller can see them
 * (live[k] and used last), and a WordInfo field is written before its done
 * bit.  Still, an analysis that does not come back (busy found set here)
 * may have stopped anywhere a later change to the engine lets it stop, so
 * that cache is cleared rather than trusted: a cache is only ever read when
 * it was cleared or every analysis that wrote to it returned.  The clear
 * costs one memset of the live bytes, once per aborted analysis.
 */
void
st_word_cache_enter(struct StWordCache *cache)
{
	StStanceMemo *m = &cache->memo;

	if (m->busy || m->full)
	{
		memo_clear(m);
		m->clears++;
	}
	m->busy = true;
}

/* an analysis returned (with any status): its words are whole */
void
st_word_cache_leave(struct StWordCache *cache)
{
	cache->memo.busy = false;
}

StStanceMemo *
st_word_cache_memo(struct StWordCache *cache)
{
	return &cache->memo;
}

/* ---------------------------------------------------------------------
 * the classifier
 * --------------------------------------------------------------------- */

const char *
st_stance_label_name(int label)
{
	return label == ST_STANCE_AGAINST ? "against" :
		label == ST_STANCE_FAVOR ? "favor" : "neutral";
}

const char *
st_stance_slot_name(StStanceSlot slot)
{
	switch (slot)
	{
		case ST_SLOT_OBJECT:
			return "object";
		case ST_SLOT_CONTENT:
			return "content";
		case ST_SLOT_SUBJECT:
			return "subject";
		case ST_SLOT_ABSENT:
			return "absent";
		default:
			return "none";
	}
}

static double
clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

static StStanceResult
classify(Ctx *c, const char *stmt, size_t len, const char *target, size_t tlen,
		 const char *const *aliases, int naliases)
{
	StStanceResult r;
	Act			acts[MAX_ACTS];
	int			nacts = 0;
	int			i,
				q,
				p = -1,
				ntarget = 0;
	bool		pron = false,
				negated = false,
				modal = false,
				denial = false;
	double		act_score = 0,
				s = 0,
				content,
				cw,
				score;
	int			ex_lo = -1,
				ex_hi = -1,
				tphrase_words = 0;

	memset(&r, 0, sizeof(r));
	r.cue_start = r.target_start = r.neg_start = r.modal_start = -1;
	r.label = ST_STANCE_NEUTRAL;

	tokenize(c, stmt, len);
	r.truncated = c->truncated;
	{
		Phrase		tp;

		phrase_split(&tp, target, tlen);
		tphrase_words = tp.nw;
		mark_target(c, &tp, aliases, naliases);
	}
	for (i = 0; i < c->ntok; i++)
		if (c->tok[i].target)
		{
			if (ntarget == 0)
			{
				int			j = i;

				while (j + 1 < c->ntok && c->tok[j + 1].target)
					j++;
				r.target_start = c->tok[i].start;
				r.target_len = c->tok[j].start + c->tok[j].len - c->tok[i].start;
			}
			c->tpos[ntarget++] = i;
		}
	r.target_mentions = ntarget;

	/* the acts (in the cue's bytes, when known: tokens in order) */
	i = 0;
	if (c->act_lo >= 0)
		while (i < c->ntok && c->tok[i].start < c->act_lo)
			i++;
	for (; i < c->ntok && nacts < MAX_ACTS; i++)
	{
		int			nt = 1;
		const char *e;
		Act			a;

		if (c->act_lo >= 0 && c->tok[i].start >= c->act_hi)
			break;
		if (c->tok[i].target || c->tok[i].punct)
			continue;
		e = act_at(c, i, &nt);
		if (e == NULL || !parse_act(e, &a))
			continue;
		a.tok = i;
		a.ntok = nt;
		/* a capitalised act word inside the sentence is a name (United States) */
		if (!a.special && c->tok[i].cap && i > 0 && !c->tok[i - 1].punct)
			continue;
		acts[nacts++] = a;
		i += nt - 1;
	}

	/* the deciding act: one whose object is the target, else the first */
	for (i = 0; i < nacts; i++)
	{
		bool		pr;

		if (acts[i].special)
			continue;
		/* a third party's act inside the content ("Russia attacked NATO") */
		if (p >= 0 || (i > 0 && acts[i].tok > 0 &&
					   (c->tok[acts[i].tok - 1].cap || c->tok[acts[i].tok - 1].target) &&
					   acts[0].pol == 0 && !acts[0].special))
		{
			if (p >= 0)
				break;
			continue;
		}
		/* "accused X of attacking Y", "over its support for Y": not the speaker's */
		if (p < 0 && i > 0 && acts[i].tok > 0 && !acts[0].special &&
			(tok_in(c, acts[i].tok - 1, WL_POSSESSIVE) ||
			 (c->tok[acts[i].tok - 1].core < c->tok[acts[i].tok - 1].len) ||
			 (tok_in(c, acts[i].tok - 1, WL_OBJ_PREP) &&
			  ends_with(c->s + c->tok[acts[i].tok].start, c->tok[acts[i].tok].len, "ing"))))
			continue;
		/* ", said X": X is the speaker */
		if (acts[i].pol == 0 && acts[i].tok > 0 && c->tok[acts[i].tok - 1].punct)
			continue;
		if (ntarget > 0 && object_has_target(c, &acts[i], &pr))
		{
			p = i;
			r.slot = ST_SLOT_OBJECT;
			pron = pr;
		}
	}
	if (p < 0)
	{
		for (i = 0; i < nacts; i++)
			if (!acts[i].special)
			{
				p = i;
				break;
			}
		if (p >= 0)
		{
			const Act  *a = &acts[p];
			int			k;

			(void) object_has_target(c, a, &pron);
			r.slot = ntarget == 0 ? ST_SLOT_ABSENT : ST_SLOT_CONTENT;
			bool		passive = a->tok > 0 && tok_in(c, a->tok - 1, WL_BE_FORMS);

			for (k = a->tok - 1; k >= 0 && k >= a->tok - 3; k--)
			{
				if (c->tok[k].punct)
					break;
				if (c->tok[k].target)
				{
					/* "NATO was praised by": the object of a passive */
					r.slot = passive ? ST_SLOT_OBJECT : ST_SLOT_SUBJECT;
					break;
				}
			}
			/* ", said Brenmark": the speaker after the cue */
			if (a->pol == 0 && a->tok > 0 && c->tok[a->tok - 1].punct)
				for (k = a->tok + a->ntok; k < c->ntok && k < a->tok + a->ntok + 3; k++)
					if (c->tok[k].target)
					{
						r.slot = ST_SLOT_SUBJECT;
						break;
					}
		}
	}

	if (p >= 0)
	{
		const Act  *a = &acts[p];
		double		w = 0;
		int			k;

		r.cue_start = c->tok[a->tok].start;
		r.cue_len = c->tok[a->tok + a->ntok - 1].start +
			c->tok[a->tok + a->ntok - 1].len - r.cue_start;
		{
			int			n = a->actlen < (int) sizeof(r.act) - 1 ? a->actlen : (int) sizeof(r.act) - 1;

			memcpy(r.act, a->act, (size_t) n);
			r.act[n] = '\0';
		}
		r.polarity = a->pol;
		r.act_kind = a->kind;

		/* negation and modality: the four words before the act */
		for (k = a->tok - 1; k >= 0 && k >= a->tok - 4; k--)
		{
			const Tok  *t = &c->tok[k];
			int			nt;
			const char *e;
			Act			m;

			if (t->punct)
				break;
			if (!negated && is_negword(c, k))
			{
				negated = true;
				r.neg_start = t->start;
				r.neg_len = t->len;
				continue;
			}
			e = act_at(c, k, &nt);
			if (e && parse_act(e, &m) && m.special)
			{
				if (m.special == 'N' && !negated)
				{
					negated = true;
					r.neg_start = t->start;
					r.neg_len = t->len;
				}
				else if (m.special == 'M' && !modal)
				{
					modal = true;
					r.modal_start = t->start;
					r.modal_len = t->len;
				}
			}
		}

		/* "rejected claims that ...": a denial of the content */
		if (a->pol < 0 && r.slot == ST_SLOT_CONTENT)
		{
			int			j = a->tok + a->ntok;

			while (j < c->ntok && tok_in(c, j, WL_TARGET_SKIP))
				j++;
			if (j < c->ntok && tok_in(c, j, WL_REPORT_NOUNS))
				denial = true;
		}

		switch (r.slot)
		{
			case ST_SLOT_OBJECT:
				w = 1.0;
				break;
			case ST_SLOT_CONTENT:
				w = denial ? 0.0 : a->kind == 'o' ? 0.35 : a->kind == 'c' ? 0.8 : 0.0;
				break;
			case ST_SLOT_ABSENT:
				w = a->kind == 'c' ? 0.6 : pron ? 0.8 : 0.5;
				break;
			default:
				w = 0.0;
		}
		act_score = a->pol * w;
		if (negated)
			act_score *= act_score < 0 ? -0.1 : -0.6;
		if (modal)
			act_score *= 0.6;

		/* the speaker's side of the cue is not content */
		if (a->tok * 2 < c->ntok)
		{
			ex_lo = 0;
			ex_hi = a->tok + a->ntok - 1;
		}
		else
		{
			ex_lo = a->tok - 4 > 0 ? a->tok - 4 : 0;
			ex_hi = a->tok + a->ntok - 1;
		}
		if (r.slot == ST_SLOT_SUBJECT)
			ex_lo = ex_hi = -1;
	}

	/*
	 * The content's sentiment toward the target.  q: the first target word
	 * at or after token i (tpos), for the distance to the nearest one.
	 */
	for (i = 0, q = 0; i < c->ntok; i++)
	{
		const Tok  *t = &c->tok[i];
		double		val,
					w;
		int			k;

		if (t->punct || t->target || (i >= ex_lo && i <= ex_hi))
			continue;
		if (p >= 0 && i >= acts[p].tok && i < acts[p].tok + acts[p].ntok)
			continue;
		if (!tok_valence(c, i, &val))
			continue;
		if (val == 0)
			continue;
		for (k = i - 1; k >= 0 && k >= i - 3; k--)
		{
			if (c->tok[k].punct)
				break;
			if (is_negword(c, k))
			{
				val *= -0.74;
				break;
			}
		}
		if (ntarget > 0)
		{
			int			d;

			while (q < ntarget && c->tpos[q] < i)
				q++;
			d = q < ntarget ? c->tpos[q] - i : c->ntok;
			if (q > 0 && i - c->tpos[q - 1] < d)
				d = i - c->tpos[q - 1];

			w = 1.0 / (1.0 + d / 4.0);
		}
		else
			w = 0.5;
		if (r.nhits < ST_STANCE_MAX_HITS)
		{
			r.hits[r.nhits].start = t->start;
			r.hits[r.nhits].len = t->len;
			r.hits[r.nhits].valence = val;
			r.hits[r.nhits].weight = w;
		}
		r.nhits++;
		s += w * val;
	}
	content = s / sqrt(s * s + 15.0);
	if (p >= 0 && (acts[p].kind == 'd' || denial) && r.slot == ST_SLOT_CONTENT)
		content *= negated ? 0.5 : -0.7;	/* denied that ... */

	if (p < 0 || acts[p].pol == 0)
		cw = 1.0;
	else
		cw = 0.5;
	if (r.slot == ST_SLOT_SUBJECT)
		cw = 0.3;
	score = act_score + cw * content;

	r.act_score = act_score;
	if (c->ntok == 0 || tphrase_words == 0)
	{
		/* nothing to judge: an empty statement or a target without words */
		r.label = ST_STANCE_NEUTRAL;
		r.confidence = 0.0;
		return r;
	}
	r.content_score = content;
	r.score = score;
	if (fabs(score) >= 0.12)
	{
		double		conf = 0.5 + 0.45 * clamp01(fabs(score));

		r.label = score > 0 ? ST_STANCE_FAVOR : ST_STANCE_AGAINST;
		if (r.slot == ST_SLOT_OBJECT && !negated && !modal && acts[p].pol != 0 &&
			(acts[p].pol > 0) == (score > 0))
			conf += 0.05;
		r.confidence = clamp01(conf);
	}
	else
	{
		double		conf;

		if (p >= 0 && ntarget > 0)
			conf = 0.85 - 2.0 * fabs(score);
		else if (p >= 0)
			conf = 0.6 - fabs(score);
		else
			conf = 0.7 - 2.0 * fabs(score);
		if (negated && p >= 0 && acts[p].pol != 0)
			conf -= 0.15;
		r.label = ST_STANCE_NEUTRAL;
		r.confidence = conf < 0.34 ? 0.34 : clamp01(conf);
	}
	return r;
}

StStanceResult
st_stance_classify_in(const StStanceInput *in)
{
	Ctx			c;
	const char *stmt = in->stmt ? in->stmt : "";
	size_t		len = in->stmt ? in->len : 0;

	c.act_lo = -1;
	c.act_hi = -1;
	c.memo = in->memo;
	if (c.memo != NULL && c.memo->full)
	{
		/* a cache that found no room for a word: start over, between statements */
		memo_clear(c.memo);
		c.memo->clears++;
	}
	if (c.memo != NULL && c.memo->open)
	{
		/* opened once for the document */
		c.lex_ok = c.memo->lex_ok;
		c.vader_h = c.memo->vader_h;
		c.valence_h = c.memo->valence_h;
		c.acts_ok = c.memo->acts_ok;
		c.acts_h = c.memo->acts_h;
	}
	else
	{
		c.lex_ok = st_lex_open(st_lex_vader, st_lex_vader_n, &c.vader_h) &&
			st_lex_open(st_lex_valence, st_lex_valence_n, &c.valence_h);
		c.acts_ok = st_lex_open(st_lex_acts, st_lex_acts_n, &c.acts_h);
		if (c.memo != NULL)
		{
			c.memo->open = true;
			c.memo->lex_ok = c.lex_ok;
			c.memo->vader_h = c.vader_h;
			c.memo->valence_h = c.valence_h;
			c.memo->acts_ok = c.acts_ok;
			c.memo->acts_h = c.acts_h;
		}
	}
	if (in->act_start >= 0)
	{
		/* the cue and the three words after it ("refused to support") */
		int32_t		hi = in->act_start + in->act_len;
		int			words = 0;
		size_t		k = (size_t) hi;

		while (k < len && words < 3)
		{
			while (k < len && (stmt[k] == ' ' || stmt[k] == '\n' || stmt[k] == '\t'))
				k++;
			while (k < len && stmt[k] != ' ' && stmt[k] != '\n' && stmt[k] != '\t')
				k++;
			words++;
		}
		c.act_lo = in->act_start;
		c.act_hi = (int32_t) k;
	}
	return classify(&c, stmt, len, in->target ? in->target : "",
					in->target ? in->tlen : 0, in->aliases, in->naliases);
}

StStanceResult
st_stance_classify_aliases(const char *stmt, size_t len,
						   const char *target, size_t tlen,
						   const char *const *aliases, int naliases)
{
	StStanceInput in;

	memset(&in, 0, sizeof(in));
	in.stmt = stmt;
	in.len = len;
	in.target = target;
	in.tlen = tlen;
	in.aliases = aliases;
	in.naliases = naliases;
	in.act_start = -1;
	return st_stance_classify_in(&in);
}

StStanceResult
st_stance_classify(const char *stmt, size_t len, const char *target, size_t tlen)
{
	return st_stance_classify_aliases(stmt, len, target, tlen, NULL, 0);
}
