/* cli/cmd_lexicon.c - tally lexicon: check a lexicon folder, suggest what it
 * lacks. */
#include "../reports/csv.h"
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void help(void)
{
	puts(
	    "usage: tally lexicon check [--lexicon DIR]\n"
	    "       tally lexicon suggest [--db FILE] [--min N]\n\n"
	    "check    load the lexicon and say what it holds, or what is "
	    "wrong\n"
	    "         (duplicate names, an alias naming two departments).\n"
	    "suggest  the department-like names the suffix rules found acting\n"
	    "         in the ingested articles that the lexicon does not "
	    "know,\n"
	    "         most active first, in the departments.csv format (name,\n"
	    "         aliases,category,in_roster) followed by how many\n"
	    "         activities and an example sentence (ignored on load).");
}

static int check(const char *dir)
{
	tl_lexicon *lex = NULL;
	tl_error err = TL_ERROR_INIT;
	if (tl_lexicon_load(&lex, dir, &err))
		return cli_fail(&err);
	size_t aliases = 0, roster = 0, ext = 0;
	for (size_t i = 0; i < lex->ndepts; i++) {
		for (char **a = lex->depts[i].aliases; *a; a++)
			aliases++;
		roster += lex->depts[i].in_roster;
		ext += lex->depts[i].external;
	}
	printf("%s: %zu departments (%zu on the roster, %zu external), %zu "
	       "aliases, %zu keywords, %zu kinds\n",
	       dir, lex->ndepts, roster, ext, aliases, lex->nkeywords,
	       lex->nkinds);
	tl_lexicon_free(lex);
	return TL_EXIT_OK;
}

static int suggest(const char *db, long min)
{
	tl_store *store = NULL;
	sqlite3_stmt *st = NULL;
	tl_error err = TL_ERROR_INIT;
	int rc;
	if ((rc = cli_open_store(&store, db, TL_STORE_READONLY)))
		return rc;
	if (sqlite3_prepare_v2(
	        tl_store_db(store),
	        "SELECT d.name, d.external, COUNT(a.id), (SELECT "
	        "CAST(substr(CAST(tx.text AS BLOB), x.sentence_start + 1, "
	        "x.sentence_end - x.sentence_start) AS TEXT) FROM activity x "
	        "JOIN activity_text tx ON tx.id = x.id "
	        "WHERE x.department_id = d.id ORDER BY x.id LIMIT 1) FROM "
	        "department d JOIN activity a ON a.department_id = d.id "
	        "WHERE d.origin = 'suffix' GROUP BY d.id HAVING COUNT(a.id) "
	        ">= ?1 ORDER BY COUNT(a.id) DESC, d.name",
	        -1, &st, NULL) != SQLITE_OK) {
		rc =
		    cli_fail((tl_store_fail(store, &err, "cannot read"), &err));
		goto done;
	}
	sqlite3_bind_int64(st, 1, min);
	tl_csv_writer w;
	tl_csv_writer_init(&w, stdout, 0);
	static const char *const COLS[] = {"name",       "aliases",
	                                   "category",   "in_roster",
	                                   "activities", "example"};
	for (size_t i = 0; i < 6; i++)
		tl_csv_text(&w, COLS[i]);
	tl_csv_end_row(&w);
	while (sqlite3_step(st) == SQLITE_ROW) {
		tl_csv_text(&w, (const char *)sqlite3_column_text(st, 0));
		tl_csv_empty(&w);
		tl_csv_text(&w, sqlite3_column_int(st, 1) ? "external" : "");
		tl_csv_int(&w, 0);
		tl_csv_int(&w, sqlite3_column_int64(st, 2));
		tl_csv_text(&w, (const char *)sqlite3_column_text(st, 3));
		tl_csv_end_row(&w);
	}
	tl_csv_writer_release(&w);
	rc = cli_close_out(stdout, "standard output");
done:
	sqlite3_finalize(st);
	tl_store_close(store);
	return rc;
}

int cmd_lexicon(int argc, char **argv)
{
	enum { O_MIN = 256 };
	static const struct option opts[] = {
	    {"db", required_argument, 0, 'd'},
	    {"lexicon", required_argument, 0, 'l'},
	    {"min", required_argument, 0, O_MIN},
	    {"help", no_argument, 0, 'h'},
	    {0, 0, 0, 0}};
	const char *db = NULL, *dir = NULL;
	long min = 1;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:l:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			dir = optarg;
			break;
		case O_MIN:
			min = strtol(optarg, NULL, 10);
			break;
		case 'h':
			help();
			return TL_EXIT_OK;
		default:
			return cli_usage("lexicon", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage("lexicon", "say 'check' or 'suggest'");
	if (strcmp(argv[optind], "check") == 0)
		return check(cli_lexicon_dir(dir));
	if (strcmp(argv[optind], "suggest") == 0)
		return suggest(db, min);
	return cli_usage("lexicon", "unknown action '%s' (check, suggest)",
	                 argv[optind]);
}
