#!/usr/bin/env python3
"""Werkarchiv against Omega and Recoll on the same German documents, side by side in one run.

Builds a corpus from Debian's German documentation (help manuals as HTML, manpages-de
rendered to text, HTML and PDF, the Debian reference, German PDFs of texlive-lang-german
when installed, a tenth of the text files re-encoded to Windows-1252), then measures for
each system: indexing (wall, CPU, peak RSS of the whole process tree), index size by table,
documents indexed, re-indexing when nothing and when 1 % changed, and query latency with a
process per query (median and p95), multi-word and one-word queries apart. Prints one table
of figures and ratios and writes them as JSON.
"""
import argparse
import concurrent.futures
import glob
import gzip
import html
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

HELP_DIRS = ["/usr/share/libreoffice/help/de", "/usr/share/gimp/2.0/help/de"]
REFERENCE = "/usr/share/debian-reference"
MAN_DE = "/usr/share/man/de"
CORPUS_VERSION = "2"
BASE = "WA before"
PAGE = os.sysconf("SC_PAGE_SIZE")
SCRATCH = [tempfile.gettempdir()]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# corpus


def render_man(args):
    """One manual page as text and, for every second page, as HTML."""
    src, txt, htm = args
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    try:
        out = subprocess.run(["man", "-l", "-E", "UTF-8", src], env=env, capture_output=True,
                             timeout=60).stdout
        out = re.sub(rb".\x08", b"", out)
        if len(out) > 200:
            with open(txt, "wb") as f:
                f.write(out)
        if htm:
            # grohtml writes the images of tables into the working directory
            out = subprocess.run(["man", "-l", "-Thtml", src], env=env, capture_output=True,
                                 timeout=60, cwd=SCRATCH[0]).stdout
            if len(out) > 200:
                with open(htm, "wb") as f:
                    f.write(out)
    except (subprocess.SubprocessError, OSError):
        pass


def man_pdf(args):
    """Several manual pages in one German PDF (groff's gropdf)."""
    srcs, pdf = args
    try:
        with open(pdf + ".roff", "wb") as f:
            for s in srcs:
                with (gzip.open(s) if s.endswith(".gz") else open(s, "rb")) as g:
                    f.write(g.read())
                    f.write(b"\n")
        with open(pdf, "wb") as f:
            subprocess.run(["groff", "-k", "-mandoc", "-Tpdf", pdf + ".roff"], stdout=f,
                           stderr=subprocess.DEVNULL, timeout=600)
        os.unlink(pdf + ".roff")
        if os.path.getsize(pdf) < 1000:
            os.unlink(pdf)
    except (subprocess.SubprocessError, OSError):
        pass


def build_base(base):
    hilfe = os.path.join(base, "hilfe")
    os.makedirs(hilfe)
    n = 0
    for d in HELP_DIRS:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith(".html"):
                    n += 1
                    shutil.copyfile(os.path.join(root, f), os.path.join(hilfe, "%05d.html" % n))
    ref = os.path.join(base, "referenz")
    os.makedirs(ref)
    for f in sorted(glob.glob(os.path.join(REFERENCE, "*.de.html"))):
        shutil.copyfile(f, os.path.join(ref, os.path.basename(f)))
    for f in sorted(glob.glob(os.path.join(REFERENCE, "*.de.txt*"))):
        shutil.copyfile(f, os.path.join(ref, os.path.basename(f)))
    pages = sorted(glob.glob(os.path.join(MAN_DE, "man*", "*")))
    jobs = []
    for i, p in enumerate(pages):
        name = re.sub(r"\.gz$", "", os.path.basename(p))
        sec = os.path.basename(os.path.dirname(p))
        os.makedirs(os.path.join(base, "man", sec), exist_ok=True)
        stem = os.path.join(base, "man", sec, name)
        jobs.append((p, stem + ".txt", stem + ".html" if i % 2 == 0 else None))
    log("rendering %d manual pages ..." % len(jobs))
    SCRATCH[0] = tempfile.mkdtemp(prefix="wa-speed-grohtml.")
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        list(ex.map(render_man, jobs))
    shutil.rmtree(SCRATCH[0], ignore_errors=True)
    # big PDFs: the pages of each section in a few volumes, as printed manuals
    pdfdir = os.path.join(base, "pdf")
    os.makedirs(pdfdir)
    pdfjobs = []
    for sec in sorted({os.path.basename(os.path.dirname(p)) for p in pages}):
        sp = [p for p in pages if os.path.basename(os.path.dirname(p)) == sec]
        for k in range(0, len(sp), 40):
            pdfjobs.append((sp[k:k + 40], os.path.join(pdfdir, "%s-%03d.pdf" % (sec, k // 40))))
    # and smaller ones, a page each, for every tenth page
    for k in range(0, len(pages), 10):
        pdfjobs.append(([pages[k]], os.path.join(pdfdir, "seite-%04d.pdf" % k)))
    log("printing %d PDFs ..." % len(pdfjobs))
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        list(ex.map(man_pdf, pdfjobs))
    # the manuals of TeX's German collection, when it is installed
    r = subprocess.run(["dpkg", "-L", "texlive-lang-german"], capture_output=True, text=True)
    for f in sorted(set(r.stdout.split())):
        if f.endswith(".pdf") and os.path.isfile(f):
            shutil.copyfile(f, os.path.join(pdfdir, "tex-" + os.path.basename(f)))
    # a tenth of the text files in the legacy Windows charset, as old shares hold them
    txts = sorted(glob.glob(os.path.join(base, "man", "*", "*.txt")))
    for f in txts[::10]:
        with open(f, encoding="utf-8", errors="replace") as g:
            t = g.read()
        with open(f, "wb") as g:
            g.write(t.encode("cp1252", errors="replace"))


def build_corpus(work, scale):
    base = os.path.join(work, "base-" + CORPUS_VERSION)
    if not os.path.exists(base + ".done"):
        shutil.rmtree(base, ignore_errors=True)
        build_base(base)
        open(base + ".done", "w").close()
    corpus = os.path.join(work, "corpus")
    shutil.rmtree(corpus, ignore_errors=True)
    os.makedirs(corpus)
    for k in range(scale):
        shutil.copytree(base, os.path.join(corpus, "kopie%d" % (k + 1)) if scale > 1
                        else os.path.join(corpus, "dokumente"))
    return corpus


def corpus_files(corpus):
    out = []
    for root, _, files in os.walk(corpus):
        out += [os.path.join(root, f) for f in files]
    return sorted(out)


# ---------------------------------------------------------------------------------------
# queries


WORD = r"[A-Za-zÄÖÜäöüß][a-zäöüß]+(?:-[A-Za-zÄÖÜäöüß][a-zäöüß]+)*"


def read_text(path, limit=200000):
    with open(path, "rb") as f:
        b = f.read(limit)
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("cp1252", errors="replace")


def make_queries(files, nmulti, nsingle, seed):
    rnd = random.Random(seed)
    titles, sentences, singles = [], [], []
    for p in files:
        if p.endswith(".html"):
            t = read_text(p, 8000)
            m = re.search(r"<title>(.*?)</title>", t, re.S | re.I)
            if m:
                w = re.findall(WORD, html.unescape(m.group(1)))
                if 2 <= len(w) <= 20:
                    titles.append(" ".join(w))
        elif p.endswith(".txt"):
            t = read_text(p, 20000)
            m = re.search(r"^(?:NAME|BEZEICHNUNG)\s*\n\s+\S+.*? - (.+)$", t, re.M)
            if m:
                w = re.findall(WORD, m.group(1))
                if 2 <= len(w) <= 20:
                    titles.append(" ".join(w))
            body = re.findall(r"[^.!?\n]*[.!?]", t.replace("\n", " "))
            good = [s for s in body if len(re.findall(WORD, s)) >= 6 and
                    re.search(r"[äöüß]|\b(?:der|die|das|und|wird|werden)\b", s)]
            if good:
                s = rnd.choice(good)
                w = re.findall(WORD, s)
                k = rnd.randint(3, min(8, len(w)))
                i = rnd.randint(0, len(w) - k)
                sentences.append(" ".join(w[i:i + k]))
            singles += [w for w in re.findall(WORD, t[:3000]) if len(w) >= 6]
    titles = sorted(set(titles))
    sentences = sorted(set(sentences))
    rnd.shuffle(titles)
    rnd.shuffle(sentences)
    multi = titles[:nmulti // 2] + sentences[:nmulti - min(len(titles), nmulti // 2)]
    multi = multi[:nmulti]
    single = sorted(set(singles))
    rnd.shuffle(single)
    return multi, single[:nsingle]


# ---------------------------------------------------------------------------------------
# measuring


def tree_rss(sid):
    """Resident set of all processes of session sid, in bytes."""
    total = 0
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
            fields = st[st.rindex(")") + 2:].split()
            if int(fields[3]) != sid:
                continue
            total += int(fields[21]) * PAGE
        except (OSError, ValueError, IndexError):
            pass
    return total


def run_measured(cmd, env=None, timeout=7200):
    """Run cmd as its own session; wall and CPU seconds, peak RSS of the tree, exit code."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                         start_new_session=True)
    peak = 0
    rusage = None
    status = 0
    while True:
        pid, status, rusage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss(p.pid))
        if time.perf_counter() - t0 > timeout:
            os.killpg(p.pid, 9)
        time.sleep(0.2)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode("utf-8", "replace")
    p.stderr.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall_s": wall,
        "cpu_s": rusage.ru_utime + rusage.ru_stime,
        "peak_rss_mib": max(peak, rusage.ru_maxrss * 1024) / 2**20,
        "max_process_rss_mib": rusage.ru_maxrss / 1024,
        "exit": p.returncode,
        "stderr_tail": err[-400:],
    }


def tables(dbdirs):
    """Bytes per Xapian table over the given database directories, and the total."""
    out = {}
    for d in dbdirs:
        for f in glob.glob(os.path.join(d, "*.glass")):
            t = os.path.basename(f)[:-6]
            out[t] = out.get(t, 0) + os.path.getsize(f)
    return out


def dir_size(d):
    n = 0
    for root, _, files in os.walk(d):
        n += sum(os.path.getsize(os.path.join(root, f)) for f in files
                 if os.path.isfile(os.path.join(root, f)))
    return n


def doccount(dbdirs):
    n = 0
    for d in dbdirs:
        r = subprocess.run(["xapian-delve", d], capture_output=True, text=True)
        m = re.search(r"number of documents = (\d+)", r.stdout)
        n += int(m.group(1)) if m else 0
    return n


def xapian_dbs(root):
    return sorted({os.path.dirname(f) for f in
                   glob.glob(os.path.join(root, "**", "iamglass"), recursive=True)})


class System:
    name = ""

    def __init__(self, work, corpus):
        self.work, self.corpus = work, corpus

    def env(self):
        return dict(os.environ, LC_ALL="C.UTF-8")


class Werkarchiv(System):
    name = "Werkarchiv"

    def __init__(self, work, corpus, index, search, name=None, db="wa"):
        super().__init__(work, corpus)
        self.index, self.search, self.db = index, search, os.path.join(work, db)
        if name:
            self.name = name

    def index_cmd(self):
        return [self.index, "--db", self.db, "-q", "add", self.corpus]

    def query_cmd(self, q):
        return [self.search, "--db", self.db, "-n", "10", q]

    def root(self):
        return self.db


class Omega(System):
    name = "Omega"

    def __init__(self, work, corpus):
        super().__init__(work, corpus)
        self.db = os.path.join(work, "om", "default")

    def index_cmd(self):
        os.makedirs(os.path.dirname(self.db), exist_ok=True)
        return ["omindex", "--stemmer", "german2", "--db", self.db, "--url", "/", self.corpus]

    def query_cmd(self, q):
        return ["quest", "-s", "german2", "-d", self.db, "-m", "10", q.lower()]

    def root(self):
        return self.db


class OmegaCGI(Omega):
    name = "Omega CGI"
    cgi = "/usr/lib/cgi-bin/omega/omega"

    def setup(self):
        conf = os.path.join(self.work, "omega.conf")
        with open(conf, "w") as f:
            f.write("database_dir %s\ntemplate_dir /usr/share/xapian-omega/templates\n"
                    "log_dir %s\ncdb_dir /usr/share/xapian-omega/cdb\n"
                    % (os.path.dirname(self.db), self.work))
        self.cgienv = dict(self.env(), OMEGA_CONFIG_FILE=conf, REQUEST_METHOD="GET")

    def query_env(self, q):
        return dict(self.cgienv, QUERY_STRING="P=" + urllib.parse.quote(q.lower()))

    def query_cmd(self, q):
        return [self.cgi]


class Recoll(System):
    name = "Recoll"

    def __init__(self, work, corpus):
        super().__init__(work, corpus)
        self.conf = os.path.join(work, "recoll")
        os.makedirs(self.conf, exist_ok=True)
        with open(os.path.join(self.conf, "recoll.conf"), "w") as f:
            f.write("topdirs = %s\nindexstemminglanguages = german2\n"
                    "loglevel = 1\nidxabsmlen = 250\n" % corpus)

    def index_cmd(self):
        return ["recollindex", "-c", self.conf]

    def query_cmd(self, q):
        return ["recollq", "-c", self.conf, "-s", "german2", "-n", "10", "-A", q.lower()]

    def root(self):
        return os.path.join(self.conf, "xapiandb")


def pct(xs, p):
    xs = sorted(xs)
    if not xs:
        return 0.0
    k = (len(xs) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def query_latency(systems, queries, rounds):
    """Each query in every system in turn (rotating the order), a process each; ms."""
    times = {s.name: [] for s in systems}
    hits = {s.name: 0 for s in systems}
    for r in range(rounds):
        for i, q in enumerate(queries):
            order = systems[(i + r) % len(systems):] + systems[:(i + r) % len(systems)]
            for s in order:
                env = s.query_env(q) if hasattr(s, "query_env") else s.env()
                t0 = time.perf_counter()
                p = subprocess.run(s.query_cmd(q), env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, timeout=60)
                dt = (time.perf_counter() - t0) * 1000
                times[s.name].append(dt)
                if r == 0 and p.stdout.strip() and p.returncode == 0:
                    hits[s.name] += 1
    return {n: {"median_ms": statistics.median(t), "p95_ms": pct(t, 0.95),
                "answered": hits[n]} for n, t in times.items()}


def change_one_percent(files, seed):
    rnd = random.Random(seed)
    cand = [f for f in files if f.endswith((".txt", ".html"))]
    pick = rnd.sample(cand, max(1, len(files) // 100))
    later = time.time() + 5
    for f in pick:
        with open(f, "ab") as g:
            g.write("\nNachtrag: Diese Seite wurde für den Vergleich geändert.\n".encode())
        os.utime(f, (later, later))
    return len(pick)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", required=True, help="werkarchiv-index")
    ap.add_argument("--search", required=True, help="werkarchiv-search")
    ap.add_argument("--scale", type=int, default=1, help="N copies of the corpus")
    ap.add_argument("--queries", type=int, default=300, help="multi-word queries")
    ap.add_argument("--single", type=int, default=100, help="one-word queries")
    ap.add_argument("--rounds", type=int, default=1, help="query rounds")
    ap.add_argument("--work", help="keep the corpus and the indexes here (reused corpus)")
    ap.add_argument("--json", help="write the figures here as JSON")
    ap.add_argument("--systems", default="werkarchiv,omega,recoll")
    ap.add_argument("--base-index", help="another werkarchiv-index (before a change)")
    ap.add_argument("--base-search", help="another werkarchiv-search (before a change)")
    ap.add_argument("--skip-index", action="store_true",
                    help="reuse the indexes in --work (query latency only)")
    a = ap.parse_args()

    work = a.work or tempfile.mkdtemp(prefix="wa-speed.")
    os.makedirs(work, exist_ok=True)
    work = os.path.abspath(work)
    try:
        corpus = (os.path.join(work, "corpus") if a.skip_index
                  else build_corpus(work, a.scale))
        files = corpus_files(corpus)
        size = sum(os.path.getsize(f) for f in files)
        kinds = {}
        for f in files:
            e = os.path.splitext(f)[1] or "ohne"
            kinds[e] = kinds.get(e, 0) + 1
        multi, single = make_queries(files, a.queries, a.single, 14)
        log("corpus: %d files (%.0f MiB: %s), %d multi-word and %d one-word queries"
            % (len(files), size / 2**20,
               ", ".join("%d %s" % (n, e) for e, n in sorted(kinds.items())),
               len(multi), len(single)))
        want = a.systems.split(",")
        systems = []
        if "werkarchiv" in want:
            systems.append(Werkarchiv(work, corpus, a.index, a.search))
        if a.base_index and a.base_search:
            systems.append(Werkarchiv(work, corpus, a.base_index, a.base_search, BASE, "wa-base"))
        if "omega" in want:
            systems.append(Omega(work, corpus))
        if "recoll" in want and shutil.which("recollindex"):
            systems.append(Recoll(work, corpus))
        res = {"corpus": {"files": len(files), "mib": size / 2**20, "kinds": kinds,
                          "scale": a.scale, "multi_word_queries": len(multi),
                          "one_word_queries": len(single)},
               "systems": {}}
        for s in systems:
            res["systems"][s.name] = {}
        if not a.skip_index:
            for s in systems:
                shutil.rmtree(s.root(), ignore_errors=True)
            phases = [("index", None), ("reindex_unchanged", None), ("reindex_1pct", None)]
            for phase, _ in phases:
                if phase == "reindex_1pct":
                    n = change_one_percent(files, 15)
                    res["corpus"]["changed_files"] = n
                    time.sleep(1)
                for s in systems:
                    log("%s: %s ..." % (s.name, phase))
                    m = run_measured(s.index_cmd(), env=s.env())
                    if m["exit"] not in ((0, 1) if isinstance(s, Werkarchiv) else (0,)):
                        log("%s: exit %d: %s" % (s.name, m["exit"], m["stderr_tail"]))
                    m.pop("stderr_tail")
                    res["systems"][s.name][phase] = m
            for s in systems:
                dbs = xapian_dbs(s.root())
                r = res["systems"][s.name]
                r["tables_mib"] = {t: b / 2**20 for t, b in sorted(tables(dbs).items())}
                r["index_mib"] = dir_size(s.root()) / 2**20
                r["documents"] = doccount(dbs)
        qsys = list(systems)
        if "omega" in want and os.path.exists(OmegaCGI.cgi):
            cgi = OmegaCGI(work, corpus)
            cgi.setup()
            qsys.append(cgi)
            res["systems"][cgi.name] = {}
        for label, qs in (("multi", multi), ("single", single)):
            log("%d %s-word queries, a process each ..." % (len(qs), label))
            lat = query_latency(qsys, qs, a.rounds)
            for n, v in lat.items():
                res["systems"][n]["query_" + label] = v
        report(res)
        if a.json:
            with open(a.json, "w") as f:
                json.dump(res, f, indent=1, sort_keys=True)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


def report(res):
    names = [n for n in ("Werkarchiv", BASE, "Omega", "Recoll", "Omega CGI")
             if n in res["systems"]]
    S = res["systems"]
    rows = []

    def row(label, get, fmt):
        vals = []
        for n in names:
            try:
                vals.append(get(S[n]))
            except (KeyError, TypeError):
                vals.append(None)
        rows.append((label, vals, fmt))

    for ph, lab in (("index", "index"), ("reindex_unchanged", "re-index unchanged"),
                    ("reindex_1pct", "re-index 1 % changed")):
        row(lab + " wall s", lambda r, ph=ph: r[ph]["wall_s"], "%.2f")
        row(lab + " CPU s", lambda r, ph=ph: r[ph]["cpu_s"], "%.2f")
    row("index peak RSS MiB (tree)", lambda r: r["index"]["peak_rss_mib"], "%.0f")
    row("index size MiB", lambda r: r["index_mib"], "%.1f")
    tabs = sorted({t for n in names for t in S[n].get("tables_mib", {})})
    for t in tabs:
        row("  table %s MiB" % t, lambda r, t=t: r["tables_mib"].get(t, 0.0), "%.1f")
    row("documents", lambda r: r["documents"], "%d")
    for lab in ("multi", "single"):
        row("%s-word query median ms" % lab, lambda r, lab=lab: r["query_" + lab]["median_ms"],
            "%.1f")
        row("%s-word query p95 ms" % lab, lambda r, lab=lab: r["query_" + lab]["p95_ms"],
            "%.1f")
        row("%s-word queries answered" % lab,
            lambda r, lab=lab: r["query_" + lab]["answered"], "%d")
    ratio_to = [n for n in (BASE, "Omega", "Recoll", "Omega CGI") if n in names]
    head = "%-30s" % "figure" + "".join("%12s" % n for n in names) + "".join(
        "%12s" % ("WA/" + {"Omega CGI": "CGI", BASE: "before"}.get(n, n)) for n in ratio_to)
    print(head)
    ratios = {}
    for label, vals, fmt in rows:
        line = "%-30s" % label
        for v in vals:
            line += "%12s" % (fmt % v if v is not None else "–")
        wa = vals[0] if names and names[0] == "Werkarchiv" else None
        for n in ratio_to:
            v = vals[names.index(n)]
            if wa is not None and v:
                line += "%12.2f" % (wa / v)
                ratios.setdefault(label, {})[n] = wa / v
            else:
                line += "%12s" % "–"
        print(line)
    res["ratios_werkarchiv_to"] = ratios


if __name__ == "__main__":
    main()
