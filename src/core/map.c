/*
 * map.c
 *	  String -> int32 hash map with linear probing, grown at half load.
 */
#include "map.h"

#include <string.h>

static uint32_t
hash_bytes(const char *s, int32_t len)
{
	uint32_t	h = 2166136261u;	/* FNV-1a */
	int32_t		i;

	for (i = 0; i < len; i++)
	{
		h ^= (unsigned char) s[i];
		h *= 16777619u;
	}
	return h;
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
