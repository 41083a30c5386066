#!/bin/sh
# Produces out/examples/counts.xlsx (department x month, and the long
# form), out/examples/counts-excel.csv (the same for Excel: BOM, CRLF)
# and out/examples/activities.csv (every activity with its sentence), for
# the analyst who goes on in a spreadsheet.
set -eu
cd "$(dirname "$0")/.."
make -s build
T=./build/tally
mkdir -p out/examples
rm -f out/examples/series.db*
$T ingest -q --db out/examples/series.db fixtures/series
$T export --db out/examples/series.db --by department,month -o out/examples/counts.xlsx
$T export --db out/examples/series.db --by department,month --wide --excel -o out/examples/counts-excel.csv
$T export --db out/examples/series.db activities -o out/examples/activities.csv
echo "open out/examples/counts.xlsx (or the CSV files) in a spreadsheet"
