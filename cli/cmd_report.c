/* cli/cmd_report.c - tally report: the monthly PDF summary and department
 * comparisons. */
#include "../analyze/query.h"
#include "../reports/report.h"
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void help(void)
{
	puts(
	    "usage: tally report monthly --month YYYY-MM -o FILE.pdf\n"
	    "       tally report compare --departments A,B[,...] [--from D "
	    "--to D] -o FILE.pdf\n\n"
	    "monthly  an A4 summary of one month: key figures against the "
	    "month\n"
	    "         before, top, new and silent departments, timeline and\n"
	    "         calendar, ranking, keywords, departments by week, "
	    "kinds,\n"
	    "         and the activities themselves; contents, bookmarks, "
	    "page\n"
	    "         numbers.\n"
	    "compare  departments side by side: key figures and ranks, "
	    "timelines\n"
	    "         on one axis and as small multiples on a shared scale,\n"
	    "         kinds and keywords as shares.\n\n"
	    "  -o, --output FILE   the PDF; a .png name writes the pages as "
	    "PNG\n"
	    "                      files next to it instead (NAME-01.png ...)\n"
	    "  --png DIR           also write each page as DIR/page-NN.png\n"
	    "  --lang zh|en        report text in Chinese (default) or "
	    "English\n"
	    "  --appendix-max N    list at most N activities (default 300; 0: "
	    "all)\n"
	    "  --include-external  count units of other institutions too\n"
	    "  --db FILE           database (default: $TALLY_DB or tally.db)");
}

/* The departments of a comma list, each resolved to its canonical name. */
static int split_departments(tl_store *store, const char *list, char ***out,
                             size_t *n)
{
	char *copy = tl_xstrdup(list), *save = NULL;
	size_t cap = 8;
	*out = tl_xcalloc(cap, sizeof(char *));
	*n = 0;
	for (char *tok = strtok_r(copy, ",，", &save); tok;
	     tok = strtok_r(NULL, ",，", &save)) {
		const char *t = tok;
		size_t len = tl_trim(&t, strlen(tok));
		char *name = tl_xstrndup(t, len), *canon = NULL;
		tl_error err = TL_ERROR_INIT;
		if (tl_query_department(store, name, &canon, &err)) {
			free(name);
			free(copy);
			return cli_fail(&err);
		}
		free(name);
		if (*n + 1 >= cap)
			*out = tl_xrealloc(*out, (cap *= 2) * sizeof(char *));
		(*out)[(*n)++] = canon;
	}
	free(copy);
	return 0;
}

int cmd_report(int argc, char **argv)
{
	cli_reuse_large_blocks();
	enum {
		O_MONTH = 256,
		O_DEPTS,
		O_FROM,
		O_TO,
		O_PNG,
		O_LANG,
		O_MAX,
		O_EXT
	};
	static const struct option opts[] = {
	    {"db", required_argument, 0, 'd'},
	    {"output", required_argument, 0, 'o'},
	    {"month", required_argument, 0, O_MONTH},
	    {"departments", required_argument, 0, O_DEPTS},
	    {"from", required_argument, 0, O_FROM},
	    {"to", required_argument, 0, O_TO},
	    {"png", required_argument, 0, O_PNG},
	    {"lang", required_argument, 0, O_LANG},
	    {"appendix-max", required_argument, 0, O_MAX},
	    {"include-external", no_argument, 0, O_EXT},
	    {"help", no_argument, 0, 'h'},
	    {0, 0, 0, 0}};
	const char *db = NULL, *out = NULL, *month = NULL, *depts = NULL,
	           *from = NULL, *to = NULL, *png = NULL;
	tl_report_opts ro = TL_REPORT_OPTS_INIT;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case O_MONTH:
			month = optarg;
			break;
		case O_DEPTS:
			depts = optarg;
			break;
		case O_FROM:
			from = optarg;
			break;
		case O_TO:
			to = optarg;
			break;
		case O_PNG:
			png = optarg;
			break;
		case O_LANG:
			if (strcmp(optarg, "zh") && strcmp(optarg, "en"))
				return cli_usage("report",
				                 "--lang is zh or en");
			ro.english = strcmp(optarg, "en") == 0;
			break;
		case O_MAX:
			ro.appendix_max = (size_t)strtoul(optarg, NULL, 10);
			break;
		case O_EXT:
			ro.include_external = 1;
			break;
		case 'h':
			help();
			return TL_EXIT_OK;
		default:
			return cli_usage("report", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage("report", "say 'monthly' or 'compare'");
	const char *what = argv[optind];
	int is_monthly = strcmp(what, "monthly") == 0;
	if (!is_monthly && strcmp(what, "compare") != 0)
		return cli_usage(
		    "report", "unknown report '%s' (monthly, compare)", what);
	if (optind + 1 < argc)
		return cli_usage("report", "unexpected argument '%s'",
		                 argv[optind + 1]);
	if (!out && !png)
		return cli_usage("report", "-o FILE.pdf is required");
	if (is_monthly && !month)
		return cli_usage("report", "--month YYYY-MM is required");
	if (!is_monthly && !depts)
		return cli_usage("report", "--departments A,B is required");
	/* -o x.png: the pages as PNG files beside it, no PDF. */
	char *png_dir = NULL;
	if (out && tl_str_ends(out, ".png")) {
		const char *slash = strrchr(out, '/');
		png_dir = slash ? tl_xstrndup(out, (size_t)(slash - out))
		                : tl_xstrdup(".");
	} else {
		ro.pdf = out;
	}
	if (png) {
		if (mkdir(png, 0755) != 0 && errno != EEXIST) {
			cli_error("cannot make folder '%s': %s", png,
			          strerror(errno));
			free(png_dir);
			return TL_EXIT_FAIL;
		}
		ro.png_dir = png;
	} else {
		ro.png_dir = png_dir;
	}
	tl_store *store = NULL;
	tl_error err = TL_ERROR_INIT;
	char **names = NULL;
	size_t nnames = 0;
	int pages = 0;
	if ((rc = cli_open_store(&store, db, TL_STORE_READONLY)))
		goto done;
	if (is_monthly) {
		rc = tl_report_monthly(store, month, &ro, &pages, &err);
	} else {
		if ((rc = split_departments(store, depts, &names, &nnames)))
			goto done;
		if (nnames < 1) {
			rc =
			    cli_usage("report", "name at least one department");
			goto done;
		}
		rc = tl_report_compare(store, (const char *const *)names,
		                       nnames, from, to, &ro, &pages, &err);
	}
	if (rc)
		rc = cli_fail(&err);
	else
		fprintf(stderr, "tally: wrote %d pages%s%s%s%s\n", pages,
		        ro.pdf ? " to " : "", ro.pdf ? ro.pdf : "",
		        ro.png_dir ? " and PNG pages in " : "",
		        ro.png_dir ? ro.png_dir : "");
done:
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(png_dir);
	tl_store_close(store);
	return rc;
}
