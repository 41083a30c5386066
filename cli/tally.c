/* cli/tally.c - the tally command: dispatch to subcommands. */
#include "cli.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#ifndef TALLY_VERSION
#define TALLY_VERSION "0.1.0"
#endif

static const tl_command COMMANDS[] = {
    {"ingest", cmd_ingest, "read articles into the database"},
    {"stats", cmd_stats, "count activities by department, date, keyword, kind"},
    {"chart", cmd_chart,
     "draw a chart: bar, column, stacked, timeline, heatmap, calendar"},
    {"report", cmd_report, "write the monthly summary or a comparison (PDF)"},
    {"export", cmd_export, "write counts or activities as CSV"},
    {"explain", cmd_explain, "show the sentences behind a count"},
    {"problems", cmd_problems, "list input that could not be used"},
    {"lexicon", cmd_lexicon, "check the lexicon, suggest new departments"},
};

static void usage(FILE *f)
{
	fputs("usage: tally COMMAND [OPTIONS] [ARGS]\n\n"
	      "Turns Chinese news articles about department activities into\n"
	      "counts, charts and reports.\n\nCommands:\n",
	      f);
	for (size_t i = 0; i < sizeof(COMMANDS) / sizeof(COMMANDS[0]); i++)
		fprintf(f, "  %-10s %s\n", COMMANDS[i].name,
		        COMMANDS[i].summary);
	fputs("\nThe database is tally.db in the current folder unless --db "
	      "FILE\n"
	      "or TALLY_DB names another. 'tally COMMAND --help' for details.\n"
	      "Exit codes: 0 success, 1 bad data or failure, 2 usage.\n",
	      f);
}

int main(int argc, char **argv)
{
	/* A full disk or a file-size limit must end in an error message and a
	 * rolled-back transaction, not a signal. */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return TL_EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0 ||
	    strcmp(name, "help") == 0) {
		usage(stdout);
		return TL_EXIT_OK;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
		printf("tally %s (SQLite %s)\n", TALLY_VERSION,
		       sqlite3_libversion());
		return TL_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(COMMANDS) / sizeof(COMMANDS[0]); i++)
		if (strcmp(name, COMMANDS[i].name) == 0)
			return COMMANDS[i].run(argc - 1, argv + 1);
	cli_error("'%s' is not a tally command; see 'tally --help'", name);
	return TL_EXIT_USAGE;
}
