#!/usr/bin/python3
"""check_bundle.py -- framing and secrecy check of collector bundles.

Usage: check_bundle.py BUNDLE...
Checks the framing of docs/bundle-format.md v1 (header, field counts,
content lengths, end count, nothing after end) and that no secret left the
host: private keys (id_* and ssh_host_*_key without .pub) carry only a BEGIN
line and "Name: value" header lines, and no passwd/group/shadow line holds
a password hash. Exit 1 with a message naming the bundle and offset.
"""
import re
import sys

FIELDS = {b"meta": 3, b"stat": 8, b"link": 3, b"nostat": 3, b"file": 4,
          b"nofile": 3, b"cmd": 4, b"skip": 3}
PRIVATE = re.compile(rb"(/id_[^/]*|/ssh_host_[^/]*_key)$")
HEADER_LINE = re.compile(rb"^(-----BEGIN [A-Z0-9 ]+-----|[A-Za-z][A-Za-z0-9-]*: [ -~]*)$")
PWFILES = (b"/etc/passwd", b"/etc/group", b"/etc/shadow")


def check(path):
    d = open(path, "rb").read()
    pos = 0

    def fail(msg):
        sys.exit("%s: offset %d: %s" % (path, pos, msg))

    def line():
        nonlocal pos
        i = d.find(b"\n", pos)
        if i < 0:
            fail("unterminated line")
        s = d[pos:i]
        pos = i + 1
        return s

    if line() != b"synolint-bundle\t1":
        fail("bad header")
    n = 0
    while True:
        f = line().split(b"\t")
        if f[0] == b"end":
            if len(f) != 2 or int(f[1]) != n:
                fail("end count %r, saw %d records" % (f, n))
            if pos != len(d):
                fail("bytes after end")
            return n
        n += 1
        if f[0] not in FIELDS or len(f) != FIELDS[f[0]]:
            fail("bad record %r" % f)
        if f[0] in (b"file", b"cmd"):
            ln = int(f[1])
            data = d[pos:pos + ln]
            pos += ln
            if d[pos:pos + 1] != b"\n":
                fail("content length mismatch")
            pos += 1
            name = f[3]
            if f[0] == b"file" and PRIVATE.search(name) and not name.endswith(b".pub"):
                if f[2] != b"t":
                    fail("private key %r not flagged t" % name)
                for l in data.split(b"\n"):
                    if l and not HEADER_LINE.match(l):
                        fail("private key %r carries %r" % (name, l[:20]))
            if f[0] == b"file" and name in PWFILES:
                for l in data.split(b"\n"):
                    p = l.split(b":")
                    if len(p) > 1 and p[1] not in (b"", b"x", b"*", b"!"):
                        fail("password field %r in %r" % (p[1][:8], name))


for p in sys.argv[1:]:
    print("%s: %d records" % (p, check(p)))
