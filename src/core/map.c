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

int32_t
st_map_get_h(const StMap *m, const char *key, int32_t len, uint32_t h)
{
	uint32_t	i;

	if (m->cap == 0)
		return -1;
	for (i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
	{
		const StMapEntry *e = &m->slots[i];

		if (e->key == NULL)
			return -1;
		if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0)
			return e->value;
	}
}

static bool
grow(StMap *m)
{
	uint32_t	ncap = m->cap ? m->cap * 2 : 64;
	StMapEntry *ns = st_arena_alloc(m->arena, sizeof(StMapEntry) * ncap);
	uint32_t	i;

	if (ns == NULL)
		return false;
	for (i = 0; i < m->cap; i++)
	{
		StMapEntry *e = &m->slots[i];
		uint32_t	j;

		if (e->key == NULL)
			continue;
		for (j = e->hash & (ncap - 1); ns[j].key != NULL; j = (j + 1) & (ncap - 1))
			;
		ns[j] = *e;
	}
	m->slots = ns;
	m->cap = ncap;
	return true;
}

bool
st_map_put(StMap *m, const char *key, int32_t len, int32_t value)
{
	return st_map_put_h(m, key, len, hash_bytes(key, len), value);
}

bool
st_map_put_h(StMap *m, const char *key, int32_t len, uint32_t h, int32_t value)
{
	uint32_t	i;

	if ((m->n + 1) * 2 > m->cap && !grow(m))
		return false;
	for (i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1))
	{
		StMapEntry *e = &m->slots[i];

		if (e->key == NULL)
		{
			e->key = key;
			e->len = len;
			e->hash = h;
			e->value = value;
			m->n++;
			return true;
		}
		if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0)
		{
			e->value = value;
			return true;
		}
	}
}
