#!/bin/sh
# ci_examples.sh — examples/ci/: both pipeline files parse as YAML with the
# structure their CI expects, and their synolint steps, extracted verbatim,
# run against examples/*.bundle (as bundles/) and produce reports that
# validate. Needs python3-yaml (skips with 77 without it).
. "$(dirname "$0")/lib.sh"
CI=$SRC/examples/ci
VAL="/usr/bin/python3 $SRC/tests/helpers/validate_json.py"

/usr/bin/python3 -c 'import yaml' 2>/dev/null || { echo "python3-yaml missing: skipped"; exit 77; }

# Parse, check the structure, and write each synolint step to $T/NAME.sh.
/usr/bin/python3 - "$CI" "$T" <<'PY' && ok || bad "pipeline files do not parse or lack their parts"
import sys, yaml
ci, out = sys.argv[1], sys.argv[2]

gl = yaml.safe_load(open(ci + "/gitlab-ci.yml"))
job = gl["synolint"]
assert job["stage"] in gl["stages"]
assert job["artifacts"]["reports"]["junit"] == "synolint-junit.xml"
assert job["artifacts"]["when"] == "always"
steps = [s for s in job["script"] if "synolint scan" in s]
assert len(steps) == 1, steps
open(out + "/gitlab.sh", "w").write(steps[0])

# PyYAML reads the bare key `on` as True
gh = yaml.safe_load(open(ci + "/github-workflow.yml"))
assert "schedule" in gh.get("on", gh.get(True))
assert gh["permissions"]["security-events"] == "write"
st = gh["jobs"]["audit"]["steps"]
uses = [s.get("uses", "") for s in st]
assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
up = [s for s in st if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")][0]
assert up["with"]["sarif_file"] == "synolint.sarif" and up["if"] == "always()"
runs = [s["run"] for s in st if "synolint scan" in s.get("run", "")]
assert len(runs) == 1, runs
open(out + "/github.sh", "w").write(runs[0])
PY

if command -v shellcheck >/dev/null 2>&1; then
	for n in gitlab github; do
		if shellcheck -s sh "$T/$n.sh" >"$T/sc.out" 2>&1; then ok; else
			bad "$n: shellcheck"; cat "$T/sc.out" >&2; fi
	done
fi

# A repository laid out as the pipelines expect.
mkdir -p "$T/bin" || exit 1
ln -s "$SL" "$T/bin/synolint"
for n in gitlab github; do
	w=$T/work-$n
	mkdir -p "$w/bundles" "$w/ci"
	cp "$SRC"/examples/*.bundle "$w/bundles/"
	cp "$CI/waivers.txt" "$w/ci/waivers.txt"
	: >"$T/$n.ghout"
	(cd "$w" && PATH="$T/bin:$PATH" GITHUB_OUTPUT="$T/$n.ghout" sh -e "$T/$n.sh") \
	    >"$T/$n.out" 2>"$T/$n.err"
	echo $? >"$T/$n.rc"
	for f in synolint-junit.xml synolint.sarif synolint.json synolint.html; do
		[ -s "$w/$f" ] && ok || bad "$n: $f not written"
	done
	if xmllint --noout --schema "$SRC/tests/schemas/junit.xsd" "$w/synolint-junit.xml" 2>"$T/x.err"; then ok; else
		bad "$n: JUnit does not validate"; cat "$T/x.err" >&2; fi
	if $VAL "$SRC/tests/schemas/sarif-schema-2.1.0.json" "$w/synolint.sarif" 2>"$T/x.err"; then ok; else
		bad "$n: SARIF does not validate"; cat "$T/x.err" >&2; fi
	if $VAL "$SRC/docs/json-report.schema.json" "$w/synolint.json" 2>"$T/x.err"; then ok; else
		bad "$n: JSON does not validate"; cat "$T/x.err" >&2; fi
	expect_nogrep "error" "$T/$n.err" "$n: no errors on stderr"
	# every example bundle is a host in the report; the waiver applied
	/usr/bin/python3 - "$w/synolint.json" <<'PY' && ok || bad "$n: JSON report content"
import json, sys
d = json.load(open(sys.argv[1]))
names = sorted(h["name"] for h in d["hosts"])
assert names == ["bundles/dsm-default.bundle", "bundles/hardened.bundle",
                 "bundles/seed-local.bundle", "bundles/seed-remote.bundle"], names
assert d["summary"]["fail_on"] == "high"
assert len(d["waivers"]["applied"]) == 1 and not d["waivers"]["stale"], d["waivers"]
PY
done

# GitLab: the job's exit status is synolint's: 1 (high findings in the
# examples). GitHub: the step succeeds and hands the status to the gate.
expect_grep '^1$' "$T/gitlab.rc" "gitlab: synolint exits 1 on high findings"
expect_grep '^0$' "$T/github.rc" "github: the audit step itself succeeds"
expect_grep '^status=1$' "$T/github.ghout" "github: status=1 for the gate step"
finish
