#!/bin/sh
# acl-stub.sh — the lab's native synoacltool (stubs/synoacltool.c) answers
# -get and -getace byte for byte and with the same exit status as the shell
# stub (stubs/synoacltool) on files and directories with no ACL, an access
# ACL, a default ACL, a restricting mask, ids without names, a symlink and a
# missing path. Needs cc and setfacl (77 otherwise).
# shellcheck source=tests/cli/lib.sh disable=SC1091,SC2015
. "$(dirname "$0")/../cli/lib.sh"
for c in cc setfacl getfacl; do
	command -v "$c" >/dev/null 2>&1 || { echo "SKIP: needs $c"; exit 77; }
done
STUBS=$SRC/tests/lab/stubs
cc -O2 -Wall -Wextra -Werror -o "$T/synoacltool" "$STUBS/synoacltool.c" && ok || bad "synoacltool.c does not build"
A=$T/tree
mkdir -p "$A/plain" "$A/access" "$A/default" "$A/masked"
: >"$A/file"
: >"$A/file_acl"
setfacl -m u:nobody:rwx,g:nogroup:r-x "$A/access" &&
setfacl -d -m u:nobody:rwx "$A/default" &&
setfacl -m u:nobody:rw-,m::r-- "$A/masked" &&
setfacl -m u:54321:rw-,g:54322:r-- "$A/file_acl" &&
chown 54323 "$A/file_acl" && ok || bad "setfacl/chown failed"
ln -s file_acl "$A/link"
for op in -get -getace; do
	for p in plain access default masked file file_acl link missing; do
		"$T/synoacltool" "$op" "$A/$p" >"$T/c.out" 2>&1
		echo "rc=$?" >>"$T/c.out"
		sh "$STUBS/synoacltool" "$op" "$A/$p" >"$T/s.out" 2>&1
		echo "rc=$?" >>"$T/s.out"
		if cmp -s "$T/c.out" "$T/s.out"; then ok; else
			bad "synoacltool $op $p: native and shell stub differ"
			diff "$T/s.out" "$T/c.out" >&2
		fi
	done
done
# an ACL'd path is not Linux mode (the comparison is not between two "no")
"$T/synoacltool" -get "$A/access" >"$T/c.out" 2>&1
expect_grep "user:nobody:allow:rwx" "$T/c.out" "named user listed"
finish
