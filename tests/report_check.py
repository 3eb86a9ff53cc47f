#!/usr/bin/env python3
"""Check a report that `plandash report` wrote against the plan as an
independent YAML reader (PyYAML) reads it, not as plandash's loader does.

Usage:
  report_check.py csv  PLAN_YAML REPORT.csv  DATE YEAR
  report_check.py json PLAN_YAML REPORT.json DATE YEAR
  report_check.py md   PLAN_YAML REPORT.md   DATE YEAR

DATE is the review date of the report (YYYY-MM-DD), YEAR the fiscal year
of its statuses.  The report covers every item (no filter); the Markdown
one is in Japanese (--lang=ja).

csv:  a UTF-8 byte order mark, CRLF after every record and nowhere a bare
      LF, a header row and one row per item in plan order (62 for
      plan.yaml), each with the item's id, serial number, departments
      joined with ・, its rating at DATE, the status *label* of every fiscal
      year and the note of YEAR.  A cell from the plan that starts with
      = + - @, a tab or a CR comes back with a ' before it (as text).
json: the whole plan, value by value, equal to the YAML with the format's
      documented defaults filled in; and the report's counts at DATE.
md:   the per-policy S/A/B table at DATE (rows "| 方針1 TITLE | n | S | A | B |"
      and "| 合計 | ... |", consecutive, as the city publishes them), the 増減
      against the previous review date, the 効果額 rows and the status
      counts of YEAR, each computed here.

Prints what is wrong; exit status 0 when everything holds, 1 when not, 2
when a file cannot be read.
"""
import csv
import io
import json
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BOM = b"\xef\xbb\xbf"
GUARDED = ("=", "+", "-", "@", "\t", "\r")
REVIEW_ORDER = ["departments", "content", "years", "effects", "indicators", "schedule"]
DECREASE = "\u25b2"
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)
    return cond


def items_of(doc):
    for p in doc["policies"]:
        for it in p["items"]:
            yield p, it


def rating_at(it, date):
    for r in it.get("ratings", []):
        if r["date"] == date:
            return r
    return None


def entry_of(it, year):
    for e in it["schedule"]:
        if e["year"] == year:
            return e
    return None


def clean(s):
    """A cell as the CSV writes it: control characters (C0 but tab, CR and
    LF; DEL; C1) become U+FFFD."""
    return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\r\n") or 0x7f <= ord(c) <= 0x9f
                   else c for c in s)


def heisei(year):
    return "平成%d年度" % (year - 1988) if 1989 <= year <= 2018 else "FY%d" % year


def check_csv(doc, data, date, year):
    labels = {s["key"]: s["label"] for s in doc["statuses"]}
    check(data.startswith(BOM), "no UTF-8 byte order mark")
    body = data[len(BOM):]
    check(body.endswith(b"\r\n"), "the last record does not end in CRLF")
    check(body.replace(b"\r\n", b"").count(b"\n") == 0, "a line ends in a bare LF")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    items = list(items_of(doc))
    check(len(rows) == len(items) + 1, "%d rows, expected %d and a header"
          % (len(rows) - 1, len(items)))
    years = doc["years"]
    check(rows[0][6:6 + len(years)] == [heisei(y) for y in years],
          "year headers %r" % rows[0][6:6 + len(years)])
    for row, (pol, it) in zip(rows[1:], items):
        want = [it["id"], str(it.get("serial", "")), None, it["title"],
                "・".join(it["departments"])]
        r = rating_at(it, date)
        want.append(r["rating"] if r else "")
        for y in years:
            e = entry_of(it, y)
            want.append(labels[e["status"]] if e else "")
        e = entry_of(it, year)
        want.append(e.get("note", "") if e else "")
        want[2] = row[2]
        want = [clean("'" + w if w.startswith(GUARDED) else w) for w in want]
        check(row[2].endswith(" " + pol["title"]), "%s: policy cell %r" % (it["id"], row[2]))
        check(row == want, "%s: row %r, expected %r" % (it["id"], row, want))
    print("csv: %d rows checked" % (len(rows) - 1))


def with_defaults(doc):
    """The plan with the format's documented defaults filled in."""
    doc.setdefault("current_year", doc["review_year"])
    for s in doc["statuses"]:
        s.setdefault("letter", s["key"][0].upper())
        s.setdefault("final", False)
        s.setdefault("late", False)
    for lv in doc.get("ratings", []):
        lv.setdefault("late", False)
    for row in doc.get("effects", []):
        row.setdefault("basis", "actual")
    for _, it in items_of(doc):
        rv = it.get("review")
        if rv is not None:
            rv.setdefault("new_indicators", False)
            rv["changed"] = sorted(rv["changed"], key=REVIEW_ORDER.index)
    return doc


def compare(want, got, path):
    if isinstance(want, dict):
        if not check(isinstance(got, dict), "%s: not an object" % path):
            return
        check(list(want) == list(got) or set(want) == set(got),
              "%s: keys %s, expected %s" % (path, sorted(got), sorted(want)))
        for k in want:
            if check(k in got, "%s.%s is missing" % (path, k)):
                compare(want[k], got[k], "%s.%s" % (path, k))
    elif isinstance(want, list):
        if check(isinstance(got, list) and len(got) == len(want),
                 "%s: %r, expected %d elements" % (path, got, len(want))):
            for i, (w, g) in enumerate(zip(want, got)):
                compare(w, g, "%s[%d]" % (path, i))
    else:
        check(type(want) is type(got) and want == got,
              "%s: %r, expected %r" % (path, got, want))


def check_json(doc, data, date, year):
    text = data.decode("utf-8")
    check("\\u" not in text.replace("\\u00", ""), "Japanese written as \\u escapes")
    got = json.loads(text)
    report = got.pop("report", None)
    compare(with_defaults(doc), got, "")
    if not check(isinstance(report, dict), "no report object"):
        return
    rated = [rating_at(it, date) for _, it in items_of(doc)]
    rated = [r for r in rated if r]
    check(report["date"] == date and report["year"] == year,
          "report date %r year %r" % (report["date"], report["year"]))
    check(report["total"]["rated"] == len(rated), "rated %r" % report["total"]["rated"])
    for lv in doc["ratings"]:
        n = sum(1 for r in rated if r["rating"] == lv["key"])
        check(report["total"]["ratings"][lv["key"]] == n,
              "%s at %s: %r, expected %d" % (lv["key"], date, report["total"]["ratings"], n))
    print("json: the plan and the report's totals checked")


def delta(n):
    return DECREASE + str(-n) if n < 0 else str(n)


def table_rows(doc, date):
    """The S/A/B rows at date: per policy and the total."""
    keys = [lv["key"] for lv in doc["ratings"]]
    rows, total = [], [0] * (1 + len(keys))
    for pol in doc["policies"]:
        counts = [0] * (1 + len(keys))
        for it in pol["items"]:
            r = rating_at(it, date)
            if r:
                counts[0] += 1
                counts[1 + keys.index(r["rating"])] += 1
        rows.append(("方針%s %s" % (pol["id"], pol["title"]), counts))
        total = [a + b for a, b in zip(total, counts)]
    rows.append(("合計", total))
    return rows


def block_in(text, lines, what):
    check("\n".join(lines) + "\n" in text, "%s: these lines are not in the report:\n  %s"
          % (what, "\n  ".join(lines)))


def check_md(doc, data, date, year):
    text = data.decode("utf-8")
    keys = [lv["key"] for lv in doc["ratings"]]
    head = ["| 方針 | 項目数 | %s |" % " | ".join(keys),
            "| --- | ---: | %s |" % " | ".join(["---:"] * len(keys))]
    rows = table_rows(doc, date)
    block_in(text, head + ["| %s | %s |" % (n, " | ".join(map(str, c))) for n, c in rows],
             "the S/A/B table at %s" % date)
    dates = [r["date"] for r in doc["reviews"]]
    i = dates.index(date)
    if i > 0:
        prev = table_rows(doc, dates[i - 1])
        block_in(text, head + ["| %s | %s |" % (n, " | ".join(delta(a - b) for a, b in zip(c, p)))
                               for (n, c), (_, p) in zip(rows, prev)], "the 増減 table")
    run = 0
    lines = []
    last = None
    for row in sorted(doc.get("effects", []), key=lambda r: r["year"]):
        total = row.get("total", row.get("revenue", 0) + row.get("savings", 0))
        run += total
        y = heisei(row["year"]) + ("（予算ベース）" if row.get("basis") == "budget" else "")
        lines.append("| %s | %s | %s | %s | %s | %s |" % (
            y, total, row.get("revenue", 0), row.get("savings", 0),
            "-" if last is None else delta(total - last), run))
        last = total
    block_in(text, lines, "the 効果額 rows")
    order = [s["key"] for s in doc["statuses"]]
    total = [0] * (1 + len(order))
    for pol in doc["policies"]:
        counts = [len(pol["items"])] + [0] * len(order)
        for it in pol["items"]:
            e = entry_of(it, year)
            if e:
                counts[1 + order.index(e["status"])] += 1
        total = [a + b for a, b in zip(total, counts)]
        block_in(text, ["| 方針%s %s | %s |" % (pol["id"], pol["title"],
                                              " | ".join(map(str, counts)))],
                 "the statuses of policy %s in %d" % (pol["id"], year))
    block_in(text, ["| 合計 | %s |" % " | ".join(map(str, total))], "the statuses' total")
    print("md: the tables at %s and in %d checked" % (date, year))


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("csv", "json", "md"):
        sys.exit(__doc__)
    mode, plan_path, report_path, date, year = sys.argv[1:]
    try:
        with open(plan_path, "rb") as f:
            doc = yaml.load(f, Loader=Loader)
        with open(report_path, "rb") as f:
            data = f.read()
    except (OSError, yaml.YAMLError) as e:
        print("cannot read: %s" % e)
        return 2
    {"csv": check_csv, "json": check_json, "md": check_md}[mode](doc, data, date, int(year))
    for p in problems[:20]:
        print("not ok: " + p)
    if len(problems) > 20:
        print("... and %d more" % (len(problems) - 20))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
