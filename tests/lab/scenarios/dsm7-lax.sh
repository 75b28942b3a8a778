#!/bin/sh
# dsm7-lax — the hardened DSM 7.2.2 box after someone undid its DSM
# settings in the UI: Telnet on (the Terminal API says so), Auto Block off
# (autoblock_* back to 0), SSH back on port 22, two allow-list entries.
# synolint's DSM rules must see each through the web API (as root).
# Usage: sh dsm7-lax.sh HOSTDIR (env: SL_MAKE_TREE)
set -eu
D=$1
sh "$SL_MAKE_TREE" hardened "$D/tree"
T=$D/tree
sed -e 's/^autoblock_attempts=.*/autoblock_attempts="0"/' \
    -e 's/^autoblock_attempt_min=.*/autoblock_attempt_min="0"/' \
    -e '/^ssh_port=/d' "$T/etc/synoinfo.conf" >"$D/synoinfo.new"
cat "$D/synoinfo.new" >"$T/etc/synoinfo.conf"
rm -f -- "$D/synoinfo.new"
mkdir -p -- "$T/usr/syno/bin/.lab"
printf 'enable_telnet=true\nallow=2\n' >"$T/usr/syno/bin/.lab/webapi"
printf 'ops\n' >"$D/user"
