#!/bin/sh
# tests/cli/run.sh - golden CLI tests: each folder holds `cmd` (a shell
# script run with $TALLY and $FIXTURES set, in an empty folder) and the
# expected standard output `expected.out`, and optionally `expected.err`
# (standard error) and `expected.rc` (exit code, default 0).
# usage: run.sh TALLY CASES_DIR FIXTURES_DIR
set -u
TALLY=$1
CASES=$2
FIXTURES=$3
export TALLY FIXTURES
unset TALLY_DB TALLY_LEXICON
pass=0
fail=0
for dir in "$CASES"/*/; do
	name=$(basename "$dir")
	[ -f "$dir/cmd" ] || continue
	work=$(mktemp -d)
	(cd "$work" && sh "$dir/cmd" >stdout 2>stderr; echo $? >rc)
	want_rc=0
	[ -f "$dir/expected.rc" ] && want_rc=$(cat "$dir/expected.rc")
	ok=1
	if [ "$(cat "$work/rc")" != "$want_rc" ]; then
		echo "FAIL $name: exit code $(cat "$work/rc"), want $want_rc"
		ok=0
	fi
	if ! diff -u "$dir/expected.out" "$work/stdout" >"$work/diff"; then
		echo "FAIL $name: standard output differs:"
		cat "$work/diff"
		ok=0
	fi
	if [ -f "$dir/expected.err" ] &&
		! diff -u "$dir/expected.err" "$work/stderr" >"$work/diff"; then
		echo "FAIL $name: standard error differs:"
		cat "$work/diff"
		ok=0
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
		echo "ok   $name"
	else
		fail=$((fail + 1))
		echo "--- stderr of $name:"
		cat "$work/stderr"
	fi
	rm -rf "$work"
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
