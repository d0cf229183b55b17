#!/usr/bin/env python3
"""Known-item relevance benchmark: Werkarchiv against Omega on a directory of German HTML pages.

Each page whose title is German and unique becomes one known item; its title is
queried in four variants: exact, inflected (some word in another German form),
all-inflected (titles of two or more content words, every one of them in another
form with the same stem: plural/singular, case endings, verb <-> noun such as
Erstellung/erstellen) and umlaut-free (ä→ae, ö→oe, ü→ue, ß→ss). Every other page
is a distractor. Prints success@10 and MRR@10 per variant and system. Called by
run.sh.

"Omega at its best" is quest with the german2 stemmer and the query lower-cased:
quest's default strategy (STEM_SOME) leaves capitalised words unstemmed, and in
German every noun is capitalised.
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


def noun_verb(word, forms):
    """Erstellung -> erstellen, erstellen -> Erstellung (when the word list has it)."""
    out = []
    if word.endswith("ung") and word[:1].isupper():
        out.append(word[:-3].lower() + "en")
    if word.endswith("en") and word.islower():
        out.append(word[:-2].capitalize() + "ung")
    return [c for c in out if c in forms]


def candidates(word, forms, stop):
    w = word
    if len(w) < 4 or "-" in w or w.lower() in stop or w.isupper():
        return []
    cands = [w + e for e in ENDINGS]
    for e in ENDINGS:
        if w.endswith(e) and len(w) - len(e) >= 3:
            cands.append(w[:-len(e)])
    cands = [c for c in cands if c != w and c in forms]
    return noun_verb(w, forms) + cands


class Stems:
    """german2 stems, as Xapian computes them (read from quest's parsed query)."""

    def __init__(self, db):
        self.db = db
        self.memo = {}

    def fill(self, words):
        todo = sorted(set(w.lower() for w in words if w.isalpha()) - set(self.memo))
        for i in range(0, len(todo), 200):
            batch = todo[i:i + 200]
            r = subprocess.run(["quest", "-d", self.db, "-s", "german2", "-m", "0", "--",
                                " ".join(batch)], capture_output=True, text=True)
            line = r.stdout.splitlines()[0] if r.stdout else ""
            for term, pos in re.findall(r"Z(\S+?)@(\d+)", line):
                self.memo[batch[int(pos) - 1]] = term

    def get(self, word):
        return self.memo.get(word.lower())


def inflect_all(title, forms, stop, stems):
    """Every content word in another form of the same stem, or None."""
    words = title.split()
    out = []
    changed = 0
    for w in words:
        if len(w) < 4 or "-" in w or w.lower() in stop or w.isupper():
            out.append(w)
            continue
        alt = next((c for c in candidates(w, forms, stop)
                    if stems.get(c) and stems.get(c) == stems.get(w)), None)
        if alt is None:
            return None
        out.append(alt)
        changed += 1
    return " ".join(out) if changed >= 2 else None


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


def run_quest(db, query, op, lower=False):
    if lower:
        query = query.lower()
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
    ap.add_argument("--only", help="comma-separated variants to run (default: all)")
    ap.add_argument("--werkarchiv-only", action="store_true", help="skip the Omega runs")
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
    stems = Stems(a.omega_db)
    stems.fill([w for _, t in known for w in t.split()] +
               [c for _, t in known for w in t.split() for c in candidates(w, forms, stop)])
    allinf = [(rel, inflect_all(t, forms, stop, stems)) for rel, t in known]
    variants["all-inflected"] = [(rel, q) for rel, q in allinf if q]
    variants["umlaut-free"] = variants.pop("umlaut-free")
    systems = [
        ("Werkarchiv", lambda q: run_werkarchiv(a.werkarchiv, a.wa_db, q)),
        ("Omega at its best", lambda q: run_quest(a.omega_db, q, "or", lower=True)),
        ("Omega as typed (OR)", lambda q: run_quest(a.omega_db, q, "or")),
        ("Omega as typed (AND)", lambda q: run_quest(a.omega_db, q, "and")),
    ]
    if a.only:
        variants = {k: v for k, v in variants.items() if k in a.only.split(",")}
        systems = systems[:1 + (not a.werkarchiv_only)]
    elif a.werkarchiv_only:
        systems = systems[:1]
    print("corpus: %s, %d known items (pages with a unique German title)" % (a.docs, len(known)))
    print()
    print("%-13s %6s  %-21s %10s %8s" % ("variant", "queries", "system", "success@10", "MRR@10"))
    table = {}
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
            table[vname, sname] = (succ / n, rr / n)
            print("%-13s %6d  %-21s %10.3f %8.3f" % (vname, len(qs), sname, succ / n, rr / n))
    print()
    print("| variant | queries | " + " | ".join("%s S@10 / MRR@10" % s for s, _ in systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    for vname, qs in variants.items():
        print("| %s | %d | " % (vname, len(qs)) + " | ".join(
            "%.3f / %.3f" % table[vname, s] for s, _ in systems) + " |")
    print()
    for vname, qs in variants.items():
        print("example %s: %s" % (vname, "; ".join(q for _, q in qs[:3])))


if __name__ == "__main__":
    main()
