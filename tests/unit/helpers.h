/* tests/unit/helpers.h - temporary folders and files for the unit tests. */
#ifndef TL_TEST_HELPERS_H
#define TL_TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh folder under /tmp; the name lives in a static buffer. */
static inline const char *tmpdir(void)
{
	static char dir[64];
	snprintf(dir, sizeof(dir), "/tmp/tally-test-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	return dir;
}

static inline void write_file(const char *dir, const char *name,
                              const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static inline void remove_tree(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		abort();
}

#endif
