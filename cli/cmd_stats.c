/* cli/cmd_stats.c - tally stats: counts per department, period, keyword or
 * kind. */
#include "../analyze/query.h"
#include "../analyze/summary.h"
#include "../reports/csv.h"
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>

enum { FMT_TABLE, FMT_CSV, FMT_JSON };

static void cell_text(const tl_table *t, size_t r, size_t c, char *buf,
                      size_t n)
{
	int64_t v = tl_table_get(t, r, c);
	snprintf(buf, n, "%s%" PRId64, t->approx[r * t->ncols + c] ? "~" : "",
	         v);
}

static void print_table(FILE *f, const tl_table *t)
{
	size_t w0 = cli_width(tl_axis_name(t->row_axis));
	size_t *w = tl_xcalloc(t->ncols + 1, sizeof(size_t));
	char buf[32];
	for (size_t r = 0; r < t->nrows; r++)
		if (cli_width(t->rows[r]) > w0)
			w0 = cli_width(t->rows[r]);
	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = cli_width(t->cols[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			cell_text(t, r, c, buf, sizeof(buf));
			if (strlen(buf) > w[c])
				w[c] = strlen(buf);
		}
	}
	cli_pad(f, tl_axis_name(t->row_axis), w0, 0);
	for (size_t c = 0; c < t->ncols; c++) {
		fputs("  ", f);
		cli_pad(f, t->cols[c], w[c], 1);
	}
	fputc('\n', f);
	for (size_t r = 0; r < t->nrows; r++) {
		cli_pad(f, t->rows[r], w0, 0);
		for (size_t c = 0; c < t->ncols; c++) {
			cell_text(t, r, c, buf, sizeof(buf));
			fputs("  ", f);
			cli_pad(f, buf, w[c], 1);
		}
		fputc('\n', f);
	}
	free(w);
}

static void print_json(FILE *f, const tl_table *t, const char *measure)
{
	int measures = t->col_axis == TL_BY_NONE;
	fputs("[", f);
	int first = 1;
	for (size_t r = 0; r < t->nrows; r++) {
		if (measures) {
			fprintf(f, "%s\n  {", first ? "" : ",");
			first = 0;
			cli_json_string(f, tl_axis_name(t->row_axis));
			fputs(": ", f);
			cli_json_string(f, t->rows[r]);
			for (size_t c = 0; c < t->ncols; c++) {
				fputs(", ", f);
				cli_json_string(f, t->cols[c]);
				fprintf(f, ": %" PRId64, tl_table_get(t, r, c));
				if (c == TL_MEASURE_PARTICIPANTS)
					fprintf(f,
					        ", \"participants_approx\": %s",
					        t->approx[r * t->ncols + c]
					            ? "true"
					            : "false");
			}
			fputs("}", f);
			continue;
		}
		for (size_t c = 0; c < t->ncols; c++) {
			fprintf(f, "%s\n  {", first ? "" : ",");
			first = 0;
			cli_json_string(f, tl_axis_name(t->row_axis));
			fputs(": ", f);
			cli_json_string(f, t->rows[r]);
			fputs(", ", f);
			cli_json_string(f, tl_axis_name(t->col_axis));
			fputs(": ", f);
			cli_json_string(f, t->cols[c]);
			fputs(", ", f);
			cli_json_string(f, measure);
			fprintf(f, ": %" PRId64 "}", tl_table_get(t, r, c));
		}
	}
	fputs(first ? "]\n" : "\n]\n", f);
}

/* The key figures of a period, as the monthly report's cover states them
 * (the same code counts both). */
static int print_summary(const char *db, const tl_query *q, int fmt)
{
	tl_store *store = NULL;
	tl_figures f;
	tl_error err = TL_ERROR_INIT;
	tl_date a, b;
	char from[11] = "0000-01-01", to[11] = "9999-12-31";
	int rc;
	if ((q->from && tl_date_parse_loose(q->from, &a, &b)) ||
	    (q->to && tl_date_parse_loose(q->to, &b, &b)))
		return cli_usage("stats", "bad --from/--to date");
	if (q->from && !tl_date_parse_loose(q->from, &a, &b))
		tl_date_format(a, from);
	if (q->to && !tl_date_parse_loose(q->to, &a, &b))
		tl_date_format(b, to);
	if ((rc = cli_open_store(&store, db, TL_STORE_READONLY)))
		return rc;
	if (tl_summary_figures(store, from, to, q->include_external, &f,
	                       &err)) {
		tl_store_close(store);
		return cli_fail(&err);
	}
	const char *names[] = {"activities",   "departments",
	                       "participants", "participants_approx",
	                       "articles",     "views"};
	long v[] = {f.activities,          f.departments, f.participants,
	            f.participants_approx, f.articles,    f.views};
	if (fmt == FMT_JSON) {
		fputs("{", stdout);
		for (int i = 0; i < 6; i++)
			printf("%s\"%s\": %ld", i ? ", " : "", names[i], v[i]);
		fputs("}\n", stdout);
	} else if (fmt == FMT_CSV) {
		for (int i = 0; i < 6; i++)
			printf("%s%s", i ? "," : "", names[i]);
		fputs("\n", stdout);
		for (int i = 0; i < 6; i++)
			printf("%s%ld", i ? "," : "", v[i]);
		fputs("\n", stdout);
	} else {
		for (int i = 0; i < 6; i++)
			printf("%-20s %ld\n", names[i], v[i]);
	}
	tl_figures_release(&f);
	tl_store_close(store);
	return cli_close_out(stdout, "standard output");
}

static void help(void)
{
	puts(
	    "usage: tally stats --by AXIS[,AXIS] [OPTIONS]\n\n"
	    "Count activities. AXIS is department, day, week, month, keyword\n"
	    "or kind. One axis gives activities, participants (~ marks counts\n"
	    "the text gave as 余/多/约) and keyword hits per row; two axes "
	    "give\n"
	    "a matrix of --measure. Periods with no activity are listed with\n"
	    "zero. External units (other institutions) are left out.\n\n"
	    "  --by AXIS[,AXIS]      what to count by (required; --by A --by "
	    "B\n"
	    "                        is the same as --by A,B)\n"
	    "  --from D, --to D      only dates in this range (YYYY-MM-DD,\n"
	    "                        YYYY-MM or YYYY; inclusive)\n"
	    "  --department NAME    only this department (name or alias)\n"
	    "  --measure M           activities, participants or hits\n"
	    "  --format F            table (default), csv or json\n"
	    "  --include-external    count units of other institutions too\n"
	    "  --no-zero-fill        leave out empty periods\n"
	    "  --month YYYY-MM       the same as --from and --to over one "
	    "month\n"
	    "  --summary             key figures of the period instead: "
	    "activities,\n"
	    "                        active departments, participants, "
	    "articles\n"
	    "                        published and their views (views -1: none "
	    "given)\n"
	    "  --db FILE             database (default: $TALLY_DB or "
	    "tally.db)");
}

int cmd_stats(int argc, char **argv)
{
	enum {
		O_FROM = 256,
		O_TO,
		O_DEPT,
		O_MEASURE,
		O_FORMAT,
		O_EXT,
		O_NOZERO,
		O_SUMMARY,
		O_MONTH
	};
	static const struct option opts[] = {
	    {"by", required_argument, 0, 'b'},
	    {"db", required_argument, 0, 'd'},
	    {"from", required_argument, 0, O_FROM},
	    {"to", required_argument, 0, O_TO},
	    {"department", required_argument, 0, O_DEPT},
	    {"measure", required_argument, 0, O_MEASURE},
	    {"format", required_argument, 0, O_FORMAT},
	    {"include-external", no_argument, 0, O_EXT},
	    {"no-zero-fill", no_argument, 0, O_NOZERO},
	    {"summary", no_argument, 0, O_SUMMARY},
	    {"month", required_argument, 0, O_MONTH},
	    {"help", no_argument, 0, 'h'},
	    {0, 0, 0, 0}};
	tl_query q = TL_QUERY_INIT;
	const char *db = NULL, *by = NULL;
	char bybuf[128];
	int fmt = FMT_TABLE, c, rc;
	int summary = 0;
	char mfrom[11], mto[11], pfrom[11], pto[11];
	optind = 1;
	while ((c = getopt_long(argc, argv, "b:d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			/* --by A --by B is the cross --by A,B */
			if (by && !strchr(by, ',') &&
			    strlen(by) + strlen(optarg) + 2 <= sizeof(bybuf)) {
				memcpy(bybuf, by, strlen(by));
				bybuf[strlen(by)] = ',';
				memcpy(bybuf + strlen(by) + 1, optarg,
				       strlen(optarg) + 1);
				by = bybuf;
			} else if (by) {
				return cli_usage("stats",
				                 "at most two axes (--by A,B)");
			} else {
				by = optarg;
			}
			break;
		case 'd':
			db = optarg;
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
				return cli_usage("stats",
				                 "unknown measure '%s' "
				                 "(activities, participants, "
				                 "hits)",
				                 optarg);
			break;
		case O_FORMAT:
			if (strcmp(optarg, "table") == 0)
				fmt = FMT_TABLE;
			else if (strcmp(optarg, "csv") == 0)
				fmt = FMT_CSV;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else
				return cli_usage("stats",
				                 "unknown format '%s' (table, "
				                 "csv, json)",
				                 optarg);
			break;
		case O_EXT:
			q.include_external = 1;
			break;
		case O_SUMMARY:
			summary = 1;
			break;
		case O_MONTH:
			if (tl_month_range(optarg, mfrom, mto, pfrom, pto))
				return cli_usage(
				    "stats", "bad month '%s' (want YYYY-MM)",
				    optarg);
			q.from = mfrom;
			q.to = mto;
			break;
		case O_NOZERO:
			q.zero_fill = 0;
			break;
		case 'h':
			help();
			return TL_EXIT_OK;
		default:
			return cli_usage("stats", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage("stats", "unexpected argument '%s'",
		                 argv[optind]);
	if (summary)
		return print_summary(db, &q, fmt);
	if (!by)
		return cli_usage("stats", "--by (or --summary) is required");
	if ((rc = cli_parse_by("stats", by, &q.rows, &q.cols)))
		return rc;
	tl_store *store = NULL;
	tl_table *t = NULL;
	tl_error err = TL_ERROR_INIT;
	if ((rc = cli_open_store(&store, db, TL_STORE_READONLY)))
		return rc;
	if (tl_query_run(&t, store, &q, &err)) {
		rc = cli_fail(&err);
		goto done;
	}
	if (fmt == FMT_TABLE) {
		print_table(stdout, t);
	} else if (fmt == FMT_JSON) {
		print_json(stdout, t, tl_measure_name(q.measure));
	} else {
		tl_csv_writer w;
		tl_csv_writer_init(&w, stdout, 0);
		tl_csv_write_table(&w, t, 0, tl_measure_name(q.measure));
		tl_csv_writer_release(&w);
	}
	rc = cli_close_out(stdout, "standard output");
done:
	tl_table_free(t);
	tl_store_close(store);
	return rc;
}
