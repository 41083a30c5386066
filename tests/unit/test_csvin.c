/* tests/unit/test_csvin.c - the CSV reader's fast path gives what libcsv
 * alone gives: the same rows, fields, lines and errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "csvin.h"
#include "helpers.h"

/* Every row read, written out: line, then each field's length and bytes
 * (a field may hold NUL, commas, quotes, line ends). */
typedef struct {
	tl_buf log;
	int stop_at; /* the callback stops the read at this row (0: never) */
	int rows;
} record;

static int on_row(void *ud, char **f, const size_t *lens, size_t n, long line,
                  tl_error *err)
{
	record *r = ud;
	tl_buf_add_int(&r->log, line);
	tl_buf_addc(&r->log, ':');
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(f[i][lens[i]], '\0');
		tl_buf_add_int(&r->log, (long)lens[i]);
		tl_buf_addc(&r->log, '=');
		tl_buf_add(&r->log, f[i], lens[i]);
		tl_buf_addc(&r->log, '|');
	}
	tl_buf_addc(&r->log, '\n');
	if (++r->rows == r->stop_at)
		return tl_error_set(err, TL_EPARSE, "stopped at row %d",
		                    r->rows);
	return 0;
}

/* The read of s with flags, as one string: rows, then rc and message. */
static char *read_as(const char *s, size_t n, int flags, int stop_at)
{
	record r = {TL_BUF_INIT, stop_at, 0};
	tl_error err = TL_ERROR_INIT;
	int rc = tl_csv_read_mem_flags(s, n, "t.csv", flags, on_row, &r, &err);
	tl_buf_adds(&r.log, "rc=");
	tl_buf_add_int(&r.log, rc);
	tl_buf_adds(&r.log, rc ? err.msg : "");
	return tl_buf_detach(&r.log);
}

static void same(const char *s, size_t n, int stop_at)
{
	char *fast = read_as(s, n, 0, stop_at);
	char *slow = read_as(s, n, TL_CSV_LIBCSV, stop_at);
	if (strcmp(fast, slow) != 0) {
		fprintf(stderr, "input: ");
		fwrite(s, 1, n, stderr);
		fprintf(stderr, "\nfast path:\n%s\nlibcsv:\n%s\n", fast, slow);
	}
	assert_string_equal(fast, slow);
	free(fast);
	free(slow);
}

static void test_csvin__plain_rows_are_libcsvs(void **state)
{
	(void)state;
	static const char *const cases[] = {
	    "title,published,views,body\na,2024-11-10,5,\"x,\ny\"\n",
	    "a,b\r\nc,d\r\n",
	    "\"a\"\"b\",\"\"\"\",\"\"\n",
	    "a,,\n,\n\"\",x\n",
	    "\xEF\xBB\xBF"
	    "a,b\n",
	    "a,b", /* no line end at the last row */
	    "\"a\nb\"",
	    "",
	    "\n\n",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		same(cases[i], strlen(cases[i]), 0);
}

static void test_csvin__what_the_fast_path_leaves(void **state)
{
	(void)state;
	static const char *const cases[] = {
	    " a ,\tb\t\n",         /* spaces libcsv trims */
	    "\"a\" ,b\n",          /* a space after a closing quote */
	    " \"a\",b\n",          /* and before an opening one */
	    "a\n\n\nb\n",          /* blank lines */
	    "a\rb\rc\n",           /* lone CRs end rows */
	    "a\"b,c\nd,e\n",       /* a quote in a bare field: an error */
	    "\"a\"b,c\n",          /* text after a closing quote */
	    "\"a\" \"b\"\n",       /* a quote after spaces */
	    "x\n\"never closed\n", /* an unterminated quote at the end */
	    "\"a\"\r",             /* CR and the end */
	    "a,\"b\"\"",           /* "" at the very end */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		same(cases[i], strlen(cases[i]), 0);
}

/* Random text from the bytes that matter to CSV. */
static size_t random_csv(char *out, size_t max, unsigned *seed)
{
	static const char alphabet[] = {'a',  'b', ',',  '"',  '"',       '\n',
	                                '\r', ' ', '\t', '\0', (char)0xE5};
	size_t n = (size_t)(rand_r(seed) % (int)max);
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[rand_r(seed) % (int)sizeof(alphabet)];
	return n;
}

static void test_csvin__random_text(void **state)
{
	(void)state;
	unsigned seed = 20261202;
	char s[48];
	for (int k = 0; k < 200000; k++) {
		size_t n = random_csv(s, sizeof(s), &seed);
		same(s, n, k % 7 == 0 ? 2 : 0);
	}
}

/* A file read a megabyte at a time: rows across the reads, and a row
 * longer than the buffer, come out as from memory. */
static void test_csvin__file_in_chunks(void **state)
{
	(void)state;
	tl_buf csv = TL_BUF_INIT;
	unsigned seed = 7;
	static const char *const bits[] = {"a", "b", "\n", ",", "\"\""};
	tl_buf_adds(&csv, "title,body\n");
	for (int i = 0; csv.len < (3u << 20); i++) {
		tl_buf_adds(&csv, i % 5 ? "t," : " t ,");
		tl_buf_addc(&csv, '"');
		size_t n = i == 40 ? (size_t)(2u << 20)
		                   : 200 + (size_t)rand_r(&seed) % 4000;
		for (size_t k = 0; k < n; k++)
			tl_buf_adds(&csv, bits[k % 5]);
		tl_buf_adds(&csv, "\"\n");
	}
	const char *dir = tmpdir();
	char path[128];
	snprintf(path, sizeof(path), "%s/a.csv", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(csv.buf, 1, csv.len, f);
	fclose(f);
	record r = {TL_BUF_INIT, 0, 0};
	tl_error err = TL_ERROR_INIT;
	assert_int_equal(tl_csv_read_file(path, on_row, &r, &err), 0);
	char *slow = read_as(csv.buf, csv.len, TL_CSV_LIBCSV, 0);
	tl_buf_adds(&r.log, "rc=0");
	assert_true(r.rows > 200);
	assert_string_equal(r.log.buf, slow);
	free(slow);
	tl_buf_release(&r.log);
	tl_buf_release(&csv);
	remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csvin__plain_rows_are_libcsvs),
	    cmocka_unit_test(test_csvin__what_the_fast_path_leaves),
	    cmocka_unit_test(test_csvin__random_text),
	    cmocka_unit_test(test_csvin__file_in_chunks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
