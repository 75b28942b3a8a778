#!/usr/bin/python3
"""html_counts.py HTML JSON: the numbers an HTML report shows (the text of
every summary count cell, the --fail-on count, and the key trust map's
accounts, key logins and weak ones, plus the nodes of its drawing when there
is one) must equal the JSON report's. HTML may be synolint's file or a browser's serialised DOM
(chromium --dump-dom), so it is read with html.parser, not as XML.
Exit 0 if they agree, 1 with the differences on stderr."""
import html.parser
import json
import sys

KINDS = ["critical", "high", "medium", "low", "info", "fail", "waived",
         "error", "pass", "not_applicable"]


class Cells(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows = {}          # data-host -> {kind: shown text}
        self.failing = None
        self.trust = {}         # accounts/logins/weak -> shown number
        self.svg_nodes = None   # <g class="node"> in the drawing, if any
        self.host = None
        self.kind = None
        self.text = ""
        self.tags = 0

    def handle_starttag(self, tag, attrs):
        self.tags += 1
        a = dict(attrs)
        if tag == "svg":
            self.svg_nodes = 0
        if tag == "g" and self.svg_nodes is not None and \
                "node" in (a.get("class") or "").split():
            self.svg_nodes += 1
        if tag == "tr" and "data-host" in a:
            self.host = a["data-host"]
            self.rows[self.host] = {}
        cls = (a.get("class") or "").split()
        for c in cls:
            if c.startswith("n-"):
                self.kind = c[2:]
                self.text = ""

    def handle_data(self, data):
        if self.kind is not None:
            self.text += data

    def handle_endtag(self, tag):
        if self.kind is None or tag not in ("td", "span"):
            return
        if self.kind == "failing":
            self.failing = int(self.text.strip())
        elif self.kind.startswith("trust-"):
            self.trust[self.kind[6:]] = int(self.text.strip())
        elif self.host is not None:
            self.rows[self.host][self.kind] = int(self.text.strip())
        self.kind = None


def counts(c):
    d = {k: c[k] for k in ("fail", "waived", "error", "pass", "not_applicable")}
    d.update(c["fail_by_severity"])
    return d


def main():
    p = Cells()
    p.feed(open(sys.argv[1], encoding="utf-8").read())
    rep = json.load(open(sys.argv[2], encoding="utf-8"))
    errs = []
    want = {h["name"]: counts(h["counts"]) for h in rep["hosts"]}
    want["total"] = counts(rep["summary"]["counts"])
    for host, w in want.items():
        got = p.rows.get(host)
        if got is None:
            errs.append("no summary row for %r" % host)
            continue
        for k in KINDS:
            if got.get(k) != w[k]:
                errs.append("%s %s: shown %r, JSON %r" % (host, k, got.get(k), w[k]))
    if p.failing != rep["summary"]["failing"]:
        errs.append("failing: shown %r, JSON %r" % (p.failing, rep["summary"]["failing"]))
    t = rep.get("trust")
    if t is not None:
        shown = {"accounts": t["accounts"], "logins": t["key_logins"],
                 "weak": t["weak"]}
        for k, v in shown.items():
            if p.trust.get(k) != v:
                errs.append("trust %s: shown %r, JSON %r" % (k, p.trust.get(k), v))
        if p.svg_nodes is not None and p.svg_nodes != t["accounts"]:
            errs.append("trust drawing: %d nodes, JSON %d accounts"
                        % (p.svg_nodes, t["accounts"]))
    elif p.trust:
        errs.append("trust numbers shown but the JSON report has none")
    for e in errs:
        print(e, file=sys.stderr)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
