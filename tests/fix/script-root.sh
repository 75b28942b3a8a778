#!/bin/sh
# script-root.sh — the --fix-script script run with sh on private copies of
# DSM trees (--root: every path under the copy, no reload; never the real
# /etc/ssh): the fixed rules pass on a rescan and a second plan is empty;
# the backup equals the original byte for byte and the rollback restores
# it; a file changed after the audit aborts the host with nothing changed;
# a configuration `sshd -t` rejects is never installed; a script for
# another host refuses to run. Needs root (the trees have other owners).
. "$(dirname "$0")/../cli/lib.sh"
[ "$(id -u)" = 0 ] || { echo "skipped: needs root"; exit 77; }
SSHD=
for s in /usr/sbin/sshd /usr/bin/sshd; do [ -x "$s" ] && SSHD=$s && break; done
[ -n "$SSHD" ] || { echo "skipped: no sshd to validate with"; exit 77; }
MT=$SRC/examples/make-tree.sh

tree() {	# tree SCENARIO DIR
	sh "$MT" "$1" "$2" >/dev/null 2>&1 || { bad "make-tree $1"; return 1; }
}
snapshot() {	# snapshot DIR: modes, owners and contents of the whole tree
	(cd "$1" && find . -printf '%p %m %U %G %s\n' | sort && find . -type f -exec cksum {} + | sort)
}
planned() {	# planned PLANFILE: the rule ids planned
	sed -n 's/^  fix     \([A-Z0-9-]*\) .*/\1/p' "$1" | sort -u
}

for sc in seed-remote dsm-default; do
	R=$T/$sc/root
	tree "$sc" "$R" || continue
	cp -p "$R/etc/ssh/sshd_config" "$T/$sc.orig"
	"$SL" scan --root "$R" --dry-run --report "text:$T/report.txt" >"$T/$sc.plan" 2>&1
	"$SL" scan --root "$R" --fix-script "$T/$sc.fix.sh" --report "text:$T/report.txt" >/dev/null 2>&1
	if command -v shellcheck >/dev/null 2>&1; then
		shellcheck -s sh "$T/$sc.fix.sh" >"$T/sc" 2>&1 && ok || { bad "$sc: shellcheck"; head -20 "$T/sc" >&2; }
	fi
	rules=$(planned "$T/$sc.plan")
	[ -n "$rules" ] && ok || bad "$sc: nothing planned"
	sh "$T/$sc.fix.sh" >"$T/$sc.out" 2>"$T/$sc.err"
	rc=$?
	[ "$rc" = 0 ] && ok || { bad "$sc: fix script exit $rc"; cat "$T/$sc.out" "$T/$sc.err" >&2; }
	expect_grep "^SYNOLINT-FIX host=$R step=validate status=ok object=/etc/ssh/sshd_config$" "$T/$sc.out" "$sc: sshd -t ran"
	expect_grep "^SYNOLINT-FIX host=$R step=install status=ok object=/etc/ssh/sshd_config$" "$T/$sc.out" "$sc: installed"
	expect_grep "^SYNOLINT-FIX host=$R step=reload status=skipped object=sshd$" "$T/$sc.out" "$sc: no reload in a tree"
	expect_grep "^SYNOLINT-FIX host=$R step=done status=ok object=host$" "$T/$sc.out" "$sc: done"
	# every fixed rule passes on a rescan; a second plan is empty
	for r in $rules; do
		"$SL" scan --root "$R" --only "$r" --report "text:$T/report.txt" >/dev/null 2>&1
		st=$?
		# DSM-001 goes through synowebapi: skipped in a tree (a live DSM only)
		[ "$st" = 0 ] && ok || bad "$sc: $r still fails after the fix (exit $st)"
	done
	"$SL" scan --root "$R" --dry-run --report "text:$T/report.txt" >"$T/$sc.plan2" 2>&1
	expect_grep "^host $R: 0 fixes planned" "$T/$sc.plan2" "$sc: second plan is empty"
	# the backup is the original, byte for byte, with its mode
	bk=$(ls "$R"/etc/ssh/sshd_config.synolint-* 2>/dev/null)
	[ -n "$bk" ] && cmp -s "$bk" "$T/$sc.orig" && ok || bad "$sc: backup differs from the original"
	[ "$(stat -c %a "$bk")" = "$(stat -c %a "$T/$sc.orig")" ] && ok || bad "$sc: backup mode"
	ls "$R"/etc/ssh | grep -q 'synolint-new' && bad "$sc: temp file left" || ok
	# running the same script again: the file changed since the audit
	before=$(snapshot "$R")
	sh "$T/$sc.fix.sh" >"$T/$sc.out2" 2>&1
	rc=$?
	[ "$rc" = 1 ] && ok || bad "$sc: second run exit $rc, want 1"
	expect_grep "step=check status=changed object=/etc/ssh/sshd_config" "$T/$sc.out2" "$sc: second run sees the change"
	[ "$(snapshot "$R")" = "$before" ] && ok || bad "$sc: second run changed the tree"
	# the rollback written by the first run restores the original
	rb=$(sed -n 's/.*step=rollback status=written object=//p' "$T/$sc.out")
	[ -x "$rb" ] && ok || bad "$sc: no rollback script"
	command -v shellcheck >/dev/null 2>&1 && { shellcheck -s sh "$rb" >/dev/null 2>&1 && ok || bad "$sc: shellcheck rollback"; }
	sh "$rb" >"$T/$sc.rb" 2>&1 && ok || { bad "$sc: rollback failed"; cat "$T/$sc.rb" >&2; }
	cmp -s "$R/etc/ssh/sshd_config" "$T/$sc.orig" && ok || bad "$sc: rollback did not restore sshd_config"
	"$SL" scan --root "$R" --dry-run --report "text:$T/report.txt" >"$T/$sc.plan3" 2>&1
	[ "$(planned "$T/$sc.plan3")" = "$rules" ] && ok || bad "$sc: after the rollback the plan differs"
done

# Another admin edits sshd_config between the audit and the fix: abort,
# nothing changed (no backup, no rollback script, modes kept).
R=$T/changed/root
tree seed-remote "$R"
"$SL" scan --root "$R" --fix-script "$T/changed.sh" --report "text:$T/report.txt" >/dev/null 2>&1
printf '# edited by another admin\n' >>"$R/etc/ssh/sshd_config"
before=$(snapshot "$R")
sh "$T/changed.sh" >"$T/changed.out" 2>"$T/changed.err"
rc=$?
[ "$rc" = 1 ] && ok || bad "changed file: exit $rc, want 1"
expect_grep "step=check status=changed object=/etc/ssh/sshd_config" "$T/changed.out" "changed file: reported"
expect_grep "changed since the audit" "$T/changed.err" "changed file: message"
expect_nogrep "step=install" "$T/changed.out" "changed file: nothing installed"
[ "$(snapshot "$R")" = "$before" ] && ok || bad "changed file: the tree was changed"
# a mode changed after the audit aborts as well
R=$T/mode/root
tree dsm-default "$R"
"$SL" scan --root "$R" --fix-script "$T/mode.sh" --report "text:$T/report.txt" >/dev/null 2>&1
chmod 0770 "$R/volume1/homes/admin"
before=$(snapshot "$R")
sh "$T/mode.sh" >"$T/mode.out" 2>&1
[ $? = 1 ] && ok || bad "changed mode: exit status"
expect_grep "step=check status=changed object=/volume1/homes/admin" "$T/mode.out" "changed mode: reported"
[ "$(snapshot "$R")" = "$before" ] && ok || bad "changed mode: the tree was changed"

# sshd -t rejects the new configuration (its only host key is missing):
# never installed, the file stays as it was, the host is rolled back (2).
R=$T/bad/root
tree seed-remote "$R"
sed -i '1i HostKey /nonexistent/synolint_test_key' "$R/etc/ssh/sshd_config"
cp -p "$R/etc/ssh/sshd_config" "$T/bad.orig"
"$SL" scan --root "$R" --fix-script "$T/bad.sh" --report "text:$T/report.txt" >/dev/null 2>&1
sh "$T/bad.sh" >"$T/bad.out" 2>"$T/bad.err"
rc=$?
[ "$rc" = 2 ] && ok || { bad "sshd -t failure: exit $rc, want 2"; cat "$T/bad.out" "$T/bad.err" >&2; }
expect_grep "step=validate status=failed object=/etc/ssh/sshd_config" "$T/bad.out" "sshd -t failure: reported"
expect_nogrep "step=install status=ok" "$T/bad.out" "sshd -t failure: not installed"
expect_nogrep "step=chmod" "$T/bad.out" "sshd -t failure: no later step"
cmp -s "$R/etc/ssh/sshd_config" "$T/bad.orig" && ok || bad "sshd -t failure: sshd_config changed"
ls "$R"/etc/ssh | grep -q 'synolint-new' && bad "sshd -t failure: temp file left" || ok

# The directive sshd uses is in an Include'd file: that file is edited
# (and backed up), the main file is not; a home owned by someone else is
# given back to its user (chown), never through the /var/services symlink.
R=$T/inc/root
tree hardened "$R"	# DSM 7.2.2: OpenSSH 8.6 reads Include
mkdir -p "$R/etc/ssh/sshd_config.d"
printf '# site policy\nLogLevel INFO\n' >"$R/etc/ssh/sshd_config.d/10-site.conf"
chmod 0644 "$R/etc/ssh/sshd_config.d/10-site.conf"
sed -i '1i Include /etc/ssh/sshd_config.d/*.conf' "$R/etc/ssh/sshd_config"
chown 0 "$R/volume1/homes/ops"
cp -p "$R/etc/ssh/sshd_config.d/10-site.conf" "$T/inc.orig"
"$SL" scan --root "$R" --dry-run --report "text:$T/report.txt" >"$T/inc.plan" 2>&1
expect_grep "^--- a/etc/ssh/sshd_config.d/10-site.conf$" "$T/inc.plan" "include: diff of the included file"
expect_grep "^-LogLevel INFO$" "$T/inc.plan" "include: edited in place"
expect_grep "^  fix     HOME-003  chown       user:ops$" "$T/inc.plan" "include: chown planned"
"$SL" scan --root "$R" --fix-script "$T/inc.sh" --report "text:$T/report.txt" >/dev/null 2>&1
sh "$T/inc.sh" >"$T/inc.out" 2>"$T/inc.err"
rc=$?
[ "$rc" = 0 ] && ok || { bad "include: exit $rc"; cat "$T/inc.out" "$T/inc.err" >&2; }
expect_grep "step=install status=ok object=/etc/ssh/sshd_config.d/10-site.conf" "$T/inc.out" "include: installed"
expect_grep "step=chown status=ok object=/volume1/homes/ops" "$T/inc.out" "include: chown done"
grep -q '^LogLevel VERBOSE$' "$R/etc/ssh/sshd_config.d/10-site.conf" && ok || bad "include: LogLevel not set there"
grep -q '^# site policy$' "$R/etc/ssh/sshd_config.d/10-site.conf" && ok || bad "include: comment lost"
grep -c '^LogLevel' "$R/etc/ssh/sshd_config" | grep -qx 1 && ok || bad "include: main file's LogLevel lines changed"
expect_nogrep "^--- a/etc/ssh/sshd_config$" "$T/inc.plan" "include: main file untouched"
cmp -s "$R/etc/ssh/sshd_config.d/10-site.conf.synolint-"* "$T/inc.orig" && ok || bad "include: backup"
[ "$(stat -c %u "$R/volume1/homes/ops")" = 1026 ] && ok || bad "include: home not given back"
"$SL" scan --root "$R" --only HOME-003 --report "text:$T/report.txt" >/dev/null 2>&1 && ok || bad "include: HOME-003 still fails"
"$SL" scan --root "$R" --only SSHD-015 --report "text:$T/report.txt" >/dev/null 2>&1 && ok || bad "include: SSHD-015 still fails"

# A Port line on DSM (SSHD-021, risky: named with --only) is commented out
R=$T/port/root
tree seed-remote "$R"
sed -i '1i Port 2222' "$R/etc/ssh/sshd_config"
"$SL" scan --root "$R" --dry-run --report "text:$T/report.txt" >"$T/port.plan" 2>&1
expect_grep "^  skip    SSHD-021  sshd_remove file:/etc/ssh/sshd_config:1$" "$T/port.plan" "port: risky by default"
"$SL" scan --root "$R" --only SSHD-021 --fix-script "$T/port.sh" --report "text:$T/report.txt" >/dev/null 2>&1
sh "$T/port.sh" >"$T/port.out" 2>&1 && ok || { bad "port: script failed"; cat "$T/port.out" >&2; }
grep -qx '#Port 2222  # synolint SSHD-021' "$R/etc/ssh/sshd_config" && ok || bad "port: not commented out"
"$SL" scan --root "$R" --only SSHD-021 --report "text:$T/report.txt" >/dev/null 2>&1 && ok || bad "port: SSHD-021 still fails"

# DSM's shell and tools are BusyBox: the same script under BusyBox ash with
# only BusyBox applets on its PATH (the PATH line rewritten for the test).
BB=
for b in /bin/busybox /usr/bin/busybox; do [ -x "$b" ] && BB=$b && break; done
if [ -n "$BB" ]; then
	mkdir "$T/bbin"
	for a in ls dirname cmp cksum cp mv mktemp chmod chown id uname date rm cat sed; do
		ln -s "$BB" "$T/bbin/$a"
	done
	R=$T/bb/root
	tree dsm-default "$R"
	cp -p "$R/etc/ssh/sshd_config" "$T/bb.orig"
	"$SL" scan --root "$R" --dry-run --report "text:$T/report.txt" >"$T/bb.plan" 2>&1
	"$SL" scan --root "$R" --fix-script "$T/bb.sh" --report "text:$T/report.txt" >/dev/null 2>&1
	sed "s|^PATH=.*|PATH=$T/bbin|" "$T/bb.sh" >"$T/bb-path.sh"
	"$BB" sh "$T/bb-path.sh" >"$T/bb.out" 2>"$T/bb.err"
	rc=$?
	[ "$rc" = 0 ] && ok || { bad "busybox: exit $rc"; cat "$T/bb.out" "$T/bb.err" >&2; }
	for r in $(planned "$T/bb.plan"); do
		"$SL" scan --root "$R" --only "$r" --report "text:$T/report.txt" >/dev/null 2>&1 &&
		    ok || bad "busybox: $r still fails"
	done
	cmp -s "$R/etc/ssh/sshd_config.synolint-"* "$T/bb.orig" && ok || bad "busybox: backup"
	# a changed mode is seen through BusyBox ls too
	chmod 0644 "$R/etc/ssh/sshd_config"
	"$SL" scan --root "$R" --fix-script "$T/bb2.sh" --only SSHD-028 --report "text:$T/report.txt" >/dev/null 2>&1
	chmod 0640 "$R/etc/ssh/sshd_config"
	sed "s|^PATH=.*|PATH=$T/bbin|" "$T/bb2.sh" >"$T/bb2-path.sh"
	"$BB" sh "$T/bb2-path.sh" >"$T/bb2.out" 2>&1
	[ $? = 1 ] && ok || bad "busybox: changed mode not refused"
	expect_grep "step=check status=changed object=/etc/ssh/sshd_config" "$T/bb2.out" "busybox: mode change seen"
else
	echo "note: busybox not installed, the script was not run under BusyBox ash"
fi

# A script for another host refuses to run (host guard), in a private
# mount namespace with an empty /etc/ssh so nothing real is ever at stake.
if command -v unshare >/dev/null 2>&1 && unshare --mount true 2>/dev/null; then
	"$SL" scan --bundle "$SRC/examples/seed-remote.bundle" --fix-script "$T/other.sh" \
	    --report "text:$T/report.txt" >/dev/null 2>&1
	unshare --mount --propagation private sh -c \
	    'mount -t tmpfs tmpfs /etc/ssh && sh "$1"' sh "$T/other.sh" >"$T/other.out" 2>"$T/other.err"
	rc=$?
	[ "$rc" = 3 ] && ok || { bad "other host: exit $rc, want 3"; cat "$T/other.out" "$T/other.err" >&2; }
	expect_grep "step=guard status=skipped" "$T/other.out" "other host: guard"
	expect_nogrep "step=check" "$T/other.out" "other host: nothing checked"
fi
finish
