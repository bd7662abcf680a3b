/*
 * map.c
 *	  String -> int32 hash map with linear probing, grown at half load.
 */
#include "map.h"

#include <string.h>

/*
 * The key's bytes, up to eight of them, as one 64-bit value: every byte of
 * a key of 1..3 bytes, or its first and last four (overlapping when shorter
 * than eight).  Only bytes of the key are read.
 */
static inline uint64_t
tail_bytes(const char *s, int32_t len)
{
	uint32_t	a,
				b;

	if (len >= 4)
	{
		memcpy(&a, s, 4);
		memcpy(&b, s + len - 4, 4);
		return ((uint64_t) a << 32) | b;
	}
	if (len > 0)
		return ((uint64_t) (unsigned char) s[0] << 16) |
			((uint64_t) (unsigned char) s[len >> 1] << 8) |
			(unsigned char) s[len - 1];
	return 0;
}

/*
 * The hash of a key: eight bytes at a time, each group mixed in with one
 * multiplication (a byte at a time cost a multiplication per byte).  Only
 * the map sees the values; nothing depends on the order of its slots.
 */
static uint32_t
hash_bytes(const char *s, int32_t len)
{
	const uint64_t K = 0x9E3779B97F4A7C15u;
	uint64_t	h = (uint64_t) len * K,
				v;

	while (len > 8)
	{
		memcpy(&v, s, 8);
		h = (h ^ v) * K;
		h ^= h >> 32;
		s += 8;
		len -= 8;
	}
	h = (h ^ tail_bytes(s, len)) * K;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9u;
	return (uint32_t) (h >> 32);
}

void
st_map_init(StMap *m, StArena *arena)
{
	m->arena = arena;
	m->slots = NULL;
	m->ents = NULL;
	m->cap = 0;
	m->n = 0;
}

uint32_t
st_map_hash(const char *key, int32_t len)
{
	return hash_bytes(key, len);
}

int32_t
st_map_get(const StMap *m, const char *key, int32_t len)
{
	if (m->cap == 0)
		return -1;
	return st_map_get_h(m, key, len, hash_bytes(key, len));
}

/*
 * The slots hold only an index into the dense entries (four bytes, not the
 * 24 of an entry), so a new table costs a sixth of the zeroing, and growing
 * rehashes the n entries rather than walking cap slots.
 */
int32_t
st_map_get_h(const StMap *m, const char *key, int32_t len, uint32_t h)
{
	uint32_t	i;

	if (m->cap == 0)
		return -1;
	for (i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
	{
		int32_t		s = m->slots[i];
		const StMapEntry *e;

		if (s == 0)
			return -1;
		e = &m->ents[s - 1];
		if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0)
			return e->value;
	}
}

/* twice the slots (at least ncap), and room for half as many entries */
static bool
grow_to(StMap *m, uint32_t ncap)
{
	int32_t    *ns;
	StMapEntry *ne;
	uint32_t	k;

	if (ncap < 64)
		ncap = 64;
	if (ncap > 0x40000000u)
		return false;
	ns = st_arena_alloc(m->arena, sizeof(int32_t) * ncap);
	ne = st_arena_alloc_raw(m->arena, sizeof(StMapEntry) * (ncap / 2));
	if (ns == NULL || ne == NULL)
		return false;
	if (m->n > 0)
		memcpy(ne, m->ents, sizeof(StMapEntry) * m->n);
	for (k = 0; k < m->n; k++)
	{
		uint32_t	j;

		for (j = ne[k].hash & (ncap - 1); ns[j] != 0; j = (j + 1) & (ncap - 1))
			;
		ns[j] = (int32_t) k + 1;
	}
	m->slots = ns;
	m->ents = ne;
	m->cap = ncap;
	return true;
}

static bool
grow(StMap *m)
{
	return grow_to(m, m->cap * 2);
}

bool
st_map_put(StMap *m, const char *key, int32_t len, int32_t value)
{
	return st_map_put_h(m, key, len, hash_bytes(key, len), value);
}

/* the slot of key (hash h), or the empty slot where it would go */
static inline uint32_t
find_slot(const StMap *m, const char *key, int32_t len, uint32_t h)
{
	uint32_t	i;

	for (i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
	{
		int32_t		s = m->slots[i];
		const StMapEntry *e;

		if (s == 0)
			return i;
		e = &m->ents[s - 1];
		if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0)
			return i;
	}
}

/* put key at the empty slot i */
static inline void
add_at(StMap *m, uint32_t i, const char *key, int32_t len, uint32_t h,
	   int32_t value)
{
	StMapEntry *e = &m->ents[m->n];

	e->key = key;
	e->len = len;
	e->hash = h;
	e->value = value;
	m->slots[i] = (int32_t) ++m->n;
}

bool
st_map_put_h(StMap *m, const char *key, int32_t len, uint32_t h, int32_t value)
{
	uint32_t	i;

	if ((m->n + 1) * 2 > m->cap && !grow(m))
		return false;
	i = find_slot(m, key, len, h);
	if (m->slots[i] == 0)
		add_at(m, i, key, len, h, value);
	else
		m->ents[m->slots[i] - 1].value = value;
	return true;
}

int32_t
st_map_intern(StMap *m, const char *key, int32_t len, int32_t next)
{
	uint32_t	h = hash_bytes(key, len),
				i;

	if ((m->n + 1) * 2 > m->cap && !grow(m))
		return -1;
	i = find_slot(m, key, len, h);
	if (m->slots[i] != 0)
		return m->ents[m->slots[i] - 1].value;
	add_at(m, i, key, len, h, next);
	return next;
}
