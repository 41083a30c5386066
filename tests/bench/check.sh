#!/bin/sh
# tests/bench/check.sh - issue 6's check on a series tally's generator did
# not write (tests/bench/gen_apart.py, 100k articles unless N is given):
# `cat` over the files, the ingest into a new database, the pandas + regex
# script and the CSV of the same articles in one hyperfine session (means
# of $CHECK_RUNS, default 5, after one warm-up), then peak memory, the
# re-ingest, `stats` on each axis, the six charts as PNG and PDF and the
# monthly report of the busiest month. Prints one column of the README's
# check table, the aims beside it.
# usage: check.sh BUILD_DIR [N]
set -eu
BUILD=$(cd "$1" && pwd)
N=${2:-100000}
TALLY=$BUILD/tally
here=$(cd "$(dirname "$0")" && pwd)
WORK=${BENCH_DIR:-/tmp/tally-bench}
RUNS=${CHECK_RUNS:-5}
S=$WORK/apart-$N
DB=$WORK/check.db
OUT=$WORK/check-out
mkdir -p "$WORK" "$OUT"

PY=
for p in python3 /usr/bin/python3; do
	if [ -z "$PY" ] && "$p" -c 'import pandas' 2>/dev/null; then PY=$p; fi
done
[ -n "$PY" ] || { echo "check.sh: no python3 with pandas (make bench-deps)" >&2; exit 2; }

if [ ! -f "$S/.done" ]; then
	rm -rf "$S" "$S.csv"
	(cd "$WORK" && "$PY" "$here/gen_apart.py" "$N" "$S") && touch "$S/.done"
fi
csv_mb=$("$PY" -c "import os; print('%.1f' % (os.path.getsize('$S.csv') / 1e6))")
clean() { rm -f "$1" "$1-wal" "$1-shm"; }

# hyperfine's results as "name mean_ms user_s system_s min_s max_s" lines
results() {
	"$PY" - "$1" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"], "%.0f" % (r["mean"] * 1000), "%.3f" % r["user"],
          "%.3f" % r["system"], "%.3f" % min(r["times"]), "%.3f" % max(r["times"]))
PY
}

hyperfine -w 1 -r "$RUNS" --export-json "$WORK/check1.json" \
	--prepare true -n cat \
	"sh -c 'find $S/articles -name \"*.txt\" -print0 | sort -z | xargs -0 cat > /dev/null'" \
	--prepare "rm -f $DB $DB-wal $DB-shm" -n ingest \
	"$TALLY ingest -q --lexicon $S/lexicon --db $DB $S/articles" \
	--prepare true -n script \
	"$PY $here/pandas_baseline.py $S/lexicon $S/articles $WORK/check-pandas.csv" \
	--prepare "rm -f $DB.csv.db $DB.csv.db-wal $DB.csv.db-shm" -n csv \
	"$TALLY ingest -q --lexicon $S/lexicon --db $DB.csv.db $S.csv" >/dev/null
results "$WORK/check1.json" >"$WORK/check1.txt"
get() { awk -v k="$1" -v f="$2" '$1 == k { print $f }' "$WORK/check1.txt"; }
cat_ms=$(get cat 2)
ing_ms=$(get ingest 2)
scr_ms=$(get script 2)
csv_ms=$(get csv 2)

clean "$DB"
peak_dir=$(/usr/bin/time -f %M "$TALLY" ingest -q --lexicon "$S/lexicon" --db "$DB" "$S/articles" 2>&1 >/dev/null | tail -1)
clean "$DB.peak.db"
peak_csv=$(/usr/bin/time -f %M "$TALLY" ingest -q --lexicon "$S/lexicon" --db "$DB.peak.db" "$S.csv" 2>&1 >/dev/null | tail -1)
clean "$DB.peak.db"

month=$("$TALLY" stats --db "$DB" --by month --format csv |
	awk -F, 'NR > 1 && $2 > m { m = $2; k = $1 } END { print k }')
set -- -n reingest "$TALLY ingest -q --lexicon $S/lexicon --db $DB $S/articles"
for axis in department day week month keyword kind; do
	set -- "$@" -n "stats-$axis" "$TALLY stats --db $DB --by $axis --format csv"
done
for fmt in png pdf; do
	for kind in bar column stacked timeline heatmap calendar; do
		set -- "$@" -n "$fmt-$kind" "$TALLY chart $kind --db $DB -o $OUT/$kind.$fmt"
	done
done
set -- "$@" -n report "$TALLY report monthly --db $DB --month $month -o $OUT/report.pdf"
hyperfine -N -w 1 -r "$RUNS" --export-json "$WORK/check2.json" "$@" >/dev/null
results "$WORK/check2.json" >"$WORK/check2.txt"
range() { awk -v p="$1" 'index($1, p) == 1 { v = $2 + 0; if (n++ == 0 || v < lo) lo = v; if (v > hi) hi = v }
	END { printf "%d-%d ms", lo, hi }' "$WORK/check2.txt"; }
re_ms=$(awk '$1 == "reingest" { print $2 }' "$WORK/check2.txt")
rep_ms=$(awk '$1 == "report" { print $2 }' "$WORK/check2.txt")

echo "series: $S ($N articles; CSV $csv_mb MB); $(date -u '+%Y-%m-%d %H:%M UTC'); $("$TALLY" --version)"
echo
echo "| check | this run | aim |"
echo "|---|---:|---:|"
echo "| \`cat\` over the same files | $cat_ms ms | |"
awk -v i="$ing_ms" -v c="$cat_ms" 'BEGIN { printf "| tally ingest, new database | %d ms = %.2f× | ≤ 2× `cat` |\n", i, i / c }'
awk -v s="$scr_ms" -v i="$ing_ms" 'BEGIN { printf "| the pandas + regex script, same files | %d ms: %.2f× | tally ≥ 4× faster |\n", s, s / i }'
awk -v c="$csv_ms" -v mb="$csv_mb" -v lo="$(get csv 5)" -v hi="$(get csv 6)" 'BEGIN {
	printf "| CSV of the same articles (%.0f MB) | %d ms = %.0f MB/s (runs %.2f-%.2f s) | ≥ 150 MB/s |\n", mb, c, mb / (c / 1000), lo, hi }'
awk -v a="$peak_dir" -v b="$peak_csv" 'BEGIN { printf "| peak memory (folder, CSV) | %.1f, %.1f MB | < 100 MB |\n", a / 1024, b / 1024 }'
awk -v r="$re_ms" -v i="$ing_ms" 'BEGIN { printf "| re-ingest (all known) | %d ms = %.2f× | ≤ 0.5× |\n", r, r / i }'
echo "| \`stats\`, each of the six axes | $(range stats-) | ≤ 100 ms |"
echo "| charts, six kinds: PNG | $(range png-) | ≤ 100 ms |"
echo "| charts, six kinds: PDF | $(range pdf-) | ≤ 100 ms |"
echo "| monthly report ($month) | $rep_ms ms | ≤ 1 s |"
echo
echo "user and system time (s): $(awk '{ printf "%s %s+%s; ", $1, $3, $4 }' "$WORK/check1.txt")"
echo "charts and report in $OUT (look at them: pdftoppm -png -r 60)"
