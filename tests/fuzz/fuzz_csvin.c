/* tests/fuzz/fuzz_csvin.c - the CSV reader's fast path against libcsv
 * alone: on any bytes, the same rows, fields, lines and outcome. */
#include "csvin.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static int on_row(void *ud, char **f, const size_t *lens, size_t nf, long line,
                  tl_error *err)
{
	tl_buf *log = ud;
	(void)err;
	tl_buf_add_int(log, line);
	tl_buf_addc(log, ':');
	for (size_t i = 0; i < nf; i++) {
		if (f[i][lens[i]] != '\0')
			__builtin_trap();
		tl_buf_add_int(log, (long long)lens[i]);
		tl_buf_addc(log, '=');
		tl_buf_add(log, f[i], lens[i]);
	}
	tl_buf_addc(log, '\n');
	return 0;
}

static void read_as(const uint8_t *data, size_t n, int flags, tl_buf *log)
{
	tl_error err = TL_ERROR_INIT;
	int rc = tl_csv_read_mem_flags((const char *)data, n, "f.csv", flags,
	                               on_row, log, &err);
	tl_buf_add_int(log, rc);
	if (rc)
		tl_buf_adds(log, err.msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	tl_buf fast = TL_BUF_INIT, slow = TL_BUF_INIT;
	read_as(data, n, 0, &fast);
	read_as(data, n, TL_CSV_LIBCSV, &slow);
	if (fast.len != slow.len || memcmp(fast.buf, slow.buf, fast.len) != 0)
		__builtin_trap();
	tl_buf_release(&fast);
	tl_buf_release(&slow);
	return 0;
}
