/*
 * names.c
 *	  Speaker mentions and their resolution to speakers.
 *
 * Name mentions are runs of capitalised words (with titles, initials and
 * particles) anywhere outside quotations.  People are clustered by surname:
 * "Admiral Dragone" and "Dragone" join "Admiral Giuseppe Cavo Dragone", whose
 * longest name is canonical.  A pronoun takes the nearest earlier person of
 * its gender.  Descriptions ("the ministry", "one Baltic diplomat",
 * "officials") become organisations, anonymous sources or groups.  Roles and
 * affiliations come from appositives ("X, the spokeswoman for Y,") and from
 * titles before the name ("former U.S. President X").
 */
#include "names.h"
#include "lexicon.h"
#include "map.h"

#include <stdlib.h>
#include <string.h>

typedef struct Name
{
	int32_t		t0;				/* whole run */
	int32_t		t1;
	int32_t		n0;				/* name part, without titles */
	int32_t		n1;
	StSpeakerKind kind;
	bool		known_kind;		/* false for a lone unknown capitalised word */
	char		gender;			/* 'm' 'f' or 0 */
	int32_t		cluster;
} Name;

typedef struct Cluster
{
	char	   *name;
	int32_t		last_tok;		/* surname token of the canonical name */
	StSpeakerKind kind;
	char		gender;
	char	   *role;
	char	   *affiliation;
	int32_t		mentions;
	int32_t		statements;
	int32_t		first;
	int32_t		out;			/* index in the result, -1 */
	bool		role_from_appositive;
} Cluster;

typedef struct RCtx
{
	StDoc	   *d;
	Name	   *names;
	int32_t		nnames;
	Cluster    *cl;
	int32_t		ncl;
	int32_t		clcap;
	StMap		by_description;	/* "ministry", "officials" -> cluster */
	StMap		by_affiliation; /* affiliation -> its only person, -2 if several */
	bool		aff_ready;
} RCtx;

#define IN(d, k, name) (((d)->toks[(k)].lex >> st_lexbit_##name) & 1)

static bool
same_word(const StDoc *d, int32_t a, int32_t b)
{
	int32_t		n = tok_len(d, a);

	return n == tok_len(d, b) && memcmp(tok_ptr(d, a), tok_ptr(d, b), n) == 0;
}

static bool
cap_word(const StDoc *d, int32_t k)
{
	const StTok *t = &d->toks[k];

	/* one test, not four branches: most tokens are no capitalised word */
	return ((t->f & (TK_WORD | TK_CAP | TK_POSS)) == (TK_WORD | TK_CAP)) & (t->quote < 0);
}

static bool
is_particle(const StDoc *d, int32_t k)
{
	return tok_is(d, k, "de") || tok_is(d, k, "van") || tok_is(d, k, "von") ||
		tok_is(d, k, "bin") || tok_is(d, k, "al") || tok_is(d, k, "da") ||
		tok_is(d, k, "del") || tok_is(d, k, "la") || tok_is(d, k, "le");
}

/*
 * A copy of the text of tokens [t0, t1), or NULL when empty.  An allocation
 * failure sets d->nomem, which st_resolve reports; callers treat the NULL as
 * "unknown" meanwhile.
 */
static char *
dup_str(StDoc *d, const char *v)
{
	char	   *p = st_arena_strndup(d->arena, v, strlen(v));

	if (p == NULL)
		d->nomem = true;
	return p;
}

static char *
span_str(StDoc *d, int32_t t0, int32_t t1)
{
	char	   *p;

	if (t1 <= t0)
		return NULL;
	p = st_arena_strndup(d->arena, d->text + d->toks[t0].s,
						 (size_t) (d->toks[t1 - 1].e - d->toks[t0].s));
	if (p == NULL)
		d->nomem = true;
	return p;
}

static char
gender_of_word(const StDoc *d, int32_t k)
{
	if (IN(d, k, female))
		return 'f';
	if (IN(d, k, male))
		return 'm';
	return 0;
}

static char
gender_of_role(const StDoc *d, int32_t a, int32_t b)
{
	int32_t		k;

	for (k = a; k < b; k++)
	{
		const char *e = IN(d, k, roles) ? LEX_FIND(roles, tok_ptr(d, k), tok_len(d, k)) : NULL;
		const char *v = e ? st_lex_value(e) : NULL;

		if (v && (v[0] == 'f' || v[0] == 'm'))
			return v[0];
	}
	return 0;
}

/* find the name runs of the article */
static StStatus
find_names(RCtx *r)
{
	StDoc	   *d = r->d;
	int32_t		k = 0,
				cap = 0,
				ci = 0;

	while (k < d->ntoks)
	{
		int32_t		a = k,
					b,
					n0 = -1;
		bool		has_title = false;
		Name	   *nm;

		/*
		 * most tokens are no capitalised word: on to the next one that
		 * st_classify_tokens listed (or past them in a tight loop)
		 */
		if (!cap_word(d, k))
		{
			if (d->ncap_toks >= 0)
			{
				while (ci < d->ncap_toks && d->cap_toks[ci] <= k)
					ci++;
				k = ci < d->ncap_toks ? d->cap_toks[ci] : d->ntoks;
			}
			else
				for (k++; k < d->ntoks && !cap_word(d, k); k++)
					;
			continue;
		}
		if (((d->toks[k].f & TK_SSTART) && IN(d, k, notnames)) ||
			IN(d, k, pronouns) || (IN(d, k, notnames) && !IN(d, k, titles)))
		{
			k++;
			continue;
		}
		b = k;
		while (b < d->ntoks && d->toks[b].para == d->toks[a].para)
		{
			if (cap_word(d, b) && !(IN(d, b, notnames) && b > a))
			{
				bool		title = IN(d, b, titles) ||
					((d->toks[b].f & TK_ABBR) && IN(d, b, places));

				if (title && n0 < 0)
					has_title = true;
				else if (title && b + 1 < d->ntoks && cap_word(d, b + 1) &&
						 !IN(d, b + 1, titles) && !IN(d, n0, orgnouns))
				{
					/* "Former Finance Minister Rosa Ibarra": the name follows the last title */
					has_title = true;
					n0 = -1;
				}
				else if (n0 < 0)
					n0 = b;
				b++;
				continue;
			}
			if (tok_char(d, b, '.') && b > a && d->toks[b - 1].e == d->toks[b].s &&
				(IN(d, b - 1, titles) || tok_len(d, b - 1) == 1) &&
				b + 1 < d->ntoks && cap_word(d, b + 1))
			{
				b++;
				continue;
			}
			if (is_particle(d, b) && b + 1 < d->ntoks && cap_word(d, b + 1) && n0 >= 0)
			{
				b++;
				continue;
			}
			/* "Ministry of Water", "University of Porto Verde" */
			if ((tok_is(d, b, "of") || tok_is(d, b, "for")) && b > a &&
				IN(d, b - 1, orgnouns) && cap_word(d, b - 1) &&
				b + 1 < d->ntoks && cap_word(d, b + 1) && !IN(d, b + 1, notnames))
			{
				b++;
				continue;
			}
			break;
		}
		if (n0 < 0)
		{
			k = b > k ? b : k + 1;
			continue;
		}
		r->names = st_grow(d->arena, r->names, &cap, r->nnames, sizeof(Name));
		if (r->names == NULL)
			return ST_ERR_NOMEM;
		nm = &r->names[r->nnames++];
		memset(nm, 0, sizeof(*nm));
		nm->t0 = a;
		nm->t1 = b;
		nm->n0 = n0;
		nm->n1 = b;
		nm->cluster = -1;
		nm->known_kind = true;
		{
			int32_t		j;
			bool		org = false;

			for (j = n0; j < b; j++)
				if (IN(d, j, orgnouns))
					org = true;
			if (b - n0 == 1 && (IN(d, n0, places) || (d->toks[n0].f & TK_UPPER)))
				org = true;
			if (a > 0 && tok_is(d, a - 1, "the") && !has_title)
				org = true;
			if (org)
				nm->kind = ST_SPK_ORGANIZATION;
			else if (has_title || b - n0 >= 2 || gender_of_word(d, n0))
				nm->kind = ST_SPK_PERSON;
			else
			{
				nm->kind = ST_SPK_PERSON;
				nm->known_kind = false;
			}
			nm->gender = gender_of_word(d, n0);
			if (!nm->gender && has_title)
				nm->gender = gender_of_word(d, a);
		}
		if ((r->nnames & 1023) == 1023 && st_tick(d))
			return ST_ERR_CANCELED;
		k = b;
	}
	return ST_OK;
}

static int32_t
new_cluster(RCtx *r, char *name, StSpeakerKind kind, int32_t first)
{
	Cluster    *c;

	if (name == NULL)
		return -1;
	{
		Cluster    *grown = st_grow(r->d->arena, r->cl, &r->clcap, r->ncl, sizeof(Cluster));

		if (grown == NULL)
		{
			r->d->nomem = true;
			return -1;
		}
		r->cl = grown;
	}
	c = &r->cl[r->ncl];
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->kind = kind;
	c->first = first;
	c->out = -1;
	c->last_tok = -1;
	return r->ncl++;
}

/*
 * Cluster the name runs: full names first, then lone surnames join them.
 *
 * Names are matched by their text: a surname (the last word of a person's
 * name), a full name (a person's of two words or more) or an organisation's
 * name.  Each such text is numbered once (one hash per key, in a map sized
 * up front), and the passes below keep their "latest name with this
 * surname" and "cluster of this name" in arrays by that number: the same
 * answers as maps keyed by the text, without hashing a key per question.
 */
static StStatus
cluster_names(RCtx *r)
{
	StDoc	   *d = r->d;
	int32_t		i,
				nids = 0;
	int32_t    *later_full,
			   *sur_id,			/* name -> number of its surname */
			   *name_id,		/* name -> number of its full name */
			   *by_surname,		/* surname -> latest person Name index */
			   *by_full,		/* full name -> cluster */
			   *by_org;			/* organisation name -> cluster */
	StMap		ids;

	st_map_init(&ids, d->arena);
	later_full = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) (r->nnames + 1) * 3);
	if (later_full == NULL)
		return ST_ERR_NOMEM;
	sur_id = later_full + r->nnames + 1;
	name_id = sur_id + r->nnames + 1;

	/* number the texts: surnames and full names of people, organisations */
	for (i = 0; i < r->nnames; i++)
	{
		Name	   *nm = &r->names[i];
		int32_t		sur = nm->n1 - 1;

		sur_id[i] = name_id[i] = -1;
		if (nm->kind == ST_SPK_PERSON)
		{
			sur_id[i] = st_map_intern(&ids, tok_ptr(d, sur), tok_len(d, sur), nids);
			if (sur_id[i] < 0)
				return ST_ERR_NOMEM;
			if (sur_id[i] == nids)
				nids++;
			if (nm->n1 - nm->n0 < 2)
				continue;
		}
		name_id[i] = st_map_intern(&ids, d->text + d->toks[nm->n0].s,
								   d->toks[nm->n1 - 1].e - d->toks[nm->n0].s, nids);
		if (name_id[i] < 0)
			return ST_ERR_NOMEM;
		if (name_id[i] == nids)
			nids++;
	}
	by_surname = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) (nids + 1) * 3);
	if (by_surname == NULL)
		return ST_ERR_NOMEM;
	by_full = by_surname + nids + 1;
	by_org = by_full + nids + 1;
	memset(by_surname, 0xFF, sizeof(int32_t) * (size_t) (nids + 1) * 3);	/* -1 */

	/* for a lone surname, the nearest full name after it */
	for (i = r->nnames - 1; i >= 0; i--)
	{
		Name	   *nm = &r->names[i];

		later_full[i] = -1;
		if (nm->kind != ST_SPK_PERSON)
			continue;
		if (nm->n1 - nm->n0 == 1)
			later_full[i] = by_surname[sur_id[i]];
		else
			by_surname[sur_id[i]] = i;
	}
	for (i = 0; i < nids; i++)
		by_surname[i] = -1;

	for (i = 0; i < r->nnames; i++)
	{
		Name	   *nm = &r->names[i];
		int32_t		best = -1;

		if ((i & 1023) == 1023 && st_tick(d))
			return ST_ERR_CANCELED;
		if (nm->kind == ST_SPK_PERSON)
		{
			/* the latest earlier name with this surname, if compatible */
			int32_t		j = by_surname[sur_id[i]];

			/* the same full name seen before */
			if (nm->n1 - nm->n0 >= 2)
				best = by_full[name_id[i]];
			if (best < 0 && j >= 0)
			{
				Name	   *o = &r->names[j];

				if (nm->n1 - nm->n0 == 1 || o->n1 - o->n0 == 1 ||
					same_word(d, o->n0, nm->n0))
					best = o->cluster;
			}
			if (best < 0 && nm->n1 - nm->n0 == 1 && later_full[i] >= 0)
			{
				Name	   *o = &r->names[later_full[i]];

				/* create the later full name's cluster now */
				if (o->cluster < 0)
				{
					o->cluster = new_cluster(r, span_str(d, o->n0, o->n1),
											 ST_SPK_PERSON, d->toks[o->t0].s);
					if (o->cluster < 0)
						return ST_ERR_NOMEM;
					r->cl[o->cluster].gender = o->gender;
				}
				best = o->cluster;
			}
			if (best >= 0)
			{
				Cluster    *c = &r->cl[best];

				/* a longer name becomes canonical */
				if (nm->n1 - nm->n0 >= 2 &&
					(int32_t) strlen(c->name) < d->toks[nm->n1 - 1].e - d->toks[nm->n0].s)
				{
					char	   *longer = span_str(d, nm->n0, nm->n1);

					if (longer == NULL)
						return ST_ERR_NOMEM;
					c->name = longer;
				}
				if (!c->gender)
					c->gender = nm->gender;
				if (d->toks[nm->t0].s < c->first)
					c->first = d->toks[nm->t0].s;
			}
		}
		else
		{
			/* organisations: the same name (without "The") */
			best = by_org[name_id[i]];
		}
		if (best < 0)
		{
			best = new_cluster(r, span_str(d, nm->n0, nm->n1), nm->kind,
							   d->toks[nm->t0].s);
			if (best < 0)
				return ST_ERR_NOMEM;
			r->cl[best].gender = nm->gender;
		}
		nm->cluster = best;
		r->cl[best].mentions++;
		if (nm->known_kind && nm->kind == ST_SPK_PERSON)
			r->cl[best].kind = ST_SPK_PERSON;
		if (nm->kind == ST_SPK_PERSON)
		{
			by_surname[sur_id[i]] = i;
			if (nm->n1 - nm->n0 >= 2)
				by_full[name_id[i]] = best;
		}
		else
			by_org[name_id[i]] = best;
	}
	return ST_OK;
}

/* affiliation from a role: "Russia's ambassador" -> Russia; "spokeswoman for
 * the Russian Foreign Ministry" -> Russian Foreign Ministry; "U.S. President"
 * -> United States */
static char *
affiliation_of(StDoc *d, int32_t a, int32_t b)
{
	int32_t		k;

	for (k = a; k + 1 < b; k++)
	{
		if ((d->toks[k + 1].f & TK_POSS) && cap_word(d, k))
		{
			int32_t		s = k;

			while (s - 1 >= a && cap_word(d, s - 1))
				s--;
			return span_str(d, s, k + 1);
		}
	}
	for (k = a; k + 1 < b; k++)
	{
		if (tok_is(d, k, "for") || tok_is(d, k, "of") || tok_is(d, k, "at") ||
			tok_is(d, k, "with") || tok_is(d, k, "to"))
		{
			int32_t		s = k + 1,
						e;

			if (tok_is(d, k, "to"))
				continue;
			if (s < b && tok_is(d, s, "the"))
				s++;
			if (s >= b || !cap_word(d, s))
				continue;
			e = s;
			while (e < b && (cap_word(d, e) || tok_is(d, e, "of") || tok_is(d, e, "and")))
				e++;
			while (e > s && (tok_is(d, e - 1, "of") || tok_is(d, e - 1, "and")))
				e--;
			return span_str(d, s, e);
		}
	}
	for (k = a; k < b; k++)
	{
		const char *e = IN(d, k, places) ? LEX_FIND(places, tok_ptr(d, k), tok_len(d, k)) : NULL;

		if (e && cap_word(d, k))
		{
			const char *v = st_lex_value(e);

			return v ? dup_str(d, v) : span_str(d, k, k + 1);
		}
	}
	return NULL;
}

/* the appositive after name i: ", the chair of X," */
static void
appositive_after(StDoc *d, int32_t b, int32_t *ra, int32_t *rb)
{
	int32_t		e;

	*ra = *rb = -1;
	if (b + 1 >= d->ntoks || !tok_char(d, b, ',') || d->toks[b + 1].quote >= 0)
		return;
	b++;
	if (!(tok_is(d, b, "the") || tok_is(d, b, "a") || tok_is(d, b, "an") ||
		  tok_is(d, b, "former") ||
		  (cap_word(d, b) && b + 1 < d->ntoks && (d->toks[b + 1].f & TK_POSS)) ||
		  IN(d, b, roles) || IN(d, b, titles)))
		return;
	for (e = b; e < d->ntoks && e - b < 20 && d->toks[e].para == d->toks[b].para; e++)
	{
		if (tok_char(d, e, ',') || tok_char(d, e, '.') || tok_char(d, e, ';') ||
			tok_char(d, e, '(') || tok_char(d, e, ')') || (d->toks[e].f & TK_QMARK) ||
			d->toks[e].quote >= 0)
			break;
	}
	if (e >= d->ntoks || !(tok_char(d, e, ',') || tok_char(d, e, '.')))
		return;
	*ra = b;
	*rb = e;
}

static void
set_role(RCtx *r, int32_t ci, int32_t a, int32_t b, bool appositive)
{
	StDoc	   *d = r->d;
	Cluster    *c = &r->cl[ci];

	if (b <= a || (c->role && (c->role_from_appositive || !appositive)))
		return;
	if (tok_is(d, a, "who") || tok_is(d, a, "which"))
		return;
	if (tok_is(d, a, "the") || tok_is(d, a, "a") || tok_is(d, a, "an"))
		a++;
	if (b <= a)
		return;
	c->role = span_str(d, a, b);
	c->affiliation = affiliation_of(d, a, b);
	c->role_from_appositive = appositive;
	if (!c->gender)
		c->gender = gender_of_role(d, a, b);
}

/* roles from appositives and titles of every person mention */
static void
collect_roles(RCtx *r)
{
	StDoc	   *d = r->d;
	int32_t		i;

	for (i = 0; i < r->nnames; i++)
	{
		Name	   *nm = &r->names[i];
		int32_t		ra,
					rb;

		if (nm->kind != ST_SPK_PERSON || nm->cluster < 0)
			continue;
		appositive_after(d, nm->t1, &ra, &rb);
		if (ra >= 0)
			set_role(r, nm->cluster, ra, rb, true);
		else if (nm->n0 > nm->t0)
		{
			/* title words: "former U.S. President" */
			int32_t		a = nm->t0;
			bool		honorific_only = true;
			int32_t		k;

			if (a > 0 && (tok_is(d, a - 1, "former") || tok_is(d, a - 1, "then")))
				a--;
			for (k = a; k < nm->n0; k++)
				if (!(tok_is(d, k, "mr") || tok_is(d, k, "mrs") || tok_is(d, k, "ms") ||
					  tok_is(d, k, "dr") || tok_char(d, k, '.')))
					honorific_only = false;
			if (!honorific_only)
			{
				int32_t		e = nm->n0;

				while (e > a && tok_char(d, e - 1, '.'))
					e--;
				set_role(r, nm->cluster, a, e, false);
			}
		}
	}
}

/* the name run overlapping tokens [a, b), the last one */
static int32_t
name_in(RCtx *r, int32_t a, int32_t b)
{
	int32_t		lo = 0,
				hi = r->nnames - 1,
				best = -1;

	/* names are in token order: binary search the first with t1 > a */
	while (lo <= hi)
	{
		int32_t		mid = (lo + hi) / 2;

		if (r->names[mid].t1 <= a)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	for (; lo < r->nnames && r->names[lo].t0 < b; lo++)
		best = lo;
	return best;
}

/* the index of the last name run starting before token k, or -1 */
static int32_t
last_name_before(RCtx *r, int32_t k)
{
	int32_t		lo = 0,
				hi = r->nnames - 1,
				best = -1;

	while (lo <= hi)
	{
		int32_t		mid = (lo + hi) / 2;

		if (r->names[mid].t0 < k)
		{
			best = mid;
			lo = mid + 1;
		}
		else
			hi = mid - 1;
	}
	return best;
}

/* the nearest earlier person of the pronoun's gender */
static int32_t
antecedent(RCtx *r, int32_t k, char g)
{
	int32_t		i = last_name_before(r, k);
	int32_t		fallback = -1,
				fallback_para = -1;
	int32_t		seen = 0;
	int32_t		steps = 0;
	StDoc	   *d = r->d;

	for (; i >= 0 && seen < 40 && steps < 400; i--, steps++)
	{
		Name	   *nm = &r->names[i];
		Cluster    *c;

		if (nm->t0 >= k)
			continue;
		c = &r->cl[nm->cluster];
		if (c->kind != ST_SPK_PERSON)
			continue;
		seen++;
		if (g && c->gender == g)
		{
			/* a nearer person of unknown gender in the same paragraph wins */
			if (fallback >= 0 && fallback_para == d->toks[k].para &&
				d->toks[nm->t0].para != d->toks[k].para)
				return fallback;
			return nm->cluster;
		}
		if (!c->gender && fallback < 0 && (nm->known_kind || c->mentions > 1))
		{
			fallback = nm->cluster;
			fallback_para = d->toks[nm->t0].para;
		}
		if (!g && c->gender == 0)
			return nm->cluster;
	}
	return fallback;
}

/* "two people familiar with the talks", "sources close to the campaign" */
static bool
unnamed_sources(const StDoc *d, int32_t a, int32_t b)
{
	int32_t		k;

	for (k = a; k < b; k++)
		if (tok_is(d, k, "familiar") || tok_is(d, k, "sources") || tok_is(d, k, "source") ||
			tok_is(d, k, "anonymity") || tok_is(d, k, "close"))
			return true;
	return false;
}

static int32_t
describe(RCtx *r, StStmt *s)
{
	StDoc	   *d = r->d;
	int32_t		a = s->m0,
				b = s->m1,
				head = b - 1,
				ci;
	const char *re;
	StSpeakerKind kind;
	bool		indefinite;
	char	   *name;

	re = IN(d, head, roles) ? LEX_FIND(roles, tok_ptr(d, head), tok_len(d, head)) : NULL;
	indefinite = tok_is(d, a, "a") || tok_is(d, a, "an") || tok_is(d, a, "one") ||
		tok_is(d, a, "another") || tok_is(d, a, "two") || tok_is(d, a, "several") ||
		tok_is(d, a, "some") || tok_is(d, a, "three") || tok_is(d, a, "many");
	if (re)
	{
		const char *v = st_lex_value(re);

		kind = (v && v[0] == 'g') ? ST_SPK_GROUP : ST_SPK_ANONYMOUS;
		if (!indefinite && kind == ST_SPK_ANONYMOUS && tok_is(d, a, "the"))
		{
			/* "the spokeswoman": a person of that role named before */
			int32_t		i;
			char	   *noun = span_str(d, head, head + 1);

			for (i = r->ncl - 1; i >= 0 && i >= r->ncl - 200 && noun != NULL; i--)
			{
				Cluster    *c = &r->cl[i];

				if (c->kind == ST_SPK_PERSON && c->role && c->first < d->toks[a].s &&
					strstr(c->role, noun) != NULL)
					return i;
			}
		}
	}
	else if (IN(d, head, orgnouns))
	{
		kind = ST_SPK_ORGANIZATION;
		/* "the ministry": an organisation named before with that head */
		if (tok_is(d, a, "the") && b - a == 2)
		{
			int32_t		i,
						stop;

			i = last_name_before(r, a);
			for (stop = i - 2000; i >= 0 && i > stop; i--)
			{
				Name	   *nm = &r->names[i];
				int32_t		j;

				if (nm->t0 >= a || nm->kind != ST_SPK_ORGANIZATION)
					continue;
				for (j = nm->n0; j < nm->n1; j++)
					if (tok_len(d, j) == tok_len(d, head) &&
						st_ascii_ieq(tok_ptr(d, j), tok_ptr(d, head), tok_len(d, head)))
						return nm->cluster;
			}
		}
	}
	else if (!cap_word(d, head) && tok_len(d, head) > 3 &&
			 tok_ptr(d, head)[tok_len(d, head) - 1] == 's' && !unnamed_sources(d, a, b))
		kind = ST_SPK_GROUP;	/* "Farmers' unions", "the experts" */
	else
		kind = ST_SPK_ANONYMOUS;
	if (tok_is(d, a, "the") || indefinite)
		a++;
	name = span_str(d, a, b);
	if (name == NULL)
		return -1;
	/* the same description said before is the same speaker */
	if (kind != ST_SPK_ANONYMOUS)
	{
		ci = st_map_get(&r->by_description, name, (int32_t) strlen(name));
		if (ci >= 0 && r->cl[ci].kind == kind)
			return ci;
	}
	/*
	 * "a senior NATO official" where the article names exactly one person
	 * of NATO: the text makes them the same (the seed article's Admiral).
	 */
	if (re && kind == ST_SPK_ANONYMOUS)
	{
		int32_t		k,
					capk = -1,
					ncap = 0,
					found = -1,
					nfound = 0;

		for (k = a; k < head; k++)
			if (cap_word(d, k))
			{
				ncap++;
				capk = k;
			}
		if (ncap == 1)
		{
			/* people by affiliation, counted once per article */
			if (!r->aff_ready)
			{
				st_map_init(&r->by_affiliation, d->arena);
				for (k = 0; k < r->ncl; k++)
				{
					Cluster    *c = &r->cl[k];
					int32_t		prev;

					if (c->kind != ST_SPK_PERSON || !c->affiliation)
						continue;
					prev = st_map_get(&r->by_affiliation, c->affiliation,
									  (int32_t) strlen(c->affiliation));
					if (!st_map_put(&r->by_affiliation, c->affiliation,
									(int32_t) strlen(c->affiliation), prev == -1 ? k : -2))
						d->nomem = true;
				}
				r->aff_ready = true;
			}
			found = st_map_get(&r->by_affiliation, tok_ptr(d, capk), tok_len(d, capk));
			nfound = found >= 0 ? 1 : 0;
			if (nfound == 1)
				return found;
		}
	}
	ci = new_cluster(r, name, kind, d->toks[s->m0].s);
	if (ci < 0)
		return -1;
	if (kind != ST_SPK_ANONYMOUS &&
		!st_map_put(&r->by_description, name, (int32_t) strlen(name), ci))
		d->nomem = true;
	if (re && kind != ST_SPK_ORGANIZATION)
	{
		int32_t		k;
		int32_t		ncap = 0,
					capk = -1;

		r->cl[ci].role = span_str(d, head, b);
		for (k = a; k < head; k++)
			if (cap_word(d, k))
			{
				ncap++;
				capk = k;
			}
		if (ncap == 1)
			r->cl[ci].affiliation = span_str(d, capk, capk + 1);
	}
	return ci;
}

static StStatus
resolve_statement(RCtx *r, StStmt *stmts, int32_t i)
{
	StDoc	   *d = r->d;
	StStmt	   *s = &stmts[i];
	int32_t		ci = -1;

	if (s->inherit >= 0 && s->inherit < i)
	{
		s->speaker = stmts[s->inherit].speaker;
		return ST_OK;
	}
	if (s->m0 < 0)
		return ST_OK;
	if (s->m1 - s->m0 == 1 && IN(d, s->m0, pronouns))
	{
		const char *e = LEX_FIND(pronouns, tok_ptr(d, s->m0), tok_len(d, s->m0));
		const char *v = st_lex_value(e);
		char		g = v ? v[0] : 0;

		if (g == 'm' || g == 'f')
		{
			ci = antecedent(r, s->m0, g);
			if (ci >= 0)
			{
				if (!r->cl[ci].gender)
					r->cl[ci].gender = g;
				r->cl[ci].mentions++;
			}
		}
		else if (g == 'p')
		{
			int32_t		j;

			for (j = i - 1; j >= 0 && j >= i - 200 && ci < 0; j--)
				if (stmts[j].speaker >= 0 &&
					(r->cl[stmts[j].speaker].kind == ST_SPK_GROUP ||
					 r->cl[stmts[j].speaker].kind == ST_SPK_ORGANIZATION))
					ci = stmts[j].speaker;
		}
	}
	else if (s->m1 - s->m0 == 1 && (tok_is(d, s->m0, "who") || tok_is(d, s->m0, "which") ||
									 tok_is(d, s->m0, "that")))
	{
		/* "Anna Berg, who said ...": the name before the relative pronoun */
		int32_t		p = s->m0 - 1;
		int32_t		ni;

		if (p >= 0 && (tok_char(d, p, ',') || tok_char(d, p, '(')))
			p--;
		ni = p >= 0 ? name_in(r, p, p + 1) : -1;
		if (ni >= 0 && r->names[ni].t1 == p + 1)
		{
			ci = r->names[ni].cluster;
			r->cl[ci].mentions++;
		}
	}
	else
	{
		int32_t		head = s->m1 - 1;
		int32_t		ni = name_in(r, s->m0, s->m1);
		int32_t		ai = s->ap0 >= 0 ? name_in(r, s->ap0, s->ap1) : -1;
		int32_t		k;
		bool		described = false;

		/*
		 * "Arcadia's ambassador to Belgium, Petra Lind, said": a description
		 * with the person's name as its appositive.
		 */
		for (k = s->m0; k < s->m1; k++)
			if (!cap_word(d, k) && (IN(d, k, roles) || IN(d, k, titles)))
				described = true;
		/* "... to Belgium, Petra Lind, said": the NP ends a description's PP */
		if (!described && s->m0 > 0 && IN(d, s->m0 - 1, prepositions) &&
			ni >= 0 && !(r->names[ni].known_kind && r->cl[r->names[ni].cluster].kind == ST_SPK_PERSON))
		{
			int32_t		a = s->m0 - 1;

			while (a - 1 >= 0 && d->toks[a - 1].para == d->toks[s->m0].para &&
				   !tok_char(d, a - 1, ',') && !tok_char(d, a - 1, '.') && s->m0 - a < 12 &&
				   d->toks[a - 1].quote < 0 && !(d->toks[a - 1].f & TK_QMARK))
				a--;
			for (k = a; k < s->m0; k++)
				if (!cap_word(d, k) && (IN(d, k, roles) || IN(d, k, titles)))
					described = true;
			if (described)
				s->m0 = a;
		}
		if (described && ai >= 0 && r->names[ai].t0 == s->ap0 && r->names[ai].t1 == s->ap1 &&
			r->cl[r->names[ai].cluster].kind == ST_SPK_PERSON)
		{
			ci = r->names[ai].cluster;
			set_role(r, ci, s->m0, s->m1, true);
			s->speaker = ci;
			return d->nomem ? ST_ERR_NOMEM : ST_OK;
		}
		if (ni >= 0 && r->names[ni].t1 >= s->m1 - 0 &&
			!(!cap_word(d, head) && (IN(d, head, roles) || IN(d, head, orgnouns))))
		{
			ci = r->names[ni].cluster;
			/* a lone unknown word that speaks is a person, unless a place */
			if (!r->names[ni].known_kind && r->cl[ci].kind == ST_SPK_PERSON &&
				IN(d, r->names[ni].n0, places))
				r->cl[ci].kind = ST_SPK_ORGANIZATION;
		}
		else
			ci = describe(r, s);
		if (ci >= 0 && s->ap0 >= 0)
			set_role(r, ci, s->ap0, s->ap1, true);
	}
	s->speaker = ci;
	return d->nomem ? ST_ERR_NOMEM : ST_OK;
}

/* qsort has no context argument; the engine is single-threaded per call */
static const Cluster *sort_clusters;

static int
cmp_first(const void *a, const void *b)
{
	const Cluster *x = &sort_clusters[*(const int32_t *) a];
	const Cluster *y = &sort_clusters[*(const int32_t *) b];

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return (*(const int32_t *) a > *(const int32_t *) b) - (*(const int32_t *) a < *(const int32_t *) b);
}

StStatus
st_resolve(StDoc *d, StStmt *stmts, int32_t n, StResult *out)
{
	RCtx		r;
	int32_t		i,
				nsp = 0;
	StStatus	rc;

	memset(&r, 0, sizeof(r));
	r.d = d;
	st_map_init(&r.by_description, d->arena);
	if ((rc = find_names(&r)) != ST_OK)
		return rc;
	if ((rc = cluster_names(&r)) != ST_OK)
		return rc;
	collect_roles(&r);
	for (i = 0; i < n; i++)
		if ((rc = resolve_statement(&r, stmts, i)) != ST_OK)
			return rc;
	if (d->nomem)
		return ST_ERR_NOMEM;

	for (i = 0; i < n; i++)
		if (stmts[i].speaker >= 0)
			r.cl[stmts[i].speaker].statements++;

	/*
	 * organisations that are places: affiliation from the gazetteer (only
	 * for the speakers of statements: no other cluster is read after this)
	 */
	for (i = 0; i < r.ncl; i++)
	{
		Cluster    *c = &r.cl[i];

		if (c->statements > 0 && c->kind == ST_SPK_ORGANIZATION && !c->affiliation)
		{
			const char *e = LEX_FIND(places, c->name, strlen(c->name));
			const char *v = e ? st_lex_value(e) : NULL;

			if (v)
				c->affiliation = dup_str(d, v);
			if (!e && st_ascii_ieq(c->name, "the ", 4))
				c->name += 4;
		}
	}

	/* result */
	out->statements = st_arena_alloc(d->arena, sizeof(StStatement) * (size_t) (n ? n : 1));
	if (out->statements == NULL)
		return ST_ERR_NOMEM;
	for (i = 0; i < r.ncl; i++)
		if (r.cl[i].statements > 0)
			nsp++;
	out->speakers = st_arena_alloc(d->arena, sizeof(StSpeaker) * (size_t) (nsp ? nsp : 1));
	if (out->speakers == NULL)
		return ST_ERR_NOMEM;
	out->nspeakers = 0;
	{
		/* speakers in order of first mention */
		int32_t    *order = st_arena_alloc(d->arena, sizeof(int32_t) * (size_t) (nsp ? nsp : 1));
		int32_t		m = 0;

		if (order == NULL)
			return ST_ERR_NOMEM;
		for (i = 0; i < r.ncl; i++)
			if (r.cl[i].statements > 0)
				order[m++] = i;
		sort_clusters = r.cl;
		qsort(order, (size_t) m, sizeof(int32_t), cmp_first);
		for (i = 0; i < m; i++)
		{
			Cluster    *c = &r.cl[order[i]];
			StSpeaker  *sp = &out->speakers[out->nspeakers];

			c->out = out->nspeakers++;
			sp->name = c->name;
			sp->kind = c->kind;
			sp->role = c->role;
			sp->affiliation = c->affiliation;
			sp->mentions = c->mentions > 0 ? c->mentions : c->statements;
			sp->statements = c->statements;
			sp->first = c->first;
		}
	}
	for (i = 0; i < n; i++)
	{
		StStmt	   *s = &stmts[i];
		StStatement *o = &out->statements[i];

		o->kind = s->kind;
		o->speaker = s->speaker >= 0 ? r.cl[s->speaker].out : -1;
		o->content.start = s->c0;
		o->content.end = s->c1;
		if (s->cue0 >= 0)
		{
			o->cue.start = d->toks[s->cue0].s;
			o->cue.end = d->toks[s->cue1 - 1].e;
		}
		else
			o->cue.start = o->cue.end = -1;
		if (s->m0 >= 0)
		{
			o->mention.start = d->toks[s->m0].s;
			o->mention.end = d->toks[s->m1 - 1].e;
			/* the appositive right after the name belongs to the mention */
			if (s->ap0 == s->m1 + 1 && s->ap1 > s->ap0 && s->ap1 <= d->ntoks &&
				!(d->toks[s->ap0].f & TK_CUE_MASK && tok_cue_form(d, s->ap0) == 'g') &&
				!(s->ap1 - s->ap0 == 1 && !(d->toks[s->ap0].f & (TK_CAP | TK_NUM))) &&
				!tok_is(d, s->ap0, "however") && !tok_is(d, s->ap0, "meanwhile") &&
				!tok_is(d, s->ap0, "too") && !tok_is(d, s->ap0, "also"))
				o->mention.end = d->toks[s->ap1 - 1].e;
		}
		else
			o->mention.start = o->mention.end = -1;
	}
	out->nstatements = n;
	return ST_OK;
}
