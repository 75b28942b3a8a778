#!/bin/sh
# waivers.sh — `scan --waivers FILE` end to end: waived findings leave the
# gate, expired waivers stop applying and fail it, stale ones are reported,
# a bad file is exit 2 with file:line:column, and the SARIF and JSON reports
# of the run validate against their schemas.
. "$(dirname "$0")/lib.sh"
EX=$SRC/examples
VAL="/usr/bin/python3 $SRC/tests/helpers/validate_json.py"
SARIF_SCHEMA=$SRC/tests/schemas/sarif-schema-2.1.0.json
JSON_SCHEMA=$SRC/docs/json-report.schema.json

# dsm-default's failures at or above high, all waived until 2030.
"$SL" scan --bundle "$EX/dsm-default.bundle" --report "json:$T/all.json" >/dev/null 2>&1
python3 - "$T/all.json" >"$T/w.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("# generated: every high/critical failure of dsm-default")
seen = set()
for f in d["findings"]:
    if f["verdict"] == "fail" and f["severity"] in ("high", "critical"):
        key = (f["rule"], f["object"])
        if key not in seen:
            seen.add(key)
            print('%s * %s 2030-01-01 "accepted for the test"' % key)
PY
[ "$(grep -c . "$T/w.txt")" -gt 1 ] && ok || bad "no high findings to waive"

expect_exit 0 "waived: --fail-on high passes" -- \
    "$SL" scan --bundle "$EX/dsm-default.bundle" --waivers "$T/w.txt" --fail-on high \
    --report "json:$T/w.json" --report "sarif:$T/w.sarif" --report "text:$T/w.txt.out"
expect_exit 1 "without waivers --fail-on high fails" -- \
    "$SL" scan --bundle "$EX/dsm-default.bundle" --fail-on high --report "text:$T/nw.txt"
if $VAL "$JSON_SCHEMA" "$T/w.json" 2>"$T/val.err"; then ok; else
	bad "JSON report with waivers does not validate"; cat "$T/val.err" >&2; fi
if $VAL "$SARIF_SCHEMA" "$T/w.sarif" 2>"$T/val.err"; then ok; else
	bad "SARIF report with waivers does not validate"; cat "$T/val.err" >&2; fi
expect_grep '"suppressions"' "$T/w.sarif" "SARIF suppressions"
expect_grep 'accepted for the test' "$T/w.txt.out" "text shows the justification"
python3 - "$T/w.json" <<'PY' && ok || bad "JSON: nothing at or above high fails, all waivers applied"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["summary"]["counts"]["fail_by_severity"]["high"] == 0
assert d["summary"]["counts"]["fail_by_severity"]["critical"] == 0
assert d["summary"]["counts"]["waived"] > 0
assert d["waivers"]["stale"] == [] and d["waivers"]["expired"] == []
PY

# The same waivers after their date: they no longer apply and are reported.
expect_exit 1 "expired waivers fail --fail-on high again" -- env SOURCE_DATE_EPOCH=1924992000 \
    "$SL" scan --bundle "$EX/dsm-default.bundle" --waivers "$T/w.txt" --fail-on high \
    --report "text:$T/exp.txt" --report "junit:$T/exp.xml"
expect_grep "WAIVER-001" "$T/exp.txt" "expired waiver in the text report"
expect_grep 'name="waivers"' "$T/exp.xml" "expired waiver in the JUnit report"

# A stale waiver is info: only --fail-on info fails on it.
printf 'NOSUCH-1 * host 2030-01-01 "never matches"\n' >"$T/stale.txt"
expect_exit 0 "stale waiver does not fail --fail-on low" -- \
    "$SL" scan --bundle "$EX/hardened.bundle" --waivers "$T/stale.txt"
expect_grep "WAIVER-002" "$T/out" "stale waiver reported"
expect_exit 1 "stale waiver fails --fail-on info" -- \
    "$SL" scan --bundle "$EX/hardened.bundle" --waivers "$T/stale.txt" --fail-on info

# Bad files: exit 2 before scanning, file:line:column on stderr.
printf '# ok\nSSHD-001 * host 2030-02-30 "x"\n' >"$T/bad.txt"
expect_exit 2 "invalid date" -- \
    "$SL" scan --bundle "$EX/hardened.bundle" --waivers "$T/bad.txt"
expect_grep "bad.txt:2:17: error: EXPIRES \"2030-02-30\" is not a date" "$T/err" "diag names file:line:col"
expect_exit 2 "missing waivers file" -- \
    "$SL" scan --bundle "$EX/hardened.bundle" --waivers "$T/nonexistent"
expect_grep "nonexistent" "$T/err" "diag names the missing file"
expect_exit 2 "--waivers needs an argument" -- "$SL" scan --bundle "$EX/hardened.bundle" --waivers
finish
