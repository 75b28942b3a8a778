#!/bin/sh
# clone.sh — clone the repository at HEAD into a temp dir and run the
# README's first-screen commands VERBATIM, extracted from README.md between
# <!-- quickstart --> and <!-- /quickstart --> (the ```sh blocks):
#   1. `./setup.sh && ./build/synolint scan --bundle ...` runs as written; it
#      must build and exit 1 (findings), and its first lines must be the
#      example the README shows.
#   2. `./tests/run-all.sh` is the whole suite, which runs this test: running
#      it here would recurse. So the test checks it is exactly what CI runs
#      (.ci/run execs it), that it is a valid executable script, and runs a
#      cheap variant of its last stage: the unit tests of the clone's build.
#      SL_TEST_CLONE_FULL=1 runs it verbatim instead (in the clone, with
#      SL_TEST_CLONE unset so the inner run skips this test: no recursion).
# Only committed work is tested: a clone has no uncommitted changes.
. "$SL_SOURCE_DIR/tests/cli/lib.sh"
[ "${SL_TEST_CLONE:-0}" = 1 ] || { echo "SKIP: set SL_TEST_CLONE=1 to clone and build"; exit 77; }
command -v git >/dev/null || { echo "SKIP: no git"; exit 77; }
head=$(git -C "$SRC" rev-parse HEAD) || { echo "SKIP: $SRC is not a git checkout"; exit 77; }

R=$T/repo
git clone -q --no-hardlinks "$SRC" "$R" && git -C "$R" checkout -q --detach "$head" && ok ||
	{ bad "git clone"; finish; exit 1; }

# The commands, from the README of the clone.
sed -n '/^<!-- quickstart -->$/,/^<!-- \/quickstart -->$/p' "$R/README.md" |
	awk '/^```sh$/ {f = 1; next} /^```$/ {f = 0} f' >"$T/cmds"
[ "$(wc -l <"$T/cmds")" -eq 2 ] && ok || { bad "README quickstart: $(wc -l <"$T/cmds") commands, want 2"; cat "$T/cmds" >&2; finish; exit 1; }
cmd1=$(sed -n 1p "$T/cmds")
cmd2=$(sed -n 2p "$T/cmds")
echo "command 1: $cmd1"
echo "command 2: $cmd2"

# 1, verbatim.
(cd "$R" && sh -c "$cmd1") >"$T/out1" 2>"$T/err1"
rc=$?
[ "$rc" -eq 1 ] && ok || { bad "command 1 exited $rc, want 1 (findings)"; tail -30 "$T/err1" >&2; }
[ -x "$R/build/synolint" ] && ok || bad "command 1 built no ./build/synolint"
# The setup's output comes first on stdout; the scan starts at "host ".
sed -n '/^host /,$p' "$T/out1" >"$T/scan"
expect_grep '^host examples/seed-remote.bundle' "$T/scan" "command 1 scanned the seed bundle"
expect_grep 'summary: [0-9]* failed' "$T/scan" "command 1 summary"
# The README's example is this output (its first five lines and its summary).
sed -n '/^<!-- example:seed-remote-short -->$/,/^<!-- \/example -->$/p' "$R/README.md" |
	sed '1,2d;$d' | sed '$d' >"$T/example"
sed -n 1,5p "$T/example" >"$T/ex.head"
sed -n 1,5p "$T/scan" >"$T/out.head"
cmp -s "$T/ex.head" "$T/out.head" && ok || { bad "README example differs from command 1's output"; diff "$T/ex.head" "$T/out.head" >&2; }
tail -n 1 "$T/example" >"$T/ex.tail"
grep -qxF -f "$T/ex.tail" "$T/scan" && ok || bad "README example's last line is not in the output"

# 2: exactly what CI runs.
ci=$(sed -n 's/^exec //p' "$R/.ci/run")
[ "$ci" = "$cmd2" ] && ok || bad ".ci/run execs \"$ci\", README says \"$cmd2\""
[ -x "$R/${cmd2#./}" ] && sh -n "$R/${cmd2#./}" && ok || bad "$cmd2 is not an executable sh script"
if [ "${SL_TEST_CLONE_FULL:-0}" = 1 ]; then
	(cd "$R" && env -u SL_TEST_CLONE sh -c "$cmd2") >"$T/out2" 2>&1 && ok ||
		{ bad "command 2 failed"; tail -40 "$T/out2" >&2; }
else
	(cd "$R/build" && ctest -j2 -L unit) >"$T/out2" 2>&1 && ok ||
		{ bad "unit tests of the clone's build"; tail -40 "$T/out2" >&2; }
	expect_grep '100% tests passed' "$T/out2" "clone unit tests"
fi
finish
