/* cli/cmd_explain.c - tally explain: the sentences behind a count. */
#include "../analyze/cndate.h"
#include "../analyze/query.h"
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Print text[a, b) with the spans [p1, p1+l1) and [p2, p2+l2) marked. */
static void print_marked(const char *t, size_t a, size_t b, size_t p1,
                         size_t l1, size_t p2, size_t l2, int tty)
{
	const char *open = tty ? "\033[1;4m" : "【";
	const char *close = tty ? "\033[0m" : "】";
	for (size_t i = a; i < b; i++) {
		if ((l1 && i == p1) || (l2 && i == p2))
			fputs(open, stdout);
		fputc(t[i], stdout);
		if ((l1 && i + 1 == p1 + l1) || (l2 && i + 1 == p2 + l2))
			fputs(close, stdout);
	}
}

static void help(void)
{
	puts(
	    "usage: tally explain [--department NAME] [--date D] [--keyword "
	    "K]\n"
	    "                     [--from D --to D] [--limit N]\n\n"
	    "Show every activity behind a count: date, department, kind, its\n"
	    "source file and paragraph, and the sentence with the date phrase\n"
	    "and the department phrase marked 【like this】.\n\n"
	    "  --department NAME   name or alias\n"
	    "  --date D            a day, month (YYYY-MM) or year\n"
	    "  --keyword K         activities whose paragraph has K\n"
	    "  --include-external  units of other institutions too\n"
	    "  --limit N           at most N activities (default: all)\n"
	    "  --db FILE           database (default: $TALLY_DB or tally.db)");
}

int cmd_explain(int argc, char **argv)
{
	enum { O_DEPT = 256, O_DATE, O_KW, O_FROM, O_TO, O_LIMIT, O_EXT };
	static const struct option opts[] = {
	    {"db", required_argument, 0, 'd'},
	    {"department", required_argument, 0, O_DEPT},
	    {"date", required_argument, 0, O_DATE},
	    {"keyword", required_argument, 0, O_KW},
	    {"from", required_argument, 0, O_FROM},
	    {"to", required_argument, 0, O_TO},
	    {"limit", required_argument, 0, O_LIMIT},
	    {"include-external", no_argument, 0, O_EXT},
	    {"help", no_argument, 0, 'h'},
	    {0, 0, 0, 0}};
	const char *db = NULL, *dept = NULL, *kw = NULL, *from = NULL,
	           *to = NULL;
	long limit = -1;
	int ext = 0, c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case O_DEPT:
			dept = optarg;
			break;
		case O_DATE:
			from = to = optarg;
			break;
		case O_KW:
			kw = optarg;
			break;
		case O_FROM:
			from = optarg;
			break;
		case O_TO:
			to = optarg;
			break;
		case O_LIMIT:
			limit = strtol(optarg, NULL, 10);
			break;
		case O_EXT:
			ext = 1;
			break;
		case 'h':
			help();
			return TL_EXIT_OK;
		default:
			return cli_usage("explain", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage("explain", "unexpected argument '%s'",
		                 argv[optind]);
	tl_date f0, f1, t0, t1;
	char fs[11] = "", ts[11] = "";
	if (from && tl_date_parse_loose(from, &f0, &f1))
		return cli_usage("explain", "bad date '%s'", from);
	if (to && tl_date_parse_loose(to, &t0, &t1))
		return cli_usage("explain", "bad date '%s'", to);
	if (from)
		tl_date_format(f0, fs);
	if (to)
		tl_date_format(t1, ts);
	tl_store *store = NULL;
	sqlite3_stmt *st = NULL;
	tl_error err = TL_ERROR_INIT;
	char *canon = NULL;
	if ((rc = cli_open_store(&store, db, TL_STORE_READONLY)))
		return rc;
	if (dept && tl_query_department(store, dept, &canon, &err)) {
		rc = cli_fail(&err);
		goto done;
	}
	if (sqlite3_prepare_v2(
	        tl_store_db(store),
	        "SELECT a.date, a.date_end, a.date_precision, d.name, "
	        "a.unit, a.kind, a.participants, a.participants_approx, "
	        "ar.source, a.para, tx.text, a.sentence_start, "
	        "a.sentence_end, a.date_pos, a.date_len, a.dept_pos, "
	        "a.dept_len, a.external OR d.external FROM activity a JOIN "
	        "article ar ON ar.id = a.article_id JOIN activity_text tx ON "
	        "tx.id = a.id JOIN department d ON "
	        "d.id = a.department_id WHERE (?1 OR (a.external = 0 AND "
	        "d.external = 0)) AND (?2 IS NULL OR d.name = ?2) AND (?3 "
	        "IS NULL OR a.date >= ?3) AND (?4 IS NULL OR a.date <= ?4) "
	        "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM hit h JOIN "
	        "keyword k ON k.id = h.keyword_id WHERE h.activity_id = "
	        "a.id AND k.term = ?5)) ORDER BY a.date, ar.source, a.para, "
	        "a.id",
	        -1, &st, NULL) != SQLITE_OK) {
		rc = cli_fail(&(tl_error){TL_EDB, "cannot read activities"});
		goto done;
	}
	sqlite3_bind_int(st, 1, ext);
	if (canon)
		sqlite3_bind_text(st, 2, canon, -1, SQLITE_STATIC);
	if (from)
		sqlite3_bind_text(st, 3, fs, -1, SQLITE_STATIC);
	if (to)
		sqlite3_bind_text(st, 4, ts, -1, SQLITE_STATIC);
	if (kw)
		sqlite3_bind_text(st, 5, kw, -1, SQLITE_STATIC);
	int tty = isatty(STDOUT_FILENO), step;
	long shown = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW &&
	       (limit < 0 || shown < limit)) {
		const char *t = (const char *)sqlite3_column_text(st, 10);
		size_t n = (size_t)sqlite3_column_bytes(st, 10);
		size_t ss = (size_t)sqlite3_column_int64(st, 11);
		size_t se = (size_t)sqlite3_column_int64(st, 12);
		if (se > n || ss > se)
			ss = 0, se = n;
		const char *prec = (const char *)sqlite3_column_text(st, 2);
		printf("%s", sqlite3_column_text(st, 0));
		if (strcmp(prec, "span") == 0 || strcmp(prec, "month") == 0)
			printf("..%s", sqlite3_column_text(st, 1));
		if (strcmp(prec, "day") != 0)
			printf(" (%s)", prec);
		printf("  %s", sqlite3_column_text(st, 3));
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			printf(" / %s", sqlite3_column_text(st, 4));
		if (sqlite3_column_int(st, 17))
			fputs(" [external]", stdout);
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			printf("  %s", sqlite3_column_text(st, 5));
		if (sqlite3_column_type(st, 6) != SQLITE_NULL)
			printf("  %s%lld人",
			       sqlite3_column_int(st, 7) ? "~" : "",
			       (long long)sqlite3_column_int64(st, 6));
		printf("\n  %s, paragraph %d\n  ", sqlite3_column_text(st, 8),
		       sqlite3_column_int(st, 9));
		print_marked(t, ss, se, (size_t)sqlite3_column_int64(st, 13),
		             (size_t)sqlite3_column_int64(st, 14),
		             (size_t)sqlite3_column_int64(st, 15),
		             (size_t)sqlite3_column_int64(st, 16), tty);
		fputs("\n\n", stdout);
		shown++;
	}
	if (step != SQLITE_DONE && step != SQLITE_ROW) {
		rc = cli_fail(&(tl_error){TL_EDB, "cannot read activities"});
		goto done;
	}
	if (!shown)
		fputs("no activities match\n", stderr);
	rc = cli_close_out(stdout, "standard output");
done:
	sqlite3_finalize(st);
	free(canon);
	tl_store_close(store);
	return rc;
}
