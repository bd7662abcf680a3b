/*
 * lexicon.h
 *	  Word lists compiled from lexicon/NAME.txt by tools/genlex.sh.
 */
#ifndef STANCE_LEXICON_H
#define STANCE_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ST_LEXICONS(X) \
	X(abbreviations) \
	X(auxiliaries) \
	X(connectives) \
	X(prepositions) \
	X(cues) \
	X(titles) \
	X(roles) \
	X(orgnouns) \
	X(places) \
	X(determiners) \
	X(pronouns) \
	X(notnames) \
	X(female) \
	X(male) \
	X(topics)

#define ST_LEX_DECLARE(name) \
	extern const char *const st_lex_##name[]; \
	extern const int st_lex_##name##_n; \
	extern const int st_lexbit_##name;
ST_LEXICONS(ST_LEX_DECLARE)

/* every word of every list, with the bit mask (1 << st_lexbit_NAME) of its lists */
extern const char *const st_lex_all[];
extern const int st_lex_all_n;

/* the bit mask of the lists holding a word (0 if none), by hash lookup */
extern unsigned st_lex_classes(const char *word, size_t len);
/* the same, where avail >= len bytes from word may be read (faster when 8) */
extern unsigned st_lex_classes_avail(const char *word, size_t len, size_t avail);
/*
 * The same for a word of 1..8 bytes, none of them NUL, whose key the caller
 * has at hand: its bytes in memory order as one 64-bit load would give them
 * (zero bytes after the word), ASCII letters folded to lower case.
 */
extern unsigned st_lex_classes_key(uint64_t key, const char *word, size_t len);

/*
 * Look up a word (compared case-insensitively for ASCII letters; the word
 * need not be NUL-terminated).  Entries may carry a value after a bar
 * ("said|say"); the key is the part before it.  Returns the entry or NULL.
 */
extern const char *st_lex_find(const char *const *table, int n,
							   const char *word, size_t len);

/*
 * Does some key of the table start with the word followed by a space (a
 * key of several words: "lash out at")?  Compared as st_lex_find does.
 */
extern bool st_lex_starts_phrase(const char *const *table, int n,
								 const char *word, size_t len);

/*
 * Repeated lookups in one table: st_lex_open gives the table's hash (false
 * when it has none: use st_lex_find), st_lex_fold_step hashes a word one
 * byte at a time (start from ST_LEX_HASH0), and st_lex_find_split finds the
 * key stem[0, m) + add[0, al) with that hash, the stem compared as
 * st_lex_find compares (ASCII case folded), add as it is (lower case).
 */
typedef struct StLexHash
{
	const char *const *table;
	const int32_t *slots;
	uint32_t	mask;
	const int32_t *first;		/* keys of several words, by their first */
	uint32_t	fmask;
} StLexHash;

#define ST_LEX_HASH0 2166136261u

static inline uint32_t
st_lex_fold_step(uint32_t h, unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return (h ^ c) * 16777619u;
}

extern bool st_lex_open(const char *const *table, int n, StLexHash *h);
extern const char *st_lex_find_split(const StLexHash *h, uint32_t hash,
									 const char *stem, size_t m,
									 const char *add, size_t al);
/* st_lex_starts_phrase for the word stem[0, m) + add[0, al) with that hash */
extern bool st_lex_starts_phrase_split(const StLexHash *h, uint32_t hash,
									   const char *stem, size_t m,
									   const char *add, size_t al);

#define LEX_FIND(name, w, n) st_lex_find(st_lex_##name, st_lex_##name##_n, (w), (n))
#define LEX_HAS(name, w, n) (LEX_FIND(name, w, n) != NULL)

/* do a[0..n) and b[0..n) match, ignoring the case of ASCII letters? */
static inline bool
st_ascii_ieq(const char *a, const char *b, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		char		x = a[i],
					y = b[i];

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
	}
	return true;
}

/* the value part of an entry ("say" for "said|say"), or NULL */
extern const char *st_lex_value(const char *entry);

#endif
