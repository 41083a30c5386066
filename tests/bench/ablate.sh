#!/bin/sh
# tests/bench/ablate.sh - where the ingest's time goes, by leaving parts of
# the work out: a copy of the working tree with tests/bench/ablate.patch
# applied (TALLY_ABLATE picks what is left out), built for release, and
# the ingest of the series written apart (check.sh's, made there first)
# in strictly alternating rounds of every mode and the pandas script, so
# that the machine's drift falls on all of them alike. Prints each one's
# mean wall time, CPU (user + system) and peak memory.
#   0  the whole ingest
#   1  paragraphs extracted, nothing of it stored (no activity rows, no
#      kept counts)
#   2  no extraction: articles read, parsed, hashed and stored
#   3  no kept counts (activity rows stored)
#   4  no activity rows (kept counts made)
# A measurement tool only: the modes' databases are not tally's.
# usage: ablate.sh [N [ROUNDS]]   (100000 articles, 5 rounds)
set -eu
N=${1:-100000}
ROUNDS=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/tally-bench}
S=$WORK/apart-$N
SRC=$WORK/ablate-src
mkdir -p "$WORK"
[ -f "$S/.done" ] || { echo "ablate.sh: no series at $S (run make bench-check first)" >&2; exit 2; }

rm -rf "$SRC"
mkdir -p "$SRC"
(cd "$top" && git ls-files -z | xargs -0 cp --parents -t "$SRC")
(cd "$SRC" && patch -s -p1 <"$here/ablate.patch")
cmake -S "$SRC" -B "$SRC/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$SRC/build" -j "$(nproc)" --target tally >/dev/null
TALLY=$SRC/build/tally
PY=python3
python3 -c 'import pandas' 2>/dev/null || PY=/usr/bin/python3

DB=$WORK/ablate.db
OUT=$WORK/ablate.txt
: >"$OUT"
r=0
while [ "$r" -lt "$ROUNDS" ]; do
	for m in 0 1 2 3 4; do
		rm -f "$DB" "$DB-wal" "$DB-shm"
		TALLY_ABLATE=$m /usr/bin/time -a -o "$OUT" -f "mode$m %e %U %S %M" \
			"$TALLY" ingest -q --lexicon "$S/lexicon" --db "$DB" "$S/articles"
	done
	/usr/bin/time -a -o "$OUT" -f "script %e %U %S %M" \
		"$PY" "$here/pandas_baseline.py" "$S/lexicon" "$S/articles" "$WORK/ablate-pandas.csv"
	r=$((r + 1))
done
rm -f "$DB" "$DB-wal" "$DB-shm"
echo "| what | wall s | CPU s | peak MB |"
echo "|---|---:|---:|---:|"
sort "$OUT" | awk '
	{ k = $1; n[k]++; e[k] += $2; c[k] += $3 + $4; m[k] += $5 }
	END {
		split("mode0 mode1 mode2 mode3 mode4 script", order, " ")
		name["mode0"] = "0: the whole ingest"
		name["mode1"] = "1: extraction, nothing of it stored"
		name["mode2"] = "2: no extraction"
		name["mode3"] = "3: no kept counts"
		name["mode4"] = "4: no activity rows"
		name["script"] = "the pandas script"
		for (i = 1; i <= 6; i++) {
			k = order[i]
			printf "| %s | %.2f | %.2f | %.0f |\n", name[k], e[k] / n[k], c[k] / n[k], m[k] / n[k] / 1024
		}
	}'
