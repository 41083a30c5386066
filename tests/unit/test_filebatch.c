/* tests/unit/test_filebatch.c - files read a batch to a system call: whole
 * and to the byte, the ones it cannot read whole left to the caller, slots
 * reused from batch to batch, none at all when TALLY_URING=0. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filebatch.h"
#include "helpers.h"

/* The batch reader, or the test skipped where this kernel or build has
 * none (the ingest then reads files one by one, tested elsewhere). */
static tl_filebatch *reader_or_skip(void)
{
	tl_filebatch *b = tl_filebatch_new();
	if (!b) {
		print_message("no io_uring here: skipped\n");
		skip();
	}
	return b;
}

static void write_bytes(const char *path, char c, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	for (size_t i = 0; i < n; i++)
		fputc(c, f);
	fclose(f);
}

static void test_filebatch__none_when_turned_off(void **state)
{
	(void)state;
	setenv("TALLY_URING", "0", 1);
	assert_null(tl_filebatch_new());
	unsetenv("TALLY_URING");
}

/* Files read whole, NUL-terminated; a missing file, an empty one and one
 * of the cap or longer left NULL; the one just under the cap read. */
static void test_filebatch__whole_files_or_left_to_the_caller(void **state)
{
	(void)state;
	tl_filebatch *b = reader_or_skip();
	const char *dir = tmpdir();
	char small[300], missing[300], empty[300], under[300], at_cap[300],
	    over[300];
	snprintf(small, sizeof(small), "%s/small.txt", dir);
	snprintf(missing, sizeof(missing), "%s/missing.txt", dir);
	snprintf(empty, sizeof(empty), "%s/empty.txt", dir);
	snprintf(under, sizeof(under), "%s/under.txt", dir);
	snprintf(at_cap, sizeof(at_cap), "%s/at_cap.txt", dir);
	snprintf(over, sizeof(over), "%s/over.txt", dir);
	write_file(dir, "small.txt", "标题: 一\n正文内容:\n11月2日，开会。\n");
	write_file(dir, "empty.txt", "");
	write_bytes(under, 'u', TL_FILEBATCH_CAP - 2);
	write_bytes(at_cap, 'c', TL_FILEBATCH_CAP - 1);
	write_bytes(over, 'o', 3 * TL_FILEBATCH_CAP);
	const char *paths[] = {small, missing, empty, under, at_cap, over};
	enum { N = sizeof(paths) / sizeof(*paths) };
	char *text[N];
	size_t len[N];
	tl_filebatch_read(b, paths, N, text, len);
	const char *want = "标题: 一\n正文内容:\n11月2日，开会。\n";
	assert_non_null(text[0]);
	assert_int_equal(len[0], strlen(want));
	assert_string_equal(text[0], want);
	for (int k = 1; k <= 2; k++) {
		assert_null(text[k]);
		assert_int_equal(len[k], 0);
	}
	assert_non_null(text[3]);
	assert_int_equal(len[3], TL_FILEBATCH_CAP - 2);
	assert_int_equal(text[3][0], 'u');
	assert_int_equal(text[3][len[3] - 1], 'u');
	assert_int_equal(text[3][len[3]], '\0');
	assert_null(text[4]);
	assert_null(text[5]);
	for (int k = 0; k < N; k++)
		free(text[k]);
	tl_filebatch_free(b);
	remove_tree(dir);
}

/* Full batches again and again: every file its own bytes (a slot of the
 * ring's file table left open, or a file read into another's place,
 * would show), and a batch of none. */
static void test_filebatch__full_batches_reuse_their_slots(void **state)
{
	(void)state;
	tl_filebatch *b = reader_or_skip();
	const char *dir = tmpdir();
	enum { FILES = 5 * TL_FILEBATCH_MAX + 7 };
	char *paths[FILES];
	for (int i = 0; i < FILES; i++) {
		char name[64], body[64];
		snprintf(name, sizeof(name), "f%03d.txt", i);
		snprintf(body, sizeof(body), "file %d\n", i);
		write_file(dir, name, body);
		paths[i] = malloc(300);
		snprintf(paths[i], 300, "%s/%s", dir, name);
	}
	char *text[TL_FILEBATCH_MAX];
	size_t len[TL_FILEBATCH_MAX];
	tl_filebatch_read(b, NULL, 0, text, len);
	for (int at = 0; at < FILES; at += TL_FILEBATCH_MAX) {
		size_t n = FILES - at < TL_FILEBATCH_MAX ? (size_t)(FILES - at)
		                                         : TL_FILEBATCH_MAX;
		tl_filebatch_read(b, (const char *const *)paths + at, n, text,
		                  len);
		for (size_t k = 0; k < n; k++) {
			char want[64];
			snprintf(want, sizeof(want), "file %d\n", at + (int)k);
			assert_non_null(text[k]);
			assert_string_equal(text[k], want);
			assert_int_equal(len[k], strlen(want));
			free(text[k]);
		}
	}
	for (int i = 0; i < FILES; i++)
		free(paths[i]);
	tl_filebatch_free(b);
	remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_filebatch__none_when_turned_off),
	    cmocka_unit_test(test_filebatch__whole_files_or_left_to_the_caller),
	    cmocka_unit_test(test_filebatch__full_batches_reuse_their_slots),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
