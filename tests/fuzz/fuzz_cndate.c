/* tests/fuzz/fuzz_cndate.c - the date parser on any bytes. */
#include "cndate.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	tl_date pubs[] = {{2022, 11, 21}, {2023, 1, 3}, {2024, 2, 29}};
	tl_datex dx;
	tl_date d;
	char t[6];
	for (size_t i = 0; i < 3; i++) {
		if (tl_cndate_find((const char *)data, n, pubs[i], &dx)) {
			if (dx.pos + dx.len > n ||
			    !tl_date_valid(dx.start.y, dx.start.m, dx.start.d))
				__builtin_trap();
		}
	}
	if (tl_cndate_header((const char *)data, n, &d, t) == 0 &&
	    !tl_date_valid(d.y, d.m, d.d))
		__builtin_trap();
	return 0;
}
