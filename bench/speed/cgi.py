#!/usr/bin/env python3
"""CGI latency: werkarchiv.cgi against Omega's `omega` CGI, one process per request.

Each request is what a web server does for a CGI: set the CGI environment
(REQUEST_METHOD, QUERY_STRING, PATH_INFO, SCRIPT_NAME, the configuration's path)
and exec the program, which writes a whole result page to stdout. Both index the
same files: werkarchiv-index, and omindex with --stemmer german2. Omega runs at its
strongest: its stock query template with stemmer german2 and the query lower-cased,
so that QueryParser stems every word (it leaves capitalised words alone, and every
German noun is capitalised). Requests alternate between the two programs, query by
query, so that a drift of the machine's speed meets both. Reports the median and
the 95th percentile per program and query set, and the ratio werkarchiv / omega
(below 1: werkarchiv.cgi is faster).
"""
import argparse
import html
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

# The sample corpus (corpus/): words and questions its documents answer.
SAMPLE_ONE = ["Sitzung", "Chatbot", "Datenschutz", "Verwaltung", "Barrierefreiheit",
              "Protokoll", "Beteiligung", "Cloud", "Digitalisierung", "Förderprogramme",
              "Sperrmüll", "Löschkonzept"]
SAMPLE_MULTI = ["Protokoll Sitzung", "Datenschutz Verwaltung", "barrierefreie PDF Dokumente",
                "Chatbot Bürgerservice Qualität", "offene Daten Kommunen",
                "agiles Projektmanagement Retrospektive", "Cloud Verwaltung Sicherheit",
                "Förderprogramme Breitband Gemeinden"]


def pages(dirs):
    out = []
    for d in dirs:
        for base, _, files in os.walk(d):
            out += [os.path.join(base, f) for f in files if f.endswith(".html")]
    return sorted(out)


def title_queries(paths, one, multi):
    """One-word queries and two- or three-word queries from the pages' titles."""
    seen, words, phrases = set(), [], []
    for p in paths:
        try:
            with open(p, encoding="utf-8", errors="replace") as f:
                t = f.read(4000)
        except OSError:
            continue
        m = re.search(r"<title>(.*?)</title>", t, re.S | re.I)
        ws = re.findall(r"[A-Za-zÄÖÜäöüß]{5,}", html.unescape(m.group(1)) if m else "")
        for w in ws:
            if w.lower() not in seen:
                seen.add(w.lower())
                words.append(w)
        if 2 <= len(ws) <= 3 and " ".join(ws).lower() not in seen:
            seen.add(" ".join(ws).lower())
            phrases.append(" ".join(ws))
    step = max(1, len(words) // one)
    pstep = max(1, len(phrases) // multi)
    return words[::step][:one], phrases[::pstep][:multi]


def run_cgi(prog, env):
    """One request: exec the CGI with env; returns (wall seconds, CPU seconds, stdout).
    CPU is the child's user + system time from wait4(): on a loaded machine it is the
    steadier figure, the wall clock the one a visitor meets."""
    t0 = time.perf_counter()
    p = subprocess.Popen([prog], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    p.stdout.close()
    _, _, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = 0  # reaped here
    return wall, ru.ru_utime + ru.ru_stime, out


def pctl(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True, help="werkarchiv-index")
    ap.add_argument("--cgi", required=True, help="werkarchiv.cgi")
    ap.add_argument("--omega", default="/usr/lib/cgi-bin/omega/omega")
    ap.add_argument("--rounds", type=int, default=5, help="requests per query and program")
    ap.add_argument("--sample", required=True, help="the sample corpus (corpus/)")
    ap.add_argument("--keep", help="keep the indexes and configurations in this folder")
    ap.add_argument("large", nargs="*", help="folders of German HTML pages for a larger corpus")
    a = ap.parse_args()

    work = a.keep or tempfile.mkdtemp(prefix="wa-cgi-bench.")
    os.makedirs(work, exist_ok=True)
    templates = os.path.join(work, "templates")
    if not os.path.isdir(templates):
        shutil.copytree("/usr/share/xapian-omega/templates", templates)
        with open(os.path.join(templates, "query")) as f:
            stock = f.read()
        # Omega at its strongest for German: the german2 stemmer (the query is lower-cased
        # per request, so QueryParser's default strategy stems every word)
        with open(os.path.join(templates, "query"), "w") as f:
            f.write("$set{stemmer,german2}" + stock)
    results = []
    try:
        corpora = [("sample corpus/", a.sample, SAMPLE_ONE, SAMPLE_MULTI)]
        files = pages([d for d in a.large if os.path.isdir(d)])
        if files:
            big = os.path.join(work, "large")
            if not os.path.isdir(big):
                os.mkdir(big)
                for i, f in enumerate(files):
                    shutil.copyfile(f, os.path.join(big, "%05d.html" % i))
            one, multi = title_queries(files, 40, 40)
            corpora.append(("%d HTML pages" % len(files), big, one, multi))
        for name, src, one, multi in corpora:
            key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            wa_db = os.path.join(work, key + "-wa")
            om_db = os.path.join(work, key + "-om", "default")
            if not os.path.isdir(wa_db):
                subprocess.run([a.index, "--db", wa_db, "-q", "add", src], check=False,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if not os.path.isdir(om_db):
                os.makedirs(os.path.dirname(om_db), exist_ok=True)
                subprocess.run(["omindex", "--stemmer", "german2", "--db", om_db, "--url", "/", src],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wa_conf = os.path.join(work, key + "-wa.conf")
            with open(wa_conf, "w") as f:
                f.write("archive = %s\n" % wa_db)
            om_conf = os.path.join(work, key + "-omega.conf")
            with open(om_conf, "w") as f:
                f.write("database_dir %s\ntemplate_dir %s\nlog_dir %s\ncdb_dir "
                        "/usr/share/xapian-omega/cdb\n" % (os.path.dirname(om_db), templates, work))
            base = {"PATH": "/usr/bin:/bin", "REQUEST_METHOD": "GET", "GATEWAY_INTERFACE": "CGI/1.1",
                    "SERVER_NAME": "localhost", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1"}
            wa_env = dict(base, SCRIPT_NAME="/werkarchiv.cgi", PATH_INFO="/",
                          WERKARCHIV_CGI_CONFIG=wa_conf)
            om_env = dict(base, SCRIPT_NAME="/cgi-bin/omega", OMEGA_CONFIG_FILE=om_conf)
            for qname, queries in (("one word", one), ("several words", multi)):
                wa_t, om_t, wa_c, om_c, wa_hits, om_hits = [], [], [], [], 0, 0
                for q in queries:
                    wa_env["QUERY_STRING"] = "q=" + urllib.parse.quote(q)
                    om_env["QUERY_STRING"] = "P=" + urllib.parse.quote(q.lower())
                    for r in range(a.rounds + 1):  # the first of each pair warms the cache
                        tw, cw, out_w = run_cgi(a.cgi, wa_env)
                        to, co, out_o = run_cgi(a.omega, om_env)
                        if r == 0:
                            if not out_w.startswith(b"Status: 200"):
                                sys.exit("cgi.py: werkarchiv.cgi failed on %r: %r" % (q, out_w[:200]))
                            if b"<html" not in out_o:
                                sys.exit("cgi.py: omega failed on %r: %r" % (q, out_o[:200]))
                            wa_hits += b'class="treffer"' in out_w
                            om_hits += b"No documents matched" not in out_o
                            continue
                        wa_t.append(tw)
                        om_t.append(to)
                        wa_c.append(cw)
                        om_c.append(co)
                results.append((name, qname, len(queries), wa_hits, om_hits, wa_t, om_t, wa_c, om_c))
                print("%s, %s: %d queries done" % (name, qname, len(queries)), file=sys.stderr)
        print("\nwall clock per request (ms): median and 95th percentile; CPU (user + system)")
        print("%-20s %-14s %4s %8s %8s %8s %8s %6s %6s %7s %7s %6s" % (
            "corpus", "queries", "n", "wa med", "wa p95", "om med", "om p95", "ratio", "p95",
            "wa cpu", "om cpu", "ratio"))
        for name, qname, n, wh, oh, wt, ot, wc, oc in results:
            wm, om = statistics.median(wt), statistics.median(ot)
            wp, op = pctl(wt, 0.95), pctl(ot, 0.95)
            wcm, ocm = statistics.median(wc), statistics.median(oc)
            print("%-20s %-14s %4d %8.2f %8.2f %8.2f %8.2f %6.2f %6.2f %7.2f %7.2f %6.2f" % (
                name, qname, n, wm * 1e3, wp * 1e3, om * 1e3, op * 1e3, wm / om, wp / op,
                wcm * 1e3, ocm * 1e3, wcm / ocm if ocm else 0))
        print("\nn: queries, each run %d times per program after one warm-up; ratio: "
              "werkarchiv.cgi / omega (below 1: werkarchiv.cgi is faster)" % a.rounds)
        for name, qname, n, wh, oh, *_ in results:
            print("%s, %s: queries with hits: werkarchiv %d, omega %d of %d" % (
                name, qname, wh, oh, n))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
