#!/usr/bin/env python3
"""Compare two plan files with an independent YAML reader (PyYAML).

Usage: yaml_diff.py OLD NEW [PATH=VALUE]...

Both files are read with yaml.safe_load.  Prints every path whose value
differs, one per line, sorted.  Entry fields print as ITEM/YEAR/FIELD
(e.g. 1-3/2013/status); anything else as a slash-separated path from the
top (e.g. policies/0/items/2/title).

Every plan, status and note of NEW must read back as a string (a plain
`yes` would read as a boolean, `123` as a number): anything else is an
error.  With PATH=VALUE arguments, the changed paths must be exactly those
PATHs, each with its new VALUE.

Exit status: 0 when all holds, 1 when an expectation fails, 2 when a file
cannot be read.
"""
import copy
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FIELDS = ("plan", "status", "note")


def load(path):
    try:
        with open(path, "rb") as f:
            return yaml.load(f, Loader=Loader)
    except (OSError, yaml.YAMLError) as e:
        print("yaml_diff: %s: %s" % (path, e), file=sys.stderr)
        sys.exit(2)


def entries(doc):
    """{(item id, year): entry} and the document without the schedules."""
    out = {}
    rest = copy.deepcopy(doc)
    for p, pol in enumerate(doc.get("policies") or []):
        for i, item in enumerate(pol.get("items") or []):
            for e in item.get("schedule") or []:
                out[(str(item["id"]), e["year"])] = e
            rest["policies"][p]["items"][i]["schedule"] = len(item.get("schedule") or [])
    return out, rest


def walk(a, b, path, changed):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            walk(a.get(k), b.get(k), path + [str(k)], changed)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for k, (x, y) in enumerate(zip(a, b)):
            walk(x, y, path + [str(k)], changed)
    elif a != b or type(a) is not type(b):
        changed["/".join(path)] = b


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    old, new = load(sys.argv[1]), load(sys.argv[2])
    (eo, ro), (en, rn) = entries(old), entries(new)
    changed = {}
    walk(ro, rn, [], changed)
    errors = []
    for key in sorted(set(eo) | set(en), key=str):
        a, b = eo.get(key), en.get(key)
        if a is None or b is None:
            changed["%s/%s" % key] = b
            continue
        for f in FIELDS:
            if f in b and not isinstance(b[f], str):
                errors.append("%s/%s/%s reads as %s %r, not a string"
                              % (key[0], key[1], f, type(b[f]).__name__, b[f]))
            if a.get(f) != b.get(f) or type(a.get(f)) is not type(b.get(f)):
                changed["%s/%s/%s" % (key[0], key[1], f)] = b.get(f)
        for f in sorted(set(a) | set(b)):
            if f not in FIELDS and a.get(f) != b.get(f):
                changed["%s/%s/%s" % (key[0], key[1], f)] = b.get(f)
    for path in sorted(changed):
        print(path)
    want = {}
    for arg in sys.argv[3:]:
        path, sep, value = arg.partition("=")
        if not sep:
            errors.append("expectation %r has no '='" % arg)
        want[path] = value
    if len(sys.argv) > 3:
        for path in sorted(set(want) | set(changed)):
            if path not in changed:
                errors.append("%s did not change" % path)
            elif path not in want:
                errors.append("%s changed unexpectedly to %r" % (path, changed[path]))
            elif changed[path] != want[path]:
                errors.append("%s is %r, expected %r" % (path, changed[path], want[path]))
    for e in errors:
        print("yaml_diff: " + e, file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
