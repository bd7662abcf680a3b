/*
 * arena.c
 *	  Bump allocator over blocks obtained from a caller-supplied allocator.
 */
#include "stance_core.h"

#include <string.h>

#define ST_ARENA_BLOCK	(64 * 1024)

typedef struct StBlock
{
	struct StBlock *next;
	size_t		size;			/* usable bytes after the header */
	size_t		used;
#ifdef ST_ARENA_DEBUG
	char	   *data;			/* the allocation this node stands for */
#endif
} StBlock;

struct StArena
{
	StAllocFn	alloc_fn;
	StFreeFn	free_fn;
	void	   *ctx;
	StBlock    *head;
	size_t		total;
};

#define ALIGN8(n) (((n) + 7) & ~(size_t) 7)
#define BLOCK_HDR ALIGN8(sizeof(StBlock))

StArena *
st_arena_create(StAllocFn alloc_fn, StFreeFn free_fn, void *ctx)
{
	StArena    *a = alloc_fn(ctx, sizeof(StArena));

	if (a == NULL)
		return NULL;
	a->alloc_fn = alloc_fn;
	a->free_fn = free_fn;
	a->ctx = ctx;
	a->head = NULL;
	a->total = sizeof(StArena);
	return a;
}

void *
st_arena_alloc(StArena *a, size_t size)
{
	void	   *p = st_arena_alloc_raw(a, size);

	if (p != NULL)
		memset(p, 0, ALIGN8(size ? size : 1));
	return p;
}

void *
st_arena_alloc_raw(StArena *a, size_t size)
{
	size = ALIGN8(size ? size : 1);
#ifdef ST_ARENA_DEBUG
	/*
	 * Every allocation is a separate allocation of exactly its size, its
	 * bookkeeping apart, so that AddressSanitizer sees any read or write
	 * before or after it (unit tests and fuzzing build with this).
	 */
	{
		StBlock    *node = a->alloc_fn(a->ctx, sizeof(StBlock));
		char	   *data;

		if (node == NULL)
			return NULL;
		data = a->alloc_fn(a->ctx, size);
		if (data == NULL)
		{
			if (a->free_fn)
				a->free_fn(a->ctx, node);
			return NULL;
		}
		node->size = size;
		node->used = size;
		node->data = data;
		node->next = a->head;
		a->head = node;
		a->total += sizeof(StBlock) + size;
		return data;
	}
#else
	{
		StBlock    *b = a->head;
		char	   *p;

		if (b == NULL || b->size - b->used < size)
		{
			size_t		bsize = size > ST_ARENA_BLOCK / 2 ? size : ST_ARENA_BLOCK;

			if (size > SIZE_MAX - BLOCK_HDR)
				return NULL;
			b = a->alloc_fn(a->ctx, BLOCK_HDR + bsize);
			if (b == NULL)
				return NULL;
			b->size = bsize;
			b->used = 0;
			a->total += BLOCK_HDR + bsize;
			if (bsize > ST_ARENA_BLOCK && a->head != NULL)
			{
				/* a big one-off block: keep the current block for small requests */
				b->next = a->head->next;
				a->head->next = b;
			}
			else
			{
				b->next = a->head;
				a->head = b;
			}
		}
		p = (char *) b + BLOCK_HDR + b->used;
		b->used += size;
		return p;
	}
#endif
}

char *
st_arena_strndup(StArena *a, const char *s, size_t n)
{
	/*
	 * Not zeroed by st_arena_alloc and then copied over: only the last
	 * eight bytes of the allocation (the padding after the string, and its
	 * NUL) are cleared, so the bytes are as st_arena_alloc would leave them.
	 */
	size_t		size = ALIGN8(n + 1);
	char	   *p = st_arena_alloc_raw(a, n + 1);
	static const char zeros[8] = {0};

	if (n > SIZE_MAX - 16 || p == NULL)
		return NULL;
	memcpy(p + size - 8, zeros, 8);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
st_arena_destroy(StArena *a)
{
	StBlock    *b;

	if (a == NULL || a->free_fn == NULL)
		return;
	b = a->head;
	while (b != NULL)
	{
		StBlock    *next = b->next;

#ifdef ST_ARENA_DEBUG
		a->free_fn(a->ctx, b->data);
#endif
		a->free_fn(a->ctx, b);
		b = next;
	}
	a->free_fn(a->ctx, a);
}

size_t
st_arena_used(const StArena *a)
{
	return a->total;
}
