/*
 * segment.c
 *	  Paragraphs, tokens and sentences.
 *
 * A paragraph is a line: text between line breaks (LF, CR, U+2029), blank
 * lines ignored.  Tokens are words (letters and digits, with inner hyphens,
 * apostrophes and the periods of U.S. or a.m.), possessive endings ('s) and
 * single punctuation characters.  Sentences come from ICU's sentence break
 * rules (UAX #29; applied here directly for paragraphs with ASCII
 * terminators only, by ICU's iterator for the others: fast_boundaries),
 * then a pass of our own that removes breaks after titles, initials and
 * news abbreviations (lexicon/abbreviations.txt).  ICU's own English
 * suppression list (the "ss=standard" locale keyword) is not used: the list
 * here covers it, and the filtered iterator costs a few per cent.
 */
#include "internal.h"
#include "lexicon.h"

#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

void *
st_grow(StArena *a, void *arr, int32_t *cap, int32_t n, size_t elsize)
{
	void	   *na;
	int32_t		ncap;

	if (n < *cap)
		return arr;
	ncap = *cap < 16 ? 16 : *cap * 2;
	na = st_arena_alloc_raw(a, (size_t) ncap * elsize);
	if (na == NULL)
		return NULL;
	if (arr != NULL)
		memcpy(na, arr, (size_t) n * elsize);
	*cap = ncap;
	return na;
}

bool
st_tick(StDoc *d)
{
	if (d->opts == NULL || d->opts->interrupt == NULL)
		return false;
	return d->opts->interrupt(d->opts->interrupt_ctx) != 0;
}

static inline bool
is_space(int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
		cp == '\v' || cp == 0xA0 || cp == 0x2028 || cp == 0x2029 ||
		(cp > 0x7F && u_isUWhiteSpace(cp));
}

static inline bool
is_newline(int32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x2029 || cp == 0x2028 ||
		cp == 0x0B || cp == 0x0C || cp == 0x85;
}

static inline bool
is_alnum(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
			(cp >= '0' && cp <= '9');
	if (cp == 0xFFFD)
		return false;
	return u_isalnum(cp) || u_getCombiningClass(cp) != 0 ||
		u_charType(cp) == U_NON_SPACING_MARK;
}

static bool
is_apos(int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

bool
st_is_quote_char(int32_t cp)
{
	switch (cp)
	{
		case '"':
		case '\'':
		case 0x2018:			/* ‘ */
		case 0x2019:			/* ’ */
		case 0x201A:			/* ‚ */
		case 0x201B:
		case 0x201C:			/* “ */
		case 0x201D:			/* ” */
		case 0x201E:			/* „ */
		case 0x201F:
		case 0x00AB:			/* « */
		case 0x00BB:			/* » */
		case 0x2039:			/* ‹ */
		case 0x203A:			/* › */
		case 0x300C:			/* 「 */
		case 0x300D:			/* 」 */
		case 0x300E:
		case 0x300F:
			return true;
	}
	return false;
}

/* room for one more token: d->toks grown (NULL when out of memory) */
static StTok *
push_tok_grow(StDoc *d, int32_t ntoks, int32_t *cap)
{
	d->ntoks = ntoks;
	d->toks = st_grow(d->arena, d->toks, cap, ntoks, sizeof(StTok));
	return d->toks;
}

/*
 * Append a token to *toks (d->toks, *ntoks of them: st_tokenize keeps both
 * in locals, and d->ntoks up to date only where it is read), written in one
 * go.  para is the paragraph number as the token keeps it (saturated: the
 * caller works that out once a paragraph); sent and quote are filled in by
 * later passes, -1 until then.
 */
static inline bool
push_tok(StDoc *d, StTok **toks, int32_t *ntoks, int32_t *cap,
		 int32_t s, int32_t e, uint16_t f, unsigned lex, int32_t para)
{
	if (*ntoks >= *cap && (*toks = push_tok_grow(d, *ntoks, cap)) == NULL)
		return false;
	(*toks)[(*ntoks)++] = (StTok)
	{
		.s = s,.e = e,.f = f,.lex = (uint16_t) lex,.para = para,.sent = -1,.quote = -1
	};
	return true;
}

/* ASCII letter case and digits, by table (0 for every other byte) */
#define AC_UPPER 1
#define AC_LOWER 2
#define AC_DIGIT 4
static const unsigned char ascii_case[256] = {
	['0'] = 4,['1'] = 4,['2'] = 4,['3'] = 4,['4'] = 4,['5'] = 4,['6'] = 4,['7'] = 4,
	['8'] = 4,['9'] = 4,
	['A'] = 1,['B'] = 1,['C'] = 1,['D'] = 1,['E'] = 1,['F'] = 1,['G'] = 1,['H'] = 1,
	['I'] = 1,['J'] = 1,['K'] = 1,['L'] = 1,['M'] = 1,['N'] = 1,['O'] = 1,['P'] = 1,
	['Q'] = 1,['R'] = 1,['S'] = 1,['T'] = 1,['U'] = 1,['V'] = 1,['W'] = 1,['X'] = 1,
	['Y'] = 1,['Z'] = 1,
	['a'] = 2,['b'] = 2,['c'] = 2,['d'] = 2,['e'] = 2,['f'] = 2,['g'] = 2,['h'] = 2,
	['i'] = 2,['j'] = 2,['k'] = 2,['l'] = 2,['m'] = 2,['n'] = 2,['o'] = 2,['p'] = 2,
	['q'] = 2,['r'] = 2,['s'] = 2,['t'] = 2,['u'] = 2,['v'] = 2,['w'] = 2,['x'] = 2,
	['y'] = 2,['z'] = 2,
};

/*
 * The run of ASCII letters and digits at p, eight bytes at a time where
 * eight can be read (p + 8 <= end) and the byte order is known: its length
 * (0..8; 8 when the run goes on) and, in *acc, the AC_UPPER and AC_LOWER
 * bits of its letters.  -1 when it cannot tell: the caller scans by bytes.
 */
static inline int
alnum_run8(const char *p, const char *end, unsigned *acc)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u,
				highs = 0x8080808080808080u;
	uint64_t	v,
				lo,
				up,
				low,
				dig,
				stop,
				run;
	int			n;

	if (end - p < 8)
		return -1;
	memcpy(&v, p, 8);
	lo = v & (0x7F * ones);
	/* the top bit of each byte set when it is in the range (and below 0x80) */
#define IN_RANGE(a, b) ((lo + (0x80 - (a)) * ones) & ~(lo + (0x80 - (b) - 1) * ones) & ~v & highs)
	up = IN_RANGE('A', 'Z');
	low = IN_RANGE('a', 'z');
	dig = IN_RANGE('0', '9');
#undef IN_RANGE
	stop = ~(up | low | dig) & highs;
	n = stop ? __builtin_ctzll(stop) >> 3 : 8;
	run = n == 8 ? ~(uint64_t) 0 : ((uint64_t) 1 << (8 * n)) - 1;
	if (up & run)
		*acc |= AC_UPPER;
	if (low & run)
		*acc |= AC_LOWER;
	return n;
#else
	(void) p;
	(void) end;
	(void) acc;
	return -1;
#endif
}

/* is_space of ASCII */
static const bool ascii_blank[128] = {
	[' '] = true,['\t'] = true,['\n'] = true,['\r'] = true,['\f'] = true,['\v'] = true,
};

/* flags of a word token from its letters */
static uint16_t
word_flags(const char *text, int32_t s, int32_t e)
{
	uint16_t	f = TK_WORD;
	int32_t		i = s,
				cp;
	int			nupper = 0,
				nlower = 0;
	unsigned char b = (unsigned char) text[s];

	/* the first character */
	if (b < 0x80)
	{
		unsigned	c = ascii_case[b];

		if (c & AC_DIGIT)
			f |= TK_NUM;
		else if (c & AC_UPPER)
			f |= TK_CAP;
	}
	else
	{
		st_utf8_next(text, e, s, &cp);
		if (u_isupper(cp) || u_istitle(cp))
			f |= TK_CAP;
	}
	while (i < e)
	{
		b = (unsigned char) text[i];
		if (b < 0x80)
		{
			unsigned	c = ascii_case[b];

			nupper += c & AC_UPPER;
			nlower += (c & AC_LOWER) >> 1;
			i++;
			continue;
		}
		i = st_utf8_next(text, e, i, &cp);
		if (u_isupper(cp))
			nupper++;
		else if (u_islower(cp))
			nlower++;
	}
	if (nupper >= 2 && nlower == 0)
		f |= TK_UPPER;
	if (e > s && text[e - 1] == '.')
		f |= TK_ABBR;
	return f;
}

/* the bytes after an ASCII run that may continue a word: - & . ' non-ASCII */
static const bool word_cont[256] = {
	['-'] = true,['&'] = true,['.'] = true,['\''] = true,
#define X16 true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true
	[0x80] = X16, X16, X16, X16, X16, X16, X16, X16
#undef X16
};

/* flags of an ASCII word by the ascii_case bits of its first character */
static const uint16_t case_flags[8] = {
	[AC_UPPER] = TK_WORD | TK_CAP,[AC_LOWER] = TK_WORD,[AC_DIGIT] = TK_WORD | TK_NUM,
};

/*
 * A word whose first character is cp (ending at j) starting at t[i]:
 * letters/digits with inner - . ' ’ & and the periods of U.S.  Its end;
 * its flags in *fp.
 */
static int32_t
scan_word(const char *t, int32_t len, int32_t i, int32_t j, int32_t cp,
		  uint16_t *fp)
{
	int32_t		e = j;
	int32_t		ndots = 0;
	uint16_t	f;

	int32_t		seg = i;		/* start of the current dotted segment */

	/*
	 * the ascii_case bits of the word's letters, kept while the word is all
	 * ASCII (else word_flags reads it again)
	 */
	bool		ascii = cp < 0x80;
	unsigned	acc = 0,
				ac;

#define COUNT_CASE(c) (acc |= (c))
	if (ascii)
		COUNT_CASE(ascii_case[cp]);
	for (;;)
	{
		int32_t		c2,
					k,
					c3 = 0,
					k2 = len;

		/* the common case first: a run of ASCII letters and digits */
		for (;;)
		{
			int			n = alnum_run8(t + e, t + len, &acc);

			if (n < 0)
			{
				while (e < len && (ac = ascii_case[(unsigned char) t[e]]) != 0)
				{
					COUNT_CASE(ac);
					e++;
				}
				break;
			}
			e += n;
			if (n < 8)
				break;
		}
		if (e >= len)
			break;
		/* an ASCII character that cannot continue the word */
		if (!word_cont[(unsigned char) t[e]])
			break;
		k = utf8_next(t, len, e, &c2);
		if (is_alnum(c2))
		{
			ascii = false;		/* c2 is not ASCII */
			e = k;
			continue;
		}
		if (k < len)
			k2 = utf8_next(t, len, k, &c3);
		if ((c2 == '-' || c2 == '&' || c2 == 0x2010 || c2 == 0x2011) &&
			k < len && is_alnum(c3))
		{
			if (c2 >= 0x80 || c3 >= 0x80)
				ascii = false;
			else
				COUNT_CASE(ascii_case[c3]);
			e = k2;
			continue;
		}
		if (c2 == '.')
		{
			int32_t		m = 0;

			/* U.S. a.m. Ph.D. : segments of one or two ASCII letters */
			while (k + m < len && m < 3 &&
				   ((t[k + m] >= 'a' && t[k + m] <= 'z') ||
					(t[k + m] >= 'A' && t[k + m] <= 'Z')))
				m++;
			if (e - seg <= 2 && m >= 1 && m <= 2 &&
				(k + m >= len || t[k + m] == '.' || ndots > 0) &&
				(k + m >= len || !is_alnum((unsigned char) t[k + m])))
			{
				for (int32_t q = k; q < k + m; q++)
					COUNT_CASE(ascii_case[(unsigned char) t[q]]);
				ndots++;
				seg = k;
				e = k + m;
				continue;
			}
			if (ndots > 0)
				e = k;			/* the final period of U.S. */
			else if (k < len && c3 >= '0' && c3 <= '9' &&
					 cp >= '0' && cp <= '9')
			{
				/* a decimal number: 3.5 */
				e = k2;
				continue;
			}
			break;
		}
		if (is_apos(c2) && k < len && is_alnum(c3))
		{
			int32_t		c4 = 0;

			if (k2 < len)
				utf8_next(t, len, k2, &c4);
			/* possessive 's is a token of its own; don't, o'clock are not */
			if ((c3 == 's' || c3 == 'S') && (k2 >= len || !is_alnum(c4)))
				break;
			if (c2 >= 0x80 || c3 >= 0x80)
				ascii = false;
			else
				COUNT_CASE(ascii_case[c3]);
			e = k2;
			continue;
		}
		break;
	}
#undef COUNT_CASE
	if (ascii)
	{
		/* word_flags without reading the word again */
		f = TK_WORD;
		if (ascii_case[cp] & AC_DIGIT)
			f |= TK_NUM;
		else if (ascii_case[cp] & AC_UPPER)
			f |= TK_CAP;
		if ((acc & (AC_UPPER | AC_LOWER)) == AC_UPPER)
		{
			/* no lower-case letter: two upper-case ones? */
			int			nupper = 0;

			for (int32_t q = i; q < e; q++)
				nupper += (t[q] >= 'A' && t[q] <= 'Z');
			if (nupper >= 2)
				f |= TK_UPPER;
		}
		if (t[e - 1] == '.')
			f |= TK_ABBR;
	}
	else
		f = word_flags(t, i, e);
	if (ndots == 0)
		f &= ~TK_ABBR;
	*fp = f;
	return e;
}

/*
 * The common word, handled before scan_word is called: ASCII letters and
 * digits only, followed by a byte that cannot continue a word (a blank, a
 * comma; or a period that ends it: see scan_word), read eight bytes at a
 * time (each load inside the text).  Its length (else 0: scan_word must
 * decide), and its flags and word-list classes.  For a word of fewer than
 * eight bytes those eight bytes give the classes' key as well
 * (st_lex_classes_key).
 */
static inline int32_t
fast_word(const char *p, const char *end, uint16_t *fp, unsigned *lexp)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u,
				highs = 0x8080808080808080u;
	uint64_t	v,
				lo,
				x,
				letters,
				digits,
				stop,
				run,
				up,
				low,
				up_all = 0,
				low_all = 0;
	int32_t		n = 0,
				k;
	unsigned char c;

	for (;;)
	{
		if (end - (p + n) < 8)
			return 0;
		memcpy(&v, p + n, 8);
		lo = v & (0x7F * ones);
		/* ASCII letters: one range once 0x20 is set (and below 0x80) */
		x = lo | (0x20 * ones);
		letters = (x + (0x80 - 'a') * ones) & ~(x + (0x80 - 'z' - 1) * ones) & ~v & highs;
		digits = (lo + (0x80 - '0') * ones) & ~(lo + (0x80 - '9' - 1) * ones) & ~v & highs;
		stop = ~(letters | digits) & highs;
		if (stop != 0)
			break;
		/* upper case: the letters without 0x20 (bit 5, moved up to bit 7) */
		up_all |= letters & ~(v << 2);
		low_all |= letters & (v << 2);
		n += 8;
	}
	k = __builtin_ctzll(stop) >> 3;
	run = ((uint64_t) 1 << (8 * k)) - 1;
	up = letters & ~(v << 2) & run;
	low = letters & (v << 2) & run;
	n += k;
	c = (unsigned char) p[n];
	if (word_cont[c])
	{
		/*
		 * A period ends a word of more than two bytes (too long for U.S.)
		 * unless it is a decimal point: scan_word would break there too.
		 */
		if (c != '.' || n <= 2 ||
			(ascii_case[(unsigned char) p[0]] == AC_DIGIT && p + n + 1 < end &&
			 ascii_case[(unsigned char) p[n + 1]] == AC_DIGIT))
			return 0;
	}
	*fp = case_flags[ascii_case[(unsigned char) p[0]]];
	if (n < 8)
	{
		if (low == 0 && (up & (up - 1)) != 0)
			*fp |= TK_UPPER;	/* two or more upper-case letters, no lower */
		*lexp = st_lex_classes_key((v | (up >> 2)) & run, p, (size_t) n);
		return n;
	}
	up_all |= up;
	low_all |= low;
	if (low_all == 0 && up_all != 0)
	{
		/* no lower-case letter: two upper-case ones? */
		int			nupper = 0;

		for (int32_t q = 0; q < n; q++)
			nupper += (p[q] >= 'A' && p[q] <= 'Z');
		if (nupper >= 2)
			*fp |= TK_UPPER;
	}
	*lexp = st_lex_classes_avail(p, (size_t) n, (size_t) (end - p));
	return n;
#else
	(void) p;
	(void) end;
	(void) fp;
	(void) lexp;
	return 0;
#endif
}

StStatus
st_tokenize(StDoc *d)
{
	const char *t = d->text;
	int32_t		len = d->len;
	int32_t		i = 0;
	int32_t		tcap = 0,
				pcap = 0;
	int32_t		para = 0;		/* as tokens keep it: saturated */
	bool		in_para = false;
	StTok	   *toks = NULL;	/* d->toks */
	int32_t		ntoks = 0;		/* d->ntoks, stored at the end */
	StStatus	rc = ST_OK;

	/*
	 * Room for a token every two bytes up front (news text has one every
	 * 2.6): growing by doubling from 16 copied the array about ten times.
	 */
	if (len > 0)
	{
		tcap = len / 2 + 16;
		d->toks = toks = st_arena_alloc_raw(d->arena, sizeof(StTok) * (size_t) tcap);
		if (d->toks == NULL)
			return ST_ERR_NOMEM;
	}

	while (i < len)
	{
		unsigned char b = (unsigned char) t[i];
		int32_t		cp,
					j;
		uint16_t	f;
		unsigned	lex;

		if ((ntoks & 4095) == 4095 && st_tick(d))
		{
			rc = ST_ERR_CANCELED;
			break;
		}
		/* words first, by far the most common case */
		if (in_para && ascii_case[b] != 0)
		{
			int32_t		n = fast_word(t + i, t + len, &f, &lex);
			int32_t		e;

			if (n > 0)
				e = i + n;
			else
			{
				e = scan_word(t, len, i, i + 1, b, &f);
				lex = st_lex_classes_avail(t + i, (size_t) (e - i), (size_t) (len - i));
			}
			if (!push_tok(d, &toks, &ntoks, &tcap, i, e, f, lex, para))
			{
				rc = ST_ERR_NOMEM;
				break;
			}
			/* and the blank that follows most words */
			i = e;
			if (i < len && t[i] == ' ')
				i++;
			continue;
		}

		/* runs of ASCII blanks */
		while (b == ' ' || b == '\t')
		{
			if (++i >= len)
				break;
			b = (unsigned char) t[i];
		}
		if (i >= len)
			break;
		if (in_para && ascii_case[b] != 0)
			continue;
		j = utf8_next(t, len, i, &cp);
		if (cp < 0x80 ? ascii_blank[cp] : is_space(cp))
		{
			if (is_newline(cp) && in_para)
			{
				d->paras[d->nparas - 1].e = toks[ntoks - 1].e;
				d->paras[d->nparas - 1].tok1 = ntoks;
				in_para = false;
			}
			i = j;
			continue;
		}
		if (!in_para)
		{
			StPara	   *p;

			d->paras = st_grow(d->arena, d->paras, &pcap, d->nparas, sizeof(StPara));
			if (d->paras == NULL)
			{
				rc = ST_ERR_NOMEM;
				break;
			}
			p = &d->paras[d->nparas++];
			p->s = i;
			p->tok0 = ntoks;
			para = d->nparas - 1 > 32767 ? 32767 : d->nparas - 1;
			in_para = true;
		}

		if (cp < 0x80 ? ascii_case[cp] != 0 : is_alnum(cp))
		{
			int32_t		e = scan_word(t, len, i, j, cp, &f);

			lex = st_lex_classes_avail(t + i, (size_t) (e - i), (size_t) (len - i));
			if (!push_tok(d, &toks, &ntoks, &tcap, i, e, f, lex, para))
			{
				rc = ST_ERR_NOMEM;
				break;
			}
			i = e;
			continue;
		}

		/* possessive 's */
		if (is_apos(cp) && j < len && (t[j] == 's' || t[j] == 'S') &&
			ntoks > 0 && toks[ntoks - 1].e == i &&
			(toks[ntoks - 1].f & TK_WORD) &&
			(j + 1 >= len || !is_alnum((unsigned char) t[j + 1])))
		{
			lex = st_lex_classes_avail(t + i, (size_t) (j + 1 - i), (size_t) (len - i));
			if (!push_tok(d, &toks, &ntoks, &tcap, i, j + 1, TK_WORD | TK_POSS, lex, para))
			{
				rc = ST_ERR_NOMEM;
				break;
			}
			i = j + 1;
			continue;
		}

		/* one punctuation character (or any other symbol) */
		f = TK_PUNCT;
		if (st_is_quote_char(cp))
			f |= TK_QMARK;
		if (!push_tok(d, &toks, &ntoks, &tcap, i, j, f, 0, para))
		{
			rc = ST_ERR_NOMEM;
			break;
		}
		i = j;
	}
	d->ntoks = ntoks;
	if (rc != ST_OK)
		return rc;
	if (in_para)
	{
		d->paras[d->nparas - 1].e = toks[ntoks - 1].e;
		d->paras[d->nparas - 1].tok1 = ntoks;
	}
	for (i = 0; i < d->nparas; i++)
		toks[d->paras[i].tok0].f |= TK_PSTART;
	return ST_OK;
}

/* ---------- word classes ---------- */

extern const char *st_cue_lookup(const char *w, int32_t n, char *form);

/*
 * Could a word that no list holds be an inflected cue?  st_cue_lookup finds
 * such a word (n bytes) by a key of cues.txt made of a stem of the word (all
 * but a suffix of one to four bytes: its first m = n-4 .. n-1 bytes) and
 * perhaps one letter after it.  So a key of K bytes that it finds has
 * K = n-4 .. n, and all its bytes but the last are the word's first K-1.
 * A filter over the hashes of every key without its last byte, built on
 * first use (immutable after), turns most words away without the lookup.
 * st_cue_prefilter is tested against st_cue_lookup in the unit tests.
 */
static uint8_t cue_pre[1 << 15 >> 3];
static bool cue_pre_ready;

#define CUE_PRE_BIT(h) ((h) >> 17)

static void
cue_pre_build(void)
{
	for (int e = 0; e < st_lex_cues_n; e++)
	{
		const char *k = st_lex_cues[e];
		uint32_t	h = ST_LEX_HASH0;

		if (k[0] == '|' || k[0] == '\0')
			continue;
		/* all but the last byte of the key */
		for (; k[1] && k[1] != '|'; k++)
			h = st_lex_fold_step(h, (unsigned char) k[0]);
		cue_pre[CUE_PRE_BIT(h) >> 3] |= (uint8_t) (1 << (CUE_PRE_BIT(h) & 7));
	}
	cue_pre_ready = true;
}

bool
st_cue_prefilter(const char *w, int32_t n)
{
	uint32_t	h = ST_LEX_HASH0;
	int32_t		l;

	if (!cue_pre_ready)
		cue_pre_build();
	/* the word's first L = K-1 bytes for K = n-4 .. n (K >= 1) */
	for (l = 0; l < n - 5; l++)
		h = st_lex_fold_step(h, (unsigned char) w[l]);
	for (; l < n; l++)
	{
		if ((cue_pre[CUE_PRE_BIT(h) >> 3] >> (CUE_PRE_BIT(h) & 7)) & 1)
			return true;
		h = st_lex_fold_step(h, (unsigned char) w[l]);
	}
	return false;
}

/* list token k (of nine bytes) in d->according if it is "according" */
static void
note_according(StDoc *d, int32_t k, int32_t *cap)
{
	if (!tok_is(d, k, "according") || d->naccording < 0)
		return;
	d->according = st_grow(d->arena, d->according, cap, d->naccording,
						   sizeof(int32_t));
	if (d->according == NULL)
		d->naccording = -1;		/* st_attribute reports it */
	else
		d->according[d->naccording++] = k;
}

/*
 * One search in the merged word list gives each word token its lexicon
 * classes (st_tokenize does that, while the word is at hand), and one cue
 * lookup its form, so the later passes test bits.
 */
void
st_classify_tokens(StDoc *d)
{
	int32_t		k;
	int32_t		ccap = 0,
				acap = 0;
	bool		ent_failed = false;
	int32_t    *cap_toks = NULL,	/* d->cap_toks, stored at the end */
				ncap = 0,
				capcap = 0;

	d->cue_toks = NULL;
	d->ncue_toks = 0;
	d->cue_ent = NULL;
	d->according = NULL;
	d->naccording = 0;
	for (k = 0; k < d->ntoks; k++)
	{
		StTok	   *t = &d->toks[k];
		char		form;
		const char *ent;

		if (!(t->f & TK_WORD))
			continue;
		/*
		 * A capitalised word is a cue only at the start of a sentence (after
		 * . ? ! a quotation mark or a paragraph break); numbers never are.
		 * ("according" is neither a possessive nor a number, and ends in
		 * -ing: each path below notes it.)
		 */
		if (t->f & (TK_POSS | TK_NUM))
			continue;
		if (t->f & TK_CAP)
		{
			/* listed for find_names (names.c), which looks at no other token */
			if (ncap >= capcap && ncap >= 0)
			{
				cap_toks = st_grow(d->arena, cap_toks, &capcap, ncap, sizeof(int32_t));
				if (cap_toks == NULL)
					ncap = -1;
			}
			if (ncap >= 0)
				cap_toks[ncap++] = k;
			if (!(t->f & TK_PSTART) && k > 0 &&
				!tok_char(d, k - 1, '.') && !tok_char(d, k - 1, '?') &&
				!tok_char(d, k - 1, '!') && !(d->toks[k - 1].f & TK_QMARK) &&
				!tok_char(d, k - 1, ':'))
			{
				if (t->e - t->s == 9)
					note_according(d, k, &acap);
				continue;
			}
		}
		/* listed forms are in the merged list; others must end -s -ed -ing */
		if (!((t->lex >> st_lexbit_cues) & 1))
		{
			const char *w = d->text + t->s;
			int32_t		n = t->e - t->s;

			/* one branch, not six: which words end so is hard to predict */
			if (n <= 3 || !((w[n - 1] == 's') |
							((w[n - 2] == 'e') & (w[n - 1] == 'd')) |
							((n > 4) & (w[n - 3] == 'i') & (w[n - 2] == 'n') &
							 (w[n - 1] == 'g'))))
				continue;
			if (n == 9)
				note_according(d, k, &acap);
			if (!st_cue_prefilter(w, n))
				continue;
		}
		else if (t->e - t->s == 9)
			note_according(d, k, &acap);
		if ((ent = st_cue_lookup_lex(d->text + t->s, t->e - t->s, t->lex, &form)) != NULL)
		{
			int			c = form == 'b' ? CUE_BASE : form == 's' ? CUE_S :
				form == 'd' ? CUE_PAST : CUE_ING;

			t->f |= (uint16_t) (c << TK_CUE_SHIFT);
			/* kept, so that attribution need not look the token up again */
			if (d->cue_ent == NULL && !ent_failed)
			{
				d->cue_ent = st_arena_alloc_raw(d->arena, sizeof(const char *) * (size_t) d->ntoks);
				ent_failed = d->cue_ent == NULL;
			}
			if (d->cue_ent != NULL)
				d->cue_ent[k] = ent;
			/* listed here so that the passes after need not look for them */
			if (d->ncue_toks >= 0)
			{
				d->cue_toks = st_grow(d->arena, d->cue_toks, &ccap, d->ncue_toks,
									  sizeof(int32_t));
				if (d->cue_toks == NULL)
					d->ncue_toks = -1;	/* st_attribute reports it */
				else
					d->cue_toks[d->ncue_toks++] = k;
			}
		}
	}
	d->cap_toks = cap_toks;
	d->ncap_toks = ncap;
}

/* ---------- sentences ---------- */

static UBreakIterator *sent_bi = NULL;
static char icu_version_buf[U_MAX_VERSION_STRING_LENGTH];

const char *
st_icu_version(void)
{
	UVersionInfo v;

	if (icu_version_buf[0] == '\0')
	{
		u_getVersion(v);
		u_versionToString(v, icu_version_buf);
	}
	return icu_version_buf;
}

/* is the token a word of the abbreviation list (without its final period)? */
static bool
is_abbrev_tok(const StDoc *d, int32_t k)
{
	const StTok *t = &d->toks[k];
	int32_t		n = t->e - t->s;

	if (!(t->f & TK_WORD))
		return false;
	if (t->f & TK_ABBR)
		n--;
	return LEX_HAS(abbreviations, d->text + t->s, n) ||
		LEX_HAS(titles, d->text + t->s, n);
}

/*
 * Should the sentence break before token k (the first token of the next
 * ICU sentence) be removed?
 */
static bool
suppress_break(const StDoc *d, int32_t k, int32_t tok0)
{
	int32_t		last = k - 1;
	const StTok *nt = &d->toks[k];
	bool		next_is_starter;

	if (last < tok0 || (nt->f & TK_PSTART))
		return false;
	next_is_starter = (nt->f & TK_CAP) &&
		(((nt->lex >> st_lexbit_notnames) & 1) || ((nt->lex >> st_lexbit_pronouns) & 1));
	if (!(nt->f & (TK_WORD)) || !(nt->f & TK_CAP))
	{
		/* next sentence starts with a lower-case word or a digit */
		if ((nt->f & TK_WORD) && !(nt->f & TK_NUM))
			return true;
		return false;
	}
	/* "Dr." "Gen." : word followed by a period token */
	if (tok_char(d, last, '.') && last - 1 >= tok0 &&
		d->toks[last - 1].e == d->toks[last].s)
	{
		int32_t		w = last - 1;
		int32_t		wl = tok_len(d, w);

		/* initials: "George W. Bush" */
		if (wl == 1 && (d->toks[w].f & TK_CAP))
			return !next_is_starter;
		if (is_abbrev_tok(d, w))
		{
			/* titles never end a sentence; others do before a clear starter */
			if (LEX_HAS(titles, tok_ptr(d, w), wl))
				return true;
			return !next_is_starter;
		}
		return false;
	}
	/* "U.S." "a.m." as one token */
	if ((d->toks[last].f & TK_ABBR))
		return !next_is_starter;
	return false;
}

/*
 * Could ICU end a sentence inside text[s, e)?  Only after a terminator
 * (. ? ! … and the full-width and ideographic ones, all non-ASCII ones
 * treated as possible) that has more than closing punctuation after it.
 */
static bool
has_inner_terminator(const char *t, int32_t s, int32_t e)
{
	int32_t		i,
				last = e;

	/* trailing closing punctuation and blanks after the last terminator */
	while (last > s && (t[last - 1] == ' ' || t[last - 1] == '"' || t[last - 1] == '\'' ||
						t[last - 1] == ')' || t[last - 1] == ']' ||
						(unsigned char) t[last - 1] >= 0x80))
		last--;
	/* last now ends at the final terminator (or other text); look before it */
	for (i = s; i < last - 1; i++)
	{
		unsigned char c = (unsigned char) t[i];

		if (c == '.' || c == '?' || c == '!' || c >= 0x80)
			return true;
	}
	return false;
}

/* ---------- UAX #29 sentence boundaries without ICU's iterator ---------- */

/*
 * ICU's sentence break iterator implements the rules of UAX #29 (Unicode
 * Text Segmentation, section 5); ICU stays the reference implementation
 * (icu_boundaries below).  Most paragraphs end their sentences with ASCII
 * . ? ! only, and for those the rules reduce to a decision after each
 * terminator, taken here with ICU's own Sentence_Break property values:
 *
 *	SB5   Extend and Format characters belong to the character before them;
 *	SB6   ATerm x Numeric ("3.5");
 *	SB7   (Upper | Lower) ATerm x Upper ("U.S");
 *	SB8   ATerm Close* Sp* x (not OLetter/Upper/Lower/ParaSep/SATerm)* Lower;
 *	SB8a  SATerm Close* Sp* x (SContinue | SATerm);
 *	SB9, SB10  no break inside SATerm Close* Sp*;
 *	SB11  SATerm Close* Sp* / : a break after the Close* Sp* run.
 *
 * No other position can break inside a paragraph (a paragraph holds no
 * ParaSep: tokenization ends paragraphs at them).  As on the ICU path, a
 * paragraph that has_inner_terminator finds none in is one sentence (that
 * test takes trailing non-ASCII characters for closing marks).  A paragraph with another
 * terminator (a non-ASCII STerm or ATerm), or where the character before an
 * ATerm is not ASCII and the rule SB7 would need it, goes to ICU.  Both
 * gave the same boundaries over every text of PolNeAR (train and dev) and
 * over a million generated strings of terminators, closing marks, spaces,
 * letters, digits, Extend/Format and invalid bytes; the unit tests compare
 * them on such strings (st_sentence_breaks).
 */

/* Sentence_Break values of ASCII, from ICU on first use (immutable after) */
static uint8_t sb_ascii[128];
static bool sb_ascii_ready;

static void
sb_ascii_init(void)
{
	for (int c = 0; c < 128; c++)
		sb_ascii[c] = (uint8_t) u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
	sb_ascii_ready = true;
}

/*
 * Bytes the scan of a paragraph stops at: 1 the ASCII terminators, 2 every
 * byte >= 0x80 (the scan steps over whole characters, so it stops at the
 * first byte of each, or at an invalid byte, U+FFFD alone).
 */
static const unsigned char sb_scan[256] = {
	['.'] = 1,['?'] = 1,['!'] = 1,
#define X16 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
	[0x80] = X16, X16, X16, X16, X16, X16, X16, X16
#undef X16
};

/* might one of eight bytes be one sb_scan stops at (. ? ! or >= 0x80)? */
static inline bool
sb_stop8(uint64_t v)
{
	const uint64_t ones = 0x0101010101010101u,
				highs = 0x8080808080808080u;
	const uint64_t dot = v ^ (ones * '.'),
				qm = v ^ (ones * '?'),
				bang = v ^ (ones * '!');

	/*
	 * the top bit of a byte that is zero in dot, qm or bang (the borrow may
	 * set it in bytes above one that is: there is one then anyway), or of a
	 * byte >= 0x80; all at once, without a branch per test (a range test
	 * first, to skip the rest, saved instructions but mispredicted)
	 */
	return ((v | ((dot - ones) & ~dot) | ((qm - ones) & ~qm) |
			 ((bang - ones) & ~bang)) & highs) != 0;
}

/* the Sentence_Break value of the code point at t[i] (i < e); *next after it */
static inline int
sb_at(const char *t, int32_t e, int32_t i, int32_t *next)
{
	int32_t		cp;

	if ((unsigned char) t[i] < 0x80)
	{
		*next = i + 1;
		return sb_ascii[(unsigned char) t[i]];
	}
	*next = st_utf8_next(t, e, i, &cp);
	return u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK);
}

/* skip Extend and Format characters from i; the class of what follows (-1 at e) */
static inline int
sb_skip_ext(const char *t, int32_t e, int32_t *i)
{
	while (*i < e)
	{
		int32_t		n;
		int			c = sb_at(t, e, *i, &n);

		if (c != U_SB_EXTEND && c != U_SB_FORMAT)
			return c;
		*i = n;
	}
	return -1;
}

/*
 * The sentence boundaries inside paragraph text[s, e) (its end excluded),
 * appended to *bounds; false (nothing appended) when ICU must decide.
 */
static bool
fast_boundaries(StDoc *d, int32_t s, int32_t e, int32_t **bounds,
				int32_t *bcap, int32_t *n, bool *nomem)
{
	const char *t = d->text;
	int32_t		n0 = *n;
	int32_t		i,
				last = e;
	bool		inner = false;

	/* has_inner_terminator's end: before trailing closing marks and blanks */
	while (last > s && (t[last - 1] == ' ' || t[last - 1] == '"' || t[last - 1] == '\'' ||
						t[last - 1] == ')' || t[last - 1] == ']' ||
						(unsigned char) t[last - 1] >= 0x80))
		last--;
	for (i = s; i < e; i++)
	{
		unsigned char ch;
		int32_t		x,
					nx;
		int			cx;
		bool		aterm;

		/* eight bytes at a time while none is a byte to stop at */
		while (i + 8 <= e)
		{
			uint64_t	v;

			memcpy(&v, t + i, 8);
			if (sb_stop8(v))
				break;
			i += 8;
		}
		if (i >= e)
			break;
		ch = (unsigned char) t[i];
		aterm = ch == '.';
		if (!sb_scan[ch])
			continue;
		/* every byte the scan stops at is one has_inner_terminator looks for */
		if (i < last - 1)
			inner = true;
		if (sb_scan[ch] == 2)
		{
			/* a non-ASCII character (the first byte of one): a terminator? */
			int32_t		cp,
						j = st_utf8_next(t, e, i, &cp);
			int			c = u_getIntPropertyValue(cp, UCHAR_SENTENCE_BREAK);

			if (c == U_SB_STERM || c == U_SB_ATERM)
			{
				*n = n0;
				return false;	/* ICU */
			}
			i = j - 1;
			continue;
		}
		x = i + 1;
		cx = sb_skip_ext(t, e, &x);
		if (cx < 0 || cx == U_SB_STERM || cx == U_SB_ATERM)
			continue;			/* the paragraph's end; or SB8a */
		if (aterm && cx == U_SB_NUMERIC)
			continue;			/* SB6 */
		if (aterm && cx == U_SB_UPPER)
		{
			/* SB7: the character before the ATerm */
			unsigned char pc = i > s ? (unsigned char) t[i - 1] : 0;

			if (pc >= 0x80)
			{
				*n = n0;
				return false;
			}
			if (i > s && (sb_ascii[pc] == U_SB_UPPER || sb_ascii[pc] == U_SB_LOWER))
				continue;
		}
		/* Close* then Sp* (SB9, SB10) */
		while (cx == U_SB_CLOSE)
		{
			sb_at(t, e, x, &nx);
			x = nx;
			cx = sb_skip_ext(t, e, &x);
		}
		while (cx == U_SB_SP)
		{
			sb_at(t, e, x, &nx);
			x = nx;
			cx = sb_skip_ext(t, e, &x);
		}
		if (cx < 0 || cx == U_SB_SCONTINUE || cx == U_SB_STERM || cx == U_SB_ATERM)
			continue;			/* the paragraph's end; SB8a */
		if (aterm)
		{
			/* SB8: a lower-case letter before any other letter or terminator */
			int32_t		y = x;
			int			cy = cx;

			while (cy >= 0 && cy != U_SB_OLETTER && cy != U_SB_UPPER &&
				   cy != U_SB_LOWER && cy != U_SB_SEP && cy != U_SB_CR &&
				   cy != U_SB_LF && cy != U_SB_STERM && cy != U_SB_ATERM)
			{
				sb_at(t, e, y, &nx);
				y = nx;
				cy = y < e ? sb_at(t, e, y, &nx) : -1;
			}
			if (cy == U_SB_LOWER)
				continue;
		}
		/* SB11 */
		*bounds = st_grow(d->arena, *bounds, bcap, *n, sizeof(int32_t));
		if (*bounds == NULL)
		{
			*nomem = true;
			return false;
		}
		(*bounds)[(*n)++] = x;
		i = x - 1;
	}
	/* as has_inner_terminator says: one sentence */
	if (!inner)
		*n = n0;
	return true;
}

/*
 * ICU's sentence boundaries as byte offsets, paragraph by paragraph (ICU
 * ends a sentence at every paragraph break anyway), from fast_boundaries
 * where it can decide (unless d->sb_icu_only), else from ICU's iterator.
 * For that, each paragraph is converted to UTF-16 in a reused buffer: ICU
 * iterates UTF-16 text faster than UTF-8 through UText.  Invalid bytes become U+FFFD, one unit each,
 * as in st_utf8_next, so offsets map back one to one.
 */
static StStatus
icu_boundaries(StDoc *d, int32_t **out, int32_t *nout)
{
	UErrorCode	status = U_ZERO_ERROR;
	UChar	   *buf = NULL;
	int32_t		bufcap = 0;
	int32_t    *bounds = NULL;
	int32_t		bcap = 0,
				n = 0,
				p;

	for (p = 0; p < d->nparas; p++)
	{
		int32_t		s = d->paras[p].s,
					e = d->paras[p].e,
					i,
					u16 = 0,
					b16,
					i8,
					c16;

		if ((p & 255) == 255 && st_tick(d))
			return ST_ERR_CANCELED;
		if (!d->sb_icu_only)
		{
			bool		nomem = false;

			if (fast_boundaries(d, s, e, &bounds, &bcap, &n, &nomem))
			{
				bounds = st_grow(d->arena, bounds, &bcap, n, sizeof(int32_t));
				if (bounds == NULL)
					return ST_ERR_NOMEM;
				bounds[n++] = e;
				continue;
			}
			if (nomem)
				return ST_ERR_NOMEM;
		}
		if (!has_inner_terminator(d->text, s, e))
		{
			/* one sentence: ICU could only break at the paragraph's end */
			bounds = st_grow(d->arena, bounds, &bcap, n, sizeof(int32_t));
			if (bounds == NULL)
				return ST_ERR_NOMEM;
			bounds[n++] = e;
			continue;
		}
		if (e - s > bufcap)
		{
			bufcap = e - s > 4096 ? e - s : 4096;
			buf = st_arena_alloc_raw(d->arena, sizeof(UChar) * (size_t) bufcap);
			if (buf == NULL)
				return ST_ERR_NOMEM;
		}
		for (i = s; i < e;)
		{
			int32_t		cp;

			if ((unsigned char) d->text[i] < 0x80)
			{
				buf[u16++] = (UChar) (unsigned char) d->text[i++];
				continue;
			}
			i = st_utf8_next(d->text, e, i, &cp);
			if (cp > 0xFFFF)
			{
				buf[u16++] = (UChar) (0xD7C0 + (cp >> 10));
				buf[u16++] = (UChar) (0xDC00 | (cp & 0x3FF));
			}
			else
				buf[u16++] = (UChar) cp;
		}
		ubrk_setText(sent_bi, buf, u16, &status);
		if (U_FAILURE(status))
			return ST_ERR_ICU;
		/* map the UTF-16 boundaries (increasing) back to byte offsets */
		i8 = s;
		c16 = 0;
		for (b16 = ubrk_next(sent_bi); b16 != UBRK_DONE; b16 = ubrk_next(sent_bi))
		{
			while (c16 < b16 && i8 < e)
			{
				int32_t		cp;

				if ((unsigned char) d->text[i8] < 0x80)
				{
					i8++;
					c16++;
					continue;
				}
				i8 = st_utf8_next(d->text, e, i8, &cp);
				c16 += cp > 0xFFFF ? 2 : 1;
			}
			if (b16 >= u16)
				break;			/* the paragraph's end is a break anyway */
			bounds = st_grow(d->arena, bounds, &bcap, n, sizeof(int32_t));
			if (bounds == NULL)
				return ST_ERR_NOMEM;
			bounds[n++] = i8;
		}
		/* the paragraph end */
		bounds = st_grow(d->arena, bounds, &bcap, n, sizeof(int32_t));
		if (bounds == NULL)
			return ST_ERR_NOMEM;
		bounds[n++] = e;
	}
	/* the buffer is arena memory: leave no pointer to it in the iterator */
	ubrk_setText(sent_bi, NULL, 0, &status);
	*out = bounds;
	*nout = n;
	return ST_OK;
}

/* open the iterator and the tables on first use */
static StStatus
sentences_init(void)
{
	UErrorCode	status = U_ZERO_ERROR;

	if (!sb_ascii_ready)
		sb_ascii_init();
	if (sent_bi == NULL)
	{
		sent_bi = ubrk_open(UBRK_SENTENCE, "en_US", NULL, 0, &status);
		if (U_FAILURE(status))
		{
			sent_bi = NULL;
			return ST_ERR_ICU;
		}
	}
	return ST_OK;
}

/* the boundaries st_sentences starts from, for tests (d is tokenized) */
StStatus
st_sentence_breaks(StDoc *d, bool icu_only, int32_t **out, int32_t *nout)
{
	StStatus	rc;
	bool		old = d->sb_icu_only;

	*out = NULL;
	*nout = 0;
	if ((rc = sentences_init()) != ST_OK)
		return rc;
	d->sb_icu_only = icu_only;
	rc = icu_boundaries(d, out, nout);
	d->sb_icu_only = old;
	return rc;
}

StStatus
st_sentences(StDoc *d)
{
	int32_t		scap = 0;
	int32_t		k = 0;
	int32_t		b;
	int32_t		nticks = 0;
	int32_t    *bounds = NULL;
	int32_t		nbounds = 0,
				bi,
				pi = 0;
	StStatus	rc;

	d->nsents = 0;
	if (d->ntoks == 0)
		return ST_OK;
	if ((rc = sentences_init()) != ST_OK)
		return rc;
	if ((rc = icu_boundaries(d, &bounds, &nbounds)) != ST_OK)
		return rc;

	/*
	 * Walk the ICU boundaries; each sentence is the run of tokens starting
	 * before the boundary.  Boundaries we suppress merge two ICU sentences.
	 */
	bi = 0;
	b = nbounds > 0 ? bounds[0] : UBRK_DONE;
	while (k < d->ntoks)
	{
		int32_t		tok0 = k;
		int32_t		para = d->toks[k].para;
		int32_t		sidx = d->nsents;
		int32_t		plim;
		StSent	   *s;

		/*
		 * The first token after tok0 with TK_PSTART (a token of another
		 * paragraph comes after one): the first token of a later paragraph.
		 */
		while (pi < d->nparas && d->paras[pi].tok0 <= tok0)
			pi++;
		plim = pi < d->nparas ? d->paras[pi].tok0 : d->ntoks;
		for (;;)
		{
			int32_t		bk;

			if ((++nticks & 1023) == 0 && st_tick(d))
				return ST_ERR_CANCELED;
			/* next boundary after the current token start */
			while (b != UBRK_DONE && b <= d->toks[k].s)
				b = (++bi < nbounds) ? bounds[bi] : UBRK_DONE;
			/*
			 * take tokens before b, staying in the paragraph; each is of
			 * sentence sidx, however many ICU sentences it joins
			 */
			bk = b == UBRK_DONE ? INT32_MAX : b;
			while (k < plim && d->toks[k].s < bk)
				d->toks[k++].sent = sidx;
			if (k >= d->ntoks || d->toks[k].para != para || (d->toks[k].f & TK_PSTART))
				break;
			if (!suppress_break(d, k, tok0))
				break;
		}
		d->sents = st_grow(d->arena, d->sents, &scap, d->nsents, sizeof(StSent));
		if (d->sents == NULL)
			return ST_ERR_NOMEM;
		s = &d->sents[d->nsents];
		s->tok0 = tok0;
		s->tok1 = k;
		s->s = d->toks[tok0].s;
		s->e = d->toks[k - 1].e;
		s->para = d->toks[tok0].para;
		d->toks[tok0].f |= TK_SSTART;
		d->nsents++;
	}
	return ST_OK;
}
