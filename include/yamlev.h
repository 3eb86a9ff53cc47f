/* yamlev.h - libyaml's events as the strict loaders (load.c, access.c)
 * read them: what was found, for an error that names it, and the anchor
 * and tag a node carries, which both refuse.  No curses, no words. */
#ifndef PLANDASH_YAMLEV_H
#define PLANDASH_YAMLEV_H

#include <yaml.h>

#include "load.h"

/* What the event is, as an error names it (enum load_found). */
enum load_found yamlev_found(const yaml_event_t *ev);

/* The anchor and the tag of a scalar, list or mapping event (each NULL
 * when absent, and for every other event). */
void yamlev_props(const yaml_event_t *ev, const yaml_char_t **anchor, const yaml_char_t **tag);

#endif
