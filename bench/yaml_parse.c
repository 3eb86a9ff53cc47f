/* yaml_parse.c - the benchmark's baseline: a bare libyaml event parse.
 *
 * Reads the whole file the way the loader does (one buffer, then
 * yaml_parser_set_input_string with UTF-8 forced), pulls every event and
 * counts them.  No model, no validation: the floor plandash --check is
 * measured against.  Usage: yaml_parse FILE
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static unsigned char *read_all(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		return NULL;
	size_t cap = (size_t)st.st_size, n = 0;
	unsigned char *buf = malloc(cap + 1);
	while (buf && n < cap) {
		ssize_t r = read(fd, buf + n, cap - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	size_t len;
	unsigned char *text = read_all(argv[1], &len);
	if (!text) {
		perror(argv[1]);
		return 2;
	}
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return 2;
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, text, len);
	unsigned long events = 0, scalars = 0;
	int status = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "%s:%zu:%zu: %s\n", argv[1], parser.problem_mark.line + 1,
			        parser.problem_mark.column + 1,
			        parser.problem ? parser.problem : "parse error");
			status = 1;
			break;
		}
		events++;
		scalars += ev.type == YAML_SCALAR_EVENT;
		int done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (done)
			break;
	}
	yaml_parser_delete(&parser);
	free(text);
	printf("%lu events, %lu scalars\n", events, scalars);
	return status;
}
