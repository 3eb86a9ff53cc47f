/* arena.c - see arena.h */
#include "config.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"

#define CHUNK_MIN ((size_t)4 << 20)
#define HUGE_PAGE ((size_t)2 << 20)

struct chunk {
	struct chunk *next;
	size_t size, used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct chunk *head;
	size_t footprint;
};

struct arena *arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

void arena_free(struct arena *arena)
{
	if (!arena)
		return;
	for (struct chunk *c = arena->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(arena);
}

static void *alloc_aligned(struct arena *arena, size_t size, size_t align)
{
	if (size > SIZE_MAX / 2)
		return NULL;
	struct chunk *c = arena->head;
	if (c)
		c->used = (c->used + align - 1) & ~(align - 1);
	if (!c || c->used > c->size || c->size - c->used < size) {
		size_t want = size > CHUNK_MIN ? size : CHUNK_MIN;
		/* Large chunks on huge-page boundaries, and asked to be backed by
		 * huge pages: a big plan then costs far fewer page faults. */
		void *mem = NULL;
		if (posix_memalign(&mem, HUGE_PAGE, sizeof *c + want) != 0)
			return NULL;
#ifdef MADV_HUGEPAGE
		madvise(mem, sizeof *c + want, MADV_HUGEPAGE);
#endif
		c = mem;
		c->size = want;
		c->used = 0;
		c->next = arena->head;
		arena->head = c;
		arena->footprint += sizeof *c + want;
	}
	void *p = c->data + c->used;
	c->used += size;
	return p;
}

void *arena_alloc(struct arena *arena, size_t size)
{
	return alloc_aligned(arena, size, alignof(max_align_t));
}

void *arena_memdup(struct arena *arena, const void *src, size_t size)
{
	void *p = arena_alloc(arena, size ? size : 1);
	if (p && size)
		memcpy(p, src, size);
	return p;
}

char *arena_strndup(struct arena *arena, const char *src, size_t len)
{
	char *p = alloc_aligned(arena, len + 1, 1);  /* strings need no alignment */
	if (p) {
		memcpy(p, src, len);
		p[len] = '\0';
	}
	return p;
}

size_t arena_footprint(const struct arena *arena)
{
	return arena->footprint;
}
