/* arena.h - a bump allocator.  Everything allocated from an arena lives
 * until arena_free(); there is no per-object free.  The plan model keeps
 * all its strings and arrays in one arena, so freeing a plan is O(chunks). */
#ifndef PLANDASH_ARENA_H
#define PLANDASH_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *arena);

/* Aligned for any type.  Return NULL when out of memory. */
void *arena_alloc(struct arena *arena, size_t size);
void *arena_memdup(struct arena *arena, const void *src, size_t size);
/* Copy len bytes and add a NUL. */
char *arena_strndup(struct arena *arena, const char *src, size_t len);

/* Bytes obtained from malloc so far (for benchmarks and tests). */
size_t arena_footprint(const struct arena *arena);

#endif
