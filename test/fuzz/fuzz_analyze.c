/*
 * fuzz_analyze.c
 *	  libFuzzer target over the engine's entry points, st_segment() and
 *	  st_analyze().
 *
 * The input bytes are analysed as they are (invalid UTF-8, NULs and all):
 * libFuzzer hands us a buffer of exactly `size` bytes, so AddressSanitizer
 * catches any read past the end.  After each call the result's invariants
 * are checked and any violation abort()s with a message on stderr:
 *
 *	- every span is absent (start == -1) or 0 <= start <= end <= len;
 *	- counts are non-negative and arrays are non-NULL when non-empty;
 *	- sentences are in order and do not overlap, paragraphs never decrease;
 *	- a statement's speaker is -1 or an index into speakers[];
 *	- a statement's content is present and non-empty;
 *	- a speaker has a name;
 *	- st_utf8_count() of a span's bounds (statements' spans first, at most
 *	  16 spans per call, as it scans from the start of the text) lies in
 *	  [0, bound] and a non-empty span has at least one character;
 *	- the status is ST_OK.
 *
 * The call is then repeated with failures injected: the arena's block
 * allocator returning NULL part-way; st_arena_alloc() and st_arena_strndup()
 * returning NULL from their N-th call on (the target is linked with
 * -Wl,--wrap=st_arena_alloc,--wrap=st_arena_strndup, so the engine's calls
 * come here first); and the interrupt callback asking to stop.  The engine
 * must then return ST_ERR_NOMEM or ST_ERR_CANCELED, without crashing and
 * without leaking anything outside the arena.  STANCE_FUZZ_INJECT=0 in the
 * environment turns the injected allocation failures off (to fuzz the
 * analysis itself while a known out-of-memory bug awaits its fix).
 *
 * Build and run: test/fuzz/run.sh [SECONDS].
 */
#include "stance_core.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- allocators ---------- */

typedef struct FuzzAlloc
{
	long		calls;			/* alloc_fn calls so far */
	long		fail_at;		/* return NULL from this call on; <0: never */
} FuzzAlloc;

static void *
fuzz_malloc(void *ctx, size_t size)
{
	FuzzAlloc  *fa = ctx;

	if (fa != NULL)
	{
		long		n = fa->calls++;

		if (fa->fail_at >= 0 && n >= fa->fail_at)
			return NULL;
	}
	return malloc(size);
}

static void
fuzz_free(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

/*
 * The engine's calls to st_arena_alloc() and st_arena_strndup() (from the
 * other object files) are routed here by the linker's --wrap.  From the
 * wrap_fail_at-th call on they fail, as if the block allocator had.
 */
extern void *__real_st_arena_alloc(StArena *arena, size_t size);
extern void *__real_st_arena_alloc_raw(StArena *arena, size_t size);
extern void *__wrap_st_arena_alloc_raw(StArena *arena, size_t size);
extern char *__real_st_arena_strndup(StArena *arena, const char *s, size_t n);
extern void *__wrap_st_arena_alloc(StArena *arena, size_t size);
extern char *__wrap_st_arena_strndup(StArena *arena, const char *s, size_t n);

static long wrap_calls;
static long wrap_fail_at = -1;	/* <0: never */

static int
wrap_fails(void)
{
	long		n = wrap_calls++;

	return wrap_fail_at >= 0 && n >= wrap_fail_at;
}

void *
__wrap_st_arena_alloc(StArena *arena, size_t size)
{
	if (wrap_fails())
		return NULL;
	return __real_st_arena_alloc(arena, size);
}

void *
__wrap_st_arena_alloc_raw(StArena *arena, size_t size)
{
	if (wrap_fails())
		return NULL;
	return __real_st_arena_alloc_raw(arena, size);
}

char *
__wrap_st_arena_strndup(StArena *arena, const char *s, size_t n)
{
	if (wrap_fails())
		return NULL;
	return __real_st_arena_strndup(arena, s, n);
}

/* ---------- interrupt callbacks ---------- */

typedef struct FuzzInterrupt
{
	long		calls;
	long		cancel_at;		/* return nonzero on this call; <0: never */
} FuzzInterrupt;

static int
fuzz_interrupt(void *ctx)
{
	FuzzInterrupt *fi = ctx;

	long		n = fi->calls++;

	return fi->cancel_at >= 0 && n >= fi->cancel_at;
}

/* ---------- invariants ---------- */

static void
fail(const char *what, long i, long a, long b, size_t len)
{
	fprintf(stderr,
			"fuzz_analyze: invariant violated: %s (index %ld: %ld, %ld; len %zu)\n",
			what, i, a, b, len);
	abort();
}

static int	utf8_checks_left;

static void
check_span(const char *what, long i, StSpan s, const char *text, size_t len)
{
	if (s.start == -1)
		return;
	if (s.start < 0 || s.start > s.end || (size_t) s.end > len)
		fail(what, i, s.start, s.end, len);
	/*
	 * The SQL glue turns byte offsets into character positions this way.
	 * st_utf8_count() scans from the start of the text, so only a bounded
	 * number of spans per call is checked (else the target is quadratic).
	 */
	if (utf8_checks_left > 0)
	{
		int64_t		cs = st_utf8_count(text, (size_t) s.start);
		int64_t		ce = st_utf8_count(text, (size_t) s.end);

		if (cs < 0 || cs > s.start || ce < cs || ce > s.end ||
			(s.end > s.start && ce == cs))
			fail("st_utf8_count of span bounds", i, (long) cs, (long) ce, len);
		utf8_checks_left--;
	}
}

static void
check_status(const char *fn, StStatus st)
{
	const char *msg = st_status_message(st);

	if (msg == NULL)
	{
		fprintf(stderr, "fuzz_analyze: st_status_message(%d) is NULL\n", (int) st);
		abort();
	}
	/*
	 * With malloc (which does not fail here: ASan aborts on absurd sizes)
	 * and an interrupt callback that never cancels, any input must be
	 * analysed.  ST_ERR_ICU would mean the engine gave ICU something it
	 * rejected.
	 */
	if (st != ST_OK)
	{
		fprintf(stderr, "fuzz_analyze: %s returned %d (%s)\n", fn, (int) st, msg);
		abort();
	}
}

static void
check_result(const StResult *r, const char *text, size_t len, int full)
{
	long		i;

	if (r->nsentences < 0 || r->nstatements < 0 || r->nspeakers < 0)
		fail("negative count", -1, r->nsentences, r->nstatements, len);
	if ((r->nsentences > 0 && r->sentences == NULL) ||
		(r->nstatements > 0 && r->statements == NULL) ||
		(r->nspeakers > 0 && r->speakers == NULL))
		fail("NULL array with a nonzero count", -1,
			 r->nsentences, r->nstatements, len);
	if (!full && (r->nstatements != 0 || r->nspeakers != 0))
		fail("st_segment returned statements or speakers", -1,
			 r->nstatements, r->nspeakers, len);

	/* statements first: they get the bounded st_utf8_count() checks */
	for (i = 0; i < r->nstatements; i++)
	{
		const StStatement *s = &r->statements[i];

		if (s->kind != ST_KIND_DIRECT && s->kind != ST_KIND_MIXED &&
			s->kind != ST_KIND_INDIRECT)
			fail("statement kind out of range", i, (long) s->kind, 0, len);
		if (st_kind_name(s->kind) == NULL)
			fail("st_kind_name is NULL", i, (long) s->kind, 0, len);
		if (s->speaker < -1 || s->speaker >= r->nspeakers)
			fail("statement speaker index out of range", i,
				 s->speaker, r->nspeakers, len);
		check_span("statement mention", i, s->mention, text, len);
		check_span("statement cue", i, s->cue, text, len);
		check_span("statement content", i, s->content, text, len);
		if (s->content.start == -1 || s->content.end <= s->content.start)
			fail("statement content empty or absent", i,
				 s->content.start, s->content.end, len);
	}

	for (i = 0; i < r->nspeakers; i++)
	{
		const StSpeaker *s = &r->speakers[i];

		if (s->name == NULL)
			fail("speaker without a name", i, 0, 0, len);
		/* touch every byte of the strings, up to their NUL */
		(void) strlen(s->name);
		if (s->role != NULL)
			(void) strlen(s->role);
		if (s->affiliation != NULL)
			(void) strlen(s->affiliation);
		if ((int) s->kind < ST_SPK_PERSON || s->kind > ST_SPK_ANONYMOUS)
			fail("speaker kind out of range", i, (long) s->kind, 0, len);
		if (st_speaker_kind_name(s->kind) == NULL)
			fail("st_speaker_kind_name is NULL", i, (long) s->kind, 0, len);
		if (s->mentions < 0 || s->statements < 0)
			fail("negative speaker counts", i, s->mentions, s->statements, len);
		if (s->first < -1 || (s->first >= 0 && (size_t) s->first > len))
			fail("speaker first mention out of range", i, s->first, 0, len);
	}

	for (i = 0; i < r->nsentences; i++)
	{
		const StSentence *s = &r->sentences[i];

		if (s->span.start == -1)
			fail("sentence without a span", i, s->span.start, s->span.end, len);
		check_span("sentence span", i, s->span, text, len);
		if (s->paragraph < 0)
			fail("negative paragraph", i, s->paragraph, 0, len);
		if (i > 0)
		{
			const StSentence *p = &r->sentences[i - 1];

			if (s->span.start < p->span.end)
				fail("sentences out of order or overlapping", i,
					 p->span.end, s->span.start, len);
			if (s->paragraph < p->paragraph)
				fail("paragraph numbers decrease", i,
					 p->paragraph, s->paragraph, len);
		}
	}
}

/* ---------- one run ---------- */

typedef StStatus (*EntryFn) (StArena *, const char *, size_t,
							 const StOptions *, StResult *);

/*
 * Run fn over the input with an arena on fa's allocator; check the status
 * (it must be `expect`, or ST_OK when expect < 0) and the result.
 * Returns the number of alloc_fn calls made.
 */
static long
run_one(EntryFn fn, const char *name, int full, const char *text, size_t len,
		FuzzAlloc *fa, const StOptions *opts, int expect)
{
	StArena    *arena = st_arena_create(fuzz_malloc, fuzz_free, fa);
	StResult	r;
	StStatus	st;

	if (arena == NULL)
	{
		if (fa->fail_at != 0)
		{
			fprintf(stderr, "fuzz_analyze: st_arena_create failed\n");
			abort();
		}
		return fa->calls;
	}
	memset(&r, 0, sizeof(r));
	utf8_checks_left = 16;
	st = fn(arena, text, len, opts, &r);
	if (expect < 0)
		check_status(name, st);
	else if (st != (StStatus) expect)
	{
		fprintf(stderr, "fuzz_analyze: %s returned %d (%s), expected %d (%s)\n",
				name, (int) st, st_status_message(st),
				expect, st_status_message((StStatus) expect));
		abort();
	}
	if (st == ST_OK)
		check_result(&r, text, len, full);
	st_arena_destroy(arena);
	return fa->calls;
}

/* a NULL-safe string comparison */
static int
str_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/*
 * The word cache must not change a result: analyse the input without one
 * and through `cache` (small, kept across inputs, so it fills, clears and
 * holds words of earlier inputs) and compare what the stance pass sets.
 */
static void
check_cache_same(const char *text, size_t len, StWordCache *cache)
{
	StArena    *a1 = st_arena_create(fuzz_malloc, fuzz_free, NULL);
	StArena    *a2 = st_arena_create(fuzz_malloc, fuzz_free, NULL);
	StOptions	o1;
	StOptions	o2;
	StResult	r1;
	StResult	r2;
	StStatus	s1;
	StStatus	s2;

	if (a1 == NULL || a2 == NULL)
		abort();
	memset(&o1, 0, sizeof(o1));
	memset(&o2, 0, sizeof(o2));
	o2.word_cache = cache;
	memset(&r1, 0, sizeof(r1));
	memset(&r2, 0, sizeof(r2));
	s1 = st_analyze(a1, text, len, &o1, &r1);
	s2 = st_analyze(a2, text, len, &o2, &r2);
	if (s1 != s2 || (s1 == ST_OK && r1.nstatements != r2.nstatements))
	{
		fprintf(stderr, "fuzz_analyze: with the word cache: status %d/%d\n",
				(int) s1, (int) s2);
		abort();
	}
	for (int32_t i = 0; s1 == ST_OK && i < r1.nstatements; i++)
	{
		const StStatement *x = &r1.statements[i];
		const StStatement *y = &r2.statements[i];

		if (!str_same(x->act, y->act) || !str_same(x->target, y->target) ||
			x->stance != y->stance || x->confidence != y->confidence)
		{
			fprintf(stderr, "fuzz_analyze: statement %ld differs with the word cache\n",
					(long) i);
			abort();
		}
	}
	st_arena_destroy(a1);
	st_arena_destroy(a2);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int	inject_nomem = 1;

/* a small word cache kept across inputs (it fills and clears often) */
static uint64_t cache_mem[4096 / sizeof(uint64_t)];
static StWordCache *word_cache;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *e = getenv("STANCE_FUZZ_INJECT");

	(void) argc;
	(void) argv;
	if (e != NULL && strcmp(e, "0") == 0)
		inject_nomem = 0;
	word_cache = st_word_cache_init(cache_mem, sizeof(cache_mem));
	if (word_cache == NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *) data;
	FuzzAlloc	fa;
	FuzzInterrupt fi;
	StOptions	opts;
	uint32_t	h = 2166136261u;
	long		nalloc;
	long		nwrap;
	size_t		i;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;

	/* sentences only */
	fa.calls = 0;
	fa.fail_at = -1;
	run_one(st_segment, "st_segment", 0, text, size, &fa, NULL, -1);

	/* full analysis, with an interrupt callback that never cancels */
	memset(&opts, 0, sizeof(opts));
	fi.calls = 0;
	fi.cancel_at = -1;
	opts.interrupt = fuzz_interrupt;
	opts.interrupt_ctx = &fi;
	fa.calls = 0;
	fa.fail_at = -1;
	wrap_calls = 0;
	nalloc = run_one(st_analyze, "st_analyze", 1, text, size, &fa, &opts, -1);
	nwrap = wrap_calls;

	/* with targets named by the caller (aliases of one, two and no words) */
	{
		static const char *const nato_aliases[] = {"the alliance", "North Atlantic", ""};
		static const char *const russia_aliases[] = {"Moscow"};
		static const StTargetSpec targets[] = {
			{"NATO", nato_aliases, 3}, {"Russia", russia_aliases, 1}, {"a", NULL, 0}
		};
		StOptions	topts;

		memset(&topts, 0, sizeof(topts));
		topts.targets = targets;
		topts.ntargets = (int32_t) (h % 4);	/* 0: no entity is a target */
		topts.word_cache = word_cache;
		fa.calls = 0;
		fa.fail_at = -1;
		run_one(st_analyze, "st_analyze (targets)", 1, text, size, &fa, &topts, -1);
	}

	/* the same result through the word cache */
	check_cache_same(text, size, word_cache);

	/*
	 * Again, with the allocator failing part-way (call 0 made the arena):
	 * the engine must notice the NULL from the arena and say so.
	 */
	if (inject_nomem && nalloc > 1)
	{
		fa.calls = 0;
		fa.fail_at = 1 + (long) (h % (uint32_t) (nalloc - 1));
		run_one(st_analyze, "st_analyze (failing allocator)", 1, text, size,
				&fa, NULL, ST_ERR_NOMEM);
	}

	/* again, with st_arena_alloc() failing from one of its calls on */
	if (inject_nomem && nwrap > 0)
	{
		wrap_calls = 0;
		wrap_fail_at = (long) ((h >> 8) % (uint32_t) nwrap);
		fa.calls = 0;
		fa.fail_at = -1;
		run_one(st_analyze, "st_analyze (failing st_arena_alloc)", 1, text, size,
				&fa, NULL, ST_ERR_NOMEM);
		wrap_fail_at = -1;
	}

	/*
	 * Again, cancelled at one of the interrupt checks the engine made above
	 * (if it made any: it checks every few thousand tokens).
	 */
	if (fi.calls > 0)
	{
		long		ncalls = fi.calls;

		fi.calls = 0;
		fi.cancel_at = (long) (h % (uint32_t) ncalls);
		fa.calls = 0;
		fa.fail_at = -1;
		opts.word_cache = word_cache;
		run_one(st_analyze, "st_analyze (cancelled)", 1, text, size,
				&fa, &opts, ST_ERR_CANCELED);
	}
	return 0;
}
