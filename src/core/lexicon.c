/*
 * lexicon.c
 *	  Binary search in the generated word tables.
 */
#include "lexicon.h"

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
