#!/bin/sh
# collector-shells.sh — the collector under dash, bash and BusyBox ash (with
# GNU tools, and with BusyBox applets only) over the example trees plus some
# hostile additions: identical bundles (BusyBox's ls cannot show ACLs, so
# its ACL field is "-"), valid framing, no secrets, hostile names skipped,
# symlinks resolved inside the root. Needs root (make-tree.sh chowns).
set -eu
SRC=${SL_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
[ "$(id -u)" -eq 0 ] || { echo "skip: needs root"; exit 77; }
command -v ssh-keygen >/dev/null || { echo "skip: needs ssh-keygen"; exit 77; }
PY=/usr/bin/python3
CHECK="$PY $SRC/tests/collector/check_bundle.py"

T=$(mktemp -d)
trap 'rm -rf -- "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

for sc in seed-local seed-remote dsm-default hardened; do
	sh "$SRC/examples/make-tree.sh" "$sc" "$T/$sc" >/dev/null
done

# Hostile additions to the hardened tree.
H=$T/hardened/volume1/homes/ops/.ssh
: >"$H/id_bad
name"
: >"$H/id_tab	name.pub"
# authorized_keys2 -> loop1 -> authorized_keys2
ln -s authorized_keys2 "$H/loop1"
ln -s loop1 "$H/authorized_keys2"
ln -s ../../../../../../../../etc/group "$T/hardened/volume1/homes/admin/escape"
printf 'AuthorizedKeysFile .ssh/authorized_keys escape\n' \
    >>"$T/hardened/etc/ssh/sshd_config"

run() {	# run SHELL PATH SCENARIO OUT (SHELL may be "busybox sh": split)
	# shellcheck disable=SC2086
	env -i PATH="$2" SOURCE_DATE_EPOCH=1 SL_HOSTNAME=h $1 \
	    "$SRC/linter/collector.sh" --root "$T/$3" >"$4" 2>"$4.err" ||
		fail "$1 on $3: exit $? $(head -n 3 "$4.err")"
	[ ! -s "$4.err" ] || fail "$1 on $3 wrote to stderr: $(head -n 3 "$4.err")"
}

BB=
for b in /bin/busybox /usr/bin/busybox; do
	[ -x "$b" ] && BB=$b && break
done
if [ -n "$BB" ]; then
	mkdir "$T/bbin"
	for a in ls readlink awk grep sed tr dd wc cat cp mv sort mktemp id head \
	    uname date rm; do
		ln -s "$BB" "$T/bbin/$a"
	done
else
	echo "note: busybox not installed, BusyBox ash not tested"
fi

SYS=/usr/sbin:/usr/bin:/sbin:/bin
for sc in seed-local seed-remote dsm-default hardened; do
	run dash "$SYS" "$sc" "$T/$sc.dash"
	run bash "$SYS" "$sc" "$T/$sc.bash"
	cmp "$T/$sc.dash" "$T/$sc.bash" || fail "$sc: dash and bash differ"
	if [ -n "$BB" ]; then
		run "$BB sh" "$SYS" "$sc" "$T/$sc.ash"
		cmp "$T/$sc.dash" "$T/$sc.ash" || fail "$sc: dash and ash differ"
		run "$BB sh" "$T/bbin" "$sc" "$T/$sc.bb"
		# BusyBox ls shows no ACL: the ACL field is "-" instead of 0/1,
		# and no getfacl listing follows (the end count drops too).
		awk -F '\t' 'BEGIN { OFS = "\t" }
		    skip > 0 { skip -= length($0) + 1; next }
		    $1 == "cmd" && $4 ~ /^getfacl / { skip = $2 + 1; n++; next }
		    $1 == "stat" && NF == 8 { $7 = "-" }
		    $1 == "end" { $2 -= n }
		    { print }' \
		    "$T/$sc.dash" >"$T/$sc.dash-noacl"
		cmp "$T/$sc.dash-noacl" "$T/$sc.bb" ||
			fail "$sc: dash and BusyBox-only differ"
	fi
	$CHECK "$T/$sc.dash"
done

B=$T/hardened.dash
grep -q "^skip	badpath	/var/services/homes/ops/.ssh/id_bad?name$" "$B" ||
	fail "no skip for a name with LF"
grep -q "^skip	badpath	/var/services/homes/ops/.ssh/id_tab?name.pub$" "$B" ||
	fail "no skip for a name with TAB"
grep -q "^skip	symlink-loop	" "$B" || fail "no skip for a symlink loop"
grep -q "^nofile	ENOENT	/var/services/homes/ops/.ssh/authorized_keys2$" "$B" ||
	fail "looping authorized_keys2 not reported unreadable"
# ../../.. above the root stays at the root: the tree's /etc/group is read.
awk '/^file\t[0-9]+\t-\t\/var\/services\/homes\/admin\/escape$/ { f = 1; next }
    f { print; exit }' "$B" | grep -q '^root:x:0:$' ||
	fail "escape symlink not resolved inside the root"
grep -q "^meta	root	$T/hardened$" "$B" || fail "meta root"
grep -q "^meta	hostname	h$" "$B" || fail "meta hostname"
if grep -q "^meta	time	" "$B"; then fail "time printed with SOURCE_DATE_EPOCH"; fi

# The committed example bundles stay valid and secret-free.
$CHECK "$SRC"/examples/*.bundle
echo "collector-shells: ok"
