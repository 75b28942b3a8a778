#!/bin/sh
# fleet.sh — the seed scenario as a fleet of two bundles: scan finds the
# passphrase-less, unrestricted RSA 2048 edge nas-local:admin ->
# nas-remote:admin; `keys` lists it as text, JSON (parsed) and dot (rendered
# with `dot -Tsvg` when Graphviz is installed).
. "$(dirname "$0")/../cli/lib.sh"
L=$SRC/examples/seed-local.bundle
R=$SRC/examples/seed-remote.bundle

# --- scan: the fleet rules, findings on the target host -------------------
expect_exit 1 "fleet scan" -- "$SL" scan --color never --bundle "$L" --bundle "$R" --only 'KEY-*'
awk '/^host .*seed-remote/{r=1} /^host .*seed-local/{r=0} r' "$T/out" >"$T/remote"
awk '/^host .*seed-local/{r=1} /^host .*seed-remote/{r=0} r' "$T/out" >"$T/local"
AK=/var/services/homes/admin/.ssh/authorized_keys
expect_grep "KEY-013" "$T/remote" "passphrase-less unrestricted edge on the remote"
expect_grep "passphrase-less RSA 2048 key nas-local:admin /var/services/homes/admin/.ssh/id_rsa" "$T/remote" "edge source named"
expect_grep "logs in as admin (administrator) without from= and command=/restrict" "$T/remote" "edge weakness"
expect_grep "KEY-014" "$T/remote" "lateral movement to the remote admin"
expect_grep "nas-local:admin -\[id_rsa\]-> nas-remote:admin" "$T/remote" "chain in the message"
expect_grep "object:   key:$AK:1" "$T/remote" "authorized line as object"
expect_grep "KEY-003" "$T/remote" "RSA 2048 on the remote"
expect_grep "KEY-006" "$T/remote" "admin key unrestricted"
expect_grep "KEY-007" "$T/local" "passphrase-less key on the local NAS"
expect_nogrep "  KEY-013 " "$T/local" "no edge into the local NAS"
expect_nogrep "  KEY-014 " "$T/local" "no chain into the local NAS"

# One bundle alone: the remote key has no private half in the run.
expect_exit 0 "remote alone" -- "$SL" scan --color never --bundle "$R" --only 'KEY-01[34]' --all
expect_grep "KEY-013 host: nothing to check" "$T/out" "no edge without the local NAS"
expect_grep "KEY-014 host: 1 administrator" "$T/out" "no chain without the local NAS"

# --- keys: text ------------------------------------------------------------
expect_exit 0 "keys text" -- "$SL" keys --bundle "$L" --bundle "$R"
expect_grep "^SHA256:.* RSA 2048 admin@nas-local" "$T/out" "key header line"
expect_grep "authorized  nas-remote user admin (admin)  $AK:1  no options; unrestricted" "$T/out" "where authorized"
expect_grep "private     nas-local user admin  /var/services/homes/admin/.ssh/id_rsa  pem, encrypted: no" "$T/out" "private half"
expect_grep "trust edges (private key -> account it logs in to): 1" "$T/out" "one edge"
expect_grep "nas-local:admin .*id_rsa -> nas-remote:admin (admin)" "$T/out" "edge line"

# --- keys: JSON --------------------------------------------------------------
expect_exit 0 "keys json" -- "$SL" keys --format json --bundle "$L" --bundle "$R"
if /usr/bin/python3 - "$T/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert [h["name"] for h in d["hosts"]] == ["nas-local", "nas-remote"], d["hosts"]
assert len(d["edges"]) == 1, d["edges"]
e = d["edges"][0]
assert e["from"] == {"host": "nas-local", "user": "admin",
                     "path": "/var/services/homes/admin/.ssh/id_rsa",
                     "encrypted": False}, e["from"]
assert e["to"]["host"] == "nas-remote" and e["to"]["admin"] is True
assert e["to"]["restriction"] == "unrestricted" and e["weak"] is True
k = [x for x in d["keys"] if x["fingerprint"] == e["fingerprint"]][0]
assert k["type"] == "RSA" and k["bits"] == 2048, k
assert len(k["authorized"]) == 1 and len(k["private"]) == 1, k
assert k["authorized"][0]["options"] is None and k["authorized"][0]["usable"]
hk = [x for x in d["keys"] if x["private"] and x["private"][0]["host_key"]]
assert len(hk) == 8, len(hk)    # 4 host keys on each NAS
PY
then ok; else bad "keys json content"; fi

# --- keys: dot, rendered ---------------------------------------------------
expect_exit 0 "keys dot" -- "$SL" keys --format dot --bundle "$L" --bundle "$R"
cp "$T/out" "$T/trust.dot"
expect_grep '"h0:admin" -> "h1:admin"' "$T/trust.dot" "dot edge"
expect_grep 'color=red3, fontcolor=red3, penwidth=2.5' "$T/trust.dot" "weak edge highlighted"
expect_grep 'peripheries=2' "$T/trust.dot" "admin node highlighted"
if command -v dot >/dev/null 2>&1; then
	if dot -Tsvg "$T/trust.dot" -o "$T/trust.svg" 2>"$T/err" &&
	    grep -q '<svg' "$T/trust.svg" &&
	    grep -q '<title>h0:admin&#45;&gt;h1:admin</title>' "$T/trust.svg"; then
		ok
	else
		bad "dot -Tsvg"; cat "$T/err" >&2
	fi
else
	printf 'note: Graphviz not installed, dot output not rendered\n' >&2
fi

# --- errors ----------------------------------------------------------------
expect_exit 2 "bad format" -- "$SL" keys --format xml --bundle "$L"
expect_grep 'is not text, json or dot' "$T/err" "format error"
expect_exit 3 "missing bundle" -- "$SL" keys --bundle "$T/nope.bundle" --bundle "$L"
expect_grep 'nas-local' "$T/out" "the readable host is still listed"
finish
