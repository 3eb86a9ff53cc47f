# tap.sh - the TAP helpers of the shell tests that source it: ok and
# not_ok print one result each (not_ok with "# " lines saying why), expect
# runs a command and checks its exit status and output, finish prints the
# plan line and exits 1 when anything failed.  Sourced, never run.

n=0
failures=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
# not_ok DESC [LINE]...: a failure, with the lines that say why.
not_ok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	failures=$((failures + 1))
	shift
	local line
	for line in "$@"; do
		echo "# $line"
	done
}
# expect DESC WANT_RC WANT_TEXT COMMAND...: the command exits with WANT_RC
# and its output (stdout and stderr) holds WANT_TEXT (a fixed string).
expect() {
	local desc=$1 want_rc=$2 want=$3 out rc
	shift 3
	out=$("$@" 2>&1)
	rc=$?
	if [ "$rc" = "$want_rc" ] && printf '%s\n' "$out" | grep -qF -- "$want"; then
		ok "$desc"
	else
		not_ok "$desc" "exit $rc (wanted $want_rc); wanted \"$want\" in:" \
			"$(printf '%s' "$out" | head -8)"
	fi
}
finish() {
	echo "1..$n"
	[ "$failures" -eq 0 ]
	exit $?
}
