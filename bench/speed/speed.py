#!/usr/bin/env python3
"""Time Werkarchiv and Omega side by side on the same German HTML pages.

Indexing from scratch, re-indexing an unchanged folder, and searching with one process per
query (as users and scripts meet both programs). Each timing is the best of N rounds.
Reports seconds and the ratio Werkarchiv / Omega (below 1: Werkarchiv is faster).
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse


def pages(dirs):
    out = []
    for d in dirs:
        for base, _, files in os.walk(d):
            out += [os.path.join(base, f) for f in files if f.endswith(".html")]
    return sorted(out)


def title_words(paths, limit):
    seen, words = set(), []
    for p in paths:
        try:
            with open(p, encoding="utf-8", errors="replace") as f:
                t = f.read(4000)
        except OSError:
            continue
        m = re.search(r"<title>(.*?)</title>", t, re.S | re.I)
        for w in re.findall(r"[A-Za-zÄÖÜäöüß]{5,}", html.unescape(m.group(1)) if m else ""):
            if w.lower() not in seen:
                seen.add(w.lower())
                words.append(w)
    return words[:limit]


def timed(cmds):
    t0 = time.perf_counter()
    for c in cmds:
        subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--search", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("dirs", nargs="+")
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="wa-speed.")
    try:
        # a private copy, so both systems read the same plain files
        real = os.path.join(work, "docs")
        os.mkdir(real)
        files = pages([d for d in a.dirs if os.path.isdir(d)])
        size = 0
        for i, f in enumerate(files):
            shutil.copyfile(f, os.path.join(real, "%05d.html" % i))
            size += os.path.getsize(f)
        queries = title_words(files, a.queries)
        print("corpus: %d HTML pages (%.1f MiB), %d queries, best of %d rounds"
              % (len(files), size / 2**20, len(queries), a.rounds), file=sys.stderr)

        wa_db, om_db = os.path.join(work, "wa"), os.path.join(work, "om")
        om_sp = os.path.join(work, "om-spelling")
        wa_idx = lambda: [[a.index, "--db", wa_db, "-q", "add", real]]
        om_idx = lambda db, *opt: [["omindex", *opt, "-s", "german2", "--db", db, "--url", "/",
                                    real]]
        rows = []
        best = {}
        for _ in range(a.rounds):
            for db in (wa_db, om_db, om_sp):
                shutil.rmtree(db, ignore_errors=True)
            for key, cmds in (("wa", wa_idx()), ("om", om_idx(om_db)),
                              ("om-S", om_idx(om_sp, "-S"))):
                t = timed(cmds)
                best[key] = min(best.get(key, t), t)
        # Werkarchiv always builds spelling data ("Meinten Sie"); omindex only with -S
        rows.append(("index from scratch vs omindex -S", best["wa"], best["om-S"]))
        rows.append(("index from scratch vs omindex", best["wa"], best["om"]))
        rows.append(("re-index unchanged", timed(wa_idx()), timed(om_idx(om_db))))
        wq = [[a.search, "--db", wa_db, "-n", "10", q] for q in queries]
        oq = [["quest", "-s", "german2", "-d", om_db, "-m", "10", q] for q in queries]
        wa_s = min(timed(wq) for _ in range(a.rounds))
        rows.append(("%d searches vs quest (no snippets)" % len(queries), wa_s,
                     min(timed(oq) for _ in range(a.rounds))))
        cgi = shutil.which("omega") or "/usr/lib/cgi-bin/omega/omega"
        if os.path.exists(cgi):
            # Omega's CGI renders a result page with snippets, like werkarchiv-search does.
            os.mkdir(os.path.join(work, "omdata"))
            os.symlink(om_db, os.path.join(work, "omdata", "default"))
            conf = os.path.join(work, "omega.conf")
            with open(conf, "w") as f:
                f.write("database_dir %s/omdata\ntemplate_dir /usr/share/xapian-omega/templates\n"
                        "log_dir %s\ncdb_dir /usr/share/xapian-omega/cdb\n" % (work, work))
            env = dict(os.environ, OMEGA_CONFIG_FILE=conf, REQUEST_METHOD="GET")

            def omega_cgi():
                t0 = time.perf_counter()
                for q in queries:
                    env["QUERY_STRING"] = "P=" + urllib.parse.quote(q)
                    subprocess.run([cgi], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
                return time.perf_counter() - t0
            rows.append(("%d searches vs omega CGI (snippets)" % len(queries), wa_s,
                         min(omega_cgi() for _ in range(a.rounds))))
        print("\n%-38s %12s %12s %8s" % ("task", "Werkarchiv", "Omega", "ratio"))
        for name, w, o in rows:
            print("%-38s %11.2fs %11.2fs %8.2f" % (name, w, o, w / o if o else 0))
        print("\nWerkarchiv stores the full text for snippets and indexes metadata, exact and"
              "\nstemmed positions and compound parts; omindex keeps a 512-byte sample.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
