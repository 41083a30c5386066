/* cli/cmd_ingest.c - tally ingest: articles into the database in one
 * transaction. */
#include "../analyze/ingest.h"
#include "cli.h"

#include <dirent.h>
#include <getopt.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

/* The progress line, when one is shown (forward: it clears for errors). */
typedef struct progress progress;
static void clear_progress(progress *pg);

static void on_problem(void *ud, const char *source, long line, const char *msg)
{
	clear_progress(ud);
	if (line > 0)
		cli_error("%s:%ld: %s", source, line, msg);
	else
		cli_error("%s: %s", source, msg);
}

/* Progress on a terminal: files, MB, rate, ETA, at most five times a
 * second, on one line that is cleared at the end. Nothing when piped. */
struct progress {
	double start, last;
	long long total; /* bytes of the input, for the ETA (0: unknown) */
	int shown;
};

static void clear_progress(progress *pg)
{
	if (pg && pg->shown) {
		fputs("\r\033[K", stderr);
		pg->shown = 0;
	}
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Bytes under the paths, counted the way the reader walks them. */
static long long total_bytes(const char *path, int depth)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 0;
	/* As the reader: links to files are followed, links to folders only
	 * when named on the command line (no loops). */
	if (S_ISLNK(st.st_mode) &&
	    (stat(path, &st) != 0 || (S_ISDIR(st.st_mode) && depth > 0)))
		return 0;
	if (S_ISREG(st.st_mode))
		return (long long)st.st_size;
	if (!S_ISDIR(st.st_mode) || depth > 64)
		return 0;
	DIR *d = opendir(path);
	long long sum = 0;
	struct dirent *e;
	tl_buf child = TL_BUF_INIT;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		tl_buf_reset(&child);
		tl_buf_addf(&child, "%s/%s", path, e->d_name);
		sum += total_bytes(child.buf, depth + 1);
	}
	if (d)
		closedir(d);
	tl_buf_release(&child);
	return sum;
}

static void on_progress(void *ud, const tl_ingest_stats *st)
{
	progress *pg = ud;
	double t = now();
	if (t - pg->last < 0.2)
		return;
	pg->last = t;
	double mb = (double)st->bytes / 1048576.0, secs = t - pg->start;
	double rate = secs > 0 ? mb / secs : 0;
	char eta[32] = "";
	if (pg->total > 0 && rate > 0 && st->bytes < pg->total)
		snprintf(eta, sizeof(eta), ", %.0f s left",
		         ((double)(pg->total - st->bytes) / 1048576.0) / rate);
	fprintf(stderr, "\r\033[Kingest: %ld files, %.0f MB, %.0f MB/s%s",
	        st->files, mb, rate, eta);
	pg->shown = 1;
}

static void help(void)
{
	puts("usage: tally ingest [--db FILE] [--lexicon DIR] PATH...\n\n"
	     "Read articles into the database: files in the text form of the\n"
	     "seed (标题/发布日期/浏览次数/正文内容), CSV files of articles\n"
	     "(title,published,views,body[,source]), folders (recursively,\n"
	     "*.txt and *.csv, in sorted order) and '-' for standard input.\n"
	     "Articles already stored (same title, date and body) are not\n"
	     "stored again. Files that cannot be used are named with the\n"
	     "reason, recorded (see 'tally problems') and the rest goes on.\n\n"
	     "  --db FILE       database (default: $TALLY_DB or tally.db)\n"
	     "  --lexicon DIR   departments.csv, keywords.csv, kinds.csv\n"
	     "  -q, --quiet     no summary line\n\n"
	     "Articles out of the order of their days have their counts\n"
	     "sorted in a temporary file in $TMPDIR (default /tmp) until\n"
	     "the end: 1-2 MB for a thousand articles.\n\n"
	     "Exit status: 0 all used, 1 some input could not be used or the\n"
	     "database failed (nothing is half-written), 2 usage.");
}

int cmd_ingest(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"db", required_argument, 0, 'd'},
	    {"lexicon", required_argument, 0, 'l'},
	    {"quiet", no_argument, 0, 'q'},
	    {"help", no_argument, 0, 'h'},
	    {0, 0, 0, 0}};
	const char *db = NULL, *lexdir = NULL;
	int quiet = 0, c, rc = TL_EXIT_OK;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:l:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			lexdir = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			help();
			return TL_EXIT_OK;
		default:
			return cli_usage("ingest", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage("ingest", "no files to ingest");
	tl_error err = TL_ERROR_INIT;
	tl_lexicon *lex = NULL;
	tl_store *store = NULL;
	tl_ingest_stats st;
	if (tl_lexicon_load(&lex, cli_lexicon_dir(lexdir), &err))
		return cli_fail(&err);
	if ((rc = cli_open_store(&store, db, TL_STORE_BULK)))
		goto done;
	progress pg = {now(), now(), 0, 0};
	int tty = isatty(STDERR_FILENO) && !quiet;
	if (tty)
		for (int i = optind; i < argc; i++)
			if (strcmp(argv[i], "-") != 0)
				pg.total += total_bytes(argv[i], 0);
	rc = tl_ingest_paths_progress(store, lex,
	                              (const char *const *)argv + optind,
	                              (size_t)(argc - optind), on_problem,
	                              tty ? on_progress : NULL, &pg, &st, &err);
	if (pg.shown)
		fputs("\r\033[K", stderr);
	if (rc) {
		cli_fail(&err);
		cli_error("nothing was stored");
		rc = TL_EXIT_FAIL;
		goto done;
	}
	if (!quiet)
		printf("%ld articles read: %ld new, %ld already known; %ld "
		       "activities; %ld problems%s\n",
		       st.read, st.fresh, st.known, st.activities, st.problems,
		       st.problems ? " (see 'tally problems')" : "");
	if (st.skipped && !quiet)
		printf("%ld %s passed over (not articles)\n", st.skipped,
		       st.skipped == 1 ? "file" : "files");
	rc = st.problems ? TL_EXIT_FAIL : TL_EXIT_OK;
done:
	tl_store_close(store);
	tl_lexicon_free(lex);
	return rc;
}
