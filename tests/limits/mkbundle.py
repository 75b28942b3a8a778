#!/usr/bin/env python3
"""mkbundle.py — write a minimal valid v1 bundle (docs/bundle-format.md) that
carries the given files, for the resource-limit tests.

Usage: mkbundle.py OUT [PATH=CONTENT_FILE ...] [--raw-records N]
A PATH=@N:TEXT argument stands for TEXT repeated N times (no temp file needed).
"""
import sys


def main():
    out = sys.argv[1]
    files = {}
    extra_records = 0
    for arg in sys.argv[2:]:
        if arg.startswith("--raw-records="):
            extra_records = int(arg.split("=", 1)[1])
            continue
        path, src = arg.split("=", 1)
        if src.startswith("@"):
            n, text = src[1:].split(":", 1)
            data = text.encode().decode("unicode_escape").encode("latin-1") * int(n)
        else:
            with open(src, "rb") as fp:
                data = fp.read()
        files[path] = data
    files.setdefault("/etc/passwd", b"root:x:0:0::/root:/bin/sh\n")
    files.setdefault("/etc/group", b"root:x:0:\n")
    files.setdefault("/etc/ssh/sshd_config", b"PermitRootLogin no\n")
    recs = [b"meta\tcollector_version\t1\n", b"meta\thostname\tlimits\n",
            b"meta\tsession\troot\n", b"meta\tuid\t0\n",
            b"meta\topenssh_version\tOpenSSH_9.2p1\n"]
    dirs = set()
    for p in files:
        parts = p.split("/")[1:-1]
        for i in range(len(parts) + 1):
            dirs.add("/" + "/".join(parts[:i]))
    for d in sorted(dirs):
        recs.append(b"stat\td\t0755\t0\t0\t4096\t0\t" + d.encode() + b"\n")
    for p, data in files.items():
        recs.append(b"stat\tf\t0644\t0\t0\t%d\t0\t%s\n" % (len(data), p.encode()))
        recs.append(b"file\t%d\t-\t%s\n" % (len(data), p.encode()) + data + b"\n")
    for i in range(extra_records):
        recs.append(b"skip\tlimit\tfiller %d\n" % i)
    with open(out, "wb") as fp:
        fp.write(b"synolint-bundle\t1\n")
        for r in recs:
            fp.write(r)
        fp.write(b"end\t%d\n" % len(recs))


if __name__ == "__main__":
    main()
