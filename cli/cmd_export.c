/* cli/cmd_export.c - tally export: counts or activities as CSV. */
#include "../analyze/query.h"
#include "../reports/csv.h"
#include "../reports/xlsx.h"
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

/* Where rows go: a CSV stream or a workbook sheet. */
typedef struct {
	tl_csv_writer *csv;
	tl_xlsx *xlsx;
} out_t;

static void o_text(out_t *o, const char *s, size_t n)
{
	if (o->xlsx)
		tl_xlsx_text(o->xlsx, s, n);
	else
		tl_csv_textn(o->csv, s, n);
}

static void o_int(out_t *o, int64_t v)
{
	if (o->xlsx)
		tl_xlsx_int(o->xlsx, v);
	else
		tl_csv_int(o->csv, v);
}

static void o_empty(out_t *o)
{
	if (o->xlsx)
		tl_xlsx_empty(o->xlsx);
	else
		tl_csv_empty(o->csv);
}

static void o_end(out_t *o)
{
	if (o->xlsx)
		tl_xlsx_end_row(o->xlsx);
	else
		tl_csv_end_row(o->csv);
}

static int export_activities(tl_store *store, const tl_query *q, out_t *w,
                             tl_error *err)
{
	static const char *const COLS[] = {
	    "source",         "para",         "date",
	    "date_precision", "department",   "unit",
	    "kind",           "participants", "participants_approx",
	    "keywords",       "text"};
	tl_buf sql = TL_BUF_INIT;
	sqlite3_stmt *st = NULL;
	char *canon = NULL;
	tl_date f0, f1, t0, t1;
	char from[11], to[11];
	int rc = 0, step;
	if ((q->from && tl_date_parse_loose(q->from, &f0, &f1)) ||
	    (q->to && tl_date_parse_loose(q->to, &t0, &t1)))
		return tl_error_set(err, TL_EUSAGE,
		                    "bad --from/--to date (want YYYY-MM-DD, "
		                    "YYYY-MM or YYYY)");
	if (q->department &&
	    (rc = tl_query_department(store, q->department, &canon, err)))
		return rc;
	tl_buf_adds(&sql,
	            "SELECT ar.source, a.para, a.date, a.date_precision, "
	            "d.name, a.unit, a.kind, a.participants, "
	            "a.participants_approx, (SELECT group_concat(k.term || ':' "
	            "|| h.n, '|') FROM hit h JOIN keyword k ON k.id = "
	            "h.keyword_id WHERE h.activity_id = a.id), tx.text FROM "
	            "activity a JOIN article ar ON ar.id = a.article_id JOIN "
	            "activity_text tx ON tx.id = a.id JOIN "
	            "department d ON d.id = a.department_id WHERE (?1 OR "
	            "(a.external = 0 AND d.external = 0)) AND (?2 IS NULL OR "
	            "a.date >= ?2) AND (?3 IS NULL OR a.date <= ?3) AND (?4 IS "
	            "NULL OR d.name = ?4) ORDER BY a.date, ar.source, a.para, "
	            "a.id");
	if (sqlite3_prepare_v2(tl_store_db(store), sql.buf, -1, &st, NULL) !=
	    SQLITE_OK) {
		rc = tl_store_fail(store, err, "cannot read activities");
		goto done;
	}
	sqlite3_bind_int(st, 1, q->include_external);
	if (q->from) {
		tl_date_format(f0, from);
		sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	}
	if (q->to) {
		tl_date_format(t1, to);
		sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	}
	if (canon)
		sqlite3_bind_text(st, 4, canon, -1, SQLITE_STATIC);
	if (w->xlsx) {
		tl_xlsx_sheet(w->xlsx, "activities", COLS,
		              sizeof(COLS) / sizeof(COLS[0]));
	} else {
		for (size_t i = 0; i < sizeof(COLS) / sizeof(COLS[0]); i++)
			o_text(w, COLS[i], strlen(COLS[i]));
		o_end(w);
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 11; i++) {
			if (sqlite3_column_type(st, i) == SQLITE_NULL)
				o_empty(w);
			else if (sqlite3_column_type(st, i) == SQLITE_INTEGER)
				o_int(w, sqlite3_column_int64(st, i));
			else
				o_text(w,
				       (const char *)sqlite3_column_text(st, i),
				       (size_t)sqlite3_column_bytes(st, i));
		}
		o_end(w);
	}
	if (step != SQLITE_DONE)
		rc = tl_store_fail(store, err, "cannot read activities");
done:
	sqlite3_finalize(st);
	tl_buf_release(&sql);
	free(canon);
	return rc;
}

static void help(void)
{
	puts(
	    "usage: tally export --by AXIS[,AXIS] [OPTIONS] -o FILE.csv\n"
	    "       tally export activities [OPTIONS] -o FILE.csv\n\n"
	    "Write counts (long form by default: department,month,activities)\n"
	    "or every activity with its sentence, as UTF-8 CSV with ISO dates\n"
	    "(2022-11-10, 2022-W45, 2022-11) that no spreadsheet locale can\n"
	    "mangle.\n\n"
	    "  --by AXIS[,AXIS]    department, day, week, month, keyword, "
	    "kind\n"
	    "  --measure M         activities (default), participants, hits\n"
	    "  --wide              pivot the second axis into columns, with "
	    "totals\n"
	    "  --excel             UTF-8 BOM, CRLF, formula-like cells "
	    "guarded\n"
	    "  --from D, --to D    only dates in this range\n"
	    "  --department NAME   only this department\n"
	    "  --include-external  count units of other institutions too\n"
	    "  -o, --output FILE   where to write ('-' = standard output); a "
	    ".xlsx\n"
	    "                      name writes an Excel workbook (matrix and "
	    "long\n"
	    "                      sheets, frozen header, number formats)\n"
	    "  --db FILE           database (default: $TALLY_DB or tally.db)");
}

int cmd_export(int argc, char **argv)
{
	enum { O_FROM = 256, O_TO, O_DEPT, O_MEASURE, O_WIDE, O_EXCEL, O_EXT };
	static const struct option opts[] = {
	    {"by", required_argument, 0, 'b'},
	    {"db", required_argument, 0, 'd'},
	    {"output", required_argument, 0, 'o'},
	    {"from", required_argument, 0, O_FROM},
	    {"to", required_argument, 0, O_TO},
	    {"department", required_argument, 0, O_DEPT},
	    {"measure", required_argument, 0, O_MEASURE},
	    {"wide", no_argument, 0, O_WIDE},
	    {"excel", no_argument, 0, O_EXCEL},
	    {"include-external", no_argument, 0, O_EXT},
	    {"help", no_argument, 0, 'h'},
	    {0, 0, 0, 0}};
	tl_query q = TL_QUERY_INIT;
	const char *db = NULL, *by = NULL, *out = NULL;
	int wide = 0, excel = 0, c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "b:d:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			by = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case O_FROM:
			q.from = optarg;
			break;
		case O_TO:
			q.to = optarg;
			break;
		case O_DEPT:
			q.department = optarg;
			break;
		case O_MEASURE:
			if (tl_measure_parse(optarg, &q.measure))
				return cli_usage(
				    "export", "unknown measure '%s'", optarg);
			break;
		case O_WIDE:
			wide = 1;
			break;
		case O_EXCEL:
			excel = 1;
			break;
		case O_EXT:
			q.include_external = 1;
			break;
		case 'h':
			help();
			return TL_EXIT_OK;
		default:
			return cli_usage("export", "bad option");
		}
	}
	int activities =
	    optind < argc && strcmp(argv[optind], "activities") == 0;
	if (activities)
		optind++;
	if (optind < argc)
		return cli_usage("export", "unexpected argument '%s'",
		                 argv[optind]);
	if (!activities && !by)
		return cli_usage("export", "say what to export: --by AXIS or "
		                           "'activities'");
	if (!out)
		return cli_usage("export", "-o FILE is required ('-' for "
		                           "standard output)");
	if (by && (rc = cli_parse_by("export", by, &q.rows, &q.cols)))
		return rc;
	tl_store *store = NULL;
	tl_table *t = NULL;
	tl_error err = TL_ERROR_INIT;
	FILE *f = NULL;
	if ((rc = cli_open_store(&store, db, TL_STORE_READONLY)))
		return rc;
	if (!activities && tl_query_run(&t, store, &q, &err)) {
		rc = cli_fail(&err);
		goto done;
	}
	if (tl_str_ends(out, ".xlsx")) {
		/* A workbook: one sheet per table, numbers as numbers. */
		tl_xlsx *x = NULL;
		if (tl_xlsx_new(&x, out, &err)) {
			rc = cli_fail(&err);
			goto done;
		}
		out_t o = {NULL, x};
		if (activities)
			rc = export_activities(store, &q, &o, &err);
		else
			tl_xlsx_table(x, t, tl_measure_name(q.measure));
		if (rc) {
			tl_xlsx_finish(x, NULL);
			rc = cli_fail(&err);
		} else if (tl_xlsx_finish(x, &err)) {
			rc = cli_fail(&err);
		}
		goto done;
	}
	if (!(f = cli_open_out(out))) {
		rc = TL_EXIT_FAIL;
		goto done;
	}
	tl_csv_writer w;
	tl_csv_writer_init(&w, f, excel);
	out_t o = {&w, NULL};
	if (activities)
		rc =
		    export_activities(store, &q, &o, &err) ? cli_fail(&err) : 0;
	else
		tl_csv_write_table(&w, t, wide, tl_measure_name(q.measure));
	tl_csv_writer_release(&w);
	int crc = cli_close_out(f, out);
	if (!rc)
		rc = crc;
done:
	tl_table_free(t);
	tl_store_close(store);
	return rc;
}
