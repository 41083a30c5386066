#!/bin/sh
# Produces out/examples/compare.pdf: the seed's five departments side by
# side (key figures and ranks, timelines, kinds and keywords as shares),
# over the whole series.
set -eu
cd "$(dirname "$0")/.."
make -s build
T=./build/tally
mkdir -p out/examples
rm -f out/examples/series.db*
$T ingest -q --db out/examples/series.db fixtures/series
$T report compare --db out/examples/series.db \
	--departments 期刊中心,能动学院,网络信息中心,电信学部,人力资源部 \
	-o out/examples/compare.pdf
echo "open out/examples/compare.pdf"
