#!/bin/sh
# hostile[:VARIANT] — the seed-remote NAS whose sshd forces every session
# through /usr/syno/bin/.lab/hostile (stubs/lab-hostile): truncated, garbage,
# oversized, control-byte-laden or never-ending answers. The ForceCommand is
# the first line of the lab copy of sshd_config (so it is global).
# Usage: sh hostile.sh HOSTDIR [VARIANT[:BYTES]] (env: SL_MAKE_TREE, SL_LAB_DIR)
set -eu
D=$1
V=${2:-truncated}
B=
case $V in *:*) B=${V#*:} V=${V%%:*} ;; esac
sh "$SL_MAKE_TREE" seed-remote "$D/tree"
T=$D/tree
mkdir -p -- "$T/usr/syno/bin/.lab"
cp -- "$SL_LAB_DIR/stubs/lab-hostile" "$T/usr/syno/bin/.lab/hostile"
chmod 755 -- "$T/usr/syno/bin/.lab/hostile"
printf '%s %s\n' "$V" "$B" >"$T/usr/syno/bin/.lab/hostile.variant"
{
	printf 'ForceCommand /usr/syno/bin/.lab/hostile\n'
	cat -- "$T/etc/ssh/sshd_config"
} >"$D/sshd_config.new"
cat -- "$D/sshd_config.new" >"$T/etc/ssh/sshd_config"
rm -f -- "$D/sshd_config.new"
printf 'admin\n' >"$D/user"
