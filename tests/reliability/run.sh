#!/bin/sh
# tests/reliability/run.sh - crash safety, concurrency and faults, as whole
# processes: SIGKILL at random points of an ingest, two ingests at once, a
# report during an ingest, a full disk, a read-only and a foreign database.
# usage: run.sh TALLY GEN
set -u
TALLY=$1
GEN=$2
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail=0
pass=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
counts() { "$TALLY" stats --db "$1" --by month --format csv --no-zero-fill 2>/dev/null; }
per_article() {
	sqlite3 "$1" "SELECT ar.sha256, COUNT(a.id) FROM article ar LEFT JOIN activity a ON a.article_id = ar.id GROUP BY ar.id ORDER BY ar.sha256"
}

"$GEN" --seed 11 3000 "$W/s" >/dev/null
LEX="--lexicon $W/s/lexicon"
"$TALLY" ingest -q $LEX --db "$W/ref.db" "$W/s/articles" || bad "reference ingest"
counts "$W/ref.db" >"$W/ref.counts"
per_article "$W/ref.db" >"$W/ref.per"

# 1. SIGKILL at random points, into a new and into an existing database.
killed=0
for round in 1 2 3 4 5 6; do
	delay=$(echo "0.03 0.07 0.11 0.02 0.05 0.15" | cut -d' ' -f$round)
	db=$W/kill.db
	[ "$round" = 4 ] && cp "$W/ref.db" "$db" && sqlite3 "$db" "DELETE FROM activity; DELETE FROM article; DELETE FROM agg_kw; DELETE FROM agg_day; DELETE FROM agg_month; DELETE FROM agg_week; DELETE FROM agg_kw_month; DELETE FROM agg_kw_week;"
	"$TALLY" ingest -q $LEX --db "$db" "$W/s/articles" 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	if [ -f "$db" ]; then
		[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || bad "integrity after kill $round"
		# Every stored article has all of its activities, or it is not there.
		per_article "$db" | while IFS='|' read -r sha n; do
			grep -q "^$sha|$n\$" "$W/ref.per" || echo "$sha"
		done >"$W/half"
		[ -s "$W/half" ] && bad "half-stored articles after kill $round"
	fi
done
"$TALLY" ingest -q $LEX --db "$W/kill.db" "$W/s/articles" 2>/dev/null
counts "$W/kill.db" >"$W/kill.counts"
[ $killed -ge 4 ] || bad "only $killed of six kills hit a running ingest"
cmp -s "$W/ref.counts" "$W/kill.counts" && ok "killed $killed times mid-ingest, then re-run: counts identical to a clean run" ||
	bad "counts after kills differ from a clean run"
[ "$(sqlite3 "$W/kill.db" 'PRAGMA integrity_check')" = ok ] && ok "integrity_check ok after kills" || bad "integrity after kills"

# 2. Two ingests at once, each half of the series, into one new database.
mkdir -p "$W/a" "$W/b"
for f in "$W"/s/articles/*.txt; do
	case $(basename "$f") in *[02468].txt) cp "$f" "$W/a/" ;; *) cp "$f" "$W/b/" ;; esac
done
"$TALLY" ingest -q $LEX --db "$W/two.db" "$W/a" & p1=$!
"$TALLY" ingest -q $LEX --db "$W/two.db" "$W/b" & p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
[ $r1 = 0 ] && [ $r2 = 0 ] && ok "two concurrent ingests both succeed" || bad "concurrent ingests: exit $r1 $r2"
counts "$W/two.db" >"$W/two.counts"
cmp -s "$W/ref.counts" "$W/two.counts" && ok "two concurrent ingests: the sum of both, exactly" || bad "concurrent ingests lost or doubled counts"

# 3. A report while an ingest runs.
cp "$W/ref.db" "$W/live.db"
"$GEN" --seed 12 1500 "$W/t" >/dev/null
"$TALLY" ingest -q $LEX --db "$W/live.db" "$W/t/articles" & p1=$!
month=$(head -2 "$W/ref.counts" | tail -1 | cut -d, -f1)
"$TALLY" report monthly --db "$W/live.db" --month "$month" -o "$W/live.pdf" 2>/dev/null; r2=$?
wait $p1; r1=$?
[ $r1 = 0 ] && [ $r2 = 0 ] && [ -s "$W/live.pdf" ] && ok "a report during an ingest: both succeed" || bad "report during ingest: exit $r1 $r2"

# 4. A full disk: a file-size limit halfway through a new database.
( ulimit -f 2000; "$TALLY" ingest -q $LEX --db "$W/full.db" "$W/s/articles" ) >"$W/full.out" 2>&1; r=$?
[ $r = 1 ] && grep -q "nothing was stored" "$W/full.out" && [ ! -f "$W/full.db" ] &&
	ok "disk full: clear message, nothing half-written" || { bad "disk full (exit $r)"; cat "$W/full.out"; }
cp "$W/ref.db" "$W/full2.db"
before=$(counts "$W/full2.db")
( ulimit -f 2000; "$TALLY" ingest -q $LEX --db "$W/full2.db" "$W/t/articles" ) >"$W/full2.out" 2>&1; r=$?
[ $r = 1 ] && [ "$(counts "$W/full2.db")" = "$before" ] &&
	[ "$(sqlite3 "$W/full2.db" 'PRAGMA integrity_check')" = ok ] &&
	ok "disk full on an existing database: error, database unchanged" || { bad "disk full, existing (exit $r)"; cat "$W/full2.out"; }

# 5. A read-only database (as an unprivileged user: root writes anyway).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mkdir -p "$W/ro" && cp "$W/ref.db" "$W/ro/ro.db" && chmod 755 "$W/ro" && chmod 444 "$W/ro/ro.db"
	chmod 755 "$W" && chmod -R a+rX "$W/t"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$TALLY" ingest -q $LEX --db "$W/ro/ro.db" "$W/t/articles" >"$W/ro.out" 2>&1; r=$?
	[ $r = 1 ] && grep -q "readonly\|read-only\|cannot" "$W/ro.out" && [ "$(counts "$W/ro/ro.db")" = "$(cat "$W/ref.counts")" ] &&
		ok "read-only database: clear message, nothing changed" || { bad "read-only database (exit $r)"; cat "$W/ro.out"; }
	setpriv --reuid=65534 --regid=65534 --clear-groups "$TALLY" stats --db "$W/ro/ro.db" --by month >/dev/null 2>&1 &&
		ok "read-only database: still readable" || bad "read-only database not readable"
fi

# 6. A file that is not SQLite, and a newer schema.
head -c 5000 /dev/zero | tr '\0' x >"$W/junk.db"
"$TALLY" ingest -q $LEX --db "$W/junk.db" "$W/s/articles" >"$W/junk.out" 2>&1; r=$?
[ $r = 1 ] && grep -q "not a tally database" "$W/junk.out" && [ "$(head -c 5 "$W/junk.db")" = xxxxx ] &&
	ok "not a database: clear message, file untouched" || { bad "junk database (exit $r)"; cat "$W/junk.out"; }
cp "$W/ref.db" "$W/new.db" && sqlite3 "$W/new.db" "PRAGMA user_version = 9"
"$TALLY" stats --db "$W/new.db" --by month >"$W/new.out" 2>&1; r=$?
[ $r = 1 ] && grep -q "schema version 9" "$W/new.out" && ok "newer schema: clear message" || bad "newer schema (exit $r)"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
