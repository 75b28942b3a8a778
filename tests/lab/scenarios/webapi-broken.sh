#!/bin/sh
# webapi-broken — a DSM 6.2.3 factory box whose synowebapi fails on every
# call and whose synoinfo.conf lacks the autoblock_* keys: Auto Block
# cannot be checked at all, and synolint must say so with the reason
# instead of passing.
# Usage: sh webapi-broken.sh HOSTDIR (env: SL_MAKE_TREE)
set -eu
D=$1
sh "$SL_MAKE_TREE" dsm-default "$D/tree"
T=$D/tree
grep -v '^autoblock_' "$T/etc/synoinfo.conf" >"$D/synoinfo.new"
cat "$D/synoinfo.new" >"$T/etc/synoinfo.conf"
rm -f -- "$D/synoinfo.new"
mkdir -p -- "$T/usr/syno/bin/.lab"
printf 'fail=1\n' >"$T/usr/syno/bin/.lab/webapi"
printf 'admin\n' >"$D/user"
