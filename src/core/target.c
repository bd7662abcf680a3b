/*
 * target.c
 *	  The target of each statement and the speaker's stance toward it.
 *
 * Runs after attribution and speaker resolution, over the whole article:
 *
 *	1. Entity mentions: runs of capitalised words (titles split them off:
 *	   "former U.S. President Donald Trump" names "U.S." and "Donald Trump"),
 *	   demonyms ("Russian" names Russia when the article names Russia),
 *	   places that stand for their state ("Moscow", "the Kremlin" name Russia
 *	   when the article names Russia; lexicon/places.txt), surnames of the
 *	   article's speakers ("Dragone"), article-made aliases ("the NATO
 *	   alliance" ... "the alliance"), and issues ("peace talks" ... "talks";
 *	   lexicon/topics.txt).  With targets named by the caller, only mentions
 *	   of those (or of their aliases) count.
 *	2. For each statement, the first of:
 *	   a. an entity in the leading noun phrase of the content ("NATO of ...",
 *		  "the West is ..."), not the speaker nor the speaker's affiliation;
 *	   b. the target of the same speaker's earlier statement in the sentence
 *		  ("accused NATO of X and claimed the statements were ...");
 *	   c. an entity anywhere in the content;
 *	   d. the target of an earlier statement in the sentence ("..., with
 *		  officials describing the sessions as productive");
 *	   e. an entity elsewhere in the sentence ("a warning to the NATO
 *		  alliance, threatening consequences");
 *	   f. the target of the same speaker's last statement within two
 *		  paragraphs.
 *	   A person's words ("Dragone's remarks") stand for the person's
 *	   affiliation when it is known.
 *	3. The stance: the built-in classifier (stance.c) over the statement's
 *	   words (mention, cue and content), told the target's names in this
 *	   article.  When the statement does not name its target and the same
 *	   speaker took a side on it in an earlier statement, that side carries
 *	   over with lower confidence.
 */
#include "internal.h"
#include "lexicon.h"
#include "map.h"
#include "stance.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


#define IN(d, k, name) (((d)->toks[(k)].lex >> st_lexbit_##name) & 1)

/* at most this many names of one entity are handed to the classifier */
#define MAX_SURF 8
/* statements looked back over for a target or a side taken, at most */
#define LOOKBACK 64
/* the leading noun phrase of a content is at most this many words */
#define LEAD_WORDS 6

typedef struct Ent
{
	const char *name;			/* canonical, NUL-terminated */
	int32_t		parent;			/* the entity this one stands for, -1 */
	int32_t		user;			/* index of the caller's target, -1 */
	bool		topic;			/* an issue ("peace talks"), not a name */
	bool		mid;			/* written somewhere inside a sentence */
	const char *surf[MAX_SURF]; /* names of it in the article */
	int32_t		nsurf;
} Ent;

typedef struct Men
{
	int32_t		t0;				/* tokens */
	int32_t		t1;
	int32_t		ent;			/* canonical entity */
	bool		remark;			/* "Dragone's remarks": the person's words */
} Men;

typedef struct TCtx
{
	StDoc	   *d;
	StResult   *res;
	const StOptions *opts;
	Ent		   *ents;
	int32_t		nents;
	int32_t		entcap;
	StMap		by_name;		/* name as written -> entity */
	StMap		by_noun;		/* "alliance" -> entity, -2 if ambiguous */
	StMap		by_surname;		/* last word of a person speaker -> speaker,
								 * -2 if several */
	StMap		by_speaker;		/* a speaker's name -> speaker */
	StMap		by_role;		/* "minister" -> the person speaker whose role
								 * it is, -2 if several */
	Men		   *men;
	int32_t		nmen;
	int32_t		mencap;
	/* found by one pass over the tokens (find_candidates) */
	int32_t    *capk;			/* the capitalised words (is_capword) */
	int32_t		ncapk;
	int32_t    *lexk;			/* the words of roles, orgnouns or topics */
	int32_t		nlexk;
	int32_t    *starts;			/* each token's first byte */
} TCtx;

/* ---------------------------------------------------------------------
 * entities
 * --------------------------------------------------------------------- */

/* dst[0..n) = src[0..n) with ASCII capitals in lower case */
static inline void
fold_ascii(char *dst, const char *src, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		dst[i] = (char) ((src[i] >= 'A' && src[i] <= 'Z') ? src[i] + ('a' - 'A') : src[i]);
}

static int32_t
canon(const TCtx *c, int32_t e)
{
	int			guard = 0;

	while (e >= 0 && c->ents[e].parent >= 0 && guard++ < 8)
		e = c->ents[e].parent;
	return e;
}

static void
add_surf(TCtx *c, int32_t e, const char *s)
{
	Ent		   *x = &c->ents[e];

	for (int32_t i = 0; i < x->nsurf; i++)
		if (strcmp(x->surf[i], s) == 0)
			return;
	if (x->nsurf < MAX_SURF)
		x->surf[x->nsurf++] = s;
}

/* the entity named exactly s (len bytes), created if need be; -1 on OOM */
static int32_t
entity(TCtx *c, const char *s, int32_t len)
{
	uint32_t	h = st_map_hash(s, len);
	int32_t		e = st_map_get_h(&c->by_name, s, len, h);
	char	   *name;
	Ent		   *x;

	if (e >= 0)
		return e;
	name = st_arena_strndup(c->d->arena, s, (size_t) len);
	if (name == NULL)
		return -1;
	c->ents = st_grow(c->d->arena, c->ents, &c->entcap, c->nents, sizeof(Ent));
	if (c->ents == NULL)
		return -1;
	e = c->nents++;
	x = &c->ents[e];
	memset(x, 0, sizeof(*x));
	x->name = name;
	x->parent = -1;
	x->user = -1;
	x->surf[x->nsurf++] = name;
	if (!st_map_put_h(&c->by_name, name, len, h, e))
		return -1;
	return e;
}

static bool
is_capword(const StDoc *d, int32_t k)
{
	const StTok *t = &d->toks[k];

	return (t->f & TK_WORD) && (t->f & (TK_CAP | TK_UPPER)) &&
		!(t->f & (TK_POSS | TK_NUM));
}

/* a capitalised word that is not a name by itself: "The", "However", titles */
static bool
name_stop(const StDoc *d, int32_t k)
{
	const StTok *t = &d->toks[k];
	unsigned	lex = t->lex;

	/* the lists as one mask each (the same tests as IN, fewer branches) */
	if (lex & ((1u << st_lexbit_titles) | (1u << st_lexbit_roles)))
		return !(t->f & TK_UPPER);
	return (lex & ((1u << st_lexbit_determiners) | (1u << st_lexbit_pronouns) |
				   (1u << st_lexbit_connectives) | (1u << st_lexbit_prepositions) |
				   (1u << st_lexbit_auxiliaries) | (1u << st_lexbit_notnames))) != 0 ||
		((lex >> st_lexbit_cues) & 1 && (t->f & TK_SSTART));
}

static bool
add_mention(TCtx *c, int32_t t0, int32_t t1, int32_t e)
{
	Men		   *m;

	c->men = st_grow(c->d->arena, c->men, &c->mencap, c->nmen, sizeof(Men));
	if (c->men == NULL)
		return false;
	m = &c->men[c->nmen++];
	m->t0 = t0;
	m->t1 = t1;
	m->ent = e;
	m->remark = false;
	return true;
}

/* the bytes of tokens [t0, t1) */
static inline const char *
span_ptr(const StDoc *d, int32_t t0)
{
	return d->text + d->toks[t0].s;
}

static inline int32_t
span_len(const StDoc *d, int32_t t0, int32_t t1)
{
	return d->toks[t1 - 1].e - d->toks[t0].s;
}

/*
 * The tokens the passes below look at, in one pass over the tokens without
 * branches on them: the capitalised words (find_runs) and the words of the
 * lists roles, orgnouns and topics (find_noun_aliases, find_topics).  Every
 * other token those passes skip.
 */
static StStatus
find_candidates(TCtx *c)
{
	StDoc	   *d = c->d;
	uint16_t	lexmask = (uint16_t) ((1u << st_lexbit_roles) |
									  (1u << st_lexbit_orgnouns) |
									  (1u << st_lexbit_topics));
	int32_t		nc = 0,
				nl = 0;

	c->capk = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) (d->ntoks + 1));
	c->lexk = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) (d->ntoks + 1));
	c->starts = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) (d->ntoks + 1));
	if (c->capk == NULL || c->lexk == NULL || c->starts == NULL)
		return ST_ERR_NOMEM;
	for (int32_t k = 0; k < d->ntoks; k++)
	{
		const StTok *t = &d->toks[k];
		unsigned	f = t->f;

		c->starts[k] = t->s;
		c->capk[nc] = k;
		nc += ((f & TK_WORD) != 0) & ((f & (TK_CAP | TK_UPPER)) != 0) &
			((f & (TK_POSS | TK_NUM)) == 0);
		c->lexk[nl] = k;
		nl += (t->lex & lexmask) != 0;
	}
	c->ncapk = nc;
	c->nlexk = nl;
	return ST_OK;
}

/*
 * Runs of capitalised words, split at titles and stop words.  "of" joins two
 * capitalised words ("Ministry of Defence").
 */
static StStatus
find_runs(TCtx *c)
{
	StDoc	   *d = c->d;
	int32_t		k = 0;

	for (int32_t ci = 0; ci < c->ncapk; ci++)
	{
		int32_t		a,
					b;

		/* the capitalised words from k on (the others start no run) */
		if (c->capk[ci] < k)
			continue;
		k = c->capk[ci];
		if (name_stop(d, k))
		{
			k++;
			continue;
		}
		a = k;
		b = k + 1;
		for (;;)
		{
			if (b < d->ntoks && is_capword(d, b) && !name_stop(d, b) &&
				d->toks[b].sent == d->toks[a].sent)
				b++;
			else if (b + 1 < d->ntoks && tok_is(d, b, "of") &&
					 is_capword(d, b + 1) && !name_stop(d, b + 1) &&
					 d->toks[b + 1].sent == d->toks[a].sent)
				b += 2;
			else
				break;
		}
		{
			int32_t		e = entity(c, span_ptr(d, a), span_len(d, a, b));

			if (e < 0 || !add_mention(c, a, b, e))
				return ST_ERR_NOMEM;
			/* "Every", "Rationing": capitalised only where a sentence starts */
			if (!(d->toks[a].f & (TK_SSTART | TK_PSTART)) &&
				!(a > 0 && (d->toks[a - 1].f & TK_QMARK)))
				c->ents[e].mid = true;
		}
		k = b;
		if ((ci & 1023) == 1023 && st_tick(d))
			return ST_ERR_CANCELED;
	}
	return ST_OK;
}

/*
 * LEX_FIND(places, w, n), asked only when a key of places has n bytes, w's
 * first letter and w's last letter (ASCII case folded): a table of those,
 * built on first use (immutable after), turns most words away unhashed.
 */
static int
place_letter(unsigned char x)
{
	if (x >= 'A' && x <= 'Z')
		x += 'a' - 'A';
	return x >= 'a' && x <= 'z' ? x - 'a' : 26;
}

static const char *
place_find(const char *w, size_t n)
{
	static uint32_t shape[64][27];	/* [length][first]: bits of last letters */
	static bool long_key;		/* a key of 64 bytes or more: always ask */
	static bool ready;

	if (!ready)
	{
		for (int e = 0; e < st_lex_places_n; e++)
		{
			const char *k = st_lex_places[e];
			size_t		l = 0;

			while (k[l] && k[l] != '|')
				l++;
			if (l >= 64)
				long_key = true;
			else if (l > 0)
				shape[l][place_letter((unsigned char) k[0])] |=
					(uint32_t) 1 << place_letter((unsigned char) k[l - 1]);
		}
		ready = true;
	}
	if (n > 0 && n < 64 && !long_key &&
		!((shape[n][place_letter((unsigned char) w[0])] >>
		   place_letter((unsigned char) w[n - 1])) & 1))
		return NULL;
	return LEX_FIND(places, w, n);
}

/* irregular demonyms (with their lengths) */
#define DEM(a, b) {a, (int32_t) sizeof(a) - 1, b, (int32_t) sizeof(b) - 1}
static const struct
{
	const char *dem;
	int32_t		dl;
	const char *land;
	int32_t		ll;
}			demonym_irregular[] = {
	DEM("British", "Britain"), DEM("French", "France"), DEM("Dutch", "Netherlands"),
	DEM("Polish", "Poland"), DEM("Swiss", "Switzerland"), DEM("Irish", "Ireland"),
	DEM("Greek", "Greece"), DEM("Turkish", "Turkey"), DEM("Welsh", "Wales"),
	DEM("Scottish", "Scotland"), DEM("Danish", "Denmark"), DEM("Swedish", "Sweden"),
	DEM("Finnish", "Finland"), DEM("Spanish", "Spain"), DEM("Afghan", "Afghanistan"),
	DEM("Pakistani", "Pakistan"), DEM("Iraqi", "Iraq"), DEM("Israeli", "Israel"),
	DEM("Saudi", "Saudi Arabia"), DEM("Filipino", "Philippines"),
	DEM("Palestinian", "Palestine"), DEM("Thai", "Thailand")
};
#undef DEM

/*
 * The entity a demonym ("Russian", "Ukrainian-owned") stands for, when the
 * article names it: strip -n -an -ian -ese -ish -i and add back nothing, -a,
 * -e, -y or -ia.  -1 if none.
 */
static int32_t
demonym_of(const TCtx *c, const char *w, int32_t n)
{
	static const char *const suf[] = {"n", "an", "ian", "ese", "ish", "i", "ean"};
	static const int32_t suf_len[] = {1, 2, 3, 3, 3, 1, 3};
	static const char *const add[] = {"", "a", "e", "y", "ia"};
	static const int32_t add_len[] = {0, 1, 1, 1, 2};
	char		buf[64];

	for (int32_t i = 0; i < n; i++)
		if (w[i] == '-')
		{
			n = i;
			break;
		}
	if (n < 4 || n >= (int32_t) sizeof(buf) - 4)
		return -1;
	/* the last letters of the suffixes and of the irregular demonyms */
	switch (w[n - 1])
	{
		case 'n':
		case 'e':
		case 'h':
		case 'i':
		case 's':
		case 'k':
		case 'o':
			break;
		default:
			return -1;
	}
	for (size_t i = 0; i < sizeof(demonym_irregular) / sizeof(demonym_irregular[0]); i++)
		if (demonym_irregular[i].dl == n &&
			memcmp(demonym_irregular[i].dem, w, (size_t) n) == 0)
			return st_map_get(&c->by_name, demonym_irregular[i].land,
							  demonym_irregular[i].ll);
	for (size_t i = 0; i < sizeof(suf) / sizeof(suf[0]); i++)
	{
		int32_t		sl = suf_len[i];
		int32_t		m = n - sl;

		if (m < 3 || memcmp(w + m, suf[i], (size_t) sl) != 0)
			continue;
		memcpy(buf, w, (size_t) m);
		for (size_t j = 0; j < sizeof(add) / sizeof(add[0]); j++)
		{
			int32_t		al = add_len[j];
			int32_t		e;

			memcpy(buf + m, add[j], (size_t) al);
			e = st_map_get(&c->by_name, buf, m + al);
			if (e >= 0)
				return e;
			/* "American": America is the United States, if named */
			{
				const char *pl = place_find(buf, (size_t) (m + al));
				const char *v = pl ? st_lex_value(pl) : NULL;

				if (v != NULL && *v &&
					(e = st_map_get(&c->by_name, v, (int32_t) strlen(v))) >= 0)
					return e;
			}
		}
	}
	return -1;
}

/* the person speaker whose name ends with the word w, or -1 */
static int32_t
speaker_by_surname(const TCtx *c, const char *w, int32_t n)
{
	int32_t		s = st_map_get(&c->by_surname, w, n);

	return s >= 0 ? s : -1;
}

static StStatus
map_speakers(TCtx *c)
{
	for (int32_t i = 0; i < c->res->nspeakers; i++)
	{
		const StSpeaker *s = &c->res->speakers[i];
		const char *sp;
		int32_t		l,
					old;

		if (s->name == NULL)
			continue;
		l = (int32_t) strlen(s->name);
		if (!st_map_put(&c->by_speaker, s->name, l, i))
			return ST_ERR_NOMEM;
		if (s->kind == ST_SPK_PERSON && s->role != NULL)
		{
			/* the role words of the role: "Finance Minister" - minister */
			const char *p = s->role;

			while (*p)
			{
				const char *q;
				char	   *w;

				while (*p == ' ')
					p++;
				for (q = p; *q && *q != ' '; q++)
					;
				if (q > p && q - p < 32 && LEX_HAS(roles, p, (size_t) (q - p)) &&
					(w = st_arena_strndup(c->d->arena, p, (size_t) (q - p))) != NULL)
				{
					int32_t		wl = (int32_t) (q - p);

					fold_ascii(w, w, wl);
					old = st_map_get(&c->by_role, w, wl);
					if (old != i &&
						!st_map_put(&c->by_role, w, wl, old >= 0 || old == -2 ? -2 : i))
						return ST_ERR_NOMEM;
				}
				p = q;
			}
		}
		if (s->kind != ST_SPK_PERSON || (sp = strrchr(s->name, ' ')) == NULL)
			continue;
		sp++;
		old = st_map_get(&c->by_surname, sp, (int32_t) (s->name + l - sp));
		if (!st_map_put(&c->by_surname, sp, (int32_t) (s->name + l - sp),
						old >= 0 || old == -2 ? -2 : i))
			return ST_ERR_NOMEM;
	}
	return ST_OK;
}

/*
 * Join entities to the ones they stand for: demonyms, places (when the
 * article names the state), surnames of speakers.
 */
static StStatus
link_entities(TCtx *c)
{
	int32_t		n = c->nents;

	for (int32_t e = 0; e < n; e++)
	{
		Ent		   *x = &c->ents[e];
		int32_t		len = (int32_t) strlen(x->name);
		int32_t		p = -1;
		const char *place;

		if (x->parent >= 0)
			continue;
		if (strchr(x->name, ' ') == NULL)
		{
			p = demonym_of(c, x->name, len);
			if (p < 0)
			{
				int32_t		s = speaker_by_surname(c, x->name, len);

				if (s >= 0)
				{
					const char *sn = c->res->speakers[s].name;

					p = entity(c, sn, (int32_t) strlen(sn));
					if (p < 0)
						return ST_ERR_NOMEM;
					x = &c->ents[e];
				}
			}
		}
		if (p < 0 && (place = place_find(x->name, (size_t) len)) != NULL)
		{
			const char *v = st_lex_value(place);

			if (v != NULL && *v)
				p = st_map_get(&c->by_name, v, (int32_t) strlen(v));
		}
		if (p >= 0 && canon(c, p) != e)
		{
			x->parent = p;
			add_surf(c, canon(c, p), x->name);
		}
	}
	return ST_OK;
}

/* a lower-case copy of token k, NULL when out of memory */
static char *
lower_copy(StDoc *d, int32_t k)
{
	char	   *p = st_arena_strndup(d->arena, tok_ptr(d, k), (size_t) tok_len(d, k));

	if (p != NULL)
		fold_ascii(p, p, tok_len(d, k));
	return p;
}

/*
 * Lower-case aliases made by the article: "the NATO alliance" makes "the
 * alliance" NATO.  Then every "the alliance" is a mention of NATO.
 */
static StStatus
find_noun_aliases(TCtx *c)
{
	StDoc	   *d = c->d;

	for (int32_t i = 0; i < c->nmen; i++)
	{
		int32_t		k = c->men[i].t1;
		int32_t		old;

		/* "Ministry of Water", "Foreign Ministry": the ministry */
		if (!IN(d, k - 1, orgnouns) && IN(d, c->men[i].t0, orgnouns) &&
			c->men[i].t1 - c->men[i].t0 > 1)
			k = c->men[i].t0;
		else if (IN(d, k - 1, orgnouns) && c->men[i].t1 - c->men[i].t0 > 1)
			k = k - 1;
		else if (k >= d->ntoks || !IN(d, k, orgnouns) || (d->toks[k].f & TK_CAP))
			continue;
		{
			char	   *key = lower_copy(d, k);

			if (key == NULL)
				return ST_ERR_NOMEM;
			old = st_map_get(&c->by_noun, key, tok_len(d, k));
			if (old == -2 || old == c->men[i].ent)
				continue;
			if (!st_map_put(&c->by_noun, key, tok_len(d, k),
							old >= 0 ? -2 : c->men[i].ent))
				return ST_ERR_NOMEM;
		}
	}
	for (int32_t li = 0; li < c->nlexk; li++)
	{
		int32_t		k = c->lexk[li];
		int32_t		e;

		if (k < 1)
			continue;			/* the others are in none of the lists */
		/* "the minister": the one person of the article in that role */
		if (IN(d, k, roles) && !(d->toks[k].f & TK_CAP) && tok_is(d, k - 1, "the") &&
			c->by_role.n > 0)
		{
			char	   *key = lower_copy(d, k);
			int32_t		spk;

			if (key == NULL)
				return ST_ERR_NOMEM;
			spk = st_map_get(&c->by_role, key, tok_len(d, k));
			if (spk >= 0)
			{
				const char *sn = c->res->speakers[spk].name;

				e = entity(c, sn, (int32_t) strlen(sn));
				if (e < 0 || !add_mention(c, k - 1, k + 1, e))
					return ST_ERR_NOMEM;
			}
			continue;
		}
		if (!IN(d, k, orgnouns) || (d->toks[k].f & TK_CAP) ||
			!tok_is(d, k - 1, "the"))
			continue;
		e = st_map_get(&c->by_noun, tok_ptr(d, k), tok_len(d, k));
		if (e == -2)
			continue;
		if (e < 0)
		{
			/* "the government" of no name: a target by itself */
			char		buf[72];
			int32_t		l = tok_len(d, k);

			if (l > 64)
				continue;
			memcpy(buf, "the ", 4);
			fold_ascii(buf + 4, tok_ptr(d, k), l);
			e = entity(c, buf, 4 + l);
			if (e < 0)
				return ST_ERR_NOMEM;
			c->ents[e].mid = true;
			if (!add_mention(c, k - 1, k + 1, e))
				return ST_ERR_NOMEM;
			continue;
		}
		if (!add_mention(c, k - 1, k + 1, e))
			return ST_ERR_NOMEM;
		{
			char	   *s = st_arena_strndup(d->arena, span_ptr(d, k - 1),
											 (size_t) span_len(d, k - 1, k + 1));

			if (s == NULL)
				return ST_ERR_NOMEM;
			add_surf(c, canon(c, e), s);
		}
	}
	return ST_OK;
}

/* a word that cannot modify an issue noun: "the", "recent", "these" */
static bool
modifier_stop(const StDoc *d, int32_t k)
{
	static const char *const stop[] = {
		"recent", "new", "further", "ongoing", "latest", "last", "previous",
		"future", "such", "direct", "formal", "several", "many", "more",
		"those", "these", "other", "same", "first", "next", "any", NULL
	};

	if (!(d->toks[k].f & TK_WORD) || (d->toks[k].f & (TK_NUM | TK_POSS)) ||
		IN(d, k, determiners) || IN(d, k, pronouns) ||
		IN(d, k, prepositions) || IN(d, k, auxiliaries) ||
		IN(d, k, connectives) || IN(d, k, cues))
		return true;
	for (int i = 0; stop[i]; i++)
		if (tok_is(d, k, stop[i]))
			return true;
	return false;
}

/*
 * Issues: an issue noun (lexicon/topics.txt) with the modifier the article
 * gives it most often ("peace talks"); every mention of the noun names it.
 * A noun the article never modifies is no issue.
 */
static StStatus
find_topics(TCtx *c)
{
	StDoc	   *d = c->d;
	StMap		best;			/* noun -> entity of its modifier phrase */
	StMap		count;			/* phrase -> times */

	st_map_init(&best, d->arena);
	st_map_init(&count, d->arena);
	for (int32_t li = 0; li < c->nlexk; li++)
	{
		int32_t		k = c->lexk[li];
		char		buf[96];
		int32_t		l0,
					l1,
					n,
					times,
					e;
		int32_t		cur;

		if (k < 1 || !(d->toks[k].f & TK_WORD) || d->toks[k].f & TK_UPPER ||
			!IN(d, k, topics) ||
			modifier_stop(d, k - 1) || IN(d, k - 1, titles) ||
			d->toks[k - 1].sent != d->toks[k].sent)
			continue;
		l0 = tok_len(d, k - 1);
		l1 = tok_len(d, k);
		if (l0 + l1 + 1 >= (int32_t) sizeof(buf))
			continue;
		/* lower case: headings capitalise every word */
		fold_ascii(buf, tok_ptr(d, k - 1), l0);
		buf[l0] = ' ';
		fold_ascii(buf + l0 + 1, tok_ptr(d, k), l1);
		n = l0 + 1 + l1;
		e = entity(c, buf, n);
		if (e < 0)
			return ST_ERR_NOMEM;
		c->ents[e].topic = true;
		times = st_map_get(&count, c->ents[e].name, n);
		times = times < 0 ? 1 : times + 1;
		if (!st_map_put(&count, c->ents[e].name, n, times))
			return ST_ERR_NOMEM;
		cur = st_map_get(&best, c->ents[e].name + l0 + 1, l1);
		if (cur < 0 || (cur != e &&
						st_map_get(&count, c->ents[cur].name,
								   (int32_t) strlen(c->ents[cur].name)) < times))
		{
			if (!st_map_put(&best, c->ents[e].name + l0 + 1, l1, e))
				return ST_ERR_NOMEM;
		}
	}
	if (best.n == 0)
		return ST_OK;
	for (int32_t li = 0; li < c->nlexk; li++)
	{
		int32_t		k = c->lexk[li];
		char		buf[48];
		int32_t		l = tok_len(d, k),
					e;

		if (!IN(d, k, topics) || l >= (int32_t) sizeof(buf))
			continue;
		fold_ascii(buf, tok_ptr(d, k), l);
		e = st_map_get(&best, buf, l);
		if (e < 0)
			continue;
		if (!add_mention(c, k, k + 1, e))
			return ST_ERR_NOMEM;
		{
			char	   *s = st_arena_strndup(d->arena, buf, (size_t) l);

			if (s == NULL)
				return ST_ERR_NOMEM;
			add_surf(c, e, s);
		}
	}
	return ST_OK;
}

/* "Dragone's remarks": the person's words */
static void
mark_remarks(TCtx *c)
{
	static const char *const nouns[] = {
		"remarks", "remark", "comments", "comment", "statements", "statement",
		"words", "claims", "claim", "speech", "rhetoric", "threats", "proposal",
		"plan", "plans", "policy", "policies", NULL
	};
	StDoc	   *d = c->d;

	for (int32_t i = 0; i < c->nmen; i++)
	{
		int32_t		k = c->men[i].t1;

		if (k + 1 >= d->ntoks || !(d->toks[k].f & TK_POSS))
			continue;
		for (int j = 0; nouns[j]; j++)
			if (tok_is(d, k + 1, nouns[j]))
			{
				c->men[i].remark = true;
				break;
			}
	}
}

/* ---------------------------------------------------------------------
 * the caller's targets
 * --------------------------------------------------------------------- */

static bool
ieq_str(const char *a, int32_t an, const char *b)
{
	return (int32_t) strlen(b) == an && st_ascii_ieq(a, b, (size_t) an);
}

/* does the caller's target u go by the name s (n bytes)? */
static bool
user_names(const StTargetSpec *u, const char *s, int32_t n)
{
	if (u->name && ieq_str(s, n, u->name))
		return true;
	for (int32_t j = 0; j < u->naliases; j++)
		if (u->aliases[j] && ieq_str(s, n, u->aliases[j]))
			return true;
	return false;
}

/*
 * Keep only the caller's targets: an entity is target u when one of its
 * names (or of the entities standing for it) is u's name or alias.  Words of
 * the text that spell an alias outright ("the alliance") become mentions.
 */
static StStatus
apply_user_targets(TCtx *c)
{
	StDoc	   *d = c->d;
	const StTargetSpec *ts = c->opts->targets;
	int32_t		nt = c->opts->ntargets;
	int32_t    *uent;
	int32_t		nmen0 = c->nmen;

	if (nt == 0)
		return ST_OK;			/* no entity is a target */
	uent = st_arena_alloc(d->arena, sizeof(int32_t) * (size_t) nt);
	if (uent == NULL)
		return ST_ERR_NOMEM;
	for (int32_t u = 0; u < nt; u++)
	{
		const char *nm = ts[u].name ? ts[u].name : "";

		uent[u] = entity(c, nm, (int32_t) strlen(nm));
		if (uent[u] < 0)
			return ST_ERR_NOMEM;
		c->ents[uent[u]].user = u;
		c->ents[uent[u]].parent = -1;
	}
	/* entities of the text that go by a target's name join it */
	for (int32_t e = 0; e < c->nents; e++)
	{
		Ent		   *x = &c->ents[e];

		if (x->user >= 0)
			continue;
		for (int32_t u = 0; u < nt; u++)
		{
			bool		hit = user_names(&ts[u], x->name, (int32_t) strlen(x->name));

			for (int32_t p = x->parent, g = 0; !hit && p >= 0 && g < 8;
				 p = c->ents[p].parent, g++)
				hit = user_names(&ts[u], c->ents[p].name,
								 (int32_t) strlen(c->ents[p].name));
			if (hit)
			{
				x->parent = uent[u];
				add_surf(c, uent[u], x->name);
				break;
			}
		}
	}
	/*
	 * Aliases spelled out in lower case or not found as capitalised runs:
	 * the names are chained by their first word (lower case), so each word
	 * of the text costs one lookup, and each token knows the mention that
	 * covers it.
	 */
	{
		int32_t		nnames = 0,
					slot = 0;
		int32_t    *next;			/* chain of names with the same first word */
		int32_t    *name_u;		/* target of each name */
		const char **name_s;
		int32_t    *cover;			/* mention covering each token, -1 */
		StMap		first;

		for (int32_t u = 0; u < nt; u++)
			nnames += 1 + ts[u].naliases;
		next = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) nnames);
		name_u = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) nnames);
		name_s = st_arena_alloc_raw(d->arena, sizeof(char *) * (size_t) nnames);
		cover = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) (d->ntoks + 1));
		if (next == NULL || name_u == NULL || name_s == NULL || cover == NULL)
			return ST_ERR_NOMEM;
		st_map_init(&first, d->arena);
		for (int32_t u = 0; u < nt; u++)
			for (int32_t j = -1; j < ts[u].naliases; j++)
			{
				const char *al = j < 0 ? ts[u].name : ts[u].aliases[j];
				char	   *w;
				int32_t		l = 0;

				if (al == NULL || *al == '\0')
					continue;
				while (al[l] && al[l] != ' ')
					l++;
				if ((w = st_arena_strndup(d->arena, al, (size_t) l)) == NULL)
					return ST_ERR_NOMEM;
				fold_ascii(w, w, l);
				/* a name given twice names the first target given it */
				{
					bool		seen = false;
					size_t		al_len = strlen(al);

					for (int32_t n = st_map_get(&first, w, l); n >= 0 && !seen; n = next[n])
						seen = strlen(name_s[n]) == al_len &&
							st_ascii_ieq(name_s[n], al, al_len);
					if (seen)
						continue;
				}
				name_u[slot] = u;
				name_s[slot] = al;
				next[slot] = st_map_get(&first, w, l);
				if (!st_map_put(&first, w, l, slot))
					return ST_ERR_NOMEM;
				slot++;
			}
		for (int32_t k = 0; k < d->ntoks; k++)
			cover[k] = -1;
		for (int32_t i = 0; i < nmen0; i++)
			for (int32_t k = c->men[i].t0; k < c->men[i].t1; k++)
				if (cover[k] < 0)
					cover[k] = i;

		for (int32_t k = 0; k < d->ntoks; k++)
		{
			char		buf[64];
			int32_t		l = tok_len(d, k);

			if ((k & 4095) == 0 && st_tick(d))
				return ST_ERR_CANCELED;
			if (!(d->toks[k].f & TK_WORD) || l >= (int32_t) sizeof(buf))
				continue;
			fold_ascii(buf, tok_ptr(d, k), l);
			for (int32_t n = st_map_get(&first, buf, l); n >= 0; n = next[n])
			{
				int32_t		u = name_u[n];
				int32_t		t = k;
				const char *p = name_s[n];

				/* match the name word by word */
				while (*p && t < d->ntoks)
				{
					int32_t		tl = tok_len(d, t);

					if ((int32_t) strlen(p) < tl || !st_ascii_ieq(tok_ptr(d, t), p, (size_t) tl))
						break;
					p += tl;
					t++;
					while (*p == ' ')
						p++;
					if (*p && t < d->ntoks && d->toks[t].s == d->toks[t - 1].e &&
						p[-1] == ' ')
						break;
				}
				if (*p == '\0' && t > k)
				{
					int32_t		m = cover[k];
					bool		dup = m >= 0 && c->men[m].t1 >= t &&
						canon(c, c->men[m].ent) == uent[u];

					if (!dup && !add_mention(c, k, t, uent[u]))
						return ST_ERR_NOMEM;
				}
			}
		}
	}
	return ST_OK;
}

/* ---------------------------------------------------------------------
 * choosing the target of each statement
 * --------------------------------------------------------------------- */

static inline int32_t
Max32(int32_t a, int32_t b)
{
	return a > b ? a : b;
}

static inline int32_t
Min32(int32_t a, int32_t b)
{
	return a < b ? a : b;
}

static int
cmp_men(const void *a, const void *b)
{
	const Men  *x = a,
			   *y = b;

	if (x->t0 != y->t0)
		return (x->t0 > y->t0) - (x->t0 < y->t0);
	return (y->t1 > x->t1) - (y->t1 < x->t1);
}

/*
 * Sort the mentions by cmp_men, stably (as glibc's merge sort did): they
 * come as a few sorted runs (capitalised runs, aliases, issues, the
 * caller's names), merged one after another.  false when out of memory.
 */
static bool
sort_men(TCtx *c)
{
	Men		   *a = c->men,
			   *b = NULL;
	int32_t		n = c->nmen,
				end = 1;

	while (end < n && cmp_men(&a[end - 1], &a[end]) <= 0)
		end++;
	while (end < n)
	{
		int32_t		r = end + 1,
					i = 0,
					j = end,
					k = 0;
		Men		   *t;

		while (r < n && cmp_men(&a[r - 1], &a[r]) <= 0)
			r++;
		if (b == NULL && (b = st_arena_alloc_raw(c->d->arena, sizeof(Men) * (size_t) n)) == NULL)
			return false;
		/* merge [0, end) and [end, r) into b, the left first on ties */
		while (i < end && j < r)
			b[k++] = cmp_men(&a[j], &a[i]) < 0 ? a[j++] : a[i++];
		while (i < end)
			b[k++] = a[i++];
		while (j < r)
			b[k++] = a[j++];
		for (; k < n; k++)
			b[k] = a[k];
		t = a;
		a = b;
		b = t;
		end = r;
	}
	if (a != c->men)
	{
		c->men = a;
		c->mencap = n;
	}
	return true;
}

/*
 * the first token starting at or after byte offset pos: a lower bound
 * without branches on the data (statements' offsets come in no pattern a
 * predictor learns), over the tokens' starts side by side
 */
static inline int32_t
tok_at(const TCtx *c, int32_t pos)
{
	const int32_t *base = c->starts;
	int32_t		n = c->d->ntoks;

	if (n == 0)
		return 0;
	while (n > 1)
	{
		int32_t		half = n / 2;

		base += half & -(int32_t) (base[half - 1] < pos);
		n -= half;
	}
	return (int32_t) (base - c->starts) + (*base < pos);
}

/* the first mention starting at or after token t (a lower bound as tok_at) */
static inline int32_t
men_at(const TCtx *c, int32_t t)
{
	const Men  *base = c->men;
	int32_t		n = c->nmen;

	if (n == 0)
		return 0;
	while (n > 1)
	{
		int32_t		half = n / 2;

		base += half & -(int32_t) (base[half - 1].t0 < t);
		n -= half;
	}
	return (int32_t) (base - c->men) + (base->t0 < t);
}

/* the entities a speaker is or speaks for, which are not its targets */
typedef struct Own
{
	int32_t		e[8];
	int			n;
} Own;

static void
own_add(Own *o, int32_t e)
{
	if (e < 0 || o->n >= 8)
		return;
	for (int i = 0; i < o->n; i++)
		if (o->e[i] == e)
			return;
	o->e[o->n++] = e;
}

static bool
own_has(const Own *o, int32_t e)
{
	for (int i = 0; i < o->n; i++)
		if (o->e[i] == e)
			return true;
	return false;
}

/* entities named in s: the whole string and each capitalised word */
static void
own_from_string(const TCtx *c, Own *o, const char *s)
{
	const char *p = s;

	if (s == NULL)
		return;
	own_add(o, canon(c, st_map_get(&c->by_name, s, (int32_t) strlen(s))));
	while (*p)
	{
		const char *q;
		int32_t		e;

		while (*p == ' ')
			p++;
		q = p;
		while (*q && *q != ' ')
			q++;
		if (q > p && p[0] >= 'A' && p[0] <= 'Z')
		{
			int32_t		n = (int32_t) (q - p);

			if (n > 2 && (q[-1] == 's' || q[-1] == 'S') && q[-2] == '\'')
				n -= 2;
			e = st_map_get(&c->by_name, p, n);
			if (e < 0)
				e = demonym_of(c, p, n);
			own_add(o, canon(c, e));
		}
		p = q;
	}
}

static void
own_of(const TCtx *c, int32_t spk, Own *o)
{
	const StSpeaker *s;

	o->n = 0;
	if (spk < 0 || spk >= c->res->nspeakers)
		return;
	s = &c->res->speakers[spk];
	own_from_string(c, o, s->name);
	own_from_string(c, o, s->affiliation);
}

/* the target a mention gives, or -1 when it is the speaker's own side */
static int32_t
men_target(const TCtx *c, const Men *m, const Own *own)
{
	int32_t		e = m->ent < 0 ? -1 : canon(c, m->ent);

	if (e < 0)
		return -1;
	if (c->opts && c->opts->targets != NULL && c->ents[e].user < 0)
		return -1;
	if (m->remark && (c->opts == NULL || c->opts->targets == NULL))
	{
		/* a person's words stand for the person's affiliation */
		int32_t		spk = st_map_get(&c->by_speaker, c->ents[e].name,
									 (int32_t) strlen(c->ents[e].name));

		if (spk >= 0 && c->res->speakers[spk].affiliation)
		{
			Own			aff;

			aff.n = 0;
			own_from_string(c, &aff, c->res->speakers[spk].affiliation);
			if (aff.n > 0)
				e = aff.e[0];
		}
	}
	if (own_has(own, e))
		return -1;
	return e;
}

/* the first target named in tokens [t0, t1), -1 if none */
static int32_t
first_target(const TCtx *c, int32_t t0, int32_t t1, const Own *own,
			 int32_t skip0, int32_t skip1)
{
	int32_t		i0 = men_at(c, t0);

	/* names first, then issues */
	for (int pass = 0; pass < 2; pass++)
		for (int32_t i = i0; i < c->nmen && c->men[i].t0 < t1; i++)
		{
			int32_t		e;

			if (c->men[i].t0 < skip1 && c->men[i].t1 > skip0)
				continue;
			e = men_target(c, &c->men[i], own);
			if (e >= 0 && c->ents[e].topic == (pass == 1))
				return e;
		}
	return -1;
}

/* the end of the leading noun phrase of a content starting at token t0 */
static int32_t
lead_end(const StDoc *d, int32_t t0, int32_t t1)
{
	int32_t		k = t0,
				words = 0;

	if (k < t1 && tok_is(d, k, "that"))
		k++;
	for (; k < t1 && words < LEAD_WORDS; k++)
	{
		const StTok *t = &d->toks[k];

		if (t->f & TK_WORD)
		{
			if (k > t0 && (IN(d, k, auxiliaries) || tok_cue_form(d, k) != 0 ||
						   tok_is(d, k, "of") || tok_is(d, k, "that") ||
						   tok_is(d, k, "who") || tok_is(d, k, "which")))
				break;
			words++;
		}
		else if (tok_char(d, k, ',') || tok_char(d, k, ';') || tok_char(d, k, ':'))
			break;
	}
	return k;
}

/* ---------------------------------------------------------------------
 * negation and hedging of the cue
 * --------------------------------------------------------------------- */

static void
cue_marks(const StDoc *d, int32_t c0, int32_t c1, bool *neg, bool *hedge)
{
#define W(x) {x, sizeof(x) - 1}
	static const struct
	{
		const char *w;
		size_t		n;
	}			negs[] = {
		W("not"), W("n't"), W("never"), W("no"), W("neither"), W("nor")
	},
				hedges[] = {
		W("may"), W("might"), W("could"), W("would"), W("reportedly"),
		W("allegedly"), W("apparently"), W("supposedly"), W("purportedly"),
		W("reported"), W("expected"), W("likely"), W("seems"), W("seemed"),
		W("appears"), W("appeared")
	};
#undef W

	*neg = *hedge = false;
	for (int32_t k = c0; k < c1; k++)
	{
		const char *p = tok_ptr(d, k);
		int32_t		l = tok_len(d, k);
		char		low[12];	/* the token in lower case, as tok_is reads it */

		if (l >= 3 && st_ascii_ieq(p + l - 3, "n't", 3))
			*neg = true;
		if (l >= 5 && memcmp(p + l - 5, "n\xe2\x80\x99t", 5) == 0)
			*neg = true;
		if (l > 11)
			continue;			/* longer than every word of the lists */
		fold_ascii(low, p, l);
		for (size_t i = 0; i < sizeof(negs) / sizeof(negs[0]); i++)
			if (negs[i].n == (size_t) l && memcmp(low, negs[i].w, (size_t) l) == 0)
				*neg = true;
		for (size_t i = 0; i < sizeof(hedges) / sizeof(hedges[0]); i++)
			if (hedges[i].n == (size_t) l && memcmp(low, hedges[i].w, (size_t) l) == 0)
				*hedge = true;
	}
}

/* ---------------------------------------------------------------------
 * the pass
 * --------------------------------------------------------------------- */

StStatus
st_targets(StDoc *d, const StOptions *opts, StResult *out)
{
	TCtx		c;
	StStatus	rc;
	int32_t    *tgt;			/* target entity of each statement, -1 */
	int32_t    *asent;			/* sentence of each statement's cue */
	int32_t    *cpara;			/* paragraph of each statement's content */
	int32_t    *atok;			/* token of each statement's cue (or content) */
	int32_t    *ctok;			/* token of each statement's content */
	StStanceMemo *memo;
	Own		   *owns;
	bool	   *own_done;
	bool		user = opts != NULL && opts->targets != NULL;

	if (out->nstatements == 0)
		return ST_OK;
	memset(&c, 0, sizeof(c));
	c.d = d;
	c.res = out;
	c.opts = opts;
	st_map_init(&c.by_name, d->arena);
	st_map_init(&c.by_noun, d->arena);
	st_map_init(&c.by_surname, d->arena);
	st_map_init(&c.by_speaker, d->arena);
	st_map_init(&c.by_role, d->arena);
	if ((rc = map_speakers(&c)) != ST_OK)
		return rc;

	if ((rc = find_candidates(&c)) != ST_OK)
		return rc;
	if ((rc = find_runs(&c)) != ST_OK)
		return rc;
	if ((rc = link_entities(&c)) != ST_OK)
		return rc;
	if ((rc = find_noun_aliases(&c)) != ST_OK)
		return rc;
	if ((rc = find_topics(&c)) != ST_OK)
		return rc;
	if (user && (rc = apply_user_targets(&c)) != ST_OK)
		return rc;
	mark_remarks(&c);
	for (int32_t i = 0; i < c.nmen; i++)
	{
		const Ent  *x = &c.ents[c.men[i].ent];

		/*
		 * A lone capitalised word seen only at the start of sentences is a
		 * common word, unless it stands for something or is an acronym.
		 */
		if (!x->mid && !x->topic && x->parent < 0 && x->user < 0 &&
			c.men[i].t1 == c.men[i].t0 + 1 &&
			!(d->toks[c.men[i].t0].f & TK_UPPER) &&
			!IN(d, c.men[i].t0, places) &&
			st_map_get(&c.by_speaker, x->name, (int32_t) strlen(x->name)) < 0)
		{
			c.men[i].ent = -1;
			continue;
		}
		c.men[i].ent = canon(&c, c.men[i].ent);
	}
	if (c.nmen > 1 && !sort_men(&c))
		return ST_ERR_NOMEM;

	/* each speaker's own side, found at its first statement */
	owns = st_arena_alloc_raw(d->arena, sizeof(Own) * (size_t) (out->nspeakers ? out->nspeakers : 1));
	own_done = st_arena_alloc(d->arena, (size_t) (out->nspeakers ? out->nspeakers : 1));
	if (owns == NULL || own_done == NULL)
		return ST_ERR_NOMEM;
	tgt = st_arena_alloc(d->arena, sizeof(int32_t) * (size_t) out->nstatements);
	asent = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) out->nstatements);
	cpara = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) out->nstatements);
	atok = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) out->nstatements);
	ctok = st_arena_alloc_raw(d->arena, sizeof(int32_t) * (size_t) out->nstatements);
	if (tgt == NULL || asent == NULL || cpara == NULL || atok == NULL ||
		ctok == NULL)
		return ST_ERR_NOMEM;
	if (opts != NULL && opts->word_cache != NULL)
		memo = st_word_cache_memo(opts->word_cache);	/* the caller's */
	else
	{
		/* the document's own: its words' readings found once */
		memo = st_arena_alloc_raw(d->arena, st_stance_memo_size());
		if (memo == NULL)
			return ST_ERR_NOMEM;
		st_stance_memo_init(memo);
	}
	/* the sentence of each statement's cue (or content), its content's paragraph */
	for (int32_t i = 0; i < out->nstatements; i++)
	{
		const StStatement *p = &out->statements[i];
		int32_t		pk = tok_at(&c, p->cue.start >= 0 ? p->cue.start : p->content.start);
		int32_t		ck = tok_at(&c, p->content.start);

		atok[i] = pk;
		ctok[i] = ck;
		asent[i] = pk < d->ntoks ? d->toks[pk].sent : -1;
		cpara[i] = ck < d->ntoks ? d->toks[ck].para : INT32_MAX;
	}

	for (int32_t i = 0; i < out->nstatements; i++)
	{
		StStatement *s = &out->statements[i];
		int32_t		c0 = ctok[i],
					c1 = tok_at(&c, s->content.end);
		int32_t		m0 = s->mention.start >= 0 ? tok_at(&c, s->mention.start) : -1,
					m1 = s->mention.start >= 0 ? tok_at(&c, s->mention.end) : -1;
		int32_t		k0 = s->cue.start >= 0 ? atok[i] : -1,
					k1 = s->cue.start >= 0 ? tok_at(&c, s->cue.end) : -1;
		int32_t		anchor = k0 >= 0 ? k0 : c0;
		int32_t		sent = anchor < d->ntoks ? d->toks[anchor].sent : -1;
		int32_t		para = anchor < d->ntoks ? d->toks[anchor].para : -1;
		int32_t		e = -1;
		Own			own;

		if ((i & 255) == 255 && st_tick(d))
			return ST_ERR_CANCELED;
		s->stance = -1;
		s->confidence = 0;
		if (k0 >= 0)
			cue_marks(d, k0, k1, &s->negated, &s->hedged);
		if (s->speaker >= 0 && s->speaker < out->nspeakers)
		{
			/* the same for every statement of the speaker: nothing below
			 * changes the entities or their names */
			if (!own_done[s->speaker])
			{
				own_of(&c, s->speaker, &owns[s->speaker]);
				own_done[s->speaker] = true;
			}
			own = owns[s->speaker];
		}
		else
			own_of(&c, s->speaker, &own);

		/* a. the leading noun phrase of the content */
		if (c0 < c1)
			e = first_target(&c, c0, lead_end(d, c0, c1), &own, -1, -1);
		/* b. the same speaker earlier in the sentence */
		for (int32_t j = i - 1; e < 0 && j >= 0 && j >= i - LOOKBACK && s->speaker >= 0; j--)
		{
			const StStatement *p = &out->statements[j];

			if (asent[j] != sent)
				break;
			if (p->speaker == s->speaker && tgt[j] >= 0)
			{
				e = tgt[j];
			}
		}
		/* c. anywhere in the content */
		if (e < 0 && c0 < c1)
			e = first_target(&c, c0, c1, &own, -1, -1);
		/* d. an earlier statement of the sentence */
		for (int32_t j = i - 1; e < 0 && j >= 0 && j >= i - LOOKBACK && asent[j] == sent; j--)
			if (tgt[j] >= 0 && !own_has(&own, tgt[j]))
				e = tgt[j];
		/* e. elsewhere in the sentence, not the speaker's mention */
		if (e < 0 && sent >= 0 && sent < d->nsents)
			e = first_target(&c, Max32(d->sents[sent].tok0, anchor - 100),
							 Min32(d->sents[sent].tok1, anchor + 100), &own, m0, m1);
		/* f. the same speaker's last statement, two paragraphs back at most */
		for (int32_t j = i - 1; e < 0 && j >= 0 && j >= i - LOOKBACK && s->speaker >= 0; j--)
		{
			const StStatement *p = &out->statements[j];

			if (cpara[j] < para - 2)
				break;
			if (p->speaker == s->speaker && tgt[j] >= 0)
			{
				e = tgt[j];
			}
		}
		/* g. a speaker of the same side, two paragraphs back at most */
		for (int32_t j = i - 1; e < 0 && j >= 0 && j >= i - LOOKBACK && own.n > 0; j--)
		{
			const StStatement *p = &out->statements[j];
			Own			theirs;
			bool		same = false;

			if (cpara[j] < para - 2)
				break;
			if (tgt[j] < 0 || own_has(&own, tgt[j]))
				continue;
			if (p->speaker >= 0 && p->speaker < out->nspeakers &&
				own_done[p->speaker])
				theirs = owns[p->speaker];
			else
				own_of(&c, p->speaker, &theirs);
			for (int k = 0; k < theirs.n && !same; k++)
				same = own_has(&own, theirs.e[k]);
			if (same)
				e = tgt[j];
		}
		tgt[i] = e;
		s->target = e >= 0 ? c.ents[e].name : NULL;

		/* the stance */
		{
			/* the cue and the content, and what lies between */
			int32_t		b0 = s->content.start;
			int32_t		b1 = s->content.end;
			StStanceResult r;
			StStanceInput in;
			const Ent  *x;

			if (s->cue.start >= 0 && s->cue.start < b0)
				b0 = s->cue.start;
			if (s->cue.end > b1)
				b1 = s->cue.end;
			if (e < 0 || b0 < 0 || b1 <= b0)
			{
				/* no target: the act of the cue alone */
				if (s->cue.start >= 0 && s->cue.end > s->cue.start)
				{
					/* st_stance_classify, with the memo */
					memset(&in, 0, sizeof(in));
					in.stmt = d->text + s->cue.start;
					in.len = (size_t) (s->cue.end - s->cue.start);
					in.target = "";
					in.act_start = -1;
					in.memo = memo;
					r = st_stance_classify_in(&in);
					if (r.act[0] &&
						(s->act = st_arena_strndup(d->arena, r.act, strlen(r.act))) == NULL)
						return ST_ERR_NOMEM;
				}
				continue;
			}
			x = &c.ents[e];
			memset(&in, 0, sizeof(in));
			in.target = x->name;
			in.tlen = strlen(x->name);
			in.aliases = x->surf + 1;
			in.naliases = x->nsurf - 1;
			in.memo = memo;
			in.act_start = -1;
			if (s->cue.start >= s->content.end)
			{
				/* "'...,' she warned": read as "warned '...'" */
				size_t		kl = (size_t) (s->cue.end - s->cue.start);
				size_t		cl = (size_t) (s->content.end - s->content.start);
				char	   *buf = st_arena_alloc_raw(d->arena, kl + 1 + cl);

				if (buf == NULL)
					return ST_ERR_NOMEM;
				memcpy(buf, d->text + s->cue.start, kl);
				buf[kl] = ' ';
				memcpy(buf + kl + 1, d->text + s->content.start, cl);
				in.stmt = buf;
				in.len = kl + 1 + cl;
				in.act_start = 0;
				in.act_len = (int32_t) kl;
			}
			else
			{
				in.stmt = d->text + b0;
				in.len = (size_t) (b1 - b0);
				if (s->cue.start >= 0)
				{
					in.act_start = s->cue.start - b0;
					in.act_len = s->cue.end - s->cue.start;
				}
			}
			r = st_stance_classify_in(&in);
			if (r.act[0])
			{
				s->act = st_arena_strndup(d->arena, r.act, strlen(r.act));
				if (s->act == NULL)
					return ST_ERR_NOMEM;
			}
			s->stance = r.label;
			s->confidence = r.confidence;
			/* a side taken before carries over to an unnamed target */
			if (r.slot == ST_SLOT_ABSENT && fabs(r.score) < 0.5)
			{
				/* the same speaker's, or its side's within two paragraphs */
				for (int32_t j = i - 1; j >= 0 && j >= i - LOOKBACK && s->speaker >= 0; j--)
				{
					const StStatement *p = &out->statements[j];
					bool		same = p->speaker == s->speaker;

					if (!same && own.n > 0 && p->speaker >= 0 && tgt[j] == e)
					{
						Own			theirs;

						if (cpara[j] >= para - 2)
						{
							if (p->speaker < out->nspeakers && own_done[p->speaker])
								theirs = owns[p->speaker];
							else
								own_of(&c, p->speaker, &theirs);
							for (int k = 0; k < theirs.n && !same; k++)
								same = own_has(&own, theirs.e[k]);
						}
					}
					if (!same)
						continue;
					if (tgt[j] == e && p->stance >= 0 &&
						p->stance != ST_STANCE_NEUTRAL)
					{
						s->stance = p->stance;
						s->confidence = 0.6 * p->confidence;
					}
					break;
				}
			}
		}
	}
	return d->nomem ? ST_ERR_NOMEM : ST_OK;
}
