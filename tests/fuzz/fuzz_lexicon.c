/* tests/fuzz/fuzz_lexicon.c - the lexicon loader on any departments.csv. */
#include "lexicon.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static char dir[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/tally-fuzz-lex-%ld",
		         (long)getpid());
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "mkdir -p %s", dir);
		if (system(cmd) != 0)
			abort();
	}
	char path[128];
	snprintf(path, sizeof(path), "%s/departments.csv", dir);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fwrite(data, 1, n, f);
	fclose(f);
	tl_lexicon *lex = NULL;
	tl_error err = TL_ERROR_INIT;
	if (tl_lexicon_load(&lex, dir, &err) == 0) {
		tl_match_list all = TL_MATCH_LIST_INIT;
		tl_matcher_find(lex->matcher, (const char *)data, n, &all);
		tl_match_list_release(&all);
		tl_lexicon_free(lex);
	} else if (!err.msg[0]) {
		__builtin_trap(); /* a failure always says why */
	}
	return 0;
}
