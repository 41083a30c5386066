/* tests/fuzz/fuzz_cnnum.c - numerals and participant counts on any bytes. */
#include "cnnum.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	int64_t v;
	int small;
	tl_count c;
	size_t k = tl_cnnum_parse((const char *)data, n, &v);
	if (k > n)
		__builtin_trap();
	k = tl_cnnum_small((const char *)data, n, &small);
	if (k > n)
		__builtin_trap();
	if (tl_cnnum_participants((const char *)data, n, &c) &&
	    (c.end > n || c.start > c.end || c.value < 0))
		__builtin_trap();
	return 0;
}
