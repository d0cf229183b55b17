/* werkarchiv.cgi: the search page as an ordinary CGI program (GET and HEAD).
 * Anonymous visitors get the public database only; a member is a request
 * whose REMOTE_USER the web server authenticated and the configuration
 * lists. Every answer is built in memory first, so an error never leaves
 * half a page, and HEAD gets exactly the headers GET would. */
#define _XOPEN_SOURCE 700 /* strptime */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cgi.h"
#include "render.h"
#include "wa_archive.h"
#include "wa_escape.h"
#include "wa_limits.h"
#include "wa_record.h"
#include "wa_schema.h"
#include "wa_xapian.h"

/* The security headers of every answer. No script at all, styles only
 * from the stylesheet, not to be framed. */
#define SECURITY_HEADERS                                                                           \
    "Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self'; "              \
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n"                              \
    "X-Content-Type-Options: nosniff\r\n"                                                          \
    "Referrer-Policy: no-referrer\r\n"                                                             \
    "X-Frame-Options: DENY\r\n"

struct resp {
    int status;
    const char *type;      /* Content-Type */
    struct wa_buf headers; /* extra header lines, each ending in \r\n */
    struct wa_buf body;
};

struct cgi {
    struct wa_cgi_config cfg;
    struct wa_html_ctx x;
    struct wa_cgi_params p;
    int head;         /* HEAD: headers only */
    int member;       /* both databases */
    const char *user; /* REMOTE_USER as given (may be a non-member) */
    wa_db *db;        /* opened lazily */
    char etag[64];    /* "" until the database stamp is known */
    time_t last_modified;
};

static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v ? v : "";
}

static void logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One line to the web server's error log. Never shown to the visitor. */
static void logmsg(const char *fmt, ...)
{
    va_list ap;

    fputs(WA_CGI_PROG ": ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static const char *reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 503:
        return "Service Unavailable";
    default:
        return "Internal Server Error";
    }
}

/* Write the answer. Returns 0, or -1 if stdout failed. */
static int send(struct cgi *c, struct resp *r)
{
    int with_body = !c->head && r->status != 304;

    printf("Status: %d %s\r\n", r->status, reason(r->status));
    if (r->type && r->status != 304)
        printf("Content-Type: %s\r\n", r->type);
    if (r->status != 304)
        printf("Content-Length: %zu\r\n", r->body.len);
    fputs(SECURITY_HEADERS, stdout);
    fwrite(r->headers.p, 1, r->headers.len, stdout);
    fputs("\r\n", stdout);
    if (with_body)
        fwrite(r->body.p, 1, r->body.len, stdout);
    return fflush(stdout) == 0 ? 0 : -1;
}

static void header(struct resp *r, const char *line)
{
    /* cannot fail in practice: a few short lines; a failure only drops it */
    if (wa_buf_adds(&r->headers, line) != WA_OK)
        logmsg("out of memory for a header");
}

/* Replace r by a German error page. */
static void error_page(struct cgi *c, struct resp *r, int status, const char *msg)
{
    wa_buf_reset(&r->body);
    wa_buf_reset(&r->headers);
    r->status = status;
    r->type = "text/html; charset=utf-8";
    header(r, "Cache-Control: no-store\r\n");
    if (status == 405)
        header(r, "Allow: GET, HEAD\r\n");
    if (wa_html_error(&r->body, &c->x, status, msg) != WA_OK) {
        wa_buf_reset(&r->body);
        r->status = 500;
        r->type = "text/plain; charset=utf-8";
        if (wa_buf_adds(&r->body, "Interner Fehler\n") != WA_OK)
            wa_buf_reset(&r->body);
    }
}

static void unavailable(struct cgi *c, struct resp *r)
{
    error_page(c, r, 503,
               "Das Archiv ist gerade nicht verfügbar. Bitte versuchen Sie es in einigen "
               "Minuten noch einmal.");
}

/* ---- database stamp, ETag and Last-Modified ------------------------- */

/* Mix the state of one glass database (its version file is rewritten on
 * every commit) into *h. Returns 0, 1 for a stub file of shards (whose
 * remote commits only their servers know), or -1 if it does not exist. */
static int stamp_db(const char *dir, unsigned long long *h, time_t *latest)
{
    char path[4096], buf[128];
    struct stat sb;
    int n;

    if (stat(dir, &sb) == 0 && S_ISREG(sb.st_mode))
        return 1;
    snprintf(path, sizeof path, "%s/iamglass", dir);
    if (stat(path, &sb) != 0)
        return -1;
    n = snprintf(buf, sizeof buf, "%llu:%lld.%ld:%lld|%llx", (unsigned long long)sb.st_ino,
                 (long long)sb.st_mtim.tv_sec, (long)sb.st_mtim.tv_nsec, (long long)sb.st_size, *h);
    *h = wa_hash64(buf, (size_t)n);
    if (sb.st_mtime > *latest)
        *latest = sb.st_mtime;
    return 0;
}

/* Compute c->etag and c->last_modified from the databases this request may
 * read (public/, and internal/ for members, of every archive; the archive
 * module opens them, see open_db) without opening them. Returns 0, or -1
 * (archive missing or damaged: 503). With a stub file of shards there is
 * no stamp: c->etag stays "" and no answer is 304. */
static int stamp(struct cgi *c)
{
    static const char *const sides[] = {WA_ARCHIVE_PUBLIC, WA_ARCHIVE_INTERNAL};
    unsigned long long h = wa_hash64(WA_VERSION, strlen(WA_VERSION));
    int rc = 0, sharded = 0;
    size_t a, i;

    for (a = 0; a < c->cfg.narchives && rc == 0; a++) {
        const char *arch = c->cfg.archives[a];
        size_t found = 0;
        if (!wa_archive_is_archive(arch)) { /* only archive directories: no bare stub files */
            logmsg("no archive at '%s'", arch);
            return -1;
        }
        for (i = 0; i < (c->member ? 2u : 1u) && rc == 0; i++) {
            char path[4000];
            struct stat sb;
            int r;
            if (snprintf(path, sizeof path, "%s/%s", arch, sides[i]) >= (int)sizeof path - 16) {
                logmsg("archive path too long: '%s'", arch);
                return -1;
            }
            if (i == 1 && stat(path, &sb) != 0)
                break; /* an archive without internal documents */
            r = stamp_db(path, &h, &c->last_modified);
            if (r < 0) {
                logmsg("no database at '%s'", path);
                rc = -1;
            }
            sharded |= r == 1;
            found++;
        }
        if (rc == 0 && found == 0) {
            logmsg("no archive at '%s'", arch);
            rc = -1;
        }
    }
    h ^= wa_hash64(c->member ? "m" : "a", 1);
    if (sharded)
        c->etag[0] = '\0';
    else
        snprintf(c->etag, sizeof c->etag, "\"%016llx\"", h);
    return rc;
}

static void http_date(time_t t, char *out, size_t len)
{
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(out, len, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* 1 if the client's copy is current (If-None-Match, else If-Modified-Since). */
static int not_modified(const struct cgi *c)
{
    const char *inm = getenv("HTTP_IF_NONE_MATCH");
    const char *ims = getenv("HTTP_IF_MODIFIED_SINCE");

    if (!c->etag[0])
        return 0; /* shards: no stamp to compare */
    if (inm)
        return strstr(inm, c->etag) != NULL || strcmp(inm, "*") == 0;
    if (ims) {
        struct tm tm;
        const char *end;
        memset(&tm, 0, sizeof tm);
        end = strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        return end && !*end && timegm(&tm) >= c->last_modified;
    }
    return 0;
}

/* Cache headers for an answer that depends on the database. */
static void cache_headers(struct cgi *c, struct resp *r)
{
    char line[160], date[64];

    /* members' pages hold internal documents: never in a shared cache */
    header(r, c->member ? "Cache-Control: private, no-cache\r\n"
                        : "Cache-Control: max-age=60\r\nVary: Authorization\r\n");
    if (!c->etag[0])
        return; /* shards: their commits are not seen without asking them */
    snprintf(line, sizeof line, "ETag: %s\r\n", c->etag);
    header(r, line);
    http_date(c->last_modified, date, sizeof date);
    snprintf(line, sizeof line, "Last-Modified: %s\r\n", date);
    header(r, line);
}

/* ---- the pages ----------------------------------------------------- */

static int open_db(struct cgi *c, struct resp *r)
{
    const char *const *args = (const char *const *)c->cfg.archives, *culprit = NULL;
    enum wa_audience who = c->member ? WA_AUDIENCE_MEMBERS : WA_AUDIENCE_PUBLIC;
    wa_status st;

    if (c->db)
        return 0;
    /* anonymous: the archive module's public open, which never touches internal/ */
    st = wa_archive_open_read(&c->db, args, c->cfg.narchives, who, &culprit);
    if (st == WA_OK && c->cfg.dictionary) {
        /* spelling and synonyms of remote shards from a local copy, for the same audience */
        const char *dict = c->cfg.dictionary;
        st = wa_archive_add_dictionary(c->db, &dict, 1, who, &culprit);
        if (st != WA_OK) {
            logmsg("cannot open the dictionary '%s': %s", dict,
                   culprit || st == WA_ERR_NOT_FOUND ? wa_strerror(st) : wa_db_errmsg(c->db));
            goto fail;
        }
    }
    if (st == WA_OK)
        return 0;
    logmsg("cannot open the archive '%s': %s", culprit ? culprit : c->cfg.archives[0],
           c->db ? wa_db_errmsg(c->db) : wa_strerror(st));
fail:
    wa_db_destroy(c->db);
    c->db = NULL;
    unavailable(c, r);
    return -1;
}

/* Anonymous visitors never see server paths. */
static void hide_paths(struct cgi *c, struct wa_results *res)
{
    size_t i, j;

    if (c->member)
        return;
    for (i = 0; i < res->n; i++) {
        struct wa_hit *h = &res->hits[i];
        free(h->rec.path);
        h->rec.path = NULL;
        for (j = 0; j < h->dup_paths.n && j < h->dup_ids.n; j++) {
            char *id = strdup(h->dup_ids.v[j]);
            if (id) {
                free(h->dup_paths.v[j]);
                h->dup_paths.v[j] = id;
            }
        }
    }
}

/* Render a JSON renderer's output into r->body. */
static int json_body(struct resp *r, int (*fn)(FILE *, const void *), const void *arg)
{
    char *p = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&p, &len);
    int rc;

    if (!f)
        return -1;
    rc = fn(f, arg);
    if (fclose(f) != 0)
        rc = -1;
    if (rc == 0 && wa_buf_add(&r->body, p, len) != WA_OK)
        rc = -1;
    free(p);
    r->type = "application/json; charset=utf-8";
    return rc;
}

static int json_results(FILE *f, const void *res)
{
    return wa_render_json(f, res);
}

static int json_record(FILE *f, const void *rec)
{
    return wa_render_record_json(f, rec);
}

/* Run the search of c->p.req (or the similar documents for the details
 * page) into res. Returns 0, or -1 with r set to the error page. */
static int search(struct cgi *c, struct resp *r, const struct wa_request *q, int facets,
                  struct wa_results *res, wa_mset **m)
{
    struct wa_search_opts so;
    char idterm[256];
    wa_status st;
    int attempt;

    if (open_db(c, r))
        return -1;
    wa_search_opts_init(&so);
    wa_request_search_opts(q, &so, idterm, sizeof idterm);
    so.facets = facets;
    /* a reader survives one commit; under steady indexing it may see several
     * (DatabaseModifiedError): search again on the reopened database */
    for (attempt = 1;; attempt++) {
        st = wa_db_search(c->db, &so, m);
        if (st == WA_OK) {
            st = wa_results_build(*m, &so, q->similar, res);
            if (st != WA_OK) {
                wa_mset_free(*m);
                *m = NULL;
                if (st != WA_ERR_MODIFIED) {
                    logmsg("cannot read the results: %s", wa_strerror(st));
                    unavailable(c, r);
                    return -1;
                }
            }
        }
        if (st != WA_ERR_MODIFIED || attempt == WA_READ_ATTEMPTS)
            break;
    }
    if (st == WA_ERR_QUERY) {
        char quoted[160], msg[400];
        logmsg("malformed query: %s", wa_db_errmsg(c->db));
        snprintf(msg, sizeof msg,
                 "Die Suchanfrage „%s“ lässt sich nicht lesen. Prüfen Sie Operatoren (UND, ODER, "
                 "NICHT, NAHE), Anführungszeichen, Klammern und Datumsangaben.",
                 wa_request_quote(so.query, strlen(so.query), quoted, sizeof quoted));
        error_page(c, r, 400, msg);
        return -1;
    }
    if (st == WA_ERR_NOT_FOUND && q->similar) {
        error_page(c, r, 404, "Zu dieser Kennung gibt es kein Dokument.");
        return -1;
    }
    if (st != WA_OK) {
        logmsg("search failed: %s", st == WA_ERR_MODIFIED ? wa_strerror(st) : wa_db_errmsg(c->db));
        unavailable(c, r);
        return -1;
    }
    wa_request_hints(q, res);
    hide_paths(c, res);
    return 0;
}

static void page_search(struct cgi *c, struct resp *r)
{
    struct wa_results res;
    wa_mset *m = NULL;

    if (!c->p.asked && !c->p.json) {
        if (wa_html_start(&r->body, &c->x) != WA_OK)
            error_page(c, r, 500, "Die Seite konnte nicht erstellt werden.");
        return;
    }
    if (search(c, r, &c->p.req, 1, &res, &m))
        return;
    if (c->p.json ? json_body(r, json_results, &res) != 0
                  : wa_html_results(&r->body, &c->x, &c->p, &res) != WA_OK)
        error_page(c, r, 500, "Die Seite konnte nicht erstellt werden.");
    wa_results_release(&res);
    wa_mset_free(m);
}

/* Read the record of document id into rec. Returns 0, or -1 with r set
 * (404 when it does not exist for this visitor). */
static int load_record(struct cgi *c, struct resp *r, const char *id, struct wa_record *rec)
{
    char idterm[256];
    struct wa_buf data;
    wa_status st;

    if (open_db(c, r))
        return -1;
    wa_buf_init(&data, 0);
    st = wa_db_get_data(c->db, wa_schema_idterm(id, idterm, sizeof idterm), &data);
    if (st == WA_OK)
        st = wa_record_from_json(rec, data.p, data.len);
    wa_buf_release(&data);
    if (st == WA_ERR_NOT_FOUND || (st == WA_OK && !c->member && wa_record_is_internal(rec))) {
        /* the same answer for an internal document as for none at all */
        error_page(c, r, 404, "Zu dieser Kennung gibt es kein Dokument.");
        return -1;
    }
    if (st != WA_OK) {
        logmsg("cannot read a document: %s", wa_strerror(st));
        unavailable(c, r);
        return -1;
    }
    return 0;
}

static void page_document(struct cgi *c, struct resp *r)
{
    struct wa_record rec;
    struct wa_request sim;
    struct wa_results res;
    wa_mset *m = NULL;
    int have_similar = 0;
    char err[256];

    wa_record_init(&rec);
    if (load_record(c, r, c->p.req.show, &rec))
        goto cleanup;
    if (!c->member) {
        free(rec.path);
        rec.path = NULL;
    }
    if (c->p.json) {
        if (json_body(r, json_record, &rec) != 0)
            error_page(c, r, 500, "Die Seite konnte nicht erstellt werden.");
        goto cleanup;
    }
    wa_request_init(&sim, 1);
    sim.limit = WA_CGI_SIMILAR;
    if (wa_request_set_id(&sim, 1, rec.id, strlen(rec.id), err, sizeof err) == 0) {
        struct resp ignore = {0, NULL, {0}, {0}};
        wa_buf_init(&ignore.headers, 0);
        wa_buf_init(&ignore.body, 0);
        /* similar documents are a bonus: the page stands without them */
        have_similar = search(c, &ignore, &sim, 0, &res, &m) == 0;
        wa_buf_release(&ignore.headers);
        wa_buf_release(&ignore.body);
    }
    if (wa_html_document(&r->body, &c->x, &rec, have_similar ? &res : NULL) != WA_OK)
        error_page(c, r, 500, "Die Seite konnte nicht erstellt werden.");
    if (have_similar)
        wa_results_release(&res);
    wa_mset_free(m);
    wa_request_release(&sim);
cleanup:
    wa_record_release(&rec);
}

static const char *mime_type(const char *format)
{
    static const struct {
        const char *format, *type;
    } types[] = {
        {"txt", "text/plain; charset=utf-8"},
        {"html", "text/html; charset=utf-8"},
        {"xml", "application/xml"},
        {"md", "text/markdown; charset=utf-8"},
        {"odt", "application/vnd.oasis.opendocument.text"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"pdf", "application/pdf"},
    };
    size_t i;

    for (i = 0; format && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(format, types[i].format) == 0)
            return types[i].type;
    return "application/octet-stream";
}

/* Content-Disposition with the real file name: an ASCII fallback and the
 * UTF-8 name (RFC 6266, RFC 5987). */
static wa_status disposition(struct resp *r, const char *name)
{
    struct wa_buf *h = &r->headers;
    size_t i, n = strlen(name);
    wa_status st = wa_buf_adds(h, "Content-Disposition: attachment; filename=\"");

    for (i = 0; i < n && st == WA_OK; i++) {
        unsigned char ch = (unsigned char)name[i];
        st = wa_buf_addch(h, ch < 0x20 || ch >= 0x7f || ch == '"' || ch == '\\' ? '_' : (char)ch);
    }
    if (st == WA_OK)
        st = wa_buf_adds(h, "\"; filename*=UTF-8''");
    if (st == WA_OK)
        st = wa_escape_url(h, name, n);
    if (st == WA_OK)
        st = wa_buf_adds(h, "\r\n");
    return st;
}

static void page_original(struct cgi *c, struct resp *r, int *streamed)
{
    struct wa_record rec;
    const char *base;
    struct stat sb;
    int fd = -1;

    wa_record_init(&rec);
    if (load_record(c, r, c->p.req.show, &rec))
        goto cleanup;
    if (c->cfg.download_prefix) {
        /* the web server serves the files itself under the prefix */
        wa_status st = wa_buf_adds(&r->headers, "Location: ");
        const char *s = rec.id;
        if (st == WA_OK)
            st = wa_buf_adds(&r->headers, c->cfg.download_prefix);
        while (st == WA_OK && *s) { /* each path segment escaped, the slashes kept */
            size_t k = strcspn(s, "/");
            st = wa_escape_url(&r->headers, s, k);
            s += k;
            if (st == WA_OK && *s == '/') {
                st = wa_buf_addch(&r->headers, '/');
                s++;
            }
        }
        if (st == WA_OK)
            st = wa_buf_adds(&r->headers, "\r\nCache-Control: no-store\r\n");
        r->status = 302;
        r->type = "text/plain; charset=utf-8";
        if (st != WA_OK || wa_buf_adds(&r->body, "Weitergeleitet zum Original.\n") != WA_OK)
            error_page(c, r, 500, "Die Weiterleitung konnte nicht erstellt werden.");
        goto cleanup;
    }
    if (!rec.path || (fd = open(rec.path, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &sb) != 0 ||
        !S_ISREG(sb.st_mode)) {
        logmsg("original of a document not readable: %s", rec.path ? strerror(errno) : "no path");
        error_page(c, r, 404, "Die Originaldatei dieses Dokuments ist nicht mehr vorhanden.");
        goto cleanup;
    }
    base = strrchr(rec.path, '/');
    base = base ? base + 1 : rec.path;
    if (disposition(r, base) != WA_OK) {
        error_page(c, r, 500, "Die Datei konnte nicht gesendet werden.");
        goto cleanup;
    }
    cache_headers(c, r);
    /* stream it: the headers first, then the bytes as they are */
    printf("Status: 200 OK\r\nContent-Type: %s\r\nContent-Length: %lld\r\n", mime_type(rec.format),
           (long long)sb.st_size);
    fputs(SECURITY_HEADERS, stdout);
    fwrite(r->headers.p, 1, r->headers.len, stdout);
    fputs("\r\n", stdout);
    *streamed = 1;
    if (!c->head) {
        char buf[65536];
        ssize_t got;
        fflush(stdout);
        while ((got = read(fd, buf, sizeof buf)) > 0)
            if (fwrite(buf, 1, (size_t)got, stdout) != (size_t)got)
                break;
    }
    fflush(stdout);
cleanup:
    if (fd >= 0)
        close(fd);
    wa_record_release(&rec);
}

/* "https://host:port" for absolute URLs (OpenSearch); host from the
 * request if it looks like a host name, else the server's name. */
static void base_url(char *out, size_t len)
{
    const char *host = env("HTTP_HOST");
    const char *https = env("HTTPS");
    size_t i;

    for (i = 0; host[i]; i++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]", host[i]))
            break;
    if (!*host || host[i] || i > 255) {
        const char *port = env("SERVER_PORT");
        snprintf(out, len, "%s://%s%s%s", *https ? "https" : "http",
                 *env("SERVER_NAME") ? env("SERVER_NAME") : "localhost",
                 *port && strcmp(port, "80") && strcmp(port, "443") ? ":" : "", port);
        return;
    }
    snprintf(out, len, "%s://%s", *https && strcmp(https, "off") ? "https" : "http", host);
}

/* CPU limit and wall-clock alarm: a runaway query ends the process. */
static void on_alarm(int sig)
{
    static const char msg[] =
        "Status: 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Cache-Control: no-store\r\n\r\nDie Suche hat zu lange gedauert.\n";
    ssize_t ignored = write(STDOUT_FILENO, msg, sizeof msg - 1);
    (void)ignored;
    (void)sig;
    _exit(0);
}

static void limits(void)
{
    struct rlimit rl = {WA_CGI_CPU_SECONDS, WA_CGI_CPU_SECONDS + 1};

    setrlimit(RLIMIT_CPU, &rl);
    signal(SIGALRM, on_alarm);
    signal(SIGXCPU, on_alarm);
    alarm(WA_CGI_WALL_SECONDS);
}

int main(void)
{
    struct cgi c;
    struct resp r;
    const char *method = env("REQUEST_METHOD");
    const char *qs = env("QUERY_STRING");
    const char *cfgpath = getenv(WA_CGI_CONFIG_ENV);
    char err[512];
    int streamed = 0, rc = 0;

    limits();
    memset(&c, 0, sizeof c);
    wa_buf_init(&r.headers, 0);
    wa_buf_init(&r.body, WA_CGI_MAX_BODY);
    r.status = 200;
    r.type = "text/html; charset=utf-8";
    wa_cgi_params_init(&c.p);
    c.x.cfg = &c.cfg;
    c.x.script = env("SCRIPT_NAME");
    if (wa_cgi_config_init(&c.cfg) != 0) {
        logmsg("out of memory");
        return 1;
    }
    if (cfgpath && *cfgpath && wa_cgi_config_read(&c.cfg, cfgpath, err, sizeof err) != 0) {
        logmsg("%s", err);
        unavailable(&c, &r);
        goto out;
    }
    c.user = getenv("REMOTE_USER");
    c.member = wa_cgi_config_is_member(&c.cfg, c.user);
    c.x.user = c.member ? c.user : NULL;
    c.head = strcmp(method, "HEAD") == 0;
    if (strcmp(method, "GET") != 0 && !c.head) {
        error_page(&c, &r, 405, "Diese Seite nimmt nur GET- und HEAD-Anfragen an.");
        goto out;
    }
    if (wa_cgi_page_for(getenv("PATH_INFO"), &c.p.page) != 0) {
        error_page(&c, &r, 404, "Diese Seite gibt es nicht.");
        goto out;
    }
    if (wa_cgi_params_parse(&c.p, qs, strlen(qs), err, sizeof err) != 0) {
        error_page(&c, &r, 400, err);
        goto out;
    }
    if (c.p.page == WA_PAGE_HELP) {
        header(&r, "Cache-Control: max-age=3600\r\n");
        if (wa_html_help(&r.body, &c.x) != WA_OK)
            error_page(&c, &r, 500, "Die Seite konnte nicht erstellt werden.");
        goto out;
    }
    if (c.p.page == WA_PAGE_OPENSEARCH) {
        char base[512];
        base_url(base, sizeof base);
        header(&r, "Cache-Control: max-age=3600\r\n");
        r.type = "application/opensearchdescription+xml; charset=utf-8";
        if (wa_html_opensearch(&r.body, &c.x, base) != WA_OK)
            error_page(&c, &r, 500, "Die Beschreibung konnte nicht erstellt werden.");
        goto out;
    }
    if (stamp(&c) != 0) {
        unavailable(&c, &r);
        goto out;
    }
    if (not_modified(&c)) {
        r.status = 304;
        cache_headers(&c, &r);
        goto out;
    }
    switch (c.p.page) {
    case WA_PAGE_SEARCH:
        page_search(&c, &r);
        break;
    case WA_PAGE_DOCUMENT:
        page_document(&c, &r);
        break;
    case WA_PAGE_ORIGINAL:
        page_original(&c, &r, &streamed);
        break;
    case WA_PAGE_HELP:
    case WA_PAGE_OPENSEARCH:
        break;
    }
    if (r.status == 200 && !streamed)
        cache_headers(&c, &r);
out:
    if (!streamed && send(&c, &r) != 0)
        rc = 1;
    wa_db_destroy(c.db);
    wa_cgi_params_release(&c.p);
    wa_cgi_config_release(&c.cfg);
    wa_buf_release(&r.headers);
    wa_buf_release(&r.body);
    return rc;
}
