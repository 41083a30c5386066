#!/bin/sh
# Produces out/examples/2022-11.pdf (and its pages as PNG): the monthly
# summary of November 2022 for the bundled series, as the office would
# hand it to a dean.
set -eu
cd "$(dirname "$0")/.."
make -s build
T=./build/tally
mkdir -p out/examples
rm -f out/examples/series.db*
$T ingest -q --db out/examples/series.db fixtures/series
$T report monthly --db out/examples/series.db --month 2022-11 \
	-o out/examples/2022-11.pdf --png out/examples/2022-11-pages
echo "open out/examples/2022-11.pdf"
