/* cli/cmd_stats.c - tally stats: counts per department, period, keyword or
 * kind. */
#include "../analyze/query.h"
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
	    "  --by AXIS[,AXIS]      what to count by (required)\n"
	    "  --from D, --to D      only dates in this range (YYYY-MM-DD,\n"
	    "                        YYYY-MM or YYYY; inclusive)\n"
	    "  --department NAME    only this department (name or alias)\n"
	    "  --measure M           activities, participants or hits\n"
	    "  --format F            table (default), csv or json\n"
	    "  --include-external    count units of other institutions too\n"
	    "  --no-zero-fill        leave out empty periods\n"
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
		O_NOZERO
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
	    {"help", no_argument, 0, 'h'},
	    {0, 0, 0, 0}};
	tl_query q = TL_QUERY_INIT;
	const char *db = NULL, *by = NULL;
	int fmt = FMT_TABLE, c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "b:d:h", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			by = optarg;
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
	if (!by)
		return cli_usage("stats", "--by is required");
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
