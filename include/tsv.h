/* tsv.h - the escaped tab-separated lines of the recovery file and the
 * change history: \t \n \r and \\ are escaped, \N stands for an absent
 * value (NULL). */
#ifndef PLANDASH_TSV_H
#define PLANDASH_TSV_H

#include <stdio.h>

#include "edit.h"

/* Write s escaped (NULL as \N). */
void tsv_put(FILE *f, const char *s);

/* Write one change as "ITEM\tYEAR\tFIELD\tOLD\tNEW\n" (YEAR as
 * field_year_format writes it: 2013, or 2016-03-31 for a rating). */
void tsv_put_change(FILE *f, const struct change *c);

/* Undo tsv_put in place; returns NULL for \N. */
char *tsv_unescape(char *s);

/* Split line at tabs into at most max fields (in place).  Returns the
 * number of fields. */
int tsv_split(char *line, char **fields, int max);

#endif
