/* cli/cmd_problems.c - tally problems: what could not be used, and why. */
#include "cli.h"

#include <getopt.h>

static void help(void)
{
	puts("usage: tally problems [--db FILE]\n\n"
	     "List every input that could not be used: file, line, reason.");
}

int cmd_problems(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
	                                     {"help", no_argument, 0, 'h'},
	                                     {0, 0, 0, 0}};
	const char *db = NULL;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		if (c == 'd') {
			db = optarg;
		} else if (c == 'h') {
			help();
			return TL_EXIT_OK;
		} else {
			return cli_usage("problems", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage("problems", "unexpected argument '%s'",
		                 argv[optind]);
	tl_store *store = NULL;
	sqlite3_stmt *st = NULL;
	if ((rc = cli_open_store(&store, db, TL_STORE_READONLY)))
		return rc;
	if (sqlite3_prepare_v2(tl_store_db(store),
	                       "SELECT source, line, severity, message FROM "
	                       "problem ORDER BY source, line, id",
	                       -1, &st, NULL) != SQLITE_OK) {
		tl_error err = TL_ERROR_INIT;
		rc = cli_fail(
		    (tl_store_fail(store, &err, "cannot list problems"), &err));
		goto done;
	}
	long n = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long line = (long)sqlite3_column_int64(st, 1);
		printf("%s", sqlite3_column_text(st, 0));
		if (line > 0)
			printf(":%ld", line);
		printf(": %s: %s\n", sqlite3_column_text(st, 2),
		       sqlite3_column_text(st, 3));
		n++;
	}
	if (!n)
		fputs("no problems recorded\n", stderr);
	rc = cli_close_out(stdout, "standard output");
done:
	sqlite3_finalize(st);
	tl_store_close(store);
	return rc;
}
