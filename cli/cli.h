/* cli/cli.h - what the subcommands share: messages, options, the database and
 * lexicon. */
#ifndef TL_CLI_H
#define TL_CLI_H

#include "../analyze/base.h"
#include "../analyze/lexicon.h"
#include "../analyze/store.h"
#include "../analyze/table.h"

#include <stdio.h>

/* Exit codes. */
enum { TL_EXIT_OK = 0, TL_EXIT_FAIL = 1, TL_EXIT_USAGE = 2 };

typedef struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} tl_command;

/* "tally: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print err's message; returns TL_EXIT_USAGE for usage errors, else 1. */
int cli_fail(const tl_error *err);
/* A usage error: message plus a hint to --help; returns TL_EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The database path: --db, else $TALLY_DB, else tally.db. */
const char *cli_db_path(const char *opt);
/* The lexicon folder: --lexicon, else $TALLY_LEXICON, else the one
 * installed with tally. */
const char *cli_lexicon_dir(const char *opt);

int cli_open_store(tl_store **out, const char *db_opt, int flags);
/* Keep large blocks freed in the heap for the next ones (a process that
 * draws and exits: see cli.c). */
void cli_reuse_large_blocks(void);

/* Open an output ("-" = stdout); NULL after printing the error. */
FILE *cli_open_out(const char *path);
/* Close it, reporting write errors; returns 0 or 1. */
int cli_close_out(FILE *f, const char *path);

/* Columns a string takes on a terminal (CJK count two). */
size_t cli_width(const char *s);
/* Print s padded to `width` columns (left, or right when right != 0). */
void cli_pad(FILE *f, const char *s, size_t width, int right);

void cli_json_string(FILE *f, const char *s);
/* "department" or "department,month" into two axes (cols NONE when one);
 * prints a usage error and returns TL_EXIT_USAGE when wrong. */
int cli_parse_by(const char *cmd, const char *spec, tl_axis *rows,
                 tl_axis *cols);

int cmd_ingest(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_problems(int argc, char **argv);
int cmd_lexicon(int argc, char **argv);

#endif
