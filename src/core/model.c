/*
 * model.c
 *	  Stance models trained on the user's labels (see model.h): features,
 *	  multinomial logistic regression by SGD, the binary layout.
 */
#include "model.h"
#include "stance.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void) 0)
#endif

/* ---------- hashing ---------- */

static inline uint32_t
mix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bU;
	h ^= h >> 13;
	h *= 0xc2b2ae35U;
	h ^= h >> 16;
	return h;
}

static inline uint32_t
comb(uint32_t a, uint32_t b)
{
	return mix32(a * 0x9E3779B1U ^ (b + 0x7F4A7C15U + (a << 6) + (a >> 2)));
}

/* a string constant's hash, for feature names */
static uint32_t
sh(const char *s)
{
	uint32_t	h = 2166136261U;

	while (*s)
	{
		h ^= (unsigned char) *s++;
		h *= 16777619U;
	}
	return h;
}

uint64_t
st_model_hash64(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		h ^= b[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

static inline unsigned char
lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char) (c + 32) : c;
}

/* ---------- cue words ---------- */

#define W_STOP		0x01
#define W_REFUTE	0x02
#define W_HEDGE		0x04
#define W_NEG		0x08
#define W_CONTENT	0x10		/* a word that counts for overlap */
#define W_QMARK		0x20
#define W_WORD		0x40		/* letters or digits (not ? !) */

static const char *const stop_words[] = {
	"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "but",
	"is", "are", "was", "were", "be", "been", "being", "by", "with", "from",
	"as", "that", "this", "these", "those", "it", "its", "he", "she", "they",
	"his", "her", "their", "them", "we", "you", "i", "will", "would", "has",
	"have", "had", "after", "over", "into", "up", "out", "about", "than",
	"more", "new", "s", "says", "said", "who", "what", "which", "when",
	"do", "does", "did", "can", "just", "so", "if", "all", "also", "one",
	"how", "why", "there", "here", "now", "get", "gets", "got", "him", "our",
	"my", "your", "via", "amid", "off", "before", "while", "then", NULL
};

static const char *const refute_words[] = {
	"fake", "fakes", "faked", "hoax", "hoaxes", "false", "falsely", "deny",
	"denies", "denied", "denial", "denying", "debunk", "debunked", "debunks",
	"untrue", "fraud", "fraudulent", "fabricated", "fabrication", "myth",
	"bogus", "lie", "lies", "lying", "retract", "retracted", "retracts",
	"refute", "refutes", "refuted", "dismiss", "dismisses", "dismissed",
	"doubt", "doubts", "doubtful", "prank", "satire", "satirical", "parody",
	"wrong", "misleading", "rejects", "rejected", "scam", "photoshopped",
	"disputes", "disputed", "contradict", "contradicts", "nonsense", NULL
};

static const char *const hedge_words[] = {
	"reportedly", "allegedly", "alleged", "claim", "claims", "claimed",
	"claiming", "rumor", "rumors", "rumour", "rumours", "rumored", "rumoured",
	"report", "reports", "reported", "according", "may", "might", "could",
	"possibly", "apparently", "purportedly", "purported", "unconfirmed",
	"unverified", "suggests", "suggest", "suggested", "appear", "appears",
	"appeared", "seem", "seems", "speculation", "speculate", "likely",
	"believed", "sources", "source", "supposedly", "potential", "possible",
	"perhaps", "maybe", "if", "whether", "rumoured", "insists", NULL
};

static const char *const neg_words[] = {
	"not", "no", "never", "nor", "none", "nobody", "nothing", "neither",
	"cannot", "without", "isn't", "aren't", "wasn't", "weren't", "don't",
	"doesn't", "didn't", "won't", "wouldn't", "can't", "couldn't",
	"shouldn't", "hasn't", "haven't", "hadn't", "nt", NULL
};

#define WTAB_SIZE 1024			/* power of two, > number of list words */

typedef struct WEntry
{
	uint32_t	h;
	uint8_t		flags;
	uint8_t		used;
} WEntry;

static WEntry wtab[WTAB_SIZE];
static int	wtab_ready;

static uint32_t
word_hash(const unsigned char *s, size_t n)
{
	uint32_t	h = 2166136261U;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		h ^= lower(s[i]);
		h *= 16777619U;
	}
	return h;
}

static void
wtab_add(const char *const *list, uint8_t flag)
{
	int			i;

	for (i = 0; list[i]; i++)
	{
		uint32_t	h = word_hash((const unsigned char *) list[i], strlen(list[i]));
		uint32_t	k = mix32(h) & (WTAB_SIZE - 1);

		while (wtab[k].used && wtab[k].h != h)
			k = (k + 1) & (WTAB_SIZE - 1);
		wtab[k].h = h;
		wtab[k].used = 1;
		wtab[k].flags |= flag;
	}
}

/* built once per process; the tables are constant afterwards */
static void
wtab_init(void)
{
	if (wtab_ready)
		return;
	wtab_add(stop_words, W_STOP);
	wtab_add(refute_words, W_REFUTE);
	wtab_add(hedge_words, W_HEDGE);
	wtab_add(neg_words, W_NEG);
	wtab_ready = 1;
}

static uint8_t
wtab_flags(uint32_t h)
{
	uint32_t	k = mix32(h) & (WTAB_SIZE - 1);

	while (wtab[k].used)
	{
		if (wtab[k].h == h)
			return wtab[k].flags;
		k = (k + 1) & (WTAB_SIZE - 1);
	}
	return 0;
}

/* ---------- tokens ---------- */

#define MAX_STOK 600			/* statement words read */
#define MAX_TTOK 64				/* target words read */
#define MAX_BIGRAM 300			/* statement words with word bigrams */
#define MAX_TRIGRAM 100			/* statement words with word trigrams */
#define EARLY 60				/* "early" statement words */
#define MAX_CHARS 256			/* statement bytes for character n-grams */
#define MAX_BUILTIN 300			/* statement bytes given to the built-in model */

typedef struct MTok
{
	uint32_t	h;				/* lower-case word */
	uint32_t	stem;			/* its first five bytes */
	uint8_t		flags;
} MTok;

static inline bool
word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c >= 0x80;
}

/*
 * Split into words (ASCII letters and digits and bytes >= 0x80, apostrophes
 * inside a word join; curly quotes and dashes E2 80 xx separate) and the
 * marks ? and !.  A word ending in n't also gives "not".
 */
static int
tokenize(const unsigned char *s, size_t len, MTok *out, int max)
{
	size_t		i = 0;
	int			n = 0;

	while (i < len && n < max)
	{
		unsigned char c = s[i];

		if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80)
		{
			i += 3;
			continue;
		}
		if (c == '?' || c == '!')
		{
			out[n].h = (c == '?') ? sh("?") : sh("!");
			out[n].stem = out[n].h;
			out[n].flags = (c == '?') ? W_QMARK : 0;
			n++;
			i++;
			continue;
		}
		if (!word_byte(c))
		{
			i++;
			continue;
		}
		{
			size_t		st = i;
			size_t		wl;
			uint8_t		f;

			while (i < len)
			{
				if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80)
					break;
				if (word_byte(s[i]))
					i++;
				else if (s[i] == '\'' && i + 1 < len && word_byte(s[i + 1]) &&
						 s[i + 1] < 0x80)
					i++;
				else
					break;
			}
			wl = i - st;
			/* possessive 's is not part of the word */
			if (wl > 2 && s[st + wl - 2] == '\'' && lower(s[st + wl - 1]) == 's')
				wl -= 2;
			{
				/* FNV-1a of the word; its first five bytes give the stem */
				uint32_t	h = 2166136261U;
				size_t		q;

				for (q = 0; q < wl; q++)
				{
					if (q == 5)
						out[n].stem = h;
					h ^= lower(s[st + q]);
					h *= 16777619U;
				}
				if (wl <= 5)
					out[n].stem = h;
				out[n].h = h;
			}
			f = wtab_flags(out[n].h) | W_WORD;
			if (!(f & W_STOP) && !(f & W_NEG) && wl >= 2)
				f |= W_CONTENT;
			out[n].flags = f;
			n++;
			if (n < max && wl > 3 && s[st + wl - 3] == 'n' && s[st + wl - 2] == '\'' &&
				lower(s[st + wl - 1]) == 't')
			{
				out[n].h = sh("not");
				out[n].stem = word_hash((const unsigned char *) "not", 3);
				out[n].flags = W_NEG | W_WORD;
				n++;
			}
		}
	}
	return n;
}

/* ---------- small hash sets ---------- */

typedef struct HSet
{
	uint32_t   *key;
	uint8_t    *val;			/* 0 empty; else 1 + payload bits */
	uint32_t	mask;
	int			n;
} HSet;

/* insert; returns the value slot */
static uint8_t *
hset_put(HSet *s, uint32_t k)
{
	uint32_t	i = mix32(k) & s->mask;

	while (s->val[i])
	{
		if (s->key[i] == k)
			return &s->val[i];
		i = (i + 1) & s->mask;
	}
	s->key[i] = k;
	s->val[i] = 1;
	s->n++;
	return &s->val[i];
}

static uint8_t
hset_get(const HSet *s, uint32_t k)
{
	uint32_t	i = mix32(k) & s->mask;

	while (s->val[i])
	{
		if (s->key[i] == k)
			return s->val[i];
		i = (i + 1) & s->mask;
	}
	return 0;
}

/* ---------- the sparse feature set of a row ---------- */

#define FSET_SIZE 16384			/* > 2 * ST_MODEL_MAX_SPARSE, power of two */

typedef struct Feats
{
	uint32_t   *out;
	int			n;
	uint32_t	slot[FSET_SIZE];	/* 0xFFFFFFFF empty */
} Feats;

static void
emit(Feats *F, int group, uint32_t h)
{
	uint32_t	f = ((uint32_t) group << 28) | (mix32(h ^ (0x5bd1e995U * (uint32_t) (group + 1))) & 0x0FFFFFFFU);
	uint32_t	i;

	if (F->n >= ST_MODEL_MAX_SPARSE)
		return;
	i = mix32(f) & (FSET_SIZE - 1);
	while (F->slot[i] != 0xFFFFFFFFU)
	{
		if (F->slot[i] == f)
			return;
		i = (i + 1) & (FSET_SIZE - 1);
	}
	F->slot[i] = f;
	F->out[F->n++] = f;
}

static int
bin_count(int n)
{
	return n >= 3 ? 3 : n;
}

static double
clampd(double x, double lo, double hi)
{
	if (isnan(x))
		return 0.0;
	return x < lo ? lo : x > hi ? hi : x;
}

int
st_model_extract(const char *stmt, size_t slen, const char *target, size_t tlen,
				 unsigned features, uint32_t *sparse, float *dense)
{
	static Feats F;				/* 64 kB: not on the stack */
	MTok		st[MAX_STOK];
	MTok		tt[MAX_TTOK];
	int			ns,
				nt,
				i;
	uint32_t	tkey[256],
				skey[2048],
				bkey[2048];
	uint8_t		tval[256],
				sval[2048],
				bval[2048];
	HSet		tset = {tkey, tval, 255, 0};
	HSet		sset = {skey, sval, 2047, 0};
	HSet		bset = {bkey, bval, 2047, 0};
	int			refute = 0,
				hedge = 0,
				neg = 0,
				refute_e = 0,
				hedge_e = 0,
				neg_e = 0,
				qmark = 0,
				t_refute = 0,
				t_hedge = 0,
				t_neg = 0,
				t_qmark = 0;
	int			tc = 0,
				matched = 0,
				matched_e = 0,
				sc_e = 0,
				sc_e_in = 0,
				tb = 0,
				tb_in = 0;
	double		ratio = 0,
				ratio_e = 0,
				bratio = 0;
	int			coarse;
	uint32_t	tid;

	wtab_init();
	F.out = sparse;
	F.n = 0;
	memset(F.slot, 0xFF, sizeof(F.slot));
	memset(tval, 0, sizeof(tval));
	memset(sval, 0, sizeof(sval));
	memset(bval, 0, sizeof(bval));
	memset(dense, 0, sizeof(float) * ST_MODEL_NDENSE);
	dense[0] = 1.0f;

	ns = tokenize((const unsigned char *) stmt, slen, st, MAX_STOK);
	nt = tokenize((const unsigned char *) target, tlen, tt, MAX_TTOK);

	/* cue words and the statement's content words */
	for (i = 0; i < ns; i++)
	{
		uint8_t		f = st[i].flags;

		if (f & W_REFUTE)
		{
			refute++;
			refute_e += i < EARLY;
		}
		if (f & W_HEDGE)
		{
			hedge++;
			hedge_e += i < EARLY;
		}
		if (f & W_NEG)
		{
			neg++;
			neg_e += i < EARLY;
		}
		if ((f & W_QMARK) && i < EARLY)
			qmark++;
		if ((f & W_CONTENT) && sset.n < 1000)
		{
			uint8_t    *v = hset_put(&sset, st[i].stem);

			if (i < EARLY)
				*v |= 2;
		}
	}
	/* content bigrams of the statement (consecutive content words) */
	{
		int			prev = -1;

		for (i = 0; i < ns && bset.n < 1000; i++)
		{
			if (!(st[i].flags & W_CONTENT))
				continue;
			if (prev >= 0)
				hset_put(&bset, comb(st[prev].stem, st[i].stem));
			prev = i;
		}
	}
	/* the target's content words, and how many the statement has */
	tid = sh("target");
	{
		int			prev = -1;

		for (i = 0; i < nt; i++)
		{
			uint8_t		f = tt[i].flags;

			tid = comb(tid, tt[i].h);
			t_refute += (f & W_REFUTE) != 0;
			t_hedge += (f & W_HEDGE) != 0;
			t_neg += (f & W_NEG) != 0;
			t_qmark += (f & W_QMARK) != 0;
			if (!(f & W_CONTENT))
				continue;
			if (prev >= 0)
			{
				tb++;
				tb_in += hset_get(&bset, comb(tt[prev].stem, tt[i].stem)) != 0;
			}
			prev = i;
			if (hset_get(&tset, tt[i].stem) == 0)
			{
				uint8_t		v;

				hset_put(&tset, tt[i].stem);
				tc++;
				v = hset_get(&sset, tt[i].stem);
				if (v)
				{
					matched++;
					if (v & 2)
						matched_e++;
				}
			}
		}
	}
	for (i = 0; i < ns && i < EARLY; i++)
		if (st[i].flags & W_CONTENT)
		{
			sc_e++;
			sc_e_in += hset_get(&tset, st[i].stem) != 0;
		}
	if (tc > 0)
	{
		ratio = (double) matched / tc;
		ratio_e = (double) matched_e / tc;
	}
	if (tb > 0)
		bratio = (double) tb_in / tb;
	coarse = ratio < 0.15 ? 0 : ratio < 0.4 ? 1 : 2;

	/* word 1-3-grams of the statement */
	if (features & ST_MF_WORDS)
	{
		for (i = 0; i < ns; i++)
		{
			emit(&F, ST_MG_WORDS, st[i].h);
			if (i < MAX_BIGRAM)
				emit(&F, ST_MG_WORDS, comb(i > 0 ? st[i - 1].h : sh("<s>"), st[i].h));
			if (i < MAX_TRIGRAM)
				emit(&F, ST_MG_WORDS, comb(comb(i > 1 ? st[i - 2].h : sh("<s>"),
												i > 0 ? st[i - 1].h : sh("<s>")), st[i].h));
		}
	}

	/* character 2-5-grams of the first bytes, lower case, blanks squeezed */
	if (features & ST_MF_CHARS)
	{
		unsigned char buf[MAX_CHARS + 2];
		int			n = 0;
		size_t		k;

		buf[n++] = ' ';
		for (k = 0; k < slen && n < MAX_CHARS; k++)
		{
			unsigned char c = (unsigned char) stmt[k];

			if (word_byte(c) || c == '?' || c == '!')
				buf[n++] = lower(c);
			else if (buf[n - 1] != ' ')
				buf[n++] = ' ';
		}
		if (buf[n - 1] != ' ')
			buf[n++] = ' ';
		for (i = 0; i + 1 < n; i++)
		{
			uint32_t	h = 2166136261U;
			int			j;

			for (j = 0; j < 5 && i + j < n; j++)
			{
				h ^= buf[i + j];
				h *= 16777619U;
				if (j >= 1)
					emit(&F, ST_MG_CHARS, h);
			}
		}
	}

	/* the target's words, and statement words conditioned on the target */
	if (features & ST_MF_TARGET)
	{
		for (i = 0; i < nt; i++)
		{
			emit(&F, ST_MG_TARGET, tt[i].h);
			emit(&F, ST_MG_TARGET, comb(i > 0 ? tt[i - 1].h : sh("<s>"), tt[i].h));
		}
		emit(&F, ST_MG_TCOND, tid);
		for (i = 0; i < ns && i < EARLY; i++)
			emit(&F, ST_MG_TCOND, comb(tid, st[i].h));
	}

	/* alignment: overlap bins, their combinations with cue words */
	if (features & ST_MF_OVERLAP)
	{
		int			b10 = (int) (ratio * 10.0 + 1e-9);
		int			missing = tc - matched;
		uint32_t	cb = comb(sh("coarse"), (uint32_t) coarse);

		emit(&F, ST_MG_ALIGN, comb(sh("ovl"), (uint32_t) b10));
		emit(&F, ST_MG_ALIGN, comb(sh("ovle"), (uint32_t) (ratio_e * 10.0 + 1e-9)));
		emit(&F, ST_MG_ALIGN, comb(sh("bovl"), (uint32_t) (bratio * 5.0 + 1e-9)));
		emit(&F, ST_MG_ALIGN, comb(sh("miss"), (uint32_t) bin_count(missing)));
		emit(&F, ST_MG_ALIGN, comb(sh("match"), (uint32_t) bin_count(matched)));
		emit(&F, ST_MG_ALIGN, comb(cb, comb(sh("ref"), (uint32_t) bin_count(refute_e))));
		emit(&F, ST_MG_ALIGN, comb(cb, comb(sh("hedge"), (uint32_t) bin_count(hedge_e))));
		emit(&F, ST_MG_ALIGN, comb(cb, comb(sh("neg"), (uint32_t) bin_count(neg_e))));
		emit(&F, ST_MG_ALIGN, comb(cb, comb(sh("q"), (uint32_t) (qmark > 0))));
		emit(&F, ST_MG_ALIGN, comb(cb, comb(sh("tq"), (uint32_t) (t_qmark > 0))));
		emit(&F, ST_MG_ALIGN, comb(cb, comb(sh("tref"), (uint32_t) (t_refute > 0))));
		for (i = 0; i < ns && i < 200; i++)
		{
			if (st[i].flags & W_STOP)
				continue;
			emit(&F, ST_MG_ALIGN, comb(cb, st[i].h));
			/* a statement word shared with the target, or a cue word near it */
			if (i < EARLY && (st[i].flags & W_CONTENT) && hset_get(&tset, st[i].stem))
				emit(&F, ST_MG_ALIGN, comb(sh("shared"), (uint32_t) (i < 10)));
		}
		dense[1] = (float) ratio;
		dense[2] = (float) ratio_e;
		dense[3] = sc_e ? (float) sc_e_in / (float) sc_e : 0.0f;
		dense[4] = (float) bratio;
		dense[5] = (tc + sset.n - matched) > 0 ?
			(float) matched / (float) (tc + sset.n - matched) : 0.0f;
		dense[6] = (float) (log1p(matched) / 3.0);
		dense[7] = (float) (log1p(tc) / 3.0);
		dense[8] = (float) (log1p(ns) / 6.0);
		dense[22] = (float) (ratio * ratio);
	}

	/* the built-in model's decision, and cue word counts */
	if (features & ST_MF_LEXICON)
	{
		size_t		blen = slen;
		StStanceResult r;
		uint32_t	act;

		if (blen > MAX_BUILTIN)
		{
			blen = MAX_BUILTIN;
			while (blen > 0 && stmt[blen] != ' ')
				blen--;
		}
		r = st_stance_classify(stmt, blen, target, tlen);
		act = sh(r.act);
		emit(&F, ST_MG_LEX, comb(sh("act"), act));
		emit(&F, ST_MG_LEX, comb(comb(sh("actslot"), act), (uint32_t) r.slot));
		emit(&F, ST_MG_LEX, comb(sh("pol"), (uint32_t) (r.polarity + 1) * 8 + (uint32_t) r.slot * 2 +
								 (uint32_t) (r.neg_start >= 0)));
		emit(&F, ST_MG_LEX, comb(sh("label"), (uint32_t) r.label));
		emit(&F, ST_MG_LEX, comb(sh("modal"), (uint32_t) (r.modal_start >= 0)));
		emit(&F, ST_MG_LEX, comb(sh("kind"), (uint32_t) (unsigned char) r.act_kind));
		emit(&F, ST_MG_LEX, comb(sh("tment"), (uint32_t) bin_count(r.target_mentions)));
		emit(&F, ST_MG_LEX, comb(sh("nref"), (uint32_t) bin_count(refute) * 4 + (uint32_t) bin_count(refute_e)));
		emit(&F, ST_MG_LEX, comb(sh("nhedge"), (uint32_t) bin_count(hedge) * 4 + (uint32_t) bin_count(hedge_e)));
		emit(&F, ST_MG_LEX, comb(sh("nneg"), (uint32_t) bin_count(neg) * 4 + (uint32_t) bin_count(neg_e)));
		emit(&F, ST_MG_LEX, comb(sh("tcue"), (uint32_t) (t_refute > 0) * 4 + (uint32_t) (t_hedge > 0) * 2 +
								 (uint32_t) (t_neg > 0)));
		for (i = 0; i < ns && i < EARLY; i++)
			if (st[i].flags & (W_REFUTE | W_HEDGE | W_NEG))
				emit(&F, ST_MG_LEX, comb(sh("cue"), st[i].h));
		dense[9] = (float) (log1p(refute) / 2.0);
		dense[10] = (float) (log1p(hedge) / 2.0);
		dense[11] = (float) (log1p(neg) / 2.0);
		dense[12] = (float) (t_refute > 0);
		dense[13] = (float) (t_hedge > 0);
		dense[14] = (float) (t_neg > 0);
		dense[15] = (float) (qmark > 0);
		dense[16] = (float) (t_qmark > 0);
		dense[17] = (float) clampd(r.score, -1.0, 1.0);
		dense[18] = (float) clampd(r.act_score, -1.0, 1.0);
		dense[19] = (float) clampd(r.content_score, -1.0, 1.0);
		dense[20] = (float) (log1p(refute_e) / 2.0);
		dense[21] = (float) (log1p(hedge_e) / 2.0);
		dense[23] = (float) (log1p(neg_e) / 2.0);
	}
	return F.n;
}

/* ---------- learning ---------- */

void
st_model_default_options(StModelOptions *o)
{
	o->epochs = 10;
	o->l2 = 1e-6;
	o->learning_rate = 0.2;
	o->bits = 0;
	o->features = ST_MF_ALL;
	o->seed = 42;
	o->balanced = 0;
}

/* the value of each sparse feature of a row: 1/sqrt(features of its group) */
static void
group_values(const uint32_t *sp, int n, float *val)
{
	int			cnt[16] = {0};
	float		inv[16];
	int			i;

	for (i = 0; i < n; i++)
		cnt[sp[i] >> 28]++;
	for (i = 0; i < 16; i++)
		inv[i] = cnt[i] ? (float) (1.0 / sqrt((double) cnt[i])) : 0.0f;
	for (i = 0; i < n; i++)
		val[i] = inv[sp[i] >> 28];
}

static void
softmax(double *s, int k)
{
	double		mx = s[0],
				sum = 0;
	int			i;

	for (i = 1; i < k; i++)
		if (s[i] > mx)
			mx = s[i];
	for (i = 0; i < k; i++)
	{
		s[i] = exp(s[i] - mx);
		sum += s[i];
	}
	for (i = 0; i < k; i++)
		s[i] /= sum;
}

/*
 * Weights are stored feature-major: the k class weights of a feature are
 * adjacent (w[j * k + c], j < NDENSE for dense features, NDENSE + hash for
 * sparse ones), so a feature costs one cache line, not k.
 */
static void
scores(const float *w, int k, uint32_t mask, const uint32_t *sp,
	   const float *val, int n, const float *dense, double *s)
{
	int			c,
				i;

	for (c = 0; c < k; c++)
		s[c] = 0;
	for (i = 0; i < ST_MODEL_NDENSE; i++)
	{
		const float *wj = w + (size_t) i * k;

		if (dense[i] == 0.0f)
			continue;
		for (c = 0; c < k; c++)
			s[c] += (double) wj[c] * dense[i];
	}
	for (i = 0; i < n; i++)
	{
		const float *wj = w + ((size_t) ST_MODEL_NDENSE + (sp[i] & mask)) * k;

		/* the weights are read at random: ask for them a few features ahead */
		if (i + 8 < n)
			PREFETCH(w + ((size_t) ST_MODEL_NDENSE + (sp[i + 8] & mask)) * k);
		for (c = 0; c < k; c++)
			s[c] += (double) wj[c] * val[i];
	}
}

void
st_model_probs(const float *weights, int nclasses, int bits,
			   const uint32_t *sparse, int nsparse, const float *dense,
			   double *probs)
{
	float		val[ST_MODEL_MAX_SPARSE];

	group_values(sparse, nsparse, val);
	scores(weights, nclasses, ((uint32_t) 1 << bits) - 1,
		   sparse, val, nsparse, dense, probs);
	softmax(probs, nclasses);
}

static int
row_cmp(const void *a, const void *b)
{
	const StTrainRow *x = a;
	const StTrainRow *y = b;
	int			c;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->label != y->label)
		return x->label < y->label ? -1 : 1;
	if (x->nsparse != y->nsparse)
		return x->nsparse < y->nsparse ? -1 : 1;
	c = memcmp(x->sparse, y->sparse, sizeof(uint32_t) * (size_t) x->nsparse);
	if (c)
		return c;
	return memcmp(x->dense, y->dense, sizeof(float) * ST_MODEL_NDENSE);
}

static uint64_t
splitmix(uint64_t *s)
{
	uint64_t	z = (*s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

StStatus
st_model_train(StArena *arena, StTrainRow *rows, size_t nrows, int nclasses,
			   const StModelOptions *opt, const double *class_weight,
			   void (*interrupt) (void *), void *ictx, float *weights)
{
	size_t		width = st_model_row_width(opt->bits);
	uint32_t	mask = ((uint32_t) 1 << opt->bits) - 1;
	size_t		total = (size_t) nclasses * width;
	size_t	   *perm;
	float		val[ST_MODEL_MAX_SPARSE];
	double		s[ST_MODEL_MAX_CLASSES];
	double		g[ST_MODEL_MAX_CLASSES];
	double		scale = 1.0;
	double		steps,
				t = 0;
	uint64_t	rng = opt->seed;
	size_t		i;
	int			e;

	memset(weights, 0, sizeof(float) * total);
	if (nrows == 0)
		return ST_OK;
	/* the canonical order: rows given in any order train the same model */
	qsort(rows, nrows, sizeof(StTrainRow), row_cmp);
	perm = st_arena_alloc_raw(arena, sizeof(size_t) * nrows);
	if (perm == NULL)
		return ST_ERR_NOMEM;
	for (i = 0; i < nrows; i++)
		perm[i] = i;
	steps = (double) opt->epochs * (double) nrows;

	for (e = 0; e < opt->epochs; e++)
	{
		/* Fisher-Yates with the seeded generator */
		for (i = nrows - 1; i > 0; i--)
		{
			size_t		j = (size_t) (splitmix(&rng) % (uint64_t) (i + 1));
			size_t		tmp = perm[i];

			perm[i] = perm[j];
			perm[j] = tmp;
		}
		for (i = 0; i < nrows; i++)
		{
			const StTrainRow *r = &rows[perm[i]];
			double		eta = opt->learning_rate * fmax(0.05, 1.0 - t / steps);
			double		cw = class_weight ? class_weight[r->label] : 1.0;
			int			c,
						k;

			if (interrupt && (i & 255) == 0)
				interrupt(ictx);
			group_values(r->sparse, r->nsparse, val);
			scores(weights, nclasses, mask, r->sparse, val, r->nsparse,
				   r->dense, s);
			for (c = 0; c < nclasses; c++)
				s[c] *= scale;
			softmax(s, nclasses);
			/* L2 by shrinking every weight at once */
			if (opt->l2 > 0)
			{
				scale *= 1.0 - eta * opt->l2;
				if (scale < 1e-6)
				{
					size_t		q;

					for (q = 0; q < total; q++)
						weights[q] = (float) (weights[q] * scale);
					scale = 1.0;
				}
			}
			for (c = 0; c < nclasses; c++)
				g[c] = (s[c] - (c == r->label ? 1.0 : 0.0)) * cw * eta / scale;
			for (k = 0; k < ST_MODEL_NDENSE; k++)
			{
				float	   *wj = weights + (size_t) k * nclasses;

				if (r->dense[k] == 0.0f)
					continue;
				for (c = 0; c < nclasses; c++)
					wj[c] -= (float) (g[c] * r->dense[k]);
			}
			for (k = 0; k < r->nsparse; k++)
			{
				float	   *wj = weights + ((size_t) ST_MODEL_NDENSE + (r->sparse[k] & mask)) * nclasses;

				for (c = 0; c < nclasses; c++)
					wj[c] -= (float) (g[c] * val[k]);
			}
			t += 1;
		}
	}
	if (scale != 1.0)
		for (i = 0; i < total; i++)
			weights[i] = (float) (weights[i] * scale);
	return ST_OK;
}

/* ---------- labels ---------- */

int
st_model_stance_synonym(const char *label, size_t len)
{
	static const char *const favor[] = {"favor", "favour", "for", "agree", "agrees",
	"support", "supports", "pro", NULL};
	static const char *const against[] = {"against", "disagree", "disagrees", "deny",
	"denies", "oppose", "opposes", "con", "refute", NULL};
	static const char *const neutral[] = {"neutral", "none", "observing", "discuss",
	"discusses", "neither", NULL};
	static const char *const *const lists[3] = {against, neutral, favor};
	int			l,
				i;

	while (len > 0 && (*label == ' ' || *label == '\t'))
	{
		label++;
		len--;
	}
	while (len > 0 && (label[len - 1] == ' ' || label[len - 1] == '\t'))
		len--;
	for (l = 0; l < 3; l++)
		for (i = 0; lists[l][i]; i++)
		{
			const char *w = lists[l][i];
			size_t		k;

			if (strlen(w) != len)
				continue;
			for (k = 0; k < len; k++)
				if (lower((unsigned char) label[k]) != (unsigned char) w[k])
					break;
			if (k == len)
				return l;		/* ST_STANCE_AGAINST 0, NEUTRAL 1, FAVOR 2 */
		}
	return -1;
}

/* ---------- layout ---------- */

static void
put16(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char) v;
	p[1] = (unsigned char) (v >> 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xFFFF);
	put16(p + 2, v >> 16);
}

static void
put64(unsigned char *p, uint64_t v)
{
	put32(p, (uint32_t) v);
	put32(p + 4, (uint32_t) (v >> 32));
}

static uint32_t
get16(const unsigned char *p)
{
	return (uint32_t) p[0] | ((uint32_t) p[1] << 8);
}

static uint32_t
get32(const unsigned char *p)
{
	return get16(p) | (get16(p + 2) << 16);
}

static uint64_t
get64(const unsigned char *p)
{
	return (uint64_t) get32(p) | ((uint64_t) get32(p + 4) << 32);
}

static void
putf64(unsigned char *p, double d)
{
	uint64_t	u;

	memcpy(&u, &d, 8);
	put64(p, u);
}

static double
getf64(const unsigned char *p)
{
	uint64_t	u = get64(p);
	double		d;

	memcpy(&d, &u, 8);
	return d;
}

static size_t
labels_size(int nclasses, const StModelClass *classes)
{
	size_t		n = 0;
	int			c;

	for (c = 0; c < nclasses; c++)
		n += 6 + strlen(classes[c].label);
	return n;
}

static size_t
align4(size_t n)
{
	return (n + 3) & ~(size_t) 3;
}

size_t
st_model_layout_size(int nclasses, int bits, const StModelClass *classes)
{
	return ST_MODEL_HEADER + align4(labels_size(nclasses, classes)) +
		sizeof(float) * (size_t) nclasses * st_model_row_width(bits);
}

uint32_t
st_model_checksum(const void *buf, size_t len)
{
	const unsigned char *p = buf;
	uint32_t	h = 2166136261U;
	size_t		i;

	/* FNV-1a over 32-bit little-endian words, then the tail bytes */
	for (i = 16; i + 4 <= len; i += 4)
	{
		h ^= get32(p + i);
		h *= 16777619U;
		h ^= h >> 15;
	}
	for (; i < len; i++)
	{
		h ^= p[i];
		h *= 16777619U;
	}
	return h;
}

size_t
st_model_write(void *buf, const StModel *m, const float *weights)
{
	unsigned char *p = buf;
	size_t		ls = labels_size(m->nclasses, m->classes);
	size_t		size = st_model_layout_size(m->nclasses, m->bits, m->classes);
	size_t		nw = (size_t) m->nclasses * st_model_row_width(m->bits);
	unsigned char *q;
	size_t		i;
	int			c;

	memset(p, 0, ST_MODEL_HEADER + align4(ls));
	memcpy(p, ST_MODEL_MAGIC, 4);
	put16(p + 4, ST_MODEL_VERSION);
	put16(p + 6, ST_MODEL_HEADER);
	put32(p + 8, (uint32_t) size);
	p[16] = (unsigned char) m->nclasses;
	p[17] = (unsigned char) m->bits;
	p[18] = (unsigned char) m->features;
	p[19] = (unsigned char) m->flags;
	put16(p + 20, ST_MODEL_NDENSE);
	put16(p + 22, (uint32_t) m->epochs);
	put32(p + 24, m->ntrain);
	put32(p + 28, (uint32_t) ls);
	putf64(p + 32, m->l2);
	putf64(p + 40, m->learning_rate);
	put64(p + 48, m->seed);
	q = p + ST_MODEL_HEADER;
	for (c = 0; c < m->nclasses; c++)
	{
		size_t		n = strlen(m->classes[c].label);

		q[0] = (unsigned char) (signed char) m->classes[c].stance;
		q[1] = (unsigned char) n;
		put32(q + 2, m->classes[c].count);
		memcpy(q + 6, m->classes[c].label, n);
		q += 6 + n;
	}
	q = p + ST_MODEL_HEADER + align4(ls);
	for (i = 0; i < nw; i++)
	{
		uint32_t	u;
		float		f = weights[i];

		memcpy(&u, &f, 4);
		put32(q + 4 * i, u);
	}
	put32(p + 12, st_model_checksum(p, size));
	return size;
}

static int
host_little_endian(void)
{
	uint32_t	one = 1;

	return *(unsigned char *) &one == 1;
}

const char *
st_model_parse(const void *buf, size_t len, StModel *m)
{
	const unsigned char *p = buf;
	size_t		ls,
				size,
				off,
				nw,
				i;
	int			c;

	memset(m, 0, sizeof(*m));
	if (len < ST_MODEL_HEADER)
		return "too short for a model header";
	if (memcmp(p, ST_MODEL_MAGIC, 4) != 0)
		return "not a stance model (bad magic number)";
	m->version = (int) get16(p + 4);
	if (m->version != ST_MODEL_VERSION)
		return "unsupported model layout version";
	if (get16(p + 6) != ST_MODEL_HEADER)
		return "bad header size";
	if (get32(p + 8) != len)
		return "the stored size does not match the data";
	m->checksum = get32(p + 12);
	if (m->checksum != st_model_checksum(p, len))
		return "checksum mismatch";
	m->nclasses = p[16];
	m->bits = p[17];
	m->features = p[18];
	m->flags = p[19];
	if (m->nclasses < 1 || m->nclasses > ST_MODEL_MAX_CLASSES)
		return "bad number of classes";
	if (m->bits < ST_MODEL_MIN_BITS || m->bits > ST_MODEL_MAX_BITS)
		return "bad number of hash bits";
	if ((m->features & ~(unsigned) ST_MF_ALL) != 0 || m->features == 0)
		return "bad feature set";
	if ((m->flags & ~(unsigned) (ST_MODEL_STANCE_LABELS | ST_MODEL_BALANCED | ST_MODEL_CLASS_WEIGHTS)) != 0)
		return "bad flags";
	if (get16(p + 20) != ST_MODEL_NDENSE)
		return "bad number of dense features";
	m->epochs = (int) get16(p + 22);
	m->ntrain = get32(p + 24);
	ls = get32(p + 28);
	m->l2 = getf64(p + 32);
	m->learning_rate = getf64(p + 40);
	m->seed = get64(p + 48);
	if (m->epochs < 1 || m->epochs > 200)
		return "bad number of epochs";
	if (!isfinite(m->l2) || m->l2 < 0 || !isfinite(m->learning_rate) ||
		m->learning_rate <= 0)
		return "bad hyper-parameters";
	if (get64(p + 56) != 0)
		return "reserved header bytes are not zero";
	if (ls > len - ST_MODEL_HEADER)
		return "bad label table size";
	off = ST_MODEL_HEADER;
	for (c = 0; c < m->nclasses; c++)
	{
		size_t		n;
		int			d;

		if (off + 6 > ST_MODEL_HEADER + ls)
			return "label table too short";
		m->classes[c].stance = (signed char) p[off];
		n = p[off + 1];
		m->classes[c].count = get32(p + off + 2);
		if (m->classes[c].stance < -1 || m->classes[c].stance > 2)
			return "bad stance of a label";
		if ((m->flags & ST_MODEL_STANCE_LABELS) && m->classes[c].stance < 0)
			return "a label without a stance in a stance-label model";
		if (n < 1 || n > ST_MODEL_MAX_LABEL || off + 6 + n > ST_MODEL_HEADER + ls)
			return "bad label length";
		if (memchr(p + off + 6, 0, n) != NULL)
			return "a label holds a zero byte";
		memcpy(m->classes[c].label, p + off + 6, n);
		m->classes[c].label[n] = '\0';
		for (d = 0; d < c; d++)
			if (strcmp(m->classes[d].label, m->classes[c].label) == 0)
				return "duplicate label";
		off += 6 + n;
	}
	if (off != ST_MODEL_HEADER + ls)
		return "label table size mismatch";
	for (i = off; i < ST_MODEL_HEADER + align4(ls); i++)
		if (p[i] != 0)
			return "nonzero padding";
	size = st_model_layout_size(m->nclasses, m->bits, m->classes);
	if (size != len)
		return "the size does not match the classes and hash bits";
	nw = (size_t) m->nclasses * st_model_row_width(m->bits);
	off = ST_MODEL_HEADER + align4(ls);
	if (!host_little_endian())
		return "models are supported on little-endian machines only";
	m->weights = (const float *) (p + off);
	for (i = 0; i < nw; i++)
		if (!isfinite(m->weights[i]))
			return "a weight is not finite";
	m->size = len;
	return NULL;
}
