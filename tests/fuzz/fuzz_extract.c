/* tests/fuzz/fuzz_extract.c - extraction of one paragraph with the default
 * lexicon. */
#include "extract.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n);

static tl_lexicon *lex;
static tl_extractor *ex;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	if (!lex) {
		tl_error err = TL_ERROR_INIT;
		if (tl_lexicon_load(&lex, TL_FIXTURES "/lexicon", &err))
			abort();
		ex = tl_extractor_new(lex);
	}
	/* The extractor sees normalised, valid UTF-8, as the reader gives. */
	if (tl_utf8_invalid_at((const char *)data, n) != (size_t)-1)
		return 0;
	tl_buf norm = TL_BUF_INIT;
	tl_text_normalize(&norm, (const char *)data, n);
	const tl_activity *acts;
	const tl_hit *hits;
	size_t na;
	tl_date pub = {2022, 11, 21};
	tl_extract_paragraph(ex, norm.buf, norm.len, 1, pub, &acts, &na, &hits);
	for (size_t i = 0; i < na; i++)
		if (acts[i].sent_end > norm.len ||
		    acts[i].dept_pos > norm.len || !acts[i].dept_name)
			__builtin_trap();
	tl_buf_release(&norm);
	return 0;
}
