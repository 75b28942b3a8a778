#!/bin/sh
# sarif_github.sh — the SARIF report against GitHub code scanning's documented
# ingestion rules (tests/sarif_github_check.py, sources cited there) on a
# fleet with every kind of result: fails, waived (relative and absolute
# waivers file), expired and stale waivers, could-not-check, a host that
# could not be scanned and host labels with URI-hostile characters. The
# checker is shown to catch each breach it is for on a spoiled copy.
. "$(dirname "$0")/lib.sh"
EX=$SRC/examples
CHECK="/usr/bin/python3 $SRC/tests/sarif_github_check.py"
VAL="/usr/bin/python3 $SRC/tests/helpers/validate_json.py $SRC/tests/schemas/sarif-schema-2.1.0.json"

cp "$EX/seed-remote.bundle" "$T/admin@nas:22 #1.bundle"
printf 'SSHD-001 * host 2030-01-01 "rebuilt next quarter"\nDSM-001 * host 2001-01-01 "expired"\nX-1 nas9 * 2030-01-01 "stale"\n' >"$T/w.txt"
cd "$T" || exit 1
"$SL" scan --bundle "$EX/seed-local.bundle" --bundle "$EX/dsm-default.bundle" \
    --bundle "admin@nas:22 #1.bundle" --bundle missing.bundle --waivers ./w.txt \
    --report sarif:rel.sarif >/dev/null 2>&1
[ $? -eq 3 ] && ok || bad "fleet scan: exit 3 (a host not scanned)"
"$SL" scan --bundle "$EX/seed-local.bundle" --bundle "$T/admin@nas:22 #1.bundle" \
    --waivers "$T/w.txt" --report sarif:abs.sarif >/dev/null 2>&1
for f in rel.sarif abs.sarif; do
	if $VAL "$f" 2>"$T/v.err"; then ok; else bad "$f: not valid SARIF 2.1.0"; cat "$T/v.err" >&2; fi
	if $CHECK "$f" 2>"$T/c.err"; then ok; else bad "$f: breaks GitHub's rules"; cat "$T/c.err" >&2; fi
done
# what the checks are about is really in there
/usr/bin/python3 - rel.sarif abs.sarif >"$T/p.out" 2>&1 <<'PY'
import json, sys
rel, ab = (json.load(open(p))["runs"][0] for p in sys.argv[1:3])
kinds = {(r.get("kind"), bool(r.get("suppressions"))) for r in rel["results"]}
assert ("fail", False) in kinds and ("fail", True) in kinds and ("open", False) in kinds, kinds
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in rel["results"]}
assert "admin%40nas%3A22%20%231.bundle/etc/ssh/sshd_config" in uris or \
    any(u.startswith("admin%40nas%3A22%20%231.bundle/") for u in uris), uris
sup = [r["suppressions"][0]["location"]["physicalLocation"]["artifactLocation"]
       for r in rel["results"] if r.get("suppressions")]
assert sup[0] == {"uri": "w.txt", "uriBaseId": "%SRCROOT%"}, sup[0]
sup = [r["suppressions"][0]["location"]["physicalLocation"]["artifactLocation"]
       for r in ab["results"] if r.get("suppressions")]
assert sup[0]["uri"].startswith("file:///") and "uriBaseId" not in sup[0], sup[0]
notes = rel["invocations"][0]["toolExecutionNotifications"]
assert any("missing.bundle" in n["message"]["text"] for n in notes)
PY
[ $? -eq 0 ] && ok || { bad "the SARIF lacks what the test is about"; cat "$T/p.out" >&2; }

# Spoiled copies: each must be caught.
spoil() {	# DESC PYTHON-STATEMENT (on d, res = first result, rule = first rule)
	/usr/bin/python3 - rel.sarif "$2" >bad.sarif <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
run = d["runs"][0]
res = run["results"][0]
rule = run["tool"]["driver"]["rules"][0]
exec(sys.argv[2])
json.dump(d, sys.stdout)
PY
	if $CHECK bad.sarif 2>/dev/null; then bad "checker missed: $1"; else ok; fi
}
spoil "a synolint:// uri" 'res["locations"][0]["physicalLocation"]["artifactLocation"] = {"uri": "synolint://nas1/etc/ssh/sshd_config"}'
spoil "an ssh:// uri in a suppression" 'run["results"][-1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "ssh://nas1/x"'
spoil "no startLine" 'del res["locations"][0]["physicalLocation"]["region"]'
spoil "no primaryLocationLineHash" 'del res["partialFingerprints"]["primaryLocationLineHash"]'
spoil "no locations" 'res["locations"] = []'
spoil "empty message" 'res["message"]["text"] = ""'
spoil "unknown ruleId" 'res["ruleId"] = "NOPE-1"'
spoil "21 tags" 'rule["properties"]["tags"] = ["security"] + ["t%d" % i for i in range(20)]'
spoil "empty help.text" 'rule["help"]["text"] = ""'
spoil "long fullDescription" 'rule["fullDescription"]["text"] = "x" * 1025'
spoil "security-severity not a score" 'rule["properties"]["security-severity"] = "high"'
spoil "21 runs" 'd["runs"] = [run] * 21'
spoil "25001 results" 'run["results"] = [res] * 25001'
spoil "a colon in a relative uri's first segment" 'res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "nas:1/x"'
finish
