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
 * Each table gets an open-addressing hash of its keys (case-folded FNV-1a),
 * built on first use into a static pool: a lookup costs one hash and
 * usually one comparison.  Tables that do not fit fall back to binary
 * search.  The tables are immutable and the pool is written once per
 * process, before the first lookup of that table returns.
 */
#define MAX_TABLES 24
#define POOL_SLOTS (1 << 16)

static struct
{
	const char *const *table;
	int32_t    *slots;			/* entry index + 1; 0 when empty */
	uint32_t	mask;
	int32_t    *first;			/* the same for the first words of keys of
								 * several words (by their first word) */
	uint32_t	fmask;
	const uint64_t *skeys;		/* keys of 1..8 bytes (see short_find), or
								 * NULL */
	const uint16_t *sent;		/* their entry index + 1; 0 when empty */
	uint32_t	smask;
} hashes[MAX_TABLES];
static int	nhashes;
static int32_t pool[POOL_SLOTS];
static uint32_t pool_used;

static uint32_t fold_hash(const char *w, size_t len);
static void build_short(int h, const char *const *table, int n, uint32_t cap);
static const char *short_find(int h, const char *const *table,
							  const char *word, size_t len);

/* ASCII letters folded to lower case, every other byte as it is */
static const unsigned char fold_tab[256] = {
#define R8(b) (b), (b) + 1, (b) + 2, (b) + 3, (b) + 4, (b) + 5, (b) + 6, (b) + 7
	R8(0x00), R8(0x08), R8(0x10), R8(0x18), R8(0x20), R8(0x28), R8(0x30), R8(0x38),
	0x40, R8(0x61), R8(0x69), R8(0x71), 0x79, 0x7A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
	R8(0x60), R8(0x68), R8(0x70), R8(0x78),
	R8(0x80), R8(0x88), R8(0x90), R8(0x98), R8(0xA0), R8(0xA8), R8(0xB0), R8(0xB8),
	R8(0xC0), R8(0xC8), R8(0xD0), R8(0xD8), R8(0xE0), R8(0xE8), R8(0xF0), R8(0xF8)
#undef R8
};

/* the length of an entry's key, or of its first word when first */
static size_t
key_len(const char *entry, bool first)
{
	size_t		n = 0;

	while (entry[n] && entry[n] != '|' && !(first && entry[n] == ' '))
		n++;
	return n;
}

/* hash entries [0, n) of table by key (or first word) into slots */
static void
fill_slots(const char *const *table, int n, int32_t *slots, uint32_t cap,
		   bool first)
{
	for (int e = 0; e < n; e++)
	{
		size_t		len = key_len(table[e], first);
		uint32_t	i;

		if (first && table[e][len] != ' ')
			continue;
		for (i = fold_hash(table[e], len) & (cap - 1); slots[i];
			 i = (i + 1) & (cap - 1))
			;
		slots[i] = e + 1;
	}
}

static void
build_hash(const char *const *table, int n)
{
	uint32_t	cap = 16,
				fcap = 16;
	int			h = nhashes,
				multi = 0;
	/* the keys of several words, with the hashes of their first words */
	enum
	{
	MAX_MULTI = 1024};
	int32_t		multi_e[MAX_MULTI];
	uint32_t	multi_h[MAX_MULTI];
	int32_t    *slots;

	if (nhashes == MAX_TABLES)
		return;
	while (cap < (uint32_t) n * 2)
		cap <<= 1;
	hashes[h].table = table;
	hashes[h].slots = NULL;
	hashes[h].first = NULL;
	hashes[h].skeys = NULL;
	nhashes++;
	if (pool_used + cap + fcap > POOL_SLOTS)
		return;
	/* one pass: each key's hash, and its first word's when it has several */
	slots = pool + pool_used;
	for (int e = 0; e < n; e++)
	{
		const char *p = table[e];
		uint32_t	hk = 2166136261u,
					i;
		bool		first_done = false;

		for (; *p && *p != '|'; p++)
		{
			if (*p == ' ' && !first_done)
			{
				first_done = true;
				if (multi < MAX_MULTI)
				{
					multi_e[multi] = e;
					multi_h[multi] = hk;
				}
				multi++;
			}
			hk = (hk ^ fold_tab[(unsigned char) *p]) * 16777619u;
		}
		for (i = hk & (cap - 1); slots[i]; i = (i + 1) & (cap - 1))
			;
		slots[i] = e + 1;
	}
	while (fcap < (uint32_t) multi * 2)
		fcap <<= 1;
	if (pool_used + cap + fcap > POOL_SLOTS)
	{
		memset(slots, 0, sizeof(int32_t) * cap);	/* no room: no hash */
		return;
	}
	hashes[h].slots = slots;
	hashes[h].mask = cap - 1;
	hashes[h].first = pool + pool_used + cap;
	hashes[h].fmask = fcap - 1;
	build_short(h, table, n, cap);
	if (multi <= MAX_MULTI)
	{
		for (int m = 0; m < multi; m++)
		{
			uint32_t	i;

			for (i = multi_h[m] & (fcap - 1); hashes[h].first[i]; i = (i + 1) & (fcap - 1))
				;
			hashes[h].first[i] = multi_e[m] + 1;
		}
	}
	else
		fill_slots(table, n, hashes[h].first, fcap, true);
	pool_used += cap + fcap;
}

/* the hash of table, built on first use; -1 when it has none */
static int
hash_of(const char *const *table, int n)
{
	/* which hash belongs to which table, by the table's address */
	static int8_t by_addr[256];
	uint32_t	a = (uint32_t) ((((uintptr_t) table >> 3) * 2654435761u) >> 8) & 255;
	int			h = by_addr[a] - 1;

	if (h >= 0 && hashes[h].table == table)
		return hashes[h].slots != NULL ? h : -1;
	for (h = 0; h < nhashes; h++)
		if (hashes[h].table == table)
			break;
	if (h == nhashes)
		build_hash(table, n);	/* may find no room: then h == nhashes */
	if (h >= nhashes)
		return -1;
	by_addr[a] = (int8_t) (h + 1);
	return hashes[h].slots != NULL ? h : -1;
}

bool
st_lex_starts_phrase(const char *const *table, int n, const char *word,
					 size_t len)
{
	int			h;

	if (len == 0 || len > 64)
		return false;
	if ((h = hash_of(table, n)) < 0)
		return true;			/* cannot tell: let the caller look */
	for (uint32_t i = fold_hash(word, len) & hashes[h].fmask; hashes[h].first[i];
		 i = (i + 1) & hashes[h].fmask)
	{
		const char *entry = table[hashes[h].first[i] - 1];

		if (key_len(entry, true) == len && st_ascii_ieq(word, entry, len))
			return true;
	}
	return false;
}

const char *
st_lex_find(const char *const *table, int n, const char *word, size_t len)
{
	int			lo = 0,
				hi = n - 1;
	int			h;

	if (len == 0 || len > 64)
		return NULL;
	if ((h = hash_of(table, n)) >= 0)
	{
		const int32_t *slots = hashes[h].slots;
		uint32_t	mask = hashes[h].mask;

		/* most words are short: compared as one number, no hash per byte */
		if (hashes[h].skeys != NULL && len <= 8 && word[len - 1] != '\0')
			return short_find(h, table, word, len);
		for (uint32_t i = fold_hash(word, len) & mask; slots[i]; i = (i + 1) & mask)
		{
			const char *entry = table[slots[i] - 1];

			if (cmp_key(word, len, entry) == 0)
				return entry;
		}
		return NULL;
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

bool
st_lex_open(const char *const *table, int n, StLexHash *lh)
{
	int			h = hash_of(table, n);

	if (h < 0)
		return false;
	lh->table = table;
	lh->slots = hashes[h].slots;
	lh->mask = hashes[h].mask;
	lh->first = hashes[h].first;
	lh->fmask = hashes[h].fmask;
	return true;
}

bool
st_lex_starts_phrase_split(const StLexHash *lh, uint32_t hash,
						   const char *stem, size_t m, const char *add,
						   size_t al)
{
	if (m + al == 0 || m + al > 64)
		return false;
	for (uint32_t i = hash & lh->fmask; lh->first[i]; i = (i + 1) & lh->fmask)
	{
		const char *entry = lh->table[lh->first[i] - 1];

		if (key_len(entry, true) == m + al && st_ascii_ieq(stem, entry, m) &&
			st_ascii_ieq(add, entry + m, al))
			return true;
	}
	return false;
}

const char *
st_lex_find_split(const StLexHash *lh, uint32_t hash, const char *stem,
				  size_t m, const char *add, size_t al)
{
	if (m + al == 0 || m + al > 64)
		return NULL;
	for (uint32_t i = hash & lh->mask; lh->slots[i]; i = (i + 1) & lh->mask)
	{
		const char *entry = lh->table[lh->slots[i] - 1];
		size_t		k;

		for (k = 0; k < m; k++)
		{
			unsigned char c = (unsigned char) stem[k];

			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c != (unsigned char) entry[k])
				break;
		}
		if (k < m)
			continue;
		if (memcmp(entry + m, add, al) == 0 && entry[m + al] == '|')
			return entry;
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

/*
 * The words of over eight bytes (those of 9 to 16 are also in mid_slots,
 * below, which most lookups use).  Slots of 8 bytes: the hash and length of
 * the key, and its classes; the key itself is in all_keys, read only when
 * hash and length match.
 */
static struct
{
	uint32_t	hash;			/* all_hash of the key */
	uint16_t	len;			/* 0 when empty */
	uint16_t	mask;
} all_slots[ALL_SLOTS];
static const char *all_keys[ALL_SLOTS];
static bool all_ready;

/*
 * A filter in front of all_slots: one bit for each (length, first letter,
 * last letter) of the words (5 bits each, folded), so most words that no
 * list holds cost no hash.
 */
static uint8_t all_filter[1 << 15 >> 3];

/*
 * Words of eight bytes at most (most tokens) have a table of their own,
 * keyed by the word itself: its bytes, ASCII letters folded, as a 64-bit
 * number (zero bytes past the end).  A lookup costs one multiplication and
 * usually one comparison of two numbers.  Keys of different words differ
 * (no word of the lists holds a zero byte, and a word whose last byte is
 * zero is no word of theirs), so short_mask needs no length.  16 + 4 KB.
 */
#define SHORT_SLOTS 2048		/* a power of two, over twice the short words */
#define SHORT_SHIFT (64 - 11)	/* 64 - log2(SHORT_SLOTS) */
static uint64_t short_keys[SHORT_SLOTS];	/* 0 when empty */
static uint16_t short_mask[SHORT_SLOTS];

#define SHORT_SLOT(v) ((uint32_t) (((v) * 0x9E3779B97F4A7C15u) >> SHORT_SHIFT))

/*
 * A bit for each short word in front of the slots (other bits of the same
 * product), so a word that no list holds costs one load of a 4 KB table
 * and no probing as a rule.
 */
static uint8_t short_filter[1 << 15 >> 3];

#define SHORT_FBIT(v) ((uint32_t) (((v) * 0x9E3779B97F4A7C15u) >> 38) & 0x7FFF)

/* the eight bytes at w, ASCII letters folded, as fold_tab folds them */
static inline uint64_t
fold8(const char *w)
{
	const uint64_t ones = 0x0101010101010101u;
	uint64_t	v,
				lo,
				ge_a,
				gt_z;

	memcpy(&v, w, 8);
	lo = v & (0x7F * ones);		/* each byte without its top bit */
	ge_a = lo + (0x80 - 'A') * ones;	/* top bit: byte >= 'A' */
	gt_z = lo + (0x80 - 'Z' - 1) * ones;	/* top bit: byte > 'Z' */
	/* 0x20 in the bytes from 'A' to 'Z' (and below 0x80) */
	return v | (((ge_a & ~gt_z & ~v) & (0x80 * ones)) >> 2);
}

/* the key of a word of 1..8 bytes, reading only its bytes */
static inline uint64_t
short_key_bytes(const char *w, size_t len)
{
	char		buf[8] = {0};

	memcpy(buf, w, len);
	return fold8(buf);
}

/* fold8 of a word of 1..8 bytes followed by others: those masked off */
static inline uint64_t
short_key_loaded(const char *w, size_t len)
{
	/* len bytes of ones in memory order, whatever the byte order */
	static const unsigned char ones[16] = {
		0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF
	};
	uint64_t	m;

	memcpy(&m, ones + 8 - len, 8);
	return fold8(w) & m;
}

/*
 * The keys of 1..8 bytes of the smaller tables have a second hash, keyed by
 * the bytes themselves as one number (zero bytes after the key), so that
 * st_lex_find costs one multiplication and a comparison of numbers rather
 * than a hash and a comparison per byte.  An entry's key is taken as it is
 * (cmp_key folds only the word), the word folded: the numbers are equal
 * just when cmp_key would match, for the entries hold no zero byte and a
 * word ending in one is left to the other path.
 */
#define SPOOL_SLOTS 8192
#define SMALL_TABLE 4096		/* entry indexes fit in uint16_t */
static uint64_t spool_keys[SPOOL_SLOTS];
static uint16_t spool_ent[SPOOL_SLOTS];
static uint32_t spool_used;

#define SKEY_SLOT(v) ((uint32_t) (((v) * 0x9E3779B97F4A7C15u) >> 40))

/* the second hash of table h (n entries), with cap slots, if there is room */
static void
build_short(int h, const char *const *table, int n, uint32_t cap)
{
	uint64_t   *keys = spool_keys + spool_used;
	uint16_t   *ent = spool_ent + spool_used;

	if (n > SMALL_TABLE || spool_used + cap > SPOOL_SLOTS)
		return;
	/* in entry order, so equal keys are found first to last, as by slots */
	for (int e = 0; e < n; e++)
	{
		size_t		len = key_len(table[e], false);
		char		buf[8] = {0};
		uint64_t	key;
		uint32_t	i;

		if (len == 0 || len > 8)
			continue;
		memcpy(buf, table[e], len);
		memcpy(&key, buf, 8);
		for (i = SKEY_SLOT(key) & (cap - 1); ent[i]; i = (i + 1) & (cap - 1))
			;
		keys[i] = key;
		ent[i] = (uint16_t) (e + 1);
	}
	spool_used += cap;
	hashes[h].skeys = keys;
	hashes[h].sent = ent;
	hashes[h].smask = cap - 1;
}

/* st_lex_find of a word of 1..8 bytes, its last not zero, in table h */
static const char *
short_find(int h, const char *const *table, const char *word, size_t len)
{
	uint64_t	key = short_key_bytes(word, len);
	const uint64_t *keys = hashes[h].skeys;
	const uint16_t *ent = hashes[h].sent;
	uint32_t	mask = hashes[h].smask;

	for (uint32_t i = SKEY_SLOT(key) & mask; ent[i]; i = (i + 1) & mask)
		if (keys[i] == key)
			return table[ent[i] - 1];
	return NULL;
}

/*
 * Words of 9 to 16 bytes: keyed by their first and last eight bytes
 * (folded, overlapping when shorter than 16) and their length, which
 * together are the whole word.
 */
#define MID_SLOTS 512			/* a power of two, over twice the words */
#define MID_SHIFT (64 - 9)
static struct
{
	uint64_t	a;				/* fold8 of the first eight bytes */
	uint64_t	b;				/* fold8 of the last eight bytes */
	uint16_t	len;			/* 0 when empty */
	uint16_t	mask;
} mid_slots[MID_SLOTS];
static int	mid_count;

#define MID_SLOT(a, b, len) \
	((uint32_t) ((((a) ^ ((b) * 0xC2B2AE3D27D4EB4Fu) ^ (len)) * 0x9E3779B97F4A7C15u) >> MID_SHIFT))

#define FILTER_BIT(w, len) \
	((((uint32_t) (len) & 31) << 10) | \
	 ((uint32_t) fold_tab[(unsigned char) (w)[0]] & 31) << 5 | \
	 ((uint32_t) fold_tab[(unsigned char) (w)[(len) - 1]] & 31))

/*
 * The hash of all_slots: the folded bytes eight at a time, each group
 * gathered into a 64-bit word and mixed with one multiplication, so a short
 * word costs one multiplication rather than one per byte.
 */
static inline uint32_t
all_hash(const char *w, size_t len)
{
	const uint64_t K = 0x9E3779B97F4A7C15u;
	uint64_t	h = (uint64_t) len * K;
	size_t		i = 0;

	for (;;)
	{
		uint64_t	v = 0;
		size_t		n = len - i < 8 ? len - i : 8;

		for (size_t k = 0; k < n; k++)
			v |= (uint64_t) fold_tab[(unsigned char) w[i + k]] << (8 * k);
		h = (h ^ v) * K;
		h ^= h >> 29;
		i += n;
		if (i >= len)
			break;
	}
	return (uint32_t) (h >> 32);
}

static uint32_t
fold_hash(const char *w, size_t len)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++)
		h = (h ^ fold_tab[(unsigned char) w[i]]) * 16777619u;
	return h;
}

static void
build_all(void)
{
	int			e;

	if (st_lex_all_n > SHORT_SLOTS / 2 || st_lex_all_n > ALL_SLOTS / 2)
		return;					/* too many words: classes_slow never asks */

	for (e = 0; e < st_lex_all_n; e++)
	{
		const char *entry = st_lex_all[e];
		const char *bar = strchr(entry, '|');
		size_t		len = (size_t) (bar - entry);
		unsigned	mask = 0;
		uint32_t	i,
					h = all_hash(entry, len);
		const char *v;

		if (len == 0 || len > 64)
			continue;			/* st_lex_classes never looks such words up */
		for (v = bar + 1; *v >= '0' && *v <= '9'; v++)
			mask = mask * 10 + (unsigned) (*v - '0');
		if (len <= 8)
		{
			uint64_t	key = short_key_bytes(entry, len);

			for (i = SHORT_SLOT(key); short_keys[i]; i = (i + 1) & (SHORT_SLOTS - 1))
				;
			short_keys[i] = key;
			short_mask[i] = (uint16_t) mask;
			short_filter[SHORT_FBIT(key) >> 3] |= (uint8_t) (1 << (SHORT_FBIT(key) & 7));
			continue;
		}
		if (len <= 16 && mid_count < MID_SLOTS / 2)
		{
			uint64_t	a = fold8(entry),
						b = fold8(entry + len - 8);

			for (i = MID_SLOT(a, b, len); mid_slots[i].len; i = (i + 1) & (MID_SLOTS - 1))
				;
			mid_slots[i].a = a;
			mid_slots[i].b = b;
			mid_slots[i].len = (uint16_t) len;
			mid_slots[i].mask = (uint16_t) mask;
			mid_count++;
			/* in all_slots as well, for words that cannot take this path */
		}
		for (i = h & (ALL_SLOTS - 1); all_slots[i].len; i = (i + 1) & (ALL_SLOTS - 1))
			;
		{
			uint32_t	b = FILTER_BIT(entry, len);

			all_filter[b >> 3] |= (uint8_t) (1 << (b & 7));
		}
		all_keys[i] = entry;
		all_slots[i].hash = h;
		all_slots[i].len = (uint16_t) len;
		all_slots[i].mask = (uint16_t) mask;
	}
	all_ready = true;
}

/* st_lex_classes of a word of 1..8 bytes with its key */
static inline unsigned
short_classes(uint64_t key)
{
	if (!((short_filter[SHORT_FBIT(key) >> 3] >> (SHORT_FBIT(key) & 7)) & 1))
		return 0;
	for (uint32_t i = SHORT_SLOT(key); short_keys[i]; i = (i + 1) & (SHORT_SLOTS - 1))
		if (short_keys[i] == key)
			return short_mask[i];
	return 0;
}

/* st_lex_classes of a word of 9..64 bytes */
static unsigned
long_classes(const char *word, size_t len)
{
	uint32_t	i,
				h;

	{
		uint32_t	b = FILTER_BIT(word, len);

		if (!((all_filter[b >> 3] >> (b & 7)) & 1))
			return 0;
	}
	h = all_hash(word, len);
	for (i = h & (ALL_SLOTS - 1); all_slots[i].len; i = (i + 1) & (ALL_SLOTS - 1))
	{
		if (all_slots[i].hash == h && all_slots[i].len == len)
		{
			const unsigned char *key = (const unsigned char *) all_keys[i];
			size_t		k;

			for (k = 0; k < len; k++)
				if (fold_tab[(unsigned char) word[k]] != key[k])
					break;
			if (k == len)
				return all_slots[i].mask;
		}
	}
	return 0;
}

/* the classes from the sorted list, when the tables are too small for it */
static unsigned
sorted_classes(const char *word, size_t len)
{
	const char *e = st_lex_find(st_lex_all, st_lex_all_n, word, len);
	const char *v = e ? st_lex_value(e) : NULL;
	unsigned	m = 0;

	for (; v && *v >= '0' && *v <= '9'; v++)
		m = m * 10 + (unsigned) (*v - '0');
	return m;
}

/* st_lex_classes_avail but for its most common case */
static unsigned
classes_slow(const char *word, size_t len, size_t avail)
{
	if (len == 0 || len > 64)
		return 0;
	/* more words than the tables were sized for: search the sorted list */
	if (st_lex_all_n > SHORT_SLOTS / 2 || st_lex_all_n > ALL_SLOTS / 2)
		return sorted_classes(word, len);
	if (!all_ready)
		build_all();
	if (len <= 8)
	{
		uint64_t	key;

		if (word[len - 1] == '\0')
			return 0;			/* see short_mask */
		if (avail >= 8)
			key = short_key_loaded(word, len);	/* one load */
		else
			key = short_key_bytes(word, len);
		return short_classes(key);
	}
	return long_classes(word, len);
}

unsigned
st_lex_classes(const char *word, size_t len)
{
	return classes_slow(word, len, len);
}

unsigned
st_lex_classes_key(uint64_t key, const char *word, size_t len)
{
	if (all_ready)
		return short_classes(key);
	return classes_slow(word, len, len);
}

unsigned
st_lex_classes_avail(const char *word, size_t len, size_t avail)
{
	/* the common case: a word of 1..8 bytes with 8 to read, tables built */
	if (all_ready && len - 1 < 8 && avail >= 8 && word[len - 1] != '\0')
		return short_classes(short_key_loaded(word, len));
	/* a word of 9..16 bytes (every list word of such length is in mid_slots) */
	if (all_ready && len - 9 < 8 && mid_count < MID_SLOTS / 2)
	{
		uint64_t	a = fold8(word),
					b = fold8(word + len - 8);

		for (uint32_t i = MID_SLOT(a, b, len); mid_slots[i].len; i = (i + 1) & (MID_SLOTS - 1))
			if (mid_slots[i].a == a && mid_slots[i].b == b && mid_slots[i].len == len)
				return mid_slots[i].mask;
		return 0;
	}
	return classes_slow(word, len, avail);
}
