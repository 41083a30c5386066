#!/bin/sh
# tests/bench/run.sh - tally's benchmarks: ingest against `cat`, stats, charts
# against gnuplot, as whole processes (hyperfine medians), peak memory by
# /usr/bin/time. Prints a Markdown table.
# usage: run.sh BUILD_DIR [SIZES...]   (default sizes: 1000 10000; BENCH_FULL=1 adds 100000)
set -eu
BUILD=$(cd "$1" && pwd)
shift
TALLY=$BUILD/tally
GEN=$BUILD/tests/tl_gen
EVICT=$BUILD/tests/tl_evict
WORK=${BENCH_DIR:-/tmp/tally-bench}
RUNS=${BENCH_RUNS:-5}
SIZES=${*:-"1000 10000"}
[ "${BENCH_FULL:-0}" = 1 ] && SIZES="$SIZES 100000"
mkdir -p "$WORK"

# median wall time in ms of a command, over $RUNS runs (after one warm-up);
# read from the end of the CSV row: the command may hold commas
median() {
	hyperfine -N -w 1 -r "$RUNS" --export-csv "$WORK/h.csv" "$@" >/dev/null 2>&1 ||
		hyperfine -w 1 -r "$RUNS" --export-csv "$WORK/h.csv" "$@" >/dev/null
	awk -F, 'NR == 2 { printf "%.1f", $(NF - 4) * 1000 }' "$WORK/h.csv"
}
median_prep() { # prepare-command, command
	hyperfine -w 1 -r "$RUNS" --prepare "$1" --export-csv "$WORK/h.csv" "$2" >/dev/null
	awk -F, 'NR == 2 { printf "%.1f", $(NF - 4) * 1000 }' "$WORK/h.csv"
}
peak_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }'; }

echo "| articles | MB | cat ms | ingest ms | ×cat | MB/s | activities/s | peak MB | re-ingest ms | ×first | CSV ingest MB/s | stats ms (max over axes) |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
	dir=$WORK/series-$n
	# (a series from before the generator wrote keywords is made anew)
	if [ ! -f "$dir/.done" ] || [ ! -f "$dir/lexicon/keywords.csv" ]; then
		rm -rf "$dir"
		"$GEN" --csv "$dir.csv" "$n" "$dir" && touch "$dir/.done"
	fi
	db=$WORK/bench-$n.db
	mb=$(du -sm "$dir/articles" | cut -f1)
	csvmb=$(du -sm "$dir.csv" | cut -f1)
	cat_ms=$(median "sh -c 'find $dir/articles -name \"*.txt\" -print0 | sort -z | xargs -0 cat > /dev/null'")
	ingest_ms=$(median_prep "rm -f $db $db-wal $db-shm" "$TALLY ingest -q --lexicon $dir/lexicon --db $db $dir/articles")
	rm -f "$db" "$db-wal" "$db-shm"
	peak=$(peak_mb "$TALLY" ingest -q --lexicon "$dir/lexicon" --db "$db" "$dir/articles")
	acts=$("$TALLY" stats --db "$db" --by month --format csv | awk -F, 'NR > 1 { s += $2 } END { print s }')
	re_ms=$(median "$TALLY ingest -q --lexicon $dir/lexicon --db $db $dir/articles")
	csv_ms=$(median_prep "rm -f $db.csv.db $db.csv.db-wal $db.csv.db-shm" "$TALLY ingest -q --lexicon $dir/lexicon --db $db.csv.db $dir.csv")
	stats_max=0
	for axis in department day week month keyword kind; do
		t=$(median "$TALLY stats --db $db --by $axis --format csv")
		stats_max=$(awk -v a="$t" -v b="$stats_max" 'BEGIN { print (a > b) ? a : b }')
	done
	eval "ingest_$n=$ingest_ms csv_$n=$csv_ms"
	awk -v n="$n" -v mb="$mb" -v c="$cat_ms" -v i="$ingest_ms" -v a="$acts" \
		-v p="$peak" -v r="$re_ms" -v cm="$csvmb" -v cs="$csv_ms" -v s="$stats_max" 'BEGIN {
		printf "| %d | %d | %s | %s | %.2f | %.0f | %.0f | %s | %s | %.2f | %.0f | %s |\n",
			n, mb, c, i, i / c, mb / (i / 1000), a / (i / 1000), p, r, r / i,
			cm / (cs / 1000), s }'
done

# The same files not in memory (dropped from the page cache before each
# run, as after a reboot or when they were written long ago): cat reads
# them one after the other, tally's reader opens them ahead of the
# workers and the kernel reads many at once.
echo
echo "| articles, not in memory | cat ms | ingest ms | ×cat |"
echo "|---:|---:|---:|---:|"
for n in $SIZES; do
	dir=$WORK/series-$n
	db=$WORK/bench-$n.db
	c=$(median_prep "$EVICT $dir/articles" "sh -c 'find $dir/articles -name \"*.txt\" -print0 | sort -z | xargs -0 cat > /dev/null'")
	i=$(median_prep "$EVICT $dir/articles; rm -f $db $db-wal $db-shm" "$TALLY ingest -q --lexicon $dir/lexicon --db $db $dir/articles")
	awk -v n="$n" -v c="$c" -v i="$i" 'BEGIN { printf "| %d | %s | %s | %.2f |\n", n, c, i, i / c }'
done
echo

# The same series with its articles' days in no order (tl_gen --stride
# 7919: the k-th article has the days of the (k * 7919 mod n)-th), as a
# folder named by title or a CSV sorted by anything but date would be:
# the kept counts' flushes then go to sorted runs (analyze/agg.c), and
# the date-keyed indexes are built at the end.
echo "| articles, days in no order | ingest ms | ×in order | CSV ingest ms | ×in order |"
echo "|---:|---:|---:|---:|---:|"
for n in $SIZES; do
	dir=$WORK/series-$n-mixed
	if [ ! -f "$dir/.done" ]; then
		rm -rf "$dir"
		"$GEN" --stride 7919 --csv "$dir.csv" "$n" "$dir" && touch "$dir/.done"
	fi
	db=$WORK/mixed-$n.db
	i=$(median_prep "rm -f $db $db-wal $db-shm" "$TALLY ingest -q --lexicon $dir/lexicon --db $db $dir/articles")
	c=$(median_prep "rm -f $db $db-wal $db-shm" "$TALLY ingest -q --lexicon $dir/lexicon --db $db $dir.csv")
	rm -f "$db" "$db-wal" "$db-shm"
	eval "i0=\$ingest_$n c0=\$csv_$n"
	awk -v n="$n" -v i="$i" -v c="$c" -v i0="$i0" -v c0="$c0" 'BEGIN {
		printf "| %d | %s | %.2f | %s | %.2f |\n", n, i, i / i0, c, c / c0 }'
done

# Charts against gnuplot's pngcairo drawing the same numbers: a ranked
# bar chart of 50 departments, whole processes, same machine, same run.
n=$(echo "$SIZES" | awk '{ print $1 }')
db=$WORK/bench-$n.db
echo
echo "| chart | tally ms | gnuplot ms | gnuplot / tally |"
echo "|---|---:|---:|---:|"
"$TALLY" stats --db "$db" --by department --format csv |
	awk -F, 'NR > 1 && NR <= 51 { printf "%d %s \"%s\"\n", NR - 1, $2, $1 }' >"$WORK/bar.dat"
cat >"$WORK/bar.gp" <<GP
set terminal pngcairo size 1600,1500 font "Noto Sans CJK SC,9"
set output '$WORK/gnuplot-bar.png'
set style data histograms
set style fill solid
set xtics rotate by -45
set yrange [0:*]
plot '$WORK/bar.dat' using 2:xtic(3) title ''
GP
t_bar=$(median "$TALLY chart bar --db $db --top 50 -o $WORK/tally-bar.png")
g_bar=$(median "gnuplot $WORK/bar.gp")
awk -v t="$t_bar" -v g="$g_bar" 'BEGIN { printf "| bar, 50 departments (PNG) | %s | %s | %.2f |\n", t, g, g / t }'
"$TALLY" stats --db "$db" --by day --format csv | awk -F, 'NR > 1 { print NR - 1, $2 }' >"$WORK/day.dat"
cat >"$WORK/line.gp" <<GP
set terminal pngcairo size 1600,1000 font "Noto Sans CJK SC,9"
set output '$WORK/gnuplot-line.png'
plot '$WORK/day.dat' using 1:2 with lines title ''
GP
t_tl=$(median "$TALLY chart timeline --db $db -o $WORK/tally-timeline.png")
g_tl=$(median "gnuplot $WORK/line.gp")
awk -v t="$t_tl" -v g="$g_tl" 'BEGIN { printf "| timeline, per day (PNG) | %s | %s | %.2f |\n", t, g, g / t }'
for kind in column stacked heatmap calendar; do
	for fmt in png pdf svg; do
		t=$(median "$TALLY chart $kind --db $db -o $WORK/tally-$kind.$fmt")
		echo "| $kind ($fmt) | $t | | |"
	done
done

# The monthly report and a comparison of two departments, on the largest
# database of the run, for its busiest month.
n=$(echo "$SIZES" | awk '{ print $NF }')
db=$WORK/bench-$n.db
month=$("$TALLY" stats --db "$db" --by month --format csv |
	awk -F, 'NR > 1 && $2 + 0 > best { best = $2 + 0; m = $1 } END { print m }')
depts=$("$TALLY" stats --db "$db" --by department --format csv |
	awk -F, 'NR == 2 || NR == 3 { printf "%s%s", sep, $1; sep = "," }')
echo
echo "| report ($n articles) | tally ms |"
echo "|---|---:|"
t=$(median "$TALLY report monthly --db $db --month $month -o $WORK/report.pdf")
echo "| monthly, $month | $t |"
t=$(median "$TALLY report compare --db $db --departments $depts -o $WORK/compare.pdf")
echo "| compare, 2 departments | $t |"

# The yardstick of issue 6: a pandas + regex script doing a subset of the
# work (tests/bench/pandas_baseline.py: first date and lexicon names of
# each paragraph, counts per department and month), whole processes on
# the same files, beside tally's ingest of them from the table above.
PY=
for p in python3 /usr/bin/python3; do
	if [ -z "$PY" ] && "$p" -c 'import pandas' 2>/dev/null; then PY=$p; fi
done
if [ -n "$PY" ]; then
	echo
	echo "| articles | tally ingest ms | pandas + regex ms | pandas / tally |"
	echo "|---:|---:|---:|---:|"
	here=$(cd "$(dirname "$0")" && pwd)
	for n in $SIZES; do
		dir=$WORK/series-$n
		db=$WORK/bench-$n.db
		t=$(median_prep "rm -f $db $db-wal $db-shm" "$TALLY ingest -q --lexicon $dir/lexicon --db $db $dir/articles")
		p=$(median "$PY $here/pandas_baseline.py $dir/lexicon $dir/articles $WORK/pandas-$n.csv")
		awk -v n="$n" -v t="$t" -v p="$p" 'BEGIN { printf "| %d | %s | %s | %.2f |\n", n, t, p, p / t }'
	done
fi
