#!/bin/sh
# docs/readme-examples.sh — regenerates the example outputs shown in README.md
# between <!-- example:NAME --> and <!-- /example --> markers, from the
# bundles in examples/ and the built ./build/synolint. Run after changing
# rules or example bundles; review the diff like code.
set -eu
cd "$(dirname "$0")/.."
SL=${SL_SYNOLINT:-build/synolint}
out() {	# NAME: the command output for that marker
	case $1 in
	seed-remote-short) "$SL" scan --bundle examples/seed-remote.bundle --color never >"$tmp.o" || true
		sed -n 1,5p "$tmp.o"; echo "  ..."; tail -n 3 "$tmp.o"; rm -f "$tmp.o" ;;
	seed-remote) "$SL" scan --bundle examples/seed-remote.bundle --color never | sed -n 1,32p; echo "  ..." ;;
	dsm-default) "$SL" scan --bundle examples/dsm-default.bundle --color never | sed -n 1,5p; echo "  ..." ;;
	hardened) "$SL" scan --bundle examples/hardened.bundle --color never ;;
	seed-remote-dry-run)
		"$SL" scan --bundle examples/seed-remote.bundle --dry-run \
		    --report "text:$tmp.report" >"$tmp.dry" || true
		sed -n '/^host /,/^  manual/p' "$tmp.dry" | sed '$d'
		echo "  manual  ... (advice only, not applied)"
		sed -n '/^--- a/,$p' "$tmp.dry"
		rm -f "$tmp.dry" "$tmp.report" ;;
	esac
}
tmp=$(mktemp README.md.XXXXXX)
trap 'rm -f "$tmp"' EXIT
name=""
while IFS= read -r line; do
	case $line in
	"<!-- example:"*" -->")
		name=${line#<!-- example:}; name=${name% -->}
		printf '%s\n```\n' "$line"
		out "$name" || true
		printf '```\n'
		continue ;;
	"<!-- /example -->") name="" ;;
	esac
	[ -n "$name" ] || printf '%s\n' "$line"
done <README.md >"$tmp"
mv "$tmp" README.md
trap - EXIT
