#!/usr/bin/env python3
"""Recompute the city's published figures from a plan with an independent
YAML reader (PyYAML), not with plandash's loader.

Usage: ratings_totals.py PLAN_YAML

Checks that every rating's date is a quoted string naming one of `reviews`,
at most once per item, and that its rating is a key of the `ratings`
vocabulary; that every item is rated at every half-yearly date from
2011-09-30 to 2016-03-31; and that the counts are the city's:
S 1 / A 50 / B 11 for the 62 items at 2016-03-31, and at 2017-03-31, per
policy (items, S, A, B): 1: 9/1/7/1, 2: 4/0/4/0, 3: 6/0/5/1, 4: 12/0/10/2,
5: 10/0/9/1 (41/1/35/5 in all).  Also the 効果額: total = revenue + savings
in each row, FY2011-FY2014 sum to 884, and FY2015 alone is on a budget basis.

Prints what it found; exit status 0 when everything holds, 1 when not, 2
when the file cannot be read.
"""
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HALF_YEARS = ["%d-%s" % (y + (m == "03-31"), m)
              for y in range(2011, 2016) for m in ("09-30", "03-31")]
FOLLOW_UP = {"1": (9, 1, 7, 1), "2": (4, 0, 4, 0), "3": (6, 0, 5, 1),
             "4": (12, 0, 10, 2), "5": (10, 0, 9, 1)}
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)
    return cond


def counts(items, date):
    """(items rated, {key: count}) at date."""
    out = {}
    rated = 0
    for it in items:
        for r in it.get("ratings", []):
            if r["date"] == date:
                rated += 1
                out[r["rating"]] = out.get(r["rating"], 0) + 1
    return rated, out


def check_item(it, dates, keys):
    seen = set()
    for r in it.get("ratings", []):
        d = r.get("date")
        check(isinstance(d, str), "%s: date %r is not a quoted string" % (it["id"], d))
        check(d in dates, "%s: %s is not one of reviews" % (it["id"], d))
        check(d not in seen, "%s: rated twice at %s" % (it["id"], d))
        check(r.get("rating") in keys, "%s: unknown rating %r" % (it["id"], r.get("rating")))
        seen.add(d)
    for d in HALF_YEARS:
        check(d in seen, "%s: not rated at %s" % (it["id"], d))
    check("rating" not in it, "%s: the old single rating is still there" % it["id"])


def check_effects(rows):
    budget = [r["year"] for r in rows if r.get("basis") == "budget"]
    check(budget == [2015], "budget basis in %s, expected [2015]" % budget)
    for r in rows:
        check(r["total"] == r["revenue"] + r["savings"],
              "effects %d: %s != %s + %s" % (r["year"], r["total"], r["revenue"], r["savings"]))
    actual = sum(r["total"] for r in rows if 2011 <= r["year"] <= 2014)
    check(actual == 884, "effects FY2011-FY2014 sum to %s, expected 884" % actual)
    print("effects: FY2011-FY2014 %s, in all %s" % (actual, sum(r["total"] for r in rows)))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    try:
        with open(sys.argv[1], "rb") as f:
            doc = yaml.load(f, Loader=Loader)
    except (OSError, yaml.YAMLError) as e:
        print("ratings_totals: %s" % e, file=sys.stderr)
        sys.exit(2)
    keys = [r["key"] for r in doc["ratings"]]
    check(keys == ["S", "A", "B"], "the rating vocabulary is %s" % keys)
    dates = [r["date"] for r in doc["reviews"]]
    check(all(isinstance(d, str) for d in dates), "a review date is not a quoted string")
    check(dates == HALF_YEARS + ["2017-03-31"], "reviews are %s" % dates)
    items = [it for p in doc["policies"] for it in p["items"]]
    for it in items:
        check_item(it, dates, keys)

    rated, c = counts(items, "2016-03-31")
    print("2016-03-31: %d items, S %d / A %d / B %d" % (rated, c.get("S", 0), c.get("A", 0),
                                                         c.get("B", 0)))
    check((rated, c.get("S", 0), c.get("A", 0), c.get("B", 0)) == (62, 1, 50, 11),
          "2016-03-31 is not 62 items, S 1 / A 50 / B 11")
    total = [0, 0, 0, 0]
    for p in doc["policies"]:
        rated, c = counts(p["items"], "2017-03-31")
        got = (rated, c.get("S", 0), c.get("A", 0), c.get("B", 0))
        print("2017-03-31, policy %s: %d items, S %d / A %d / B %d" % ((p["id"],) + got))
        check(got == FOLLOW_UP[p["id"]], "policy %s at 2017-03-31: %s, expected %s"
              % (p["id"], got, FOLLOW_UP[p["id"]]))
        total = [a + b for a, b in zip(total, got)]
    check(total == [41, 1, 35, 5], "2017-03-31 in all: %s" % total)
    check_effects(doc.get("effects", []))
    for what in problems:
        print("ratings_totals: %s" % what, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
