#!/usr/bin/env python3
"""Known-item relevance benchmark: Werkarchiv against Omega on a directory of German HTML pages.

Each page whose title is German and unique becomes one known item; its title is
queried in three variants: exact, inflected (other German word forms) and
umlaut-free (ä→ae, ö→oe, ü→ue, ß→ss). Every other page is a distractor.
Prints success@10 and MRR@10 per variant and system. Called by run.sh.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys

NUMBERING = re.compile(r"^\s*((Teil|Kapitel|Anhang|Abschnitt)\s+\S+\.?\s*)?([0-9IVXA-Z]+(\.[0-9]+)*\.\s*)?")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def read_title(path):
    with open(path, "rb") as f:
        data = f.read(20000).decode("utf-8", "replace")
    m = re.search(r"<title[^>]*>(.*?)</title>", data, re.S | re.I)
    if not m:
        return None
    t = html.unescape(re.sub(r"\s+", " ", m.group(1))).strip()
    return NUMBERING.sub("", t, count=1).strip()


def load_stopwords(path="/usr/share/perl5/Lingua/StopWords/DE.pm"):
    """Snowball's German function words (not inflected in the queries)."""
    try:
        with open(path, encoding="utf-8") as f:
            m = re.search(r"qw\((.*?)\)", f.read().split("sub _stopwords")[1], re.S)
        return set(m.group(1).split())
    except (OSError, IndexError, AttributeError):
        return set()


ENDINGS = ("en", "n", "e", "es", "s", "er", "ern")


def inflect(word, forms, stop):
    """Another real German form of word (from the word list), or word itself.

    Tries adding or removing a German ending; a candidate counts only if the
    word list has it with the same capitalisation, so every query word is a
    real German word form.
    """
    w = word
    if len(w) < 4 or "-" in w or w.lower() in stop or w.isupper():
        return w
    cands = [w + e for e in ENDINGS]
    for e in ENDINGS:
        if w.endswith(e) and len(w) - len(e) >= 3:
            cands.append(w[:-len(e)])
    for c in cands:
        if c != w and c in forms:
            return c
    return w


def unumlaut(s):
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        s = s.replace(a, b)
    return s


def load_forms(wordlist):
    with open(wordlist, encoding="utf-8") as f:
        return set(line.strip() for line in f)


def items(docs, forms):
    german = set(w.lower() for w in forms)
    pages = []
    for dirpath, _, files in os.walk(docs):
        for name in files:
            if name.endswith(".html"):
                p = os.path.join(dirpath, name)
                t = read_title(p)
                if t:
                    pages.append((os.path.relpath(p, docs), t))
    count = {}
    for _, t in pages:
        count[t.casefold()] = count.get(t.casefold(), 0) + 1
    out = []
    for rel, t in sorted(pages):
        words = WORD.findall(t)
        if not words or count[t.casefold()] > 1 or t.isupper():
            continue
        known = [w for w in words if w.lower() in german]
        if len(known) * 2 < len(words) or not any(len(w) >= 4 for w in known):
            continue
        out.append((rel, " ".join(words)))
    return out


def run_werkarchiv(prog, db, query):
    r = subprocess.run([prog, "--db", db, "--json", "-n", "10", "--", query],
                       capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit("werkarchiv-search failed on %r: %s" % (query, r.stderr))
    return [x["id"] for x in json.loads(r.stdout)["results"]]


def run_quest(db, query, op):
    r = subprocess.run(["quest", "-d", db, "-s", "german2", "-m", "10", "-o", op, "--", query],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return []
    return [l[len("url=/"):] for l in r.stdout.splitlines() if l.startswith("url=/")]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", required=True)
    ap.add_argument("--werkarchiv", required=True)
    ap.add_argument("--wa-db", required=True)
    ap.add_argument("--omega-db", required=True)
    ap.add_argument("--wordlist", required=True)
    ap.add_argument("--misses", action="store_true", help="list Werkarchiv's missed queries")
    a = ap.parse_args()

    forms = load_forms(a.wordlist)
    stop = load_stopwords()
    known = items(a.docs, forms)
    variants = {
        "exact": [(rel, t) for rel, t in known],
        "inflected": [(rel, " ".join(inflect(w, forms, stop) for w in t.split()))
                      for rel, t in known],
        "umlaut-free": [(rel, unumlaut(t)) for rel, t in known if unumlaut(t) != t],
    }
    variants["inflected"] = [(rel, q) for (rel, q), (_, t) in zip(variants["inflected"], known)
                             if q != t]
    systems = [
        ("Werkarchiv", lambda q: run_werkarchiv(a.werkarchiv, a.wa_db, q)),
        ("Omega (quest, default OR)", lambda q: run_quest(a.omega_db, q, "or")),
        ("Omega (quest, AND)", lambda q: run_quest(a.omega_db, q, "and")),
    ]
    print("corpus: %s, %d known items (pages with a unique German title)" % (a.docs, len(known)))
    print()
    print("%-12s %6s  %-27s %10s %8s" % ("variant", "queries", "system", "success@10", "MRR@10"))
    for vname, qs in variants.items():
        for sname, fn in systems:
            succ = 0
            rr = 0.0
            for rel, q in qs:
                hits = fn(q)
                if rel in hits:
                    succ += 1
                    rr += 1.0 / (hits.index(rel) + 1)
                elif a.misses and sname == "Werkarchiv":
                    print("  miss %s: %r -> %s" % (vname, q, rel), file=sys.stderr)
            n = max(len(qs), 1)
            print("%-12s %6d  %-27s %10.3f %8.3f" % (vname, len(qs), sname, succ / n, rr / n))
    print()
    print("examples:", "; ".join("%s | %s | %s" % (known[i][1], variants["exact"][i][1],
                                                   dict(variants["inflected"]).get(known[i][0], "-"))
                                 for i in range(0, min(len(known), 60), 20)))


if __name__ == "__main__":
    main()
