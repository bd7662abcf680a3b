/*
 * stance_core.h
 *	  Public interface of the stance analysis engine.
 *
 * The engine is plain C99 with no PostgreSQL headers.  All memory comes from
 * an StArena whose block allocator is supplied by the caller (palloc in the
 * backend, malloc in tests, the fuzzer and the command-line tool).
 *
 * Input is UTF-8.  Invalid byte sequences are tolerated (each bad byte is
 * treated as one opaque character); the engine never reads outside
 * [text, text + len) and never needs a terminating NUL.
 *
 * All positions in results are byte offsets into the input, end exclusive.
 */
#ifndef STANCE_CORE_H
#define STANCE_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ST_CORE_VERSION "0.1.0"

/* ---------- arena ---------- */

typedef void *(*StAllocFn) (void *ctx, size_t size);	/* must not return NULL,
														 * or return NULL on OOM */
typedef void (*StFreeFn) (void *ctx, void *ptr);

typedef struct StArena StArena;

/* Create an arena; blocks are obtained from alloc_fn(ctx, size). */
extern StArena *st_arena_create(StAllocFn alloc_fn, StFreeFn free_fn, void *ctx);
/* Zeroed memory, 8-byte aligned.  Returns NULL only if alloc_fn did. */
extern void *st_arena_alloc(StArena *arena, size_t size);
/* Like st_arena_alloc, but the memory is not zeroed. */
extern void *st_arena_alloc_raw(StArena *arena, size_t size);
extern char *st_arena_strndup(StArena *arena, const char *s, size_t n);
/* Release every block (free_fn may be NULL: then nothing is released). */
extern void st_arena_destroy(StArena *arena);
/* Bytes obtained from alloc_fn so far. */
extern size_t st_arena_used(const StArena *arena);

/* ---------- results ---------- */

typedef struct StSpan
{
	int32_t		start;			/* byte offset, -1 when absent */
	int32_t		end;			/* exclusive */
} StSpan;

typedef enum StKind
{
	ST_KIND_DIRECT = 0,			/* the content is one quotation */
	ST_KIND_MIXED,				/* quoted and paraphrased material, or a
								 * quotation interrupted by its attribution */
	ST_KIND_INDIRECT			/* reported speech without quotation marks */
} StKind;

typedef enum StSpeakerKind
{
	ST_SPK_PERSON = 0,
	ST_SPK_ORGANIZATION,
	ST_SPK_GROUP,
	ST_SPK_ANONYMOUS
} StSpeakerKind;

typedef struct StStatement
{
	StKind		kind;
	int32_t		speaker;		/* index into StResult.speakers, -1 if none */
	StSpan		mention;		/* words naming the speaker here */
	StSpan		cue;			/* reporting words */
	StSpan		content;		/* what was said */
	/* filled by the stance pass (target.c) */
	const char *act;			/* speech act of the cue (lexicon/acts.txt), or
								 * NULL */
	const char *target;			/* canonical name of the target, or NULL */
	int32_t		stance;			/* ST_STANCE_* of stance.h, -1 without target */
	double		confidence;		/* of the stance, in [0,1] */
	bool		negated;		/* the cue is negated: "did not say" */
	bool		hedged;			/* the cue is hedged: "may have said" */
} StStatement;

typedef struct StSpeaker
{
	const char *name;			/* canonical name, NUL-terminated UTF-8 */
	StSpeakerKind kind;
	const char *role;			/* NULL when unknown */
	const char *affiliation;	/* NULL when unknown */
	int32_t		mentions;		/* mentions resolved to this speaker */
	int32_t		statements;		/* statements attributed to this speaker */
	int32_t		first;			/* byte offset of the first mention */
} StSpeaker;

typedef struct StSentence
{
	StSpan		span;			/* trimmed of surrounding white space */
	int32_t		paragraph;		/* 0-based paragraph number */
} StSentence;

typedef struct StResult
{
	StStatement *statements;
	int32_t		nstatements;
	StSpeaker  *speakers;
	int32_t		nspeakers;
	StSentence *sentences;
	int32_t		nsentences;
} StResult;

/* ---------- analysis ---------- */

typedef enum StStatus
{
	ST_OK = 0,
	ST_ERR_NOMEM,				/* the arena's allocator returned NULL */
	ST_ERR_TOOLONG,				/* input longer than ST_MAX_INPUT */
	ST_ERR_ICU,					/* ICU failed (message in st_last_error) */
	ST_ERR_CANCELED				/* the interrupt callback asked to stop */
} StStatus;

#define ST_MAX_INPUT ((size_t) 0x3FFFFFFF)	/* 1 GB - 1, as a varlena */

/*
 * Words' readings kept across documents.  The stance classifier looks each
 * word of a statement up in static lexicons (word lists, valence, negation,
 * speech acts); what it finds depends on the word's bytes alone, so a cache
 * that outlives one document saves a backend or a batch the lookups of the
 * words it has seen.  The caller owns the memory (the engine allocates
 * nothing outside an arena): st_word_cache_init lays a cache out in size
 * bytes at mem (8-byte aligned; ST_WORD_CACHE_SIZE is a good size) and
 * returns it, or NULL if size is too small.  Keys are copied into the
 * cache, so the texts analysed may be freed; when full it is cleared and
 * starts over.  One analysis at a time may use a cache.  An analysis that
 * never returns (the interrupt callback or the allocator longjmp'd out)
 * leaves it marked busy, and the next one clears it before use.
 */
typedef struct StWordCache StWordCache;

#define ST_WORD_CACHE_SIZE ((size_t) 1 << 20)

extern StWordCache *st_word_cache_init(void *mem, size_t size);
/* forget every word */
extern void st_word_cache_clear(StWordCache *cache);
/* how many times it was cleared (full, or after an aborted analysis) */
extern uint64_t st_word_cache_clears(const StWordCache *cache);

typedef struct StOptions
{
	/*
	 * Called every few thousand tokens.  It may longjmp out (the backend's
	 * CHECK_FOR_INTERRUPTS does); the engine holds no resources outside the
	 * arena across a call.  Returning nonzero stops with ST_ERR_CANCELED.
	 */
	int			(*interrupt) (void *ctx);
	void	   *interrupt_ctx;

	/*
	 * Targets named by the caller: when targets is not NULL, only they (and
	 * their aliases) are targets of statements, and with ntargets 0 none
	 * is; when NULL, the entities the article names are.
	 */
	const struct StTargetSpec *targets;
	int32_t		ntargets;

	/*
	 * Words' readings kept from one st_analyze to the next (see above), or
	 * NULL: each analysis finds them afresh.  Results are the same.
	 */
	StWordCache *word_cache;
} StOptions;

/* a target named by the caller, with other names for it */
typedef struct StTargetSpec
{
	const char *name;			/* NUL-terminated UTF-8 */
	const char *const *aliases;
	int32_t		naliases;
} StTargetSpec;

/* Sentences only. */
extern StStatus st_segment(StArena *arena, const char *text, size_t len,
						   const StOptions *opts, StResult *out);

/* Full analysis: sentences, statements, speakers. */
extern StStatus st_analyze(StArena *arena, const char *text, size_t len,
						   const StOptions *opts, StResult *out);

extern const char *st_status_message(StStatus status);
extern const char *st_kind_name(StKind kind);
extern const char *st_speaker_kind_name(StSpeakerKind kind);
/* ICU version string, e.g. "72.1" */
extern const char *st_icu_version(void);

/* Number of code points in text[0, off) (each invalid byte counts as one). */
extern int64_t st_utf8_count(const char *text, size_t off);

#endif							/* STANCE_CORE_H */
