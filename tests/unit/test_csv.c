/* tests/unit/test_csv.c - the CSV writer: quoting, Excel profile, tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "csv.h"
#include "helpers.h"

static char *written(void (*fn)(tl_csv_writer *), int excel)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	tl_csv_writer w;
	tl_csv_writer_init(&w, f, excel);
	fn(&w);
	tl_csv_writer_release(&w);
	fclose(f);
	return buf;
}

static void cells(tl_csv_writer *w)
{
	tl_csv_text(w, "能动学院");
	tl_csv_text(w, "a,b");
	tl_csv_text(w, "say \"hi\"");
	tl_csv_text(w, "=1+1");
	tl_csv_int(w, -5);
	tl_csv_end_row(w);
}

static void test_csv__quoting(void **state)
{
	(void)state;
	char *s = written(cells, 0);
	assert_string_equal(s, "能动学院,\"a,b\",\"say \"\"hi\"\"\",=1+1,-5\n");
	free(s);
}

static void test_csv__excel_profile(void **state)
{
	(void)state;
	char *s = written(cells, 1);
	assert_string_equal(
	    s, "\xEF\xBB\xBF能动学院,\"a,b\",\"say \"\"hi\"\"\",'=1+1,-5\r\n");
	free(s);
}

static const tl_table *table;

static void long_form(tl_csv_writer *w)
{
	tl_csv_write_table(w, table, 0, "activities");
}

static void wide_form(tl_csv_writer *w)
{
	tl_csv_write_table(w, table, 1, "activities");
}

static void test_csv__long_and_wide(void **state)
{
	(void)state;
	const char *rows[] = {"甲学院", "乙学院"};
	const char *cols[] = {"2022-10", "2022-11"};
	tl_table *t =
	    tl_table_new(TL_BY_DEPARTMENT, TL_BY_MONTH, rows, 2, cols, 2);
	*tl_table_cell(t, 0, 0) = 1;
	*tl_table_cell(t, 0, 1) = 2;
	*tl_table_cell(t, 1, 1) = 3;
	table = t;
	char *s = written(long_form, 0);
	assert_string_equal(
	    s, "department,month,activities\n甲学院,2022-10,1\n"
	       "甲学院,2022-11,2\n乙学院,2022-10,0\n乙学院,2022-11,3\n");
	free(s);
	s = written(wide_form, 0);
	assert_string_equal(s,
	                    "department,2022-10,2022-11,total\n甲学院,1,2,3\n"
	                    "乙学院,0,3,3\ntotal,1,5,6\n");
	free(s);
	tl_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv__quoting),
	    cmocka_unit_test(test_csv__excel_profile),
	    cmocka_unit_test(test_csv__long_and_wide),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
