#!/bin/sh
# ci_examples.sh — examples/ci/: both pipeline files parse as YAML with the
# structure their CI expects, and their synolint steps, extracted verbatim,
# run against examples/*.bundle (as bundles/) and produce reports that
# validate. Needs python3-yaml (skips with 77 without it).
. "$(dirname "$0")/lib.sh"
CI=$SRC/examples/ci
VAL="/usr/bin/python3 $SRC/tests/helpers/validate_json.py"

/usr/bin/python3 -c 'import yaml' 2>/dev/null || { echo "python3-yaml missing: skipped"; exit 77; }

# Parse, check the structure, and write each synolint step to $T/NAME-KIND.sh
# (KIND: scan, the matrix jobs' step; merge, the report job's step).
/usr/bin/python3 - "$CI" "$T" <<'PY' && ok || bad "pipeline files do not parse or lack their parts"
import sys, yaml
ci, out = sys.argv[1], sys.argv[2]

gl = yaml.safe_load(open(ci + "/gitlab-ci.yml"))
job = gl["synolint"]
assert job["stage"] in gl["stages"]
shards = job["parallel"]["matrix"][0]["SHARD"]
assert shards == ["1/3", "2/3", "3/3"], shards
assert job["artifacts"]["when"] == "always"
steps = [s for s in job["script"] if "synolint scan" in s]
assert len(steps) == 1, steps
open(out + "/gitlab-scan.sh", "w").write(steps[0])
rep = gl["synolint-report"]
assert gl["stages"].index(rep["stage"]) > gl["stages"].index(job["stage"])
assert rep["needs"] == ["synolint"] and "when" not in rep
# GitLab refuses `when` beside `rules` at job level: each rule says always
assert rep["rules"] and all(r.get("when") == "always" for r in rep["rules"])
assert all("when" not in r for r in job["rules"])
assert rep["artifacts"]["reports"]["junit"] == "synolint-junit.xml"
assert rep["image"] == job["image"] and "before_script" in rep
open(out + "/gitlab-merge.sh", "w").write("\n".join(rep["script"]) + "\n")

# PyYAML reads the bare key `on` as True
gh = yaml.safe_load(open(ci + "/github-workflow.yml"))
assert "schedule" in gh.get("on", gh.get(True))
assert gh["permissions"]["security-events"] == "write"
audit = gh["jobs"]["audit"]
assert audit["strategy"]["matrix"]["shard"] == [1, 2, 3]
assert audit["env"]["SHARD"] == "${{ matrix.shard }}/3"
runs = [s["run"] for s in audit["steps"] if "synolint scan" in s.get("run", "")]
assert len(runs) == 1, runs
open(out + "/github-scan.sh", "w").write(runs[0])
keep = [s for s in audit["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
assert keep[0]["with"]["name"] == "synolint-shard-${{ matrix.shard }}" and keep[0]["with"]["path"] == "shard/"
report = gh["jobs"]["report"]
assert report["needs"] == "audit" and report["if"] == "always()"
st = report["steps"]
dl = [s for s in st if s.get("uses", "").startswith("actions/download-artifact@")][0]
assert dl["with"] == {"pattern": "synolint-shard-*", "path": "shards"}
up = [s for s in st if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")][0]
assert up["with"]["sarif_file"] == "synolint.sarif" and up["if"] == "always()"
runs = [s["run"] for s in st if "synolint merge" in s.get("run", "")]
assert len(runs) == 1, runs
open(out + "/github-merge.sh", "w").write(runs[0])
PY

if command -v shellcheck >/dev/null 2>&1; then
	for n in gitlab-scan gitlab-merge github-scan github-merge; do
		if shellcheck -s sh "$T/$n.sh" >"$T/sc.out" 2>&1; then ok; else
			bad "$n: shellcheck"; cat "$T/sc.out" >&2; fi
	done
fi

# A repository laid out as the pipelines expect.
mkdir -p "$T/bin" || exit 1
ln -s "$SL" "$T/bin/synolint"
workspace() { # DIR: a checkout with the bundles and the waivers
	mkdir -p "$1/bundles" "$1/ci"
	cp "$SRC"/examples/*.bundle "$1/bundles/"
	cp "$CI/waivers.txt" "$1/ci/waivers.txt"
}
# GitLab: every matrix job's artifacts land in the report job's checkout.
w=$T/work-gitlab
workspace "$w"
for k in 1 2 3; do
	(cd "$w" && PATH="$T/bin:$PATH" SHARD="$k/3" sh -e "$T/gitlab-scan.sh") \
	    >"$T/gitlab.out" 2>"$T/gitlab-$k.err"
	echo $? >"$T/gitlab-$k.rc"
	expect_nogrep "error" "$T/gitlab-$k.err" "gitlab shard $k: no errors on stderr"
done
(cd "$w" && PATH="$T/bin:$PATH" sh -e "$T/gitlab-merge.sh") >"$T/gitlab.out" 2>"$T/gitlab.err"
echo $? >"$T/gitlab.rc"
# GitHub: each matrix job in its own checkout; download-artifact puts each
# shard's artifact in shards/synolint-shard-K/ of the report job.
w=$T/work-github
workspace "$w"
for k in 1 2 3; do
	wk=$T/work-github-$k
	workspace "$wk"
	(cd "$wk" && PATH="$T/bin:$PATH" SHARD="$k/3" sh -e "$T/github-scan.sh") \
	    >"$T/github.out" 2>"$T/github-$k.err"
	echo $? >"$T/github-$k.rc"
	expect_nogrep "error" "$T/github-$k.err" "github shard $k: no errors on stderr"
	mkdir -p "$w/shards" && cp -r "$wk/shard" "$w/shards/synolint-shard-$k"
done
: >"$T/github.ghout"
(cd "$w" && PATH="$T/bin:$PATH" GITHUB_OUTPUT="$T/github.ghout" sh -e "$T/github-merge.sh") \
    >"$T/github.out" 2>"$T/github.err"
echo $? >"$T/github.rc"

for n in gitlab github; do
	w=$T/work-$n
	for f in synolint-junit.xml synolint.sarif synolint.json; do
		[ -s "$w/$f" ] && ok || bad "$n: $f not written"
	done
	if xmllint --noout --schema "$SRC/tests/schemas/junit.xsd" "$w/synolint-junit.xml" 2>"$T/x.err"; then ok; else
		bad "$n: JUnit does not validate"; cat "$T/x.err" >&2; fi
	if $VAL "$SRC/tests/schemas/sarif-schema-2.1.0.json" "$w/synolint.sarif" 2>"$T/x.err"; then ok; else
		bad "$n: SARIF does not validate"; cat "$T/x.err" >&2; fi
	if $VAL "$SRC/docs/json-report.schema.json" "$w/synolint.json" 2>"$T/x.err"; then ok; else
		bad "$n: JSON does not validate"; cat "$T/x.err" >&2; fi
	expect_nogrep "error" "$T/$n.err" "$n: no errors on stderr"
	expect_grep '^0$' "$T/$n.rc" "$n: the merge step succeeds"
	# every example bundle is a host of the merged report; the waiver applied
	/usr/bin/python3 - "$w/synolint.json" <<'PY' && ok || bad "$n: JSON report content"
import json, sys
d = json.load(open(sys.argv[1]))
names = [h["name"] for h in d["hosts"]]
assert names == ["bundles/dsm-default.bundle", "bundles/hardened.bundle",
                 "bundles/seed-local.bundle", "bundles/seed-remote.bundle"], names
assert d["summary"]["fail_on"] == "high"
assert len(d["waivers"]["applied"]) == 1 and not d["waivers"]["stale"], d["waivers"]
assert not [f for f in d["findings"] if f["rule"].startswith("WAIVER-")], "waiver findings"
PY
done

# GitLab: a shard job's exit status is synolint's: 1 where the shard has high
# findings. GitHub: the shard step succeeds and hands the status to the gate.
cat "$T"/gitlab-[123].rc | sort -u >"$T/gitlab.rcs"
expect_grep '^1$' "$T/gitlab.rcs" "gitlab: a shard job exits 1 on high findings"
expect_nogrep '^[23]$' "$T/gitlab.rcs" "gitlab: no shard job fails otherwise"
for k in 1 2 3; do
	expect_grep '^0$' "$T/github-$k.rc" "github shard $k: the audit step itself succeeds"
done
expect_grep '^status=1$' "$T/github.ghout" "github: status=1 for the gate step"
finish
