/*
 * lexicon.c
 *	  Binary search in the generated word tables.
 */
#include "lexicon.h"

#include <stdint.h>
#include <string.h>

/*
 * Compare a search key with an entry's key ("said|say" has key "said") in
 * the byte order that "LC_ALL=C sort" gave the whole lines (genlex.sh puts
 * a bar after every key, so "said|" sorts as the key "said" would).
 */
static int
cmp_key(const char *w, size_t len, const char *entry)
{
	size_t		i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) w[i];
		unsigned char e = (unsigned char) entry[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != e)
			return c < e ? -1 : 1;
	}
	/* every generated entry has a bar after its key */
	if (entry[len] == '|')
		return 0;
	return (unsigned char) '|' < (unsigned char) entry[len] ? -1 : 1;
}

/*
 * Per table, the range of entries for each first byte, computed on first use
 * (a fixed 257 ints a table, never freed): a search then looks at a few
 * dozen entries at most.
 */
#define MAX_TABLES 16

static struct
{
	const char *const *table;
	int			start[257];
} buckets[MAX_TABLES];
static int	nbuckets;

static const int *
bucket_of(const char *const *table, int n)
{
	int			i,
				b;

	for (i = 0; i < nbuckets; i++)
		if (buckets[i].table == table)
			return buckets[i].start;
	if (nbuckets == MAX_TABLES)
		return NULL;
	i = nbuckets;
	b = 0;
	for (int e = 0; e < n; e++)
	{
		int			c = (unsigned char) table[e][0];

		while (b <= c)
			buckets[i].start[b++] = e;
	}
	while (b <= 256)
		buckets[i].start[b++] = n;
	buckets[i].table = table;
	nbuckets++;
	return buckets[i].start;
}

const char *
st_lex_find(const char *const *table, int n, const char *word, size_t len)
{
	int			lo = 0,
				hi = n - 1;
	const int  *start;

	if (len == 0 || len > 64)
		return NULL;
	start = bucket_of(table, n);
	if (start != NULL)
	{
		unsigned char c = (unsigned char) word[0];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		lo = start[c];
		hi = start[c + 1] - 1;
	}
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = cmp_key(word, len, table[mid]);

		if (c == 0)
			return table[mid];
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *
st_lex_value(const char *entry)
{
	const char *sp = entry ? strchr(entry, '|') : NULL;

	return (sp && sp[1]) ? sp + 1 : NULL;
}

/*
 * The classes of a word (bit mask over the word lists), from a hash table
 * over st_lex_all built on first use: fixed size, never freed, the same for
 * every call, like ICU's own caches.
 */
#define ALL_SLOTS 4096			/* a power of two, over twice the words */

static struct
{
	const char *key;			/* entry of st_lex_all; NULL when empty */
	uint16_t	len;
	uint16_t	mask;
} all_slots[ALL_SLOTS];
static bool all_ready;

static uint32_t
fold_hash(const char *w, size_t len)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) w[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h = (h ^ c) * 16777619u;
	}
	return h;
}

static void
build_all(void)
{
	int			e;

	for (e = 0; e < st_lex_all_n; e++)
	{
		const char *entry = st_lex_all[e];
		const char *bar = strchr(entry, '|');
		size_t		len = (size_t) (bar - entry);
		unsigned	mask = 0;
		uint32_t	i;
		const char *v;

		for (v = bar + 1; *v >= '0' && *v <= '9'; v++)
			mask = mask * 10 + (unsigned) (*v - '0');
		for (i = fold_hash(entry, len) & (ALL_SLOTS - 1); all_slots[i].key;
			 i = (i + 1) & (ALL_SLOTS - 1))
			;
		all_slots[i].key = entry;
		all_slots[i].len = (uint16_t) len;
		all_slots[i].mask = (uint16_t) mask;
	}
	all_ready = true;
}

unsigned
st_lex_classes(const char *word, size_t len)
{
	uint32_t	i;

	if (len == 0 || len > 64)
		return 0;
	if (st_lex_all_n > ALL_SLOTS / 2)
	{
		/* more words than the table was sized for: search the sorted list */
		const char *e = st_lex_find(st_lex_all, st_lex_all_n, word, len);
		const char *v = e ? st_lex_value(e) : NULL;
		unsigned	m = 0;

		for (; v && *v >= '0' && *v <= '9'; v++)
			m = m * 10 + (unsigned) (*v - '0');
		return m;
	}
	if (!all_ready)
		build_all();
	for (i = fold_hash(word, len) & (ALL_SLOTS - 1); all_slots[i].key;
		 i = (i + 1) & (ALL_SLOTS - 1))
	{
		if (all_slots[i].len == len)
		{
			size_t		k;

			for (k = 0; k < len; k++)
			{
				unsigned char c = (unsigned char) word[k];

				if (c >= 'A' && c <= 'Z')
					c += 'a' - 'A';
				if (c != (unsigned char) all_slots[i].key[k])
					break;
			}
			if (k == len)
				return all_slots[i].mask;
		}
	}
	return 0;
}
