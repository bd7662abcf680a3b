/*
 * quotes.c
 *	  Find quotations: pair opening and closing marks within a paragraph, tell
 *	  the apostrophe from the single quotation mark, join quotations that run
 *	  over paragraphs, and keep the top-level ones.
 *
 * Marks and families: double  " “ ” „ ‟ ;  single  ' ‘ ’ ‚ ‛ ;  « » ;  ‹ › ;
 * 「 」 『 』.  A mark is an opener, a closer, either (the ASCII marks
 * between letters and spaces decide by context) or an apostrophe (NATO's is
 * a word already; players', '90s, rock 'n' roll, 'em are caught here).
 * Pairing uses a stack per paragraph: a closer takes the nearest open mark
 * of its family, dropping unclosed marks above it; what stays open at the end
 * of the paragraph is dropped, unless it opened the paragraph and the next
 * paragraph opens with a mark of the same family (a quotation continued over
 * paragraphs), or it opened the paragraph and nothing closes it there (then
 * it ends with the paragraph).  So no mark can take more than its paragraph.
 */
#include "internal.h"

#include <unicode/uchar.h>

enum
{
	FAM_DOUBLE = 1,
	FAM_SINGLE,
	FAM_GUIL,
	FAM_SGUIL,
	FAM_CJK,
	FAM_CJK2
};

#define R_OPEN	1
#define R_CLOSE 2

typedef struct Mark
{
	int32_t		tok;
	int32_t		cp;
	int			fam;
	int			roles;			/* R_OPEN | R_CLOSE */
	bool		weak_close;		/* players' : a closer only if one is open */
	int32_t		pair;			/* index of the partner mark, -1 */
} Mark;

extern bool st_is_quote_char(int32_t cp);

static int32_t
cp_before(const StDoc *d, int32_t off)
{
	int32_t		cp;

	if (off <= 0)
		return -1;
	st_utf8_prev(d->text, off, &cp);
	return cp;
}

static int32_t
cp_after(const StDoc *d, int32_t off)
{
	int32_t		cp;

	if (off >= d->len)
		return -1;
	st_utf8_next(d->text, d->len, off, &cp);
	return cp;
}

static bool
cp_space(int32_t cp)
{
	return cp < 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
		cp == 0xA0 || cp == 0x2029 || cp == 0x2028 || (cp > 0x7F && u_isUWhiteSpace(cp));
}

static bool
cp_alnum(int32_t cp)
{
	if (cp < 0)
		return false;
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
			(cp >= '0' && cp <= '9');
	return cp != 0xFFFD && u_isalnum(cp);
}

/* brackets and dashes before an opening mark */
static bool
cp_opener_ctx(int32_t cp)
{
	return cp_space(cp) || cp == '(' || cp == '[' || cp == '{' || cp == '-' ||
		cp == 0x2013 || cp == 0x2014 || cp == '/' || cp == ':' ||
		cp == 0x201C || cp == 0x2018 || cp == '"' || cp == '\'' || cp == 0xAB;
}

/* punctuation after a closing mark */
static bool
cp_closer_ctx(int32_t cp)
{
	return cp_space(cp) || cp == '.' || cp == ',' || cp == ';' || cp == ':' ||
		cp == '?' || cp == '!' || cp == ')' || cp == ']' || cp == '}' ||
		cp == '-' || cp == 0x2013 || cp == 0x2014 || cp == 0x2026 ||
		cp == 0x201D || cp == 0x2019 || cp == '"' || cp == '\'' || cp == 0xBB;
}

static bool
word_is(const StDoc *d, int32_t off, const char *w)
{
	int32_t		i;

	for (i = 0; w[i]; i++)
	{
		char		c;

		if (off + i >= d->len)
			return false;
		c = d->text[off + i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != w[i])
			return false;
	}
	return off + i >= d->len || !cp_alnum((unsigned char) d->text[off + i]);
}

/* classify one quotation mark token */
static void
classify(const StDoc *d, Mark *m)
{
	const StTok *t = &d->toks[m->tok];
	int32_t		b = cp_before(d, t->s);
	int32_t		a = cp_after(d, t->e);

	m->roles = 0;
	m->weak_close = false;
	m->pair = -1;
	switch (m->cp)
	{
		case 0x201C:			/* “ */
			m->fam = FAM_DOUBLE;
			m->roles = R_OPEN;
			/* some writers close with “ too: “word“ */
			if (!cp_space(b) && cp_closer_ctx(a) && !cp_opener_ctx(b))
				m->roles = R_CLOSE;
			return;
		case 0x201E:			/* „ */
		case 0x201F:
			m->fam = FAM_DOUBLE;
			m->roles = R_OPEN;
			return;
		case 0x201D:			/* ” */
			m->fam = FAM_DOUBLE;
			m->roles = R_CLOSE;
			/* ”word” : a misused opener */
			if (cp_opener_ctx(b) && !cp_space(a) && cp_alnum(a))
				m->roles = R_OPEN | R_CLOSE;
			return;
		case 0xAB:				/* « (closes »...« in German and Danish) */
			m->fam = FAM_GUIL;
			m->roles = R_OPEN;
			if (!cp_space(b) && !cp_opener_ctx(b) && cp_closer_ctx(a))
				m->roles = R_CLOSE;
			return;
		case 0xBB:				/* » (opens »...«) */
			m->fam = FAM_GUIL;
			m->roles = R_CLOSE;
			if (cp_opener_ctx(b) && !cp_space(a))
				m->roles = R_OPEN;
			return;
		case 0x2039:
			m->fam = FAM_SGUIL;
			m->roles = R_OPEN;
			return;
		case 0x203A:
			m->fam = FAM_SGUIL;
			m->roles = R_CLOSE;
			return;
		case 0x300C:
			m->fam = FAM_CJK;
			m->roles = R_OPEN;
			return;
		case 0x300D:
			m->fam = FAM_CJK;
			m->roles = R_CLOSE;
			return;
		case 0x300E:
			m->fam = FAM_CJK2;
			m->roles = R_OPEN;
			return;
		case 0x300F:
			m->fam = FAM_CJK2;
			m->roles = R_CLOSE;
			return;
		case '"':
			m->fam = FAM_DOUBLE;
			if (cp_opener_ctx(b) && !cp_space(a))
				m->roles = R_OPEN;
			else if (!cp_space(b) && cp_closer_ctx(a))
				m->roles = R_CLOSE;
			else
				m->roles = R_OPEN | R_CLOSE;
			return;
		case 0x201A:			/* ‚ */
		case 0x201B:
			m->fam = FAM_SINGLE;
			m->roles = cp_alnum(b) ? 0 : R_OPEN;
			return;
		case 0x2018:			/* ‘ */
		case 0x2019:			/* ’ */
		case '\'':
			m->fam = FAM_SINGLE;
			/* '90s, ’em, 'til, 'cause, 'n' : apostrophes */
			if (a >= '0' && a <= '9' && !cp_alnum(b))
			{
				int32_t		k = t->e;

				while (k < d->len && d->text[k] >= '0' && d->text[k] <= '9')
					k++;
				if (k - t->e == 2 && (k >= d->len || d->text[k] == 's' ||
									  !cp_alnum((unsigned char) d->text[k])))
					return;
			}
			if (cp_space(b) && (word_is(d, t->e, "em") || word_is(d, t->e, "til") ||
								word_is(d, t->e, "cause") || word_is(d, t->e, "tis") ||
								word_is(d, t->e, "twas")))
				return;
			/* rock 'n' roll: 'n' with both marks */
			if (t->e + 2 <= d->len && (d->text[t->e] == 'n' || d->text[t->e] == 'N') &&
				cp_space(b))
			{
				int32_t		c2 = cp_after(d, t->e + 1);

				if (c2 == '\'' || c2 == 0x2019)
					return;
			}
			/* ... and its second mark: 'n' */
			if ((b == 'n' || b == 'N') && t->s >= 2 && !cp_alnum(a))
			{
				int32_t		pb;

				st_utf8_prev(d->text, t->s - 1, &pb);
				if (pb == '\'' || pb == 0x2019 || pb == 0x2018)
					return;
			}
			if (!cp_alnum(b) && !cp_space(a) && (cp_opener_ctx(b) || b < 0) &&
				!(b == '.' || b == ',' || b == '?' || b == '!'))
			{
				/* before a word: an opener (an apostrophe would be in it) */
				if (m->cp == 0x2019 && !cp_alnum(a) && a != '"' && a != 0x201C)
					return;
				m->roles = R_OPEN;
				return;
			}
			if (m->cp == 0x2018)
			{
				/* ‘ opens, or closes a German ‚...‘ */
				if (!cp_space(b) && !cp_opener_ctx(b) && cp_closer_ctx(a))
					m->roles = R_CLOSE;
				else if (!cp_space(a))
					m->roles = R_OPEN;
				return;
			}
			if (!cp_space(b) && cp_closer_ctx(a))
			{
				m->roles = R_CLOSE;
				/* players' and goin' may be apostrophes */
				if (b == 's' || b == 'S' || (b == 'n' && t->s >= 2 &&
											 d->text[t->s - 2] == 'i'))
					m->weak_close = true;
				return;
			}
			/* a mark between a letter and a letter cannot get here; between
			 * spaces it is stray */
			return;
	}
}

/* quotation runs on when the next paragraph starts with an opener */
static int
para_open_family(const StDoc *d, int32_t p)
{
	const StTok *t;
	int32_t		cp;
	Mark		m;

	if (p >= d->nparas)
		return 0;
	t = &d->toks[d->paras[p].tok0];
	if (!(t->f & TK_QMARK))
		return 0;
	st_utf8_next(d->text, d->len, t->s, &cp);
	m.tok = d->paras[p].tok0;
	m.cp = cp;
	classify(d, &m);
	return (m.roles & R_OPEN) ? m.fam : 0;
}

StStatus
st_find_quotes(StDoc *d)
{
	int32_t		p;
	Mark	   *marks = NULL;
	int32_t		mcap = 0;
	int32_t	   *stack = NULL;
	int32_t		scap = 0;
	int32_t		qcap = 0;
	bool		cont_prev = false;

	d->nquotes = 0;
	for (p = 0; p < d->nparas; p++)
	{
		int32_t		nm = 0,
					ns = 0,
					i;
		int32_t		top_close = -1;
		bool		cont_next = false;
		int32_t		cont_open = -1;

		if ((p & 255) == 255 && st_tick(d))
			return ST_ERR_CANCELED;

		/* collect the marks of the paragraph */
		for (i = d->paras[p].tok0; i < d->paras[p].tok1; i++)
		{
			int32_t		cp;
			Mark	   *m;

			/*
			 * Most tokens are no mark: past them in a loop that the stores
			 * below (which might alias d->toks for the compiler) stay out of
			 */
			if (!(d->toks[i].f & TK_QMARK))
			{
				const StTok *toks = d->toks;
				int32_t		t1 = d->paras[p].tok1;

				for (i++; i < t1 && !(toks[i].f & TK_QMARK); i++)
					;
				if (i >= t1)
					break;
			}
			marks = st_grow(d->arena, marks, &mcap, nm, sizeof(Mark));
			if (marks == NULL)
				return ST_ERR_NOMEM;
			m = &marks[nm];
			st_utf8_next(d->text, d->len, d->toks[i].s, &cp);
			m->tok = i;
			m->cp = cp;
			classify(d, m);
			if (m->roles != 0)
				nm++;
		}

		/* pair them */
		for (i = 0; i < nm; i++)
		{
			Mark	   *m = &marks[i];
			int32_t		j = -1,
						k;

			if (m->roles & R_CLOSE)
			{
				for (k = ns - 1; k >= 0; k--)
				{
					if (marks[stack[k]].fam == m->fam)
					{
						j = k;
						break;
					}
					/* a double closer may drop unclosed single openers */
					if (!(marks[stack[k]].fam == FAM_SINGLE))
						break;
				}
				if (j >= 0 && m->weak_close && j != ns - 1)
					j = -1;
				/*
				 * players' : an apostrophe when a plain closing mark follows
				 * before any new opening mark ('the players' union,' he said)
				 */
				if (j >= 0 && m->weak_close && m->fam == FAM_SINGLE)
				{
					int32_t		l;

					for (l = i + 1; l < nm; l++)
					{
						if (marks[l].fam != FAM_SINGLE)
							continue;
						if (marks[l].roles & R_OPEN)
							break;
						if ((marks[l].roles & R_CLOSE) && !marks[l].weak_close)
						{
							j = -1;
							break;
						}
					}
				}
				if (j >= 0 && (m->roles & R_OPEN) && m->fam == FAM_DOUBLE &&
					m->cp == '"' && j != ns - 1)
					j = -1;
				if (j >= 0)
				{
					marks[stack[j]].pair = i;
					m->pair = stack[j];
					ns = j;
					continue;
				}
			}
			if (m->roles & R_OPEN)
			{
				stack = st_grow(d->arena, stack, &scap, ns, sizeof(int32_t));
				if (stack == NULL)
					return ST_ERR_NOMEM;
				stack[ns++] = i;
			}
		}

		/* an opener of the paragraph left open: continued or unclosed */
		if (ns > 0 && marks[stack[0]].tok == d->paras[p].tok0 &&
			marks[stack[0]].fam != FAM_SINGLE)
		{
			cont_open = stack[0];
			cont_next = para_open_family(d, p + 1) == marks[cont_open].fam;
		}
		else if (ns > 0 && marks[stack[0]].fam != FAM_SINGLE &&
				 para_open_family(d, p + 1) == marks[stack[0]].fam)
		{
			/* "He said: “... (paragraph break) “... */
			int32_t		o = marks[stack[0]].tok;
			int32_t		words = 0;

			for (i = o + 1; i < d->paras[p].tok1; i++)
				if (d->toks[i].f & TK_WORD)
					words++;
			if (words >= 6)
			{
				cont_open = stack[0];
				cont_next = true;
			}
		}

		/* record the top-level quotations */
		for (i = 0; i < nm; i++)
		{
			StQuote    *q;
			int32_t		o,
						c,
						k;
			bool		unclosed = false;

			if (marks[i].pair < 0 || marks[i].pair < i)
			{
				if (i != cont_open)
					continue;
				unclosed = true;
			}
			o = marks[i].tok;
			if (d->toks[o].s < top_close)
				continue;		/* nested */
			c = unclosed ? -1 : marks[marks[i].pair].tok;
			d->quotes = st_grow(d->arena, d->quotes, &qcap, d->nquotes, sizeof(StQuote));
			if (d->quotes == NULL)
				return ST_ERR_NOMEM;
			q = &d->quotes[d->nquotes];
			q->open = d->toks[o].s;
			q->open_e = d->toks[o].e;
			if (unclosed)
			{
				q->close = q->close_e = d->paras[p].e;
				q->tok1 = d->paras[p].tok1;
				q->flags = cont_next ? QF_CONT_NEXT : QF_UNCLOSED;
			}
			else
			{
				q->close = d->toks[c].s;
				q->close_e = d->toks[c].e;
				q->tok1 = c;
				q->flags = 0;
			}
			if (cont_prev && o == d->paras[p].tok0)
				q->flags |= QF_CONT_PREV;
			q->para = p;
			q->depth = 0;
			q->tok0 = o + 1;
			q->nwords = 0;
			for (k = q->tok0; k < q->tok1; k++)
			{
				d->toks[k].quote = d->nquotes;
				if (d->toks[k].f & TK_WORD && !(d->toks[k].f & TK_POSS))
					q->nwords++;
			}
			d->toks[o].quote = -1;
			top_close = q->close_e;
			d->nquotes++;
			if (unclosed)
				break;
		}
		cont_prev = cont_next;
	}
	return ST_OK;
}
