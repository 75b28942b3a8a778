#!/bin/sh
# make-bundles.sh — rebuilds examples/<scenario>.bundle: builds each example
# tree (make-tree.sh) in a temporary directory and runs the collector over it
# in root mode. Run as root. Key pairs are fresh on every run (ssh-keygen
# cannot be seeded), so the committed bundles are generated once and kept;
# everything else in them is deterministic (no time, fixed hostname and
# root label).
#
# Usage: sh examples/make-bundles.sh [-o OUTDIR] [-s SHELL] [SCENARIO...]
set -eu
LC_ALL=C
export LC_ALL
cd "$(dirname "$0")/.."

OUT=examples
SH="sh"
while getopts o:s: opt; do
	case $opt in
	o) OUT=$OPTARG ;;
	s) SH=$OPTARG ;;
	*) printf 'usage: make-bundles.sh [-o OUTDIR] [-s SHELL] [SCENARIO...]\n' >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- seed-local seed-remote dsm-default hardened
[ "$(id -u)" -eq 0 ] || { printf 'make-bundles.sh: must run as root\n' >&2; exit 1; }
mkdir -p -- "$OUT"

T=$(mktemp -d)
trap 'rm -rf -- "$T"' EXIT

# seed-remote's authorized_keys holds seed-local's public key.
SEED_LOCAL_PUB=$T/seed-local/volume1/homes/admin/.ssh/id_rsa.pub
export SEED_LOCAL_PUB
case " $* " in
*" seed-remote "*)
	case " $* " in
	*" seed-local "*) ;;
	*) sh examples/make-tree.sh seed-local "$T/seed-local" ;;
	esac
	;;
esac

for sc in "$@"; do
	case $sc in
	seed-local) host=nas-local ;;
	seed-remote) host=nas-remote ;;
	dsm-default) host=DiskStation ;;
	hardened) host=nas-hardened ;;
	*) printf 'make-bundles.sh: unknown scenario %s\n' "$sc" >&2; exit 2 ;;
	esac
	[ -d "$T/$sc" ] || sh examples/make-tree.sh "$sc" "$T/$sc"
	SOURCE_DATE_EPOCH=1700000000 SL_HOSTNAME=$host \
	    SL_ROOT_LABEL=/examples/$sc \
	    "$SH" linter/collector.sh --root "$T/$sc" >"$OUT/$sc.bundle.tmp"
	mv -- "$OUT/$sc.bundle.tmp" "$OUT/$sc.bundle"
	printf 'make-bundles.sh: wrote %s/%s.bundle\n' "$OUT" "$sc"
done
