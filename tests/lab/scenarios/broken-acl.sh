#!/bin/sh
# broken-acl — the seed-remote NAS (key login set up by the recipe) after
# DSM's user home service re-applied its defaults: the homes tree and the
# admin's home are world-writable again (0777) and carry an ACL ("+" in ls,
# synoacltool -get lists entries). sshd's StrictModes refuses the key with
# "Authentication refused: bad ownership or modes for directory
# /volume1/homes/admin".
# Usage: sh broken-acl.sh HOSTDIR (env: SL_MAKE_TREE)
set -eu
D=$1
sh "$SL_MAKE_TREE" seed-remote "$D/tree"
T=$D/tree
chmod 0777 -- "$T/volume1/homes" "$T/volume1/homes/admin"
mkdir -p -- "$T/usr/syno/bin/.lab"
for p in /volume1/homes /volume1/homes/admin; do
	if command -v setfacl >/dev/null 2>&1; then
		setfacl -m g:101:rwx -- "$T$p" 2>/dev/null || :
		# setfacl may leave the mask (group bits) narrower: keep 0777.
		chmod 0777 -- "$T$p"
	fi
	printf '%s\n' "$p" >>"$T/usr/syno/bin/.lab/acl"
done
printf 'admin\n' >"$D/user"
