/*
 * test_cache.c
 *	  Unit tests of the word cache (StWordCache): an analysis with a cache
 *	  gives what one without gives, however often the cache fills and is
 *	  cleared, after an analysis that was aborted, and after the texts that
 *	  supplied its words were overwritten and freed.
 *
 *	  The documents are generated: articles of quotations and reported
 *	  speech about a few targets, from a vocabulary of sentiment words, acts,
 *	  negations and made-up words (so that the vocabulary outgrows a small
 *	  cache).
 */
#include "stance_core.h"
#include "stance.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int *c_pass,
		   *c_fail;

#define CHECK(name, cond) \
	do { \
		if (cond) (*c_pass)++; \
		else { (*c_fail)++; fprintf(stderr, "FAIL %s (%s:%d): %s\n", name, __FILE__, __LINE__, #cond); } \
	} while (0)

static void *
c_alloc(void *ctx, size_t n)
{
	(void) ctx;
	return malloc(n);
}

static void
c_free(void *ctx, void *p)
{
	(void) ctx;
	free(p);
}

/* ---------- a growable string ---------- */

typedef struct Str
{
	char	   *p;
	size_t		n;
	size_t		cap;
} Str;

static void
s_mem(Str *s, const char *m, size_t n)
{
	if (s->n + n + 1 > s->cap)
	{
		s->cap = (s->n + n + 1) * 2;
		s->p = realloc(s->p, s->cap);
		if (s->p == NULL)
			abort();
	}
	memcpy(s->p + s->n, m, n);
	s->n += n;
	s->p[s->n] = '\0';
}

static void
s_str(Str *s, const char *m)
{
	s_mem(s, m, strlen(m));
}

static void
s_fmt_int(Str *s, long long v)
{
	char		b[32];

	snprintf(b, sizeof(b), "%lld", v);
	s_str(s, b);
}

/* ---------- documents ---------- */

static uint64_t rng = 88172645463325252ull;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t) (rng % n);
}

#define PICK(a) ((a)[rnd(sizeof(a) / sizeof((a)[0]))])

static const char *const first_names[] = {
	"Lena", "Jonas", "Carla", "Amir", "Yuki", "Pieter", "Grace", "Tomasz"
};
static const char *const last_names[] = {
	"Okafor", "Hale", "Mendes", "Haddad", "Tanaka", "Visser", "Nolan", "Kowalski"
};
static const char *const targets[] = {
	"NATO", "Russia", "the Kremlin", "the European Union", "Congress",
	"the White House", "Beijing", "the United Nations"
};
static const char *const roles[] = {
	"a senior official", "the spokeswoman", "an analyst", "the minister",
	"a lawmaker", "the ambassador"
};
static const char *const acts[] = {
	"accused", "praised", "condemned", "criticized", "welcomed", "blamed",
	"supported", "attacked", "defended", "warned", "denied", "thanked"
};
static const char *const cues[] = {
	"said", "says", "warned", "told reporters", "added", "argued", "insisted"
};
static const char *const words[] = {
	"good", "bad", "terrible", "wonderful", "hostile", "brave", "threat",
	"peace", "support", "not", "never", "didn't", "no", "great", "lies",
	"aggression", "dangerous", "unacceptable", "hope", "failure", "plan",
	"the", "a", "of", "and", "is", "was", "will", "would", "may", "could",
	"refused", "to", "failed", "very", "extremely", "happy", "angry",
	"victory", "crisis", "allies", "sanctions", "war", "deal", "trust",
	"don\xe2\x80\x99t", "it\xe2\x80\x99s", "wasn't", "Russian", "NATO's",
	"caf\xc3\xa9", "na\xc3\xafve", "\xe2\x80\x94", "stunningly", "disastrous"
};

/* a made-up word: 1 to 14 letters, now and then one longer than the cache keeps */
static void
made_up(Str *s)
{
	char		w[80];
	int			n = rnd(20) == 0 ? 65 + (int) rnd(10) : 1 + (int) rnd(14);

	for (int i = 0; i < n; i++)
		w[i] = (char) ('a' + rnd(26));
	if (rnd(4) == 0)
		w[0] = (char) (w[0] - 'a' + 'A');
	s_mem(s, w, (size_t) n);
}

static void
clause(Str *s, const char *target)
{
	int			n = 4 + (int) rnd(10);

	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			s_str(s, rnd(12) == 0 ? ", " : " ");
		switch (rnd(5))
		{
			case 0:
				made_up(s);
				break;
			case 1:
				s_str(s, rnd(2) ? target : PICK(targets));
				break;
			default:
				s_str(s, PICK(words));
				break;
		}
	}
}

static void
person(Str *s)
{
	s_str(s, PICK(first_names));
	s_str(s, " ");
	s_str(s, PICK(last_names));
}

/* an article of about nsent sentences */
static void
document(Str *s, int nsent)
{
	const char *target = PICK(targets);

	s->n = 0;
	s_str(s, "");
	for (int i = 0; i < nsent; i++)
	{
		switch (rnd(6))
		{
			case 0:
				s_str(s, "\xe2\x80\x9c");
				clause(s, target);
				s_str(s, ",\xe2\x80\x9d ");
				s_str(s, PICK(cues));
				s_str(s, " ");
				person(s);
				s_str(s, ", ");
				s_str(s, PICK(roles));
				s_str(s, ".");
				break;
			case 1:
				person(s);
				s_str(s, " ");
				s_str(s, PICK(acts));
				s_str(s, " ");
				s_str(s, target);
				s_str(s, " of ");
				clause(s, target);
				s_str(s, ".");
				break;
			case 2:
				person(s);
				s_str(s, " said ");
				s_str(s, target);
				s_str(s, " was ");
				clause(s, target);
				s_str(s, ".");
				break;
			case 3:
				s_str(s, "\"");
				clause(s, target);
				s_str(s, ",\" ");
				person(s);
				s_str(s, " ");
				s_str(s, PICK(cues));
				s_str(s, ". \"");
				clause(s, target);
				s_str(s, ".\"");
				break;
			case 4:
				s_str(s, "According to ");
				person(s);
				s_str(s, ", ");
				clause(s, target);
				s_str(s, ".");
				break;
			default:
				clause(s, target);
				s_str(s, ".");
				break;
		}
		s_str(s, rnd(4) == 0 ? "\n\n" : " ");
	}
}

/* ---------- results as text, to compare ---------- */

static void
s_span(Str *s, StSpan sp)
{
	s_fmt_int(s, sp.start);
	s_str(s, "-");
	s_fmt_int(s, sp.end);
	s_str(s, " ");
}

/* returns how many statements take a side (favor or against) */
static int
dump(Str *s, StStatus rc, const StResult *r)
{
	char		b[64];
	int			polar = 0;

	s->n = 0;
	s_str(s, "rc ");
	s_fmt_int(s, rc);
	s_str(s, "\n");
	if (rc != ST_OK)
		return 0;
	for (int32_t i = 0; i < r->nsentences; i++)
	{
		s_span(s, r->sentences[i].span);
		s_fmt_int(s, r->sentences[i].paragraph);
		s_str(s, "\n");
	}
	for (int32_t i = 0; i < r->nstatements; i++)
	{
		const StStatement *t = &r->statements[i];

		s_fmt_int(s, t->kind);
		s_str(s, " ");
		s_fmt_int(s, t->speaker);
		s_str(s, " ");
		s_span(s, t->mention);
		s_span(s, t->cue);
		s_span(s, t->content);
		s_str(s, t->act ? t->act : "-");
		s_str(s, " ");
		s_str(s, t->target ? t->target : "-");
		if (t->stance == ST_STANCE_FAVOR || t->stance == ST_STANCE_AGAINST)
			polar++;
		snprintf(b, sizeof(b), " %d %.17g %d %d\n", (int) t->stance,
				 t->confidence, (int) t->negated, (int) t->hedged);
		s_str(s, b);
	}
	for (int32_t i = 0; i < r->nspeakers; i++)
	{
		const StSpeaker *k = &r->speakers[i];

		s_str(s, k->name);
		s_str(s, " ");
		s_str(s, k->role ? k->role : "-");
		s_str(s, " ");
		s_str(s, k->affiliation ? k->affiliation : "-");
		snprintf(b, sizeof(b), " %d %d %d %d\n", (int) k->kind,
				 (int) k->mentions, (int) k->statements, (int) k->first);
		s_str(s, b);
	}
	return polar;
}

/*
 * Analyse text (copied into a buffer of its own, which is overwritten and
 * freed afterwards: the cache must not keep pointers into it) with opts,
 * and dump the result into out.  Returns dump's count.
 */
static int
analyse_dump(const char *text, size_t len, const StOptions *opts, Str *out)
{
	char	   *buf = malloc(len ? len : 1);
	StArena    *arena = st_arena_create(c_alloc, c_free, NULL);
	StResult	r;
	StStatus	rc;
	int			polar;

	if (buf == NULL || arena == NULL)
		abort();
	memcpy(buf, text, len);
	rc = st_analyze(arena, buf, len, opts, &r);
	polar = dump(out, rc, &r);
	st_arena_destroy(arena);
	memset(buf, 'Z', len);
	free(buf);
	return polar;
}

/* ---------- tests ---------- */

/* many documents in sequence through one small cache equal each alone */
static void
test_cache_sequence(size_t size, int ndocs, uint64_t min_clears)
{
	void	   *mem = malloc(size);
	StWordCache *cache = st_word_cache_init(mem, size);
	StOptions	with,
				without;
	Str			doc = {0},
				a = {0},
				b = {0};
	int			same = 0,
				stances = 0,
				polar;
	bool		reported = false;
	char		name[96];

	snprintf(name, sizeof(name), "cache of %zu bytes", size);
	CHECK(name, cache != NULL);
	if (cache == NULL)
	{
		free(mem);
		return;
	}
	memset(&with, 0, sizeof(with));
	memset(&without, 0, sizeof(without));
	with.word_cache = cache;
	for (int i = 0; i < ndocs; i++)
	{
		document(&doc, 5 + (int) rnd(40));
		analyse_dump(doc.p, doc.n, &with, &a);
		polar = analyse_dump(doc.p, doc.n, &without, &b);
		if (a.n == b.n && memcmp(a.p, b.p, a.n) == 0)
			same++;
		else if (!reported)
		{
			fprintf(stderr, "cache: document %d differs:\n%s\n---\n%s\n", i, a.p, b.p);
			reported = true;
		}
		stances += polar;
	}
	snprintf(name, sizeof(name), "cache of %zu bytes: the documents have stances", size);
	CHECK(name, stances > ndocs);
	snprintf(name, sizeof(name), "cache of %zu bytes: %d documents as without", size, ndocs);
	CHECK(name, same == ndocs);
	snprintf(name, sizeof(name), "cache of %zu bytes: filled and cleared (%llu times)",
			 size, (unsigned long long) st_word_cache_clears(cache));
	CHECK(name, st_word_cache_clears(cache) >= min_clears);
	free(doc.p);
	free(a.p);
	free(b.p);
	free(mem);
}

/* too little memory, or misaligned: no cache */
static void
test_cache_init(void)
{
	static uint64_t small[8];
	uint64_t   *big = malloc(ST_WORD_CACHE_SIZE);

	CHECK("cache: too small refused", st_word_cache_init(small, sizeof(small)) == NULL);
	CHECK("cache: misaligned refused",
		  st_word_cache_init((char *) big + 1, ST_WORD_CACHE_SIZE - 8) == NULL);
	CHECK("cache: default size accepted", st_word_cache_init(big, ST_WORD_CACHE_SIZE) != NULL);
	free(big);
}

/*
 * The keys are copied.  A word kept from one text must not be found again
 * through that text's bytes: overwritten so that they spell another word
 * with the same first and last four bytes and length (all a slot holds of
 * the word besides the key), the other word must not get the first's
 * reading.
 */
static void
test_cache_keys_copied(void)
{
	static const char s1[] = "NATO did a wonderful job";
	static const char s2[] = "NATO did a wondxrful job";
	size_t		size = 64 * 1024;
	void	   *mem = malloc(size);
	StWordCache *cache = st_word_cache_init(mem, size);
	char	   *buf = malloc(sizeof(s1));
	StStanceInput in;
	StStanceResult r1,
				r2,
				ref;

	memcpy(buf, s1, sizeof(s1));
	memset(&in, 0, sizeof(in));
	in.stmt = buf;
	in.len = strlen(s1);
	in.target = "NATO";
	in.tlen = 4;
	in.act_start = -1;
	in.memo = st_word_cache_memo(cache);
	st_word_cache_enter(cache);
	r1 = st_stance_classify_in(&in);
	CHECK("cache: a valence counts", r1.nhits > 0);
	/* the same bytes, now another word; then the cache asked for it */
	memcpy(buf, s2, sizeof(s2));
	r2 = st_stance_classify_in(&in);
	st_word_cache_leave(cache);
	ref = st_stance_classify(s2, strlen(s2), "NATO", 4);
	CHECK("cache: keys are copied (no stale hit)",
		  r2.nhits == ref.nhits && r2.score == ref.score && r2.label == ref.label);
	CHECK("cache: the made-up word has no valence", ref.nhits < r1.nhits);
	free(buf);
	free(mem);
}

/* ---------- aborted analyses ---------- */

static jmp_buf abort_jmp;
static int	ticks,
			abort_at;

/* counts the ticks; longjmps out at the abort_at-th (as CHECK_FOR_INTERRUPTS) */
static int
tick_abort(void *ctx)
{
	(void) ctx;
	if (++ticks == abort_at)
		longjmp(abort_jmp, 1);
	return 0;
}

/* returns "cancel" at the abort_at-th tick */
static int
tick_cancel(void *ctx)
{
	(void) ctx;
	return ++ticks == abort_at;
}

/*
 * An analysis that longjmps out leaves the cache busy; the next one clears
 * it first and gives the right answers.  One canceled by a nonzero return
 * comes back and leaves it usable.
 */
static void
test_cache_abort(void)
{
	size_t		size = 256 * 1024;
	void	   *mem = malloc(size);
	StWordCache *cache = st_word_cache_init(mem, size);
	Str			big = {0},
				doc = {0},
				a = {0},
				b = {0};
	StOptions	opts,
				plain;
	int			nticks;
	bool		ok = true,
				cleared = true;

	/* a long article: the engine ticks every few thousand tokens */
	while (big.n < 400 * 1024)
	{
		document(&doc, 40);
		s_mem(&big, doc.p, doc.n);
		s_str(&big, "\n\n");
	}
	memset(&opts, 0, sizeof(opts));
	memset(&plain, 0, sizeof(plain));
	opts.word_cache = cache;
	opts.interrupt = tick_abort;

	/* how many ticks a whole analysis takes */
	ticks = 0;
	abort_at = -1;
	analyse_dump(big.p, big.n, &opts, &a);
	nticks = ticks;
	CHECK("cache: the long article ticks", nticks > 4);

	for (int k = 1; k <= 4; k++)
	{
		volatile int at = k == 4 ? nticks : 1 + (nticks - 1) * k / 4;
		StArena    *volatile arena = st_arena_create(c_alloc, c_free, NULL);
		uint64_t	before = st_word_cache_clears(cache);
		StResult	r;

		ticks = 0;
		abort_at = at;
		if (setjmp(abort_jmp) == 0)
		{
			st_analyze(arena, big.p, big.n, &opts, &r);
			ok = false;			/* not reached */
		}
		st_arena_destroy(arena);	/* the caller's cleanup, as the backend's */
		abort_at = -1;

		/* an article repeating the long one's words, then part of it */
		for (int j = 0; j < 3; j++)
		{
			const char *text = big.p + (size_t) j * 4096;
			size_t		len = j == 2 ? 60000 : 9000;

			analyse_dump(text, len, &opts, &a);
			analyse_dump(text, len, &plain, &b);
			if (a.n != b.n || memcmp(a.p, b.p, a.n) != 0)
				ok = false;
		}
		if (st_word_cache_clears(cache) < before + 1)
			cleared = false;
	}
	CHECK("cache: after an analysis longjmp'd out, results as without", ok);
	CHECK("cache: found busy, it was cleared", cleared);

	/* canceled by the callback: it returns, the cache stays usable */
	opts.interrupt = tick_cancel;
	ticks = 0;
	abort_at = 2;
	{
		StArena    *arena = st_arena_create(c_alloc, c_free, NULL);
		StResult	r;
		StStatus	rc = st_analyze(arena, big.p, big.n, &opts, &r);

		CHECK("cache: canceled", rc == ST_ERR_CANCELED);
		st_arena_destroy(arena);
	}
	abort_at = -1;
	analyse_dump(big.p, 30000, &opts, &a);
	analyse_dump(big.p, 30000, &plain, &b);
	CHECK("cache: after a cancel, results as without",
		  a.n == b.n && memcmp(a.p, b.p, a.n) == 0);

	/* the whole article with the cache as without */
	opts.interrupt = NULL;
	analyse_dump(big.p, big.n, &opts, &a);
	analyse_dump(big.p, big.n, &plain, &b);
	CHECK("cache: a long article as without", a.n == b.n && memcmp(a.p, b.p, a.n) == 0);

	free(big.p);
	free(doc.p);
	free(a.p);
	free(b.p);
	free(mem);
}

void		test_word_cache(int *npass, int *nfail);

void
test_word_cache(int *npass, int *nfail)
{
	c_pass = npass;
	c_fail = nfail;
	test_cache_init();
	test_cache_keys_copied();
	/* tiny: cleared within documents, between statements */
	test_cache_sequence(4096, 300, 50);
	/* small: cleared every few documents */
	test_cache_sequence(64 * 1024, 300, 3);
	/* the default: cleared rarely if at all */
	test_cache_sequence(ST_WORD_CACHE_SIZE, 100, 0);
	test_cache_abort();
}
