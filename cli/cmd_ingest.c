/* cli/cmd_ingest.c - tally ingest: articles into the database in one
 * transaction. */
#include "../analyze/ingest.h"
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void on_problem(void *ud, const char *source, long line, const char *msg)
{
	(void)ud;
	if (line > 0)
		cli_error("%s:%ld: %s", source, line, msg);
	else
		cli_error("%s: %s", source, msg);
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
	if (tl_ingest_paths(store, lex, (const char *const *)argv + optind,
	                    (size_t)(argc - optind), on_problem, NULL, &st,
	                    &err)) {
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
