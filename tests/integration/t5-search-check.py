#!/usr/bin/env python3
"""Checks for the werkarchiv-search integration tests (t5*-*.sh).

Each subcommand prints nothing and exits 0 when the check holds, or prints
why it does not and exits 1. Expectations are computed from the stored
metadata of the indexed corpus, never hard-coded, so adding documents to the
corpus does not break them.
"""
import csv
import io
import json
import os
import subprocess
import sys

SEARCH = os.environ.get("WA_SEARCH", "werkarchiv-search")


def fail(msg):
    print(msg)
    sys.exit(1)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def search(db, *args):
    """Run werkarchiv-search --json; return the parsed output (exit 0 or 1 expected)."""
    p = subprocess.run([SEARCH, "--db", db, "--json", *args], capture_output=True)
    if p.returncode not in (0, 1):
        fail("werkarchiv-search %s exited %d: %s" % (" ".join(args), p.returncode,
                                                       p.stderr.decode(errors="replace")))
    return json.loads(p.stdout)


def everything(db, *extra):
    """All documents (no collapsing): the metadata the expectations come from."""
    d = search(db, "--no-collapse", "-n", "10000", *extra, "")
    if d["count"] != d["total"]:
        fail("could not fetch all %d documents" % d["total"])
    return d["results"]


def day(date, end=False):
    """First (or last) day a stored date covers, as YYYYMMDD; None if undated."""
    if not date:
        return None
    parts = date.split("-")
    y = parts[0]
    if len(parts) == 1:
        return y + ("1231" if end else "0101")
    m = parts[1]
    if len(parts) == 2:
        if not end:
            return y + m + "01"
        import calendar
        return y + m + "%02d" % calendar.monthrange(int(y), int(m))[1]
    return y + m + parts[2]


def fold(s):
    s = s.casefold()
    for a, b in (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss")):
        s = s.replace(a, b)
    return " ".join(s.split())


FIELD = {  # --filter name -> (hit key, is a list)
    "typ": ("type", False), "type": ("type", False),
    "werkstatt": ("werkstatt", False), "community": ("werkstatt", False),
    "jahr": ("date", False), "year": ("date", False),
    "schlagwort": ("tags", True), "tag": ("tags", True),
    "autor": ("authors", True), "author": ("authors", True),
    "format": ("format", False), "sichtbarkeit": ("visibility", False),
    "sprache": ("language", False),
}


def values(hit, name):
    key, is_list = FIELD[name]
    v = hit.get(key)
    if v is None:
        return []
    if name in ("jahr", "year"):
        return [v[:4]]
    return v if is_list else [v]


def matches_filters(hit, filters):
    by_field = {}
    for f in filters:
        name, value = f.split("=", 1)
        by_field.setdefault(FIELD[name][0], []).append((name, value))
    for alts in by_field.values():
        if not any(fold(value) in [fold(x) for x in values(hit, name)] for name, value in alts):
            return False
    return True


def text_hash(text):
    """The same normalisation as wa_text_hash: ASCII letters and digits
    (case-folded) and every non-ASCII byte; None for the empty hash."""
    out = bytearray()
    for c in text.encode("utf-8"):
        if 65 <= c <= 90:
            out.append(c + 32)
        elif c < 128 and not (97 <= c <= 122 or 48 <= c <= 57):
            continue
        else:
            out.append(c)
    return bytes(out) or None


# ---- subcommands ---------------------------------------------------------

def cmd_validate(schema_path, *files):
    import jsonschema
    schema = load(schema_path)
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    for f in files:
        errors = sorted(v.iter_errors(load(f)), key=lambda e: list(e.path))
        if errors:
            fail("%s: %s at %s" % (os.path.basename(f), errors[0].message,
                                   "/".join(map(str, errors[0].path))))


def cmd_reject(schema_path, path):
    """The schema is not vacuous: broken variants of real output fail it."""
    import jsonschema
    v = jsonschema.Draft202012Validator(load(schema_path))
    good = load(path)
    key = "results" if "results" in good else "document"
    variants = []
    d = json.loads(json.dumps(good)); del d[key]; variants.append(("missing " + key, d))
    d = json.loads(json.dumps(good)); d["format_version"] = 1; variants.append(("old version", d))
    d = json.loads(json.dumps(good)); d["unexpected"] = 1; variants.append(("extra field", d))
    if key == "results" and good["results"]:
        d = json.loads(json.dumps(good)); d["results"][0]["rank"] = "1"
        variants.append(("rank as string", d))
        d = json.loads(json.dumps(good)); del d["results"][0]["duplicates"]
        variants.append(("hit without duplicates", d))
    if key == "results":
        d = json.loads(json.dumps(good)); d["facets"]["type"] = [{"value": "x"}]
        variants.append(("facet without count", d))
    for name, doc in variants:
        if v.is_valid(doc):
            fail("schema accepts output with " + name)


def cmd_facets_match_metadata(db, *args):
    """Facet counts equal the counts over the metadata of all hits (no collapsing)."""
    d = search(db, "--no-collapse", "-n", "10000", *args)
    if d["count"] != d["total"]:
        fail("could not fetch all hits")
    want = {"year": {}, "type": {}, "werkstatt": {}, "tags": {}, "format": {}}
    for h in d["results"]:
        for key, vals in (("year", [h["date"][:4]] if h["date"] else []),
                          ("type", [h["type"]] if h["type"] else []),
                          ("werkstatt", [h["werkstatt"]] if h["werkstatt"] else []),
                          ("tags", sorted(set(h["tags"]))),
                          ("format", [h["format"]] if h["format"] else [])):
            for v in vals:
                want[key][v] = want[key].get(v, 0) + 1
    undated = sum(1 for h in d["results"] if not h["date"])
    if undated:
        want["year"]["ohne Datum"] = undated
    for key, counts in want.items():
        got = {x["value"]: x["count"] for x in d["facets"][key]}
        if got != counts:
            fail("facet %s: %r, metadata says %r" % (key, got, counts))
        if key == "year":
            # years newest first, then the undated hits
            order = [x["value"] for x in d["facets"][key]]
            years = sorted((v for v in order if v != "ohne Datum"), reverse=True)
            if order != years + (["ohne Datum"] if undated else []):
                fail("facet year not in year order: %r" % order)
            continue
        order = [x["count"] for x in d["facets"][key]]
        if order != sorted(order, reverse=True):
            fail("facet %s not sorted by count" % key)
    if sum(want["type"].values()) == 0:
        fail("no facet values at all")


def cmd_facets_match_filters(db):
    """With collapsing, each facet count is the number of hits its filter gives."""
    names = {"year": "jahr", "type": "typ", "werkstatt": "werkstatt", "tags": "schlagwort",
             "format": "format"}
    d = search(db, "-n", "0", "")
    checked = 0
    for key, name in names.items():
        for x in d["facets"][key]:
            if key == "year" and x["value"] == "ohne Datum":
                continue  # counted, but no filter selects it
            t = search(db, "-n", "0", "--filter", "%s=%s" % (name, x["value"]), "")["total"]
            if t != x["count"]:
                fail("facet %s=%s counts %d, the filter finds %d" % (key, x["value"],
                                                                    x["count"], t))
            checked += 1
    if checked < 5:
        fail("only %d facet values to check" % checked)


def cmd_filter(db, *filters):
    """--filter F=V... finds exactly the documents whose metadata match."""
    allhits = everything(db)
    want = sorted(h["id"] for h in allhits if matches_filters(h, filters))
    args = []
    for f in filters:
        args += ["--filter", f]
    got = sorted(h["id"] for h in everything(db, *args))
    if got != want:
        fail("filters %s: got %r, metadata says %r" % (filters, got, want))
    if not want:
        fail("filters %s match nothing in the corpus: a weak test" % (filters,))


def cmd_range(db, frm, to, *args):
    """--from/--to (or a query given in args) finds exactly the documents dated in range."""
    lo, hi = (None if frm == "-" else frm), (None if to == "-" else to)
    want = sorted(h["id"] for h in everything(db)
                  if day(h["date"]) and (not lo or day(h["date"]) >= lo)
                  and (not hi or day(h["date"]) <= hi))
    got = sorted(h["id"] for h in everything(db, *args))
    if got != want:
        fail("range %s..%s via %s: got %r, want %r" % (frm, to, args, got, want))
    if not want:
        fail("range %s..%s holds no document: a weak test" % (frm, to))


def cmd_sorted(path, order):
    d = load(path)
    days = [day(h["date"]) or "" for h in d["results"]]
    # undated documents come last in either order
    want = sorted((x for x in days if x), reverse=(order == "newest"))
    want += [x for x in days if not x]
    if days != want:
        fail("not sorted %s: %r" % (order, days))
    if len(set(days)) < 2:
        fail("fewer than two distinct dates: a weak test")


def cmd_pages(full, *pages):
    """Pages are disjoint and concatenate to the full list, in order."""
    want = [h["id"] for h in load(full)["results"]]
    got = []
    for p in pages:
        got += [h["id"] for h in load(p)["results"]]
    if len(got) != len(set(got)):
        fail("pages overlap: %r" % got)
    if got != want:
        fail("pages %r differ from the full list %r" % (got, want))
    if len(pages) < 2 or not all(load(p)["results"] for p in pages[:-1]):
        fail("too few non-empty pages: a weak test")


def cmd_same_ids(a, b):
    ia = [h["id"] for h in load(a)["results"]]
    ib = [h["id"] for h in load(b)["results"]]
    if ia != ib:
        fail("%r != %r" % (ia, ib))
    if not ia:
        fail("both empty: a weak test")


def cmd_same_set(a, b):
    ia = sorted(h["id"] for h in load(a)["results"])
    ib = sorted(h["id"] for h in load(b)["results"])
    if ia != ib:
        fail("%r != %r" % (ia, ib))
    if not ia:
        fail("both empty: a weak test")


def cmd_duplicates(db):
    """Documents with the same text form one hit that lists the others."""
    docs = everything(db)
    groups = {}
    for h in docs:
        p = subprocess.run([SEARCH, "--db", db, "--json", "show", h["id"]], capture_output=True)
        if p.returncode != 0:
            fail("show %s exited %d" % (h["id"], p.returncode))
        key = text_hash(json.loads(p.stdout)["document"]["text"]) or ("unique", h["id"])
        groups.setdefault(key, set()).add(h["id"])
    multi = [g for g in groups.values() if len(g) > 1]
    if not multi:
        fail("the corpus has no duplicate texts: a weak test")
    d = search(db, "-n", "10000", "")
    if d["total"] != len(groups) or d["count"] != len(groups):
        fail("collapsed total %d, but there are %d distinct texts" % (d["total"], len(groups)))
    for h in d["results"]:
        members = {h["id"]} | {x["id"] for x in h["duplicates"]}
        key = next(k for k, g in groups.items() if h["id"] in g)
        if members != groups[key]:
            fail("hit %s lists %r, the group is %r" % (h["id"], members, groups[key]))
        if h["collapsed"] != len(h["duplicates"]):
            fail("hit %s: collapsed %d but %d duplicates" % (h["id"], h["collapsed"],
                                                          len(h["duplicates"])))
        paths = {x["path"] for x in h["duplicates"]}
        if len(paths) != len(h["duplicates"]) or not all(paths):
            fail("hit %s: duplicate paths missing" % h["id"])


def cmd_csv(csv_path, json_path):
    """CSV (RFC 4180) holds the same hits as JSON, field by field."""
    raw = open(csv_path, "rb").read()
    lines = raw.split(b"\r\n")
    if lines[-1] != b"":
        fail("CSV does not end with CRLF")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    for col in ("rank", "id", "title", "date", "type", "werkstatt", "path", "snippet"):
        if col not in header:
            fail("CSV header lacks %s: %r" % (col, header))
    hits = load(json_path)["results"]
    if len(body) != len(hits) or not hits:
        fail("CSV has %d rows, JSON %d hits" % (len(body), len(hits)))
    for row, h in zip(body, hits):
        if len(row) != len(header):
            fail("CSV row with %d fields, header has %d" % (len(row), len(header)))
        r = dict(zip(header, row))
        for col in ("id", "title", "date", "type", "werkstatt", "path", "snippet"):
            if r[col] != (h[col] or ""):
                fail("CSV %s %r != JSON %r" % (col, r[col], h[col]))
        if r["authors"] != "; ".join(h["authors"]) or int(r["rank"]) != h["rank"]:
            fail("CSV authors/rank differ for %s" % h["id"])


def cmd_show_matches(db, doc_id, show_json, hit_json):
    """show --json has the metadata the search shows for the same document."""
    s = load(show_json)["document"]
    hits = [h for h in load(hit_json)["results"] if h["id"] == doc_id]
    if not hits:
        fail("document %s not among the hits" % doc_id)
    for k in ("id", "path", "title", "date", "type", "werkstatt", "authors", "tags",
              "visibility", "format"):
        if s[k] != hits[0][k]:
            fail("show %s: %r, search says %r" % (k, s[k], hits[0][k]))
    if not s["text"].strip():
        fail("show printed no text")


def main():
    cmds = {name[4:].replace("_", "-"): fn for name, fn in globals().items()
            if name.startswith("cmd_")}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        fail("usage: %s {%s} ARGS..." % (sys.argv[0], ",".join(sorted(cmds))))
    cmds[sys.argv[1]](*sys.argv[2:])


if __name__ == "__main__":
    main()
