/* cli/cli.c - shared helpers of the subcommands. */
#include "cli.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef TALLY_LEXICON_DIR
#define TALLY_LEXICON_DIR "fixtures/lexicon"
#endif

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fputs("tally: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_fail(const tl_error *err)
{
	cli_error("%s", err->msg[0] ? err->msg : "unknown error");
	return err->code == TL_EUSAGE ? TL_EXIT_USAGE : TL_EXIT_FAIL;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fputs("tally: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'tally %s --help'.\n", cmd);
	return TL_EXIT_USAGE;
}

const char *cli_db_path(const char *opt)
{
	const char *env = getenv("TALLY_DB");
	if (opt && *opt)
		return opt;
	if (env && *env)
		return env;
	return "tally.db";
}

const char *cli_lexicon_dir(const char *opt)
{
	const char *env = getenv("TALLY_LEXICON");
	if (opt && *opt)
		return opt;
	if (env && *env)
		return env;
	return TALLY_LEXICON_DIR;
}

int cli_open_store(tl_store **out, const char *db_opt, int flags)
{
	tl_error err = TL_ERROR_INIT;
	if (tl_store_open(out, cli_db_path(db_opt), flags, &err))
		return cli_fail(&err);
	return 0;
}

FILE *cli_open_out(const char *path)
{
	if (strcmp(path, "-") == 0)
		return stdout;
	FILE *f = fopen(path, "wb");
	if (!f)
		cli_error("cannot write '%s': %s", path, strerror(errno));
	return f;
}

int cli_close_out(FILE *f, const char *path)
{
	int bad = fflush(f) != 0 || ferror(f);
	int e = errno;
	if (f != stdout && fclose(f) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		cli_error("cannot write '%s': %s", path, strerror(e));
		return TL_EXIT_FAIL;
	}
	return 0;
}

size_t cli_width(const char *s)
{
	return tl_display_width(s, strlen(s));
}

void cli_pad(FILE *f, const char *s, size_t width, int right)
{
	size_t w = cli_width(s);
	if (right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (size_t i = w; i < width; i++)
			fputc(' ', f);
}

void cli_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

int cli_parse_by(const char *cmd, const char *spec, tl_axis *rows,
                 tl_axis *cols)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%s", spec);
	char *comma = strchr(buf, ',');
	*cols = TL_BY_NONE;
	if (comma) {
		*comma = '\0';
		if (tl_axis_parse(comma + 1, cols))
			return cli_usage(cmd,
			                 "unknown axis '%s' (department, "
			                 "day, week, month, keyword, kind)",
			                 comma + 1);
	}
	if (tl_axis_parse(buf, rows))
		return cli_usage(cmd,
		                 "unknown axis '%s' (department, day, "
		                 "week, month, keyword, kind)",
		                 buf);
	if (*rows == *cols)
		return cli_usage(cmd, "the two axes must differ");
	return 0;
}

/* cairo's PDF output copies the whole CFF table of each CJK face it
 * embeds into a block of its own, twice (15.5 MB for Noto Sans CJK SC
 * Regular, 16.0 MB for Bold): once to see whether the face is
 * CID-keyed, once to subset it. glibc would map each block afresh, 4 KB
 * page by page faulted in and zeroed. So large blocks come from the
 * heap and stay there when freed, and the heap grows once by room for
 * two copies on huge pages, where the kernel gives them on request (as
 * glibc.malloc.hugetlb=1 would). Two, because the first copy's space
 * does not serve the second: blocks allocated in between are carved
 * from it once it is freed, and the second copy lands after it.
 *
 * Faults for a bar chart as PDF 9,300 -> 1,300, the report 14,000 ->
 * 1,600. Hyperfine means of 10, 100k database: the six charts as PDF
 * 134-158 -> 67-77 ms, as PNG 62-92 -> 58-85 ms, as SVG 52-77 -> 48-69
 * ms; the monthly report 277 -> 137 ms; the peak the same. Used by chart
 * and report only; not for ingest, whose memory must stay bounded. */
void cli_reuse_large_blocks(void)
{
#ifdef __GLIBC__
	enum { ROOM = 36 << 20 }; /* two copies of 16 MB, and the rest */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
#ifdef MADV_HUGEPAGE
	const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	char *lo = sbrk(0);
	void *room = malloc(ROOM);
	char *hi = sbrk(0);
	/* Empty where malloc does not grow the heap by sbrk (sanitizers). */
	uintptr_t a = ((uintptr_t)lo + page - 1) & ~(page - 1);
	uintptr_t b = (uintptr_t)hi & ~(page - 1);
	if (room && b > a) /* sbrk(0) only reads the break: it cannot fail */
		madvise((void *)a, b - a, MADV_HUGEPAGE);
	free(room); /* stays in the heap: the trim threshold is above it */
#endif
#endif
}
