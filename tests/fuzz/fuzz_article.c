/* tests/fuzz/fuzz_article.c - the article reader (text form and CSV) on any
 * bytes. */
#include "article.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static int on_article(void *ud, const tl_article *a, tl_error *err)
{
	(void)err;
	*(size_t *)ud += a->body_len + (a->title ? 1 : 0);
	return 0;
}

static void on_problem(void *ud, const char *s, long line, const char *sev,
                       const char *msg)
{
	(void)ud, (void)s, (void)line, (void)sev, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	size_t seen = 0;
	tl_article_sink sink = {on_article, on_problem, NULL,
	                        NULL,       NULL,       &seen};
	tl_error err = TL_ERROR_INIT;
	tl_article_parse_text((const char *)data, n, "fuzz.txt", &sink, &err);
	tl_article_parse_csv((const char *)data, n, "fuzz.csv", &sink, &err);
	return 0;
}
