/*
 * stance.h
 *	  The built-in stance classifier: the stance of one statement toward a
 *	  named target, from the statement's speech act (lexicon/acts.txt), the
 *	  target's slot (the act's object, the content, the speaker, absent),
 *	  negation and modality, and the content's sentiment (VADER,
 *	  lexicon/vader.txt) weighted by distance to the target.
 *
 *	  Plain C99, no allocation: the result holds offsets into the statement.
 */
#ifndef STANCE_STANCE_H
#define STANCE_STANCE_H

#include <stddef.h>
#include <stdint.h>

/* labels, as stance_datum() of src/pg/stance_type.c takes them */
#define ST_STANCE_AGAINST 0
#define ST_STANCE_NEUTRAL 1
#define ST_STANCE_FAVOR 2

/* where the target stands relative to the deciding act */
typedef enum StStanceSlot
{
	ST_SLOT_NONE = 0,			/* no act: the content alone decides */
	ST_SLOT_OBJECT,				/* the act's object: "accused NATO of" */
	ST_SLOT_CONTENT,			/* elsewhere in the statement */
	ST_SLOT_SUBJECT,			/* right before the act: the speaker itself */
	ST_SLOT_ABSENT				/* the target is not named */
} StStanceSlot;

/* at most this many words of a statement are read */
#define ST_STANCE_MAX_TOKENS 1024
/* at most this many sentiment-lexicon hits are kept for debugging */
#define ST_STANCE_MAX_HITS 16

typedef struct StStanceHit
{
	int32_t		start;			/* byte offset of the word in the statement */
	int32_t		len;
	double		valence;		/* VADER valence, after negation */
	double		weight;			/* by distance to the target */
} StStanceHit;

typedef struct StStanceResult
{
	int			label;			/* ST_STANCE_AGAINST / NEUTRAL / FAVOR */
	double		confidence;		/* in [0,1] */
	double		score;			/* act_score + content weight * content_score */
	double		act_score;		/* act polarity x slot x negation x modality */
	double		content_score;	/* normalised sentiment toward the target, [-1,1] */

	char		act[24];		/* speech act of the deciding cue, "" if none */
	int			polarity;		/* the act's own polarity: -1, 0, +1 */
	char		act_kind;		/* 'o', 'c', 'd' (lexicon/acts.txt), 0 if none */
	int32_t		cue_start;		/* the cue's bytes, -1 if none */
	int32_t		cue_len;
	StStanceSlot slot;
	int			target_mentions;	/* words of the statement naming the target */
	int32_t		target_start;	/* first mention, -1 if none */
	int32_t		target_len;
	int32_t		neg_start;		/* the negation of the act, -1 if none */
	int32_t		neg_len;
	int32_t		modal_start;	/* the modality of the act, -1 if none */
	int32_t		modal_len;
	int			nhits;			/* sentiment words counted (all of them) */
	StStanceHit hits[ST_STANCE_MAX_HITS];	/* the first ones */
	int			truncated;		/* more than ST_STANCE_MAX_TOKENS words */
} StStanceResult;

/*
 * Classify the stance of stmt (UTF-8, len bytes) toward target (tlen bytes).
 * aliases: naliases extra names of the target (NUL-terminated UTF-8), may be
 * NULL.  Besides them the target's last word, its acronym ("North Atlantic
 * Treaty Organization" - "NATO") or expansion, possessives (NATO's) and
 * demonyms (Russia - Russian) name it.  Target words match case-insensitively
 * (ASCII), acronyms only in capitals.
 */
extern StStanceResult st_stance_classify_aliases(const char *stmt, size_t len,
												 const char *target, size_t tlen,
												 const char *const *aliases,
												 int naliases);
extern StStanceResult st_stance_classify(const char *stmt, size_t len,
										 const char *target, size_t tlen);

/*
 * Words' valences found once, for many classifications of one document: the
 * caller allocates st_stance_memo_size() bytes, either zeroed or passed to
 * st_stance_memo_init (which clears a small part of them only), and keeps
 * the words it passes (the statements' bytes) alive as long as the memo.
 */
typedef struct StStanceMemo StStanceMemo;
extern size_t st_stance_memo_size(void);
extern void st_stance_memo_init(StStanceMemo *memo);

/*
 * The caller's StWordCache (stance_core.h) is a memo that copies its keys
 * and outlives documents.  st_analyze brackets its use with enter and leave
 * (see st_word_cache_enter for why an analysis that never leaves is safe).
 */
struct StWordCache;
extern void st_word_cache_enter(struct StWordCache *cache);
extern void st_word_cache_leave(struct StWordCache *cache);
extern StStanceMemo *st_word_cache_memo(struct StWordCache *cache);

/* everything st_stance_classify_in reads */
typedef struct StStanceInput
{
	const char *stmt;
	size_t		len;
	const char *target;
	size_t		tlen;
	const char *const *aliases;
	int			naliases;
	int32_t		act_start;		/* the cue's bytes in stmt, when known: */
	int32_t		act_len;		/* acts are read there (and in the three
								 * words after it) only; -1: everywhere */
	StStanceMemo *memo;			/* or NULL */
} StStanceInput;

extern StStanceResult st_stance_classify_in(const StStanceInput *in);

/* "against", "neutral", "favor"; "none", "object", "content", "subject", "absent" */
extern const char *st_stance_label_name(int label);
extern const char *st_stance_slot_name(StStanceSlot slot);

#endif
