#!/usr/bin/env python3
"""Query latency and throughput of werkarchiv-search over several database setups.

Each query runs as its own werkarchiv-search process (as the CGI runs one per
request), so each figure includes opening the databases and connecting to
the shards. The setups take turns query by query, so that a busy machine
slows all of them alike; the report gives medians and ratios to the first
setup.

usage: measure.py SEARCH ROUNDS NAME=DB... (the first is the reference)
"""
import concurrent.futures
import statistics
import subprocess
import sys
import time

QUERIES = [
    ["Verwaltung"],
    ["Protokoll"],
    ["Datenschutz"],
    ["Digitalisierung Verwaltung"],
    ["Sitzung Ergebnis Cloud"],
    ["Barrierefreiheit", "--filter", "typ=Protokoll"],
    ["Chatbot", "--filter", "werkstatt=Open Source"],
    ["Verwaltung", "--sort", "newest"],
    ["Verwaltung", "--page", "3"],
    ["\"offene Daten\""],
]
MODES = {
    "text": ["-n", "10"],           # estimated total, no facets
    "json": ["--json", "-n", "10"],  # facets and exact counts: every match counted
}


def run(search, db, mode, q):
    t = time.perf_counter()
    r = subprocess.run([search, "--db", db] + MODES[mode] + q, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=120)
    if r.returncode not in (0, 1):
        raise SystemExit("werkarchiv-search failed on %s %s: exit %d" % (db, q, r.returncode))
    return time.perf_counter() - t


def throughput(search, db, mode, workers, total):
    jobs = [QUERIES[i % len(QUERIES)] for i in range(total)]
    t = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(workers) as ex:
        list(ex.map(lambda q: run(search, db, mode, q), jobs))
    return total / (time.perf_counter() - t)


def main():
    search, rounds = sys.argv[1], int(sys.argv[2])
    setups = [a.split("=", 1) for a in sys.argv[3:]]
    lat = {(n, m): [] for n, _ in setups for m in MODES}
    for n, db in setups:  # warm the page cache once
        for m in MODES:
            run(search, db, m, QUERIES[0])
    for _ in range(rounds):
        for q in QUERIES:
            for m in MODES:
                for n, db in setups:
                    lat[(n, m)].append(run(search, db, m, q))
    tput = {(n, m): [] for n, _ in setups for m in MODES}
    for _ in range(1):
        for m in MODES:
            for n, db in setups:
                tput[(n, m)].append(throughput(search, db, m, 2, 2 * len(QUERIES)))
    ref = setups[0][0]
    print("| setup | mode | median latency (ms) | latency ratio | throughput (queries/s, 2 clients) | throughput ratio |")
    print("|---|---|---|---|---|---|")
    for m in MODES:
        base_l = statistics.median(lat[(ref, m)])
        base_t = statistics.median(tput[(ref, m)])
        for n, _ in setups:
            ml = statistics.median(lat[(n, m)])
            mt = statistics.median(tput[(n, m)])
            print("| %s | %s | %.1f | %.2f | %.1f | %.2f |" % (n, m, ml * 1000, ml / base_l, mt,
                                                            mt / base_t))


if __name__ == "__main__":
    main()
