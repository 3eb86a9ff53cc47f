#!/usr/bin/env python3
"""Compare two plan files with an independent YAML reader (PyYAML).

Usage: yaml_diff.py OLD NEW [PATH=VALUE]...

Both files are read with yaml.safe_load.  Prints every path whose value
differs, one per line, sorted.  Entry fields print as ITEM/YEAR/FIELD
(e.g. 1-3/2013/status); an item's rating at a review date and its note as
ITEM/DATE/rating and ITEM/DATE/note (e.g. 1-1/2016-03-31/rating); a review
date's label as reviews/DATE/label; anything else as a slash-separated path
from the top (e.g. policies/0/items/2/title).

Every plan, status and note of NEW must read back as a string (a plain
`yes` would read as a boolean, `123` as a number): anything else is an
error.  So must every rating's date, rating and note, and every review
date's date and label; dates must be YYYY-MM-DD, an item may be rated once
per date, at one of the review dates, and the review dates must ascend.
With PATH=VALUE arguments, the changed paths must be exactly those PATHs,
each with its new VALUE (\\N: the path is gone, e.g. a rating taken out).

Exit status: 0 when all holds, 1 when an expectation fails, 2 when a file
cannot be read.
"""
import copy
import re
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


DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def is_date(v):
    return isinstance(v, str) and DATE.match(v) is not None


def entries(doc, errors, name):
    """{(item id, year): entry}, {(item id, date): rating}, {date: review}
    and the document without the schedules, ratings and review dates."""
    out, rated, reviews = {}, {}, {}
    rest = copy.deepcopy(doc)
    for r in rest.pop("reviews", None) or []:
        if not is_date(r.get("date")) or not isinstance(r.get("label"), str):
            errors.append("%s: review date %r does not read as quoted date and label strings"
                          % (name, r))
            continue
        if reviews and r["date"] <= max(reviews):
            errors.append("%s: review date %s is not after %s" % (name, r["date"], max(reviews)))
        reviews[r["date"]] = r
    for p, pol in enumerate(doc.get("policies") or []):
        for i, item in enumerate(pol.get("items") or []):
            for e in item.get("schedule") or []:
                out[(str(item["id"]), e["year"])] = e
            rest["policies"][p]["items"][i]["schedule"] = len(item.get("schedule") or [])
            rest["policies"][p]["items"][i].pop("ratings", None)
            for r in item.get("ratings") or []:
                key = (str(item["id"]), r.get("date"))
                bad = [f for f in ("date", "rating", "note")
                       if f in r and not isinstance(r[f], str)]
                if bad or not is_date(r.get("date")):
                    errors.append("%s: rating %r of %s does not read as strings (%s)"
                                  % (name, r, item["id"], ", ".join(bad) or "date"))
                    continue
                if key in rated:
                    errors.append("%s: %s is rated twice at %s" % (name, key[0], key[1]))
                if r["date"] not in reviews:
                    errors.append("%s: %s is rated at %s, not a review date"
                                  % (name, key[0], key[1]))
                rated[key] = r
    return out, rated, reviews, rest


def compare_dated(old, new, fields, prefix, changed):
    """Changed fields of ratings (or review dates) keyed by date."""
    for key in sorted(set(old) | set(new), key=str):
        a, b = old.get(key) or {}, new.get(key) or {}
        for f in fields:
            if a.get(f) != b.get(f):
                changed["%s/%s" % (prefix(key), f)] = b.get(f)


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
    errors, ignored = [], []
    eo, rto, rvo, ro = entries(old, ignored, sys.argv[1])
    en, rtn, rvn, rn = entries(new, errors, sys.argv[2])
    changed = {}
    walk(ro, rn, [], changed)
    compare_dated(rto, rtn, ("rating", "note"), lambda k: "%s/%s" % k, changed)
    compare_dated(rvo, rvn, ("label",), lambda k: "reviews/%s" % k, changed)
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
            elif changed[path] is None and want[path] == "\\N":
                pass
            elif changed[path] != want[path]:
                errors.append("%s is %r, expected %r" % (path, changed[path], want[path]))
    for e in errors:
        print("yaml_diff: " + e, file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
