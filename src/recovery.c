/* recovery.c - see recovery.h */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "recovery.h"
#include "tsv.h"

/* ---- recovery file --------------------------------------------------- */

#define RECOVERY_HEADER \
	"# plandash recovery: unsaved edits of this plan (item, year, field, old, new)\n"

int recovery_path(const char *path, char *out, size_t size)
{
	return file_sibling(path, ".recover", out, size);
}

void recovery_prune(const char *path, const struct plan *plan)
{
	struct change *ch;
	size_t n, left = 0;
	if (recovery_read(path, &ch, &n) != 0)
		return;
	char rpath[4096];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = recovery_path(path, rpath, sizeof rpath) == 0 ? open_memstream(&buf, &len) : NULL;
	if (f) {
		fputs(RECOVERY_HEADER, f);
		for (size_t i = 0; i < n; i++) {
			const struct item *it = plan_find_item(plan, ch[i].item_id);
			const struct entry *e = it ? item_entry_for_year(it, ch[i].year) : NULL;
			if (e && str_eq_nullable(entry_field(plan, e, ch[i].field), ch[i].value))
				continue;   /* the file holds it now */
			tsv_put_change(f, &ch[i]);
			left++;
		}
		if (fclose(f) == 0) {
			if (left)
				file_write_atomic(rpath, buf, len, false, NULL, NULL);
			else
				unlink(rpath);
		}
		free(buf);
	}
	changes_free(ch, n);
}

static int recovery_store_locked(const char *path, char *rpath, size_t rsize,
                                 const struct change *changes, size_t n,
                                 struct file_error *fe);

int recovery_store(const char *path, const struct change *changes, size_t n,
                   struct file_error *fe)
{
	char rpath[4096];
	if (recovery_path(path, rpath, sizeof rpath))
		return ENAMETOOLONG;
	/* Under the save lock, so a save's recovery_prune() and another
	 * session's rescue do not interleave with us; a hang-up does not wait
	 * long for it, since rescuing matters more. */
	char *target = file_resolve(path);
	int lock_fd = -1;
	if (target)
		file_lock(target, 500, &lock_fd, NULL);
	free(target);
	int e = recovery_store_locked(path, rpath, sizeof rpath, changes, n, fe);
	file_unlock(lock_fd);
	return e;
}

static int recovery_store_locked(const char *path, char *rpath, size_t rsize,
                                 const struct change *changes, size_t n,
                                 struct file_error *fe)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return errno;
	fputs(RECOVERY_HEADER, f);
	/* Keep what an earlier rescue left (the user may have started without
	 * re-applying it) unless the same field is stored again now. */
	struct change *older = NULL;
	size_t n_older = 0;
	int rd = recovery_read(path, &older, &n_older);
	if (rd != 0 && rd != ENOENT) {
		/* an earlier rescue we cannot read is not overwritten: ours goes
		 * beside it */
		size_t used = strlen(rpath);
		snprintf(rpath + used, rsize - used, ".%ld", (long)getpid());
	}
	if (rd == 0) {
		for (size_t i = 0; i < n_older; i++) {
			const struct change *o = &older[i];
			bool replaced = false;
			for (size_t j = 0; j < n && !replaced; j++) {
				const struct change *c = &changes[j];
				replaced = change_is_pending(c) && c->year == o->year &&
				           c->field == o->field && strcmp(c->item_id, o->item_id) == 0;
			}
			if (!replaced)
				tsv_put_change(f, o);
		}
		changes_free(older, n_older);
	}
	for (size_t i = 0; i < n; i++)
		if (change_is_pending(&changes[i]))
			tsv_put_change(f, &changes[i]);
	if (fclose(f) != 0) {
		free(buf);
		return ENOMEM;
	}
	int e = file_write_atomic(rpath, buf, len, false, fe, NULL);
	free(buf);
	return e;
}

int recovery_write(const struct editor *ed, const char *path, struct file_error *fe)
{
	return recovery_store(path, ed->changes, ed->n_changes, fe);
}

int recovery_read(const char *path, struct change **changes, size_t *n)
{
	char rpath[4096];
	*changes = NULL;
	*n = 0;
	if (recovery_path(path, rpath, sizeof rpath))
		return ENAMETOOLONG;
	char *data;
	size_t len;
	int e = file_read_all(rpath, (size_t)64 << 20, &data, &len);
	if (e)
		return e;
	struct change *list = NULL;
	size_t count = 0;
	for (char *line = data, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || !*line)
			continue;
		char *f[5];
		int field = tsv_split(line, f, 5) == 5 ? field_parse(f[2]) : -1;
		if (field < 0)
			continue;   /* not a line we wrote */
		struct change *l = realloc(list, (count + 1) * sizeof *l);
		if (!l) {
			e = ENOMEM;
			break;
		}
		list = l;
		struct change *c = &list[count++];
		memset(c, 0, sizeof *c);
		c->year = atoi(f[1]);
		c->field = (enum field)field;
		const char *id = tsv_unescape(f[0]), *old = tsv_unescape(f[3]), *val = tsv_unescape(f[4]);
		c->item_id = strdup(id ? id : "");
		c->base = str_dup_nullable(old);
		c->value = str_dup_nullable(val);
	}
	free(data);
	if (e) {
		changes_free(list, count);
		return e;
	}
	*changes = list;
	*n = count;
	return 0;
}
