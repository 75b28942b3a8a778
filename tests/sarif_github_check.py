#!/usr/bin/python3
"""sarif_github_check.py FILE.sarif: checks a SARIF file against what GitHub
code scanning documents for SARIF ingestion, beyond the OASIS schema (which
tests validate separately). Exit 0 if it complies, 1 listing every breach.

Sources (read 2026-11; cited per check below):
  [DOC]  https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
         (github/docs: content/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning.md)
  [FP]   https://github.com/github/codeql-action/blob/main/src/fingerprints.ts
         (how upload-sarif computes primaryLocationLineHash: "HEX:N", and
         that it keeps a value already present)
  [2215] https://github.com/github/codeql-action/issues/2215
         (code scanning does not apply uriBaseId/originalUriBaseIds: relative
         URIs are taken relative to the repository root)
What this cannot check: how GitHub's servers actually render an alert whose
file is not in the repository; there is no network here to upload to.
"""
import gzip
import json
import re
import sys

# [DOC] "Validating your SARIF file": hard limits, above which the file is rejected.
MAX_RUNS = 20
MAX_RESULTS = 25000
MAX_RULES = 25000
MAX_TAGS = 20
MAX_GZIP_BYTES = 10 * 1024 * 1024
# [DOC] result.locations[]: "up to a maximum of 10".
MAX_LOCATIONS = 10
# [DOC] reportingDescriptor: name "Limited to 255 characters", short and full
# description "Limited to 1024 characters".
MAX_NAME = 255
MAX_DESCRIPTION = 1024
LEVELS = {"note", "warning", "error"}          # [DOC] defaultConfiguration.level
PRECISIONS = {"very-high", "high", "medium", "low"}       # [DOC] properties.precision
PROBLEM_SEVERITIES = {"error", "warning", "recommendation"}  # [DOC] problem.severity
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                    r"(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# RFC 3986 URI-reference characters (unreserved, reserved, percent-escapes).
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
LINE_HASH = re.compile(r"^[0-9a-f]+:[1-9][0-9]*$")   # [FP] `${hashValue}:${count}`

errs = []


def err(where, msg):
    errs.append("%s: %s" % (where, msg))


def text(obj, key):
    """obj[key].text when it is a non-empty string, else None."""
    v = obj.get(key) if isinstance(obj, dict) else None
    t = v.get("text") if isinstance(v, dict) else None
    return t if isinstance(t, str) and t != "" else None


def required_text(obj, key, where, limit=None):
    # [DOC] "You must supply an explicit value for any property marked as
    # required. The empty string is not supported for required properties."
    t = text(obj, key)
    if t is None:
        err(where, "%s.text is required and must not be empty" % key)
    elif limit is not None and len(t) > limit:
        err(where, "%s.text is %d characters, GitHub's limit is %d" % (key, len(t), limit))


def artifact_locations(node, path):
    """Every artifactLocation object in the file, with where it is."""
    if isinstance(node, dict):
        for k, v in node.items():
            p = "%s.%s" % (path, k)
            if k == "artifactLocation" and isinstance(v, dict):
                yield p, v
            elif k == "originalUriBaseIds" and isinstance(v, dict):
                for name, loc in v.items():
                    yield "%s[%s]" % (p, name), loc
            yield from artifact_locations(v, p)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from artifact_locations(v, "%s[%d]" % (path, i))


def check_uri(where, loc):
    uri = loc.get("uri")
    if uri is None:
        return
    if not isinstance(uri, str) or uri == "":
        err(where, "uri must be a non-empty string")
        return
    if not URI_CHARS.match(uri):
        err(where, "uri %r is not a percent-encoded URI reference" % uri)
    m = SCHEME.match(uri)
    if m:
        # [DOC] "Specifying the root for source files": with a source root
        # (upload-sarif always passes checkout_path, the API checkout_uri),
        # "any location of an artifact specified using an absolute URI must
        # use the same URI scheme ... the upload is rejected" otherwise; the
        # checkout is a file: URI.
        if m.group(0).lower() != "file:":
            err(where, "absolute uri %r: GitHub rejects schemes other than "
                "the checkout's file:" % uri)
        if "uriBaseId" in loc:
            err(where, "absolute uri %r with a uriBaseId (SARIF 3.4.4)" % uri)
    else:
        # RFC 3986 4.2: a relative reference's first segment has no colon.
        first = uri.split("/", 1)[0]
        if ":" in first:
            err(where, "relative uri %r: first segment has a colon" % uri)


def check_rule(i, r, ids):
    where = "rules[%d]" % i
    rid = r.get("id")
    if not isinstance(rid, str) or rid == "":         # [DOC] id: required
        err(where, "id is required")
        return
    where = "rule %s" % rid
    if rid in ids:
        err(where, "duplicate rule id")
    ids[rid] = i
    name = r.get("name")
    if name is not None and (not isinstance(name, str) or len(name) > MAX_NAME):
        err(where, "name longer than %d characters" % MAX_NAME)
    required_text(r, "shortDescription", where, MAX_DESCRIPTION)   # [DOC] required
    required_text(r, "fullDescription", where, MAX_DESCRIPTION)    # [DOC] required
    required_text(r, "help", where)                                # [DOC] help.text required
    md = (r.get("help") or {}).get("markdown")
    if md is not None and (not isinstance(md, str) or md == ""):
        err(where, "help.markdown present but empty")
    lvl = (r.get("defaultConfiguration") or {}).get("level")
    if lvl is not None and lvl not in LEVELS:
        err(where, "defaultConfiguration.level %r not one of %s" % (lvl, sorted(LEVELS)))
    props = r.get("properties") or {}
    tags = props.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        err(where, "properties.tags must be an array of strings")
        tags = []
    if len(tags) > MAX_TAGS:                                         # [DOC] limits
        err(where, "%d tags, GitHub rejects more than %d" % (len(tags), MAX_TAGS))
    sev = props.get("security-severity")
    if sev is not None:
        # [DOC] "A string representing a score ... between 0.0 and 10.0, for
        # security queries (@tags includes security)".
        try:
            score = float(sev) if isinstance(sev, str) else None
        except ValueError:
            score = None
        if score is None or not 0.0 <= score <= 10.0:
            err(where, "security-severity %r is not a string score 0.0-10.0" % sev)
        if "security" not in tags:
            err(where, "security-severity without the \"security\" tag")
    prec = props.get("precision")
    if prec is not None and prec not in PRECISIONS:
        err(where, "precision %r not one of %s" % (prec, sorted(PRECISIONS)))
    ps = props.get("problem.severity")
    if ps is not None and ps not in PROBLEM_SEVERITIES:
        err(where, "problem.severity %r not one of %s" % (ps, sorted(PROBLEM_SEVERITIES)))


def check_result(i, res, rules, ids):
    where = "results[%d]" % i
    if text(res, "message") is None:                  # [DOC] message.text: required
        err(where, "message.text is required and must not be empty")
    rid = res.get("ruleId")
    if rid is None or rid not in ids:
        # [DOC] ruleId "the unique identifier of the rule (reportingDescriptor.id)";
        # "the ruleId for a result has to be the same across analysis"
        err(where, "ruleId %r does not name a rule of the run" % rid)
    idx = res.get("ruleIndex")
    if idx is not None and (not isinstance(idx, int) or not 0 <= idx < len(rules)
                            or rules[idx].get("id") != rid):
        err(where, "ruleIndex %r does not point at rule %r" % (idx, rid))
    locs = res.get("locations")
    # [DOC] "At least one location is required for code scanning to display a result."
    if not isinstance(locs, list) or not locs:
        err(where, "locations[] is required (at least one)")
        return
    if len(locs) > MAX_LOCATIONS:
        err(where, "%d locations, GitHub documents at most %d" % (len(locs), MAX_LOCATIONS))
    phys = locs[0].get("physicalLocation") or {}
    uri = (phys.get("artifactLocation") or {}).get("uri")
    if not isinstance(uri, str) or uri == "":          # [DOC] artifactLocation.uri: required
        err(where, "locations[0].physicalLocation.artifactLocation.uri is required")
    line = (phys.get("region") or {}).get("startLine")
    # [DOC] region.startLine: required (GitHub's own examples give results
    # with startLine alone, so the columns are not demanded here).
    if not isinstance(line, int) or line < 1:
        err(where, "locations[0].physicalLocation.region.startLine is required (>= 1)")
    fp = (res.get("partialFingerprints") or {}).get("primaryLocationLineHash")
    # [DOC] partialFingerprints: required; "Code scanning only uses the
    # primaryLocationLineHash". [FP] its format is HEX:N.
    if not isinstance(fp, str) or not LINE_HASH.match(fp):
        err(where, "partialFingerprints.primaryLocationLineHash %r missing or not HEX:N" % fp)


def main():
    raw = open(sys.argv[1], "rb").read()
    # [DOC] "For each gzip-compressed SARIF file, SARIF upload supports a maximum size of 10 MB."
    if len(gzip.compress(raw)) > MAX_GZIP_BYTES:
        err("file", "gzip-compressed size over 10 MB")
    log = json.loads(raw)
    # [DOC] sarifLog: $schema, version (only 2.1.0) and runs[] are required.
    if not isinstance(log.get("$schema"), str) or log["$schema"] == "":
        err("sarifLog", "$schema is required")
    if log.get("version") != "2.1.0":
        err("sarifLog", "version must be 2.1.0")
    runs = log.get("runs")
    if not isinstance(runs, list):
        err("sarifLog", "runs[] is required")
        runs = []
    if len(runs) > MAX_RUNS:
        err("sarifLog", "%d runs, GitHub rejects more than %d" % (len(runs), MAX_RUNS))
    for n, run in enumerate(runs):
        driver = (run.get("tool") or {}).get("driver") or {}
        if not isinstance(driver.get("name"), str) or driver["name"] == "":
            err("runs[%d]" % n, "tool.driver.name is required")      # [DOC]
        sv = driver.get("semanticVersion")
        if sv is not None and not SEMVER.match(str(sv)):
            err("runs[%d]" % n, "semanticVersion %r is not Semantic Versioning 2.0" % sv)
        rules = driver.get("rules")
        if not isinstance(rules, list):
            err("runs[%d]" % n, "tool.driver.rules[] is required")   # [DOC]
            rules = []
        if len(rules) > MAX_RULES:
            err("runs[%d]" % n, "%d rules, over %d" % (len(rules), MAX_RULES))
        ids = {}
        for i, r in enumerate(rules):
            check_rule(i, r, ids)
        results = run.get("results")
        if not isinstance(results, list):
            err("runs[%d]" % n, "results[] is required")              # [DOC]
            results = []
        if len(results) > MAX_RESULTS:
            err("runs[%d]" % n, "%d results, GitHub rejects more than %d"
                % (len(results), MAX_RESULTS))
        for i, res in enumerate(results):
            check_result(i, res, rules, ids)
    for where, loc in artifact_locations(log, "sarifLog"):
        check_uri(where, loc)
    for e in errs:
        print(e, file=sys.stderr)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
