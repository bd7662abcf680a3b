/*
 * map.h
 *	  A small string -> int32 hash map in an arena (open addressing).
 */
#ifndef STANCE_MAP_H
#define STANCE_MAP_H

#include "stance_core.h"

#include <stdbool.h>

typedef struct StMapEntry
{
	const char *key;			/* not copied: must outlive the map */
	int32_t		len;
	int32_t		value;
	uint32_t	hash;
} StMapEntry;

typedef struct StMap
{
	StArena    *arena;
	int32_t    *slots;			/* index in ents + 1; 0 when empty */
	StMapEntry *ents;			/* the entries in order of insertion */
	uint32_t	cap;			/* slots: a power of two, or 0 */
	uint32_t	n;				/* entries (at most cap / 2) */
} StMap;

extern void st_map_init(StMap *m, StArena *arena);
/* the value of key, or -1 */
extern int32_t st_map_get(const StMap *m, const char *key, int32_t len);
/* set key to value; false when out of memory */
extern bool st_map_put(StMap *m, const char *key, int32_t len, int32_t value);

/* the same with the key's hash (st_map_hash) computed once for both */
extern uint32_t st_map_hash(const char *key, int32_t len);
extern int32_t st_map_get_h(const StMap *m, const char *key, int32_t len,
							uint32_t hash);
extern bool st_map_put_h(StMap *m, const char *key, int32_t len,
						 uint32_t hash, int32_t value);

/*
 * The value of key when present; else key is put with value next, and next
 * is returned.  -1 when out of memory.
 */
extern int32_t st_map_intern(StMap *m, const char *key, int32_t len,
							 int32_t next);

#endif
