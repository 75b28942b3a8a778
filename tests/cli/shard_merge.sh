#!/bin/sh
# shard_merge.sh — scan --shard K/N, --list-targets and synolint merge: for
# several N the shards are disjoint and their union is the fleet; the merged
# JSON, SARIF and JUnit reports of the shards equal the reports of one run over
# the whole fleet (targets in name order, as merge orders hosts) and validate.
# Normalisation: with one SOURCE_DATE_EPOCH the reports are compared as they
# are (JUnit after C14N, which only changes how quotes are escaped); with a
# different one per shard, JSON "generated" and JUnit "timestamp" are dropped.
. "$(dirname "$0")/lib.sh"
VAL="/usr/bin/python3 $SRC/tests/helpers/validate_json.py"
SARIF_SCHEMA=$SRC/tests/schemas/sarif-schema-2.1.0.json
JSON_SCHEMA=$SRC/docs/json-report.schema.json
JUNIT_SCHEMA=$SRC/tests/schemas/junit.xsd
# Fleet-wide key rules judge the hosts of one run together: a shard sees only
# its own hosts (README, "What does not work yet"), so they are left out.
FLEET_RULES="--skip KEY-005 --skip KEY-013 --skip KEY-014"

# A fleet of 23 hosts: copies of the example bundles under distinct names, and
# one target that cannot be scanned (a host error must merge too).
mkdir -p "$T/fleet" || exit 1
i=0
for _ in 1 2 3 4 5 6; do
	for b in dsm-default hardened seed-local seed-remote; do
		i=$((i + 1))
		[ "$i" -gt 22 ] && break
		cp "$SRC/examples/$b.bundle" "$T/fleet/nas$(printf %02d "$i")-$b.bundle"
	done
done
cd "$T" || exit 1
set --
for f in fleet/*.bundle fleet/nas99-missing.bundle; do set -- "$@" --bundle "$f"; done
ALL="$*"
# shellcheck disable=SC2086
"$SL" scan $ALL --list-targets >all.list 2>&1 && ok || bad "--list-targets of the fleet"
[ "$(wc -l <all.list)" -eq 23 ] && ok || bad "fleet has $(wc -l <all.list) targets, want 23"

# Disjoint and complete, for several N; deterministic (same split twice).
for n in 1 2 3 5 8 40; do
	: >union.list
	k=1
	while [ "$k" -le "$n" ]; do
		# shellcheck disable=SC2086
		"$SL" scan --shard "$k/$n" $ALL --list-targets >"s$k.list" || bad "list shard $k/$n"
		# shellcheck disable=SC2086
		"$SL" scan $ALL --shard "$k/$n" --list-targets | cmp -s - "s$k.list" && ok ||
		    bad "shard $k/$n differs between runs"
		cat "s$k.list" >>union.list
		k=$((k + 1))
	done
	sort union.list >union.sorted
	sort all.list >all.sorted
	cmp -s union.sorted all.sorted && ok || bad "N=$n: union of shards is not the fleet"
	[ -z "$(uniq -d union.sorted)" ] && ok || bad "N=$n: shards overlap: $(uniq -d union.sorted)"
done
# The split is FNV-1a 64 of the label modulo N (documented): check one by hand.
/usr/bin/python3 - fleet/nas01-dsm-default.bundle <<'PY' >want.shard
import sys
h = 0xcbf29ce484222325
for c in sys.argv[1].encode():
    h = ((h ^ c) * 0x100000001b3) & 0xffffffffffffffff
print(h % 5 + 1)
PY
"$SL" scan --shard "$(cat want.shard)/5" --bundle fleet/nas01-dsm-default.bundle --list-targets >got.list
expect_grep '^fleet/nas01-dsm-default.bundle$' got.list "FNV-1a 64 shard of a label"

# Remote targets: alias and inventory expansion, never a connection.
cat >inv <<'INV'
[office]
nas1.invalid
admin@nas2.invalid:2222
[backup]
nas3.invalid
nas1.invalid
INV
expect_exit 0 "--list-targets of an inventory" -- "$SL" scan --inventory inv --list-targets
printf 'nas1.invalid\nadmin@nas2.invalid:2222\nnas3.invalid\n' | cmp -s - "$T/out" && ok ||
    bad "inventory targets: $(cat "$T/out")"
expect_exit 0 "a shard of an inventory group" -- "$SL" scan --inventory inv @backup --shard 2/2 --list-targets
expect_exit 2 "--shard 0/3" -- "$SL" scan --shard 0/3 $ALL
expect_grep 'synolint: scan: --shard: "0/3"' "$T/err" "--shard error is one line"
expect_exit 2 "--shard 4/3" -- "$SL" scan --shard 4/3 $ALL
expect_exit 2 "--shard 3" -- "$SL" scan --shard 3 $ALL

# One run over the whole fleet, and the same fleet as 3 shards.
reports() { # PREFIX: the three reports
	printf -- '--report json:%s.json --report sarif:%s.sarif --report junit:%s.xml' "$1" "$1" "$1"
}
# shellcheck disable=SC2046,SC2086
"$SL" scan $ALL $FLEET_RULES $(reports whole) >/dev/null 2>&1
[ $? -eq 3 ] && ok || bad "the fleet scan exits 3 (one host cannot be scanned)"
for k in 1 2 3; do
	# shellcheck disable=SC2046,SC2086
	SOURCE_DATE_EPOCH=$((1700000000 + k * 60)) "$SL" scan --shard "$k/3" $ALL \
	    $FLEET_RULES $(reports "late$k") >/dev/null 2>&1
	# shellcheck disable=SC2046,SC2086
	"$SL" scan --shard "$k/3" $ALL $FLEET_RULES $(reports "shard$k") >/dev/null 2>&1
done
# same_json MERGED WHOLE: byte-equal, except for the key trust map ("trust",
# when the reports have it): a shard's map lacks the keys that cross into
# another shard, so the merged edges need only be among the single run's.
same_json() {
	cmp -s "$1" "$2" && return 0
	/usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
m, w = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
mt, wt = m.pop("trust", None), w.pop("trust", None)
assert m == w, "differs outside the trust map"
if mt is not None:
    assert all(e in wt["edges"] for e in mt["edges"]), "an edge no single run has"
PY
}

# merge_equal SHARDS OUT WHOLE WHAT: merges SHARDS1..3.KIND into OUT.KIND for
# each kind; each must equal WHOLE.KIND (JUnit after C14N)
merge_equal() {
	for kind in json sarif xml; do
		expect_exit 0 "merge $kind ($4)" -- "$SL" merge -o "$2.$kind" "${1}1.$kind" "${1}2.$kind" "${1}3.$kind"
	done
	same_json "$2.json" "$3.json" && ok || bad "$4: merged JSON differs from the single run's"
	cmp -s "$2.sarif" "$3.sarif" && ok || bad "$4: merged SARIF differs from the single run's"
	xmllint --c14n "$2.xml" >"$2.c14n" && xmllint --c14n "$3.xml" >"$3.c14n" &&
	    cmp -s "$2.c14n" "$3.c14n" && ok || bad "$4: merged JUnit differs from the single run's"
}
merge_equal shard merged whole "3 shards"
for kind in json sarif xml; do
	expect_exit 0 "merge $kind (late)" -- "$SL" merge -o "mlate.$kind" late1.$kind late2.$kind late3.$kind
done
# different times per shard: equal once the timestamps are dropped
/usr/bin/python3 - <<'PY' && ok || bad "merged JSON (shards at other times) differs"
import json
a, b = json.load(open("mlate.json")), json.load(open("whole.json"))
assert a.pop("generated") == "2023-11-14T22:16:20Z", "latest shard time"
b.pop("generated")
at, bt = a.pop("trust", None), b.pop("trust", None)
assert a == b
if at is not None:
    assert all(e in bt["edges"] for e in at["edges"]), "an edge no single run has"
PY
sed 's/ timestamp="[^"]*"//' mlate.xml | xmllint --c14n - >mlate.c14n
sed 's/ timestamp="[^"]*"//' whole.xml | xmllint --c14n - >whole.nots
cmp -s mlate.c14n whole.nots && ok || bad "merged JUnit (shards at other times) differs"
cmp -s mlate.sarif whole.sarif && ok || bad "merged SARIF (shards at other times) differs"
# and they validate
for f in merged mlate; do
	xmllint --noout --schema "$JUNIT_SCHEMA" "$f.xml" 2>x.err && ok || { bad "$f.xml does not validate"; cat x.err >&2; }
	$VAL "$SARIF_SCHEMA" "$f.sarif" 2>x.err && ok || { bad "$f.sarif does not validate"; cat x.err >&2; }
	$VAL "$JSON_SCHEMA" "$f.json" 2>x.err && ok || { bad "$f.json does not validate"; cat x.err >&2; }
done
# a JSON whose hosts the shards split still counts the whole fleet
/usr/bin/python3 - <<'PY' && ok || bad "merged JSON summary"
import json
d = json.load(open("merged.json"))
assert d["summary"]["hosts"] == 23 and d["summary"]["hosts_not_scanned"] == 1
names = [h["name"] for h in d["hosts"]]
assert names == sorted(names)
assert sum(h["counts"]["fail"] for h in d["hosts"]) == d["summary"]["counts"]["fail"]
PY
# The key trust map of newer reports: the union of the shards' edges, the
# counts recomputed (synthetic sections on two shards' reports).
/usr/bin/python3 - <<'PY'
import json
def edge(fh, fu, th, tu, weak):
    return {"from": {"host": fh, "user": fu, "admin": True, "key": "/k"},
            "to": {"host": th, "user": tu, "admin": True, "file": "/a", "line": 1},
            "fingerprint": "SHA256:x", "type": "RSA", "bits": 2048,
            "passphrase": "none", "restriction": "none", "usable": True, "weak": weak}
for k, edges in ((1, [edge("b", "admin", "b", "root", True)]),
                 (2, [edge("a", "admin", "a", "admin", False), edge("a", "admin", "b", "root", True)]),
                 (3, [])):
    d = json.load(open("shard%d.json" % k))
    d["trust"] = {"accounts": 0, "key_logins": len(edges), "weak": 0, "edges": edges} if edges else None
    json.dump(d, open("trust%d.json" % k, "w"))
PY
expect_exit 0 "merge trust sections" -- "$SL" merge trust1.json trust2.json trust3.json
/usr/bin/python3 - "$T/out" <<'PY' && ok || bad "merged trust section"
import json, sys
t = json.load(open(sys.argv[1]))["trust"]
assert t["key_logins"] == 3 and t["weak"] == 2, t
assert t["accounts"] == 3, t          # a:admin, b:admin, b:root
assert [e["from"]["host"] for e in t["edges"]] == ["a", "a", "b"], t["edges"]
PY

# --format forces the kind; stdout by default; one report merges to itself
expect_exit 0 "merge to stdout with --format" -- "$SL" merge --format json shard1.json
cmp -s "$T/out" shard1.json && ok || bad "one JSON report merged alone changes"
# an empty shard (more shards than hosts) merges too
# shellcheck disable=SC2046
"$SL" scan --shard 2/40 --bundle fleet/nas01-dsm-default.bundle $(reports empty) >/dev/null 2>&1
for kind in json sarif xml; do
	expect_exit 0 "merge with an empty shard ($kind)" -- "$SL" merge -o e.$kind empty.$kind shard1.$kind
done

# Waivers: one that waives a finding of one host only (so it is stale in
# the other shards) and one that matches nothing anywhere (stale in all).
cat >waivers.txt <<'W'
SSHD-020 fleet/nas01-dsm-default.bundle host 2099-12-31 "port 22 on the backup VLAN"
HOME-001 nosuchhost host 2099-12-31 "matches nothing"
W
# shellcheck disable=SC2046,SC2086
"$SL" scan $ALL $FLEET_RULES --waivers waivers.txt $(reports wwhole) >/dev/null 2>&1
for k in 1 2 3; do
	# shellcheck disable=SC2046,SC2086
	"$SL" scan --shard "$k/3" $ALL $FLEET_RULES --waivers waivers.txt $(reports "w$k") >/dev/null 2>&1
done
merge_equal w wmerged wwhole "with waivers"
expect_grep '"WAIVER-002"' wmerged.json "the waiver that matches nothing stays stale"
expect_exit 2 "shards with other waivers" -- "$SL" merge shard1.json w2.json
expect_grep 'waivers (none), shard1.json has waivers\|waivers waivers.txt, shard1.json has waivers (none)' "$T/err" "waivers mismatch message"

# Errors: one line naming the file, exit 2, no output file left behind.
expect_exit 2 "mixed kinds" -- "$SL" merge -o bad.out shard1.json shard2.sarif
expect_grep '^synolint: shard2.sarif:1: error: a sarif report, but shard1.json is a json report' "$T/err" "mixed kinds message"
[ ! -e bad.out ] && ok || bad "a failed merge left its output"
expect_exit 2 "overlapping shards (JSON)" -- "$SL" merge shard1.json shard1.json
expect_grep 'is in more than one report' "$T/err" "overlap message"
expect_exit 2 "overlapping shards (SARIF)" -- "$SL" merge whole.sarif shard2.sarif
expect_exit 2 "overlapping shards (JUnit)" -- "$SL" merge whole.xml shard2.xml
expect_grep 'synolint: error: host fleet/.* is in whole.xml and shard2.xml' "$T/err" "JUnit overlap message"
sed 's/"version": "[0-9.]*"/"version": "0.0.1"/' shard2.json >old.json
expect_exit 2 "another synolint version (JSON)" -- "$SL" merge shard1.json old.json
expect_grep '^synolint: old.json:1: error: written by synolint 0.0.1, shard1.json by synolint' "$T/err" "version message"
/usr/bin/python3 - <<'PY'
import json
d = json.load(open("shard2.sarif"))
d["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"]["text"] = "changed"
json.dump(d, open("otherrules.sarif", "w"))
d = json.load(open("shard2.json"))
d["version"] = 2
json.dump(d, open("v2.json", "w"))
PY
expect_exit 2 "another rule set (SARIF)" -- "$SL" merge shard1.sarif otherrules.sarif
expect_grep 'otherrules.sarif:1: error: its rule set differs from shard1.sarif' "$T/err" "rule set message"
expect_exit 2 "JSON report version 2" -- "$SL" merge shard1.json v2.json
expect_grep 'v2.json:1: error: JSON report version' "$T/err" "report version message"
printf '{"format": "synolint-report",\n  "hosts": [\n' >broken.json
expect_exit 2 "truncated JSON" -- "$SL" merge --format json broken.json
expect_grep '^synolint: broken.json:[0-9]*: error: not valid JSON' "$T/err" "truncated JSON message"
printf 'hello\n' >text.txt
expect_exit 2 "not a report" -- "$SL" merge text.txt
expect_grep '^synolint: text.txt:1: error: not a synolint JSON, SARIF or JUnit report' "$T/err" "not a report message"
printf '<testsuites><testsuite name="x">\n' >broken.xml
expect_exit 2 "truncated JUnit" -- "$SL" merge broken.xml shard1.xml
expect_grep '^synolint: broken.xml:[0-9]*: error: not well-formed XML' "$T/err" "truncated XML message"
printf '<html/>\n' >page.xml
expect_exit 2 "not JUnit" -- "$SL" merge page.xml
expect_grep 'page.xml:1: error: not a JUnit report' "$T/err" "not JUnit message"
expect_exit 2 "missing file" -- "$SL" merge nothere.json
expect_grep '^synolint: nothere.json: error: cannot open' "$T/err" "missing file message"
expect_exit 2 "no reports" -- "$SL" merge
finish
