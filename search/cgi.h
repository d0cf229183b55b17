/* werkarchiv.cgi internals: configuration, parameters, the response being
 * built, and the HTML pages (render_html.c). Private to the CGI. */
#ifndef WA_CGI_H
#define WA_CGI_H

#include <stddef.h>

#include "request.h"
#include "results.h"
#include "wa_buf.h"

#define WA_CGI_PROG "werkarchiv.cgi"
/* Environment variable naming the configuration file. */
#define WA_CGI_CONFIG_ENV "WERKARCHIV_CGI_CONFIG"
/* Longest QUERY_STRING accepted (bytes). */
#define WA_CGI_MAX_QUERY_STRING 8192
/* Largest HTML or JSON body (bytes). */
#define WA_CGI_MAX_BODY ((size_t)16 << 20)
/* Facet values shown before "mehr". */
#define WA_CGI_FACET_TOP 10
/* Similar documents on the details page. */
#define WA_CGI_SIMILAR 5

/* ---- configuration (cgi_config.c) ---------------------------------- */

struct wa_cgi_config {
    char **archives; /* archive directories (public/ and internal/, each a database
                      * or a stub file of shards), searched as one */
    size_t narchives;
    char *dictionary; /* local archive for spelling and synonyms (remote shards), or NULL */
    char **members;   /* REMOTE_USER names that count as members */
    size_t nmembers;
    char *title;           /* page title */
    char *download_prefix; /* URL prefix the server serves originals under, or NULL */
    char *stylesheet;      /* URL of the stylesheet */
};

/* Defaults: archive WA_ARCHIVE_DEFAULT, no members, title "Werkarchiv",
 * downloads through the CGI, stylesheet "/werkarchiv.css". Cannot fail
 * except out of memory (-1). */
int wa_cgi_config_init(struct wa_cgi_config *c);
void wa_cgi_config_release(struct wa_cgi_config *c);
/*
 * Read "key = value" lines (# comments) from path into c. Keys: archive
 * (repeatable: several archives or shards searched as one), dictionary,
 * members (names separated by spaces or commas), title, download_prefix,
 * stylesheet. Returns 0, or -1 with an English message for the server's
 * error log in err (an unknown key, a missing file, a line without '=').
 */
int wa_cgi_config_read(struct wa_cgi_config *c, const char *path, char *err, size_t errlen);
/* The same from the bytes p[0..len) (at most 1 MiB are read from a file; a
 * line longer than 4095 bytes or a NUL byte is an error); name is the file
 * name for the messages. On error c holds what came before the bad line. */
int wa_cgi_config_parse(struct wa_cgi_config *c, const char *p, size_t len, const char *name,
                        char *err, size_t errlen);
/* 1 if user (REMOTE_USER, may be NULL) is on the allow-list. */
int wa_cgi_config_is_member(const struct wa_cgi_config *c, const char *user);

/* ---- parameters (cgi_params.c) ------------------------------------- */

enum wa_cgi_page {
    WA_PAGE_SEARCH = 0, /* "/" : start page or results */
    WA_PAGE_DOCUMENT,   /* "/dokument?id=" */
    WA_PAGE_ORIGINAL,   /* "/original?id=" : download */
    WA_PAGE_HELP,       /* "/hilfe" */
    WA_PAGE_OPENSEARCH, /* "/opensearch.xml" */
};

struct wa_cgi_params {
    enum wa_cgi_page page;
    struct wa_request req; /* the search (web limits) */
    int json;              /* format=json */
    int asked;             /* any search parameter given (else: start page) */
    /* the form fields as typed, to show them again (owned, or NULL) */
    char *raw_from, *raw_to;
};

/* Map PATH_INFO to a page: 0, or -1 if there is no such page (404). */
int wa_cgi_page_for(const char *path_info, enum wa_cgi_page *out);
void wa_cgi_params_init(struct wa_cgi_params *p);
void wa_cgi_params_release(struct wa_cgi_params *p);
/*
 * Parse the query string qs[0..len) for p->page: only the parameters that
 * page knows, each once unless repeatable (filter); values URL-decoded,
 * valid UTF-8 without NUL; then the request model's checks. Returns 0, or
 * -1 with a German message (quoting at most a few dozen characters) in err:
 * the answer is 400.
 */
int wa_cgi_params_parse(struct wa_cgi_params *p, const char *qs, size_t len, char *err,
                        size_t errlen);

/* ---- the pages (render_html.c) ------------------------------------- */

/* What every page needs to know about the request. */
struct wa_html_ctx {
    const struct wa_cgi_config *cfg;
    const char *script; /* SCRIPT_NAME: the base of every link */
    const char *user;   /* member's name, or NULL for an anonymous visitor */
};

/* Each appends a whole HTML document to out; WA_OK or WA_ERR_NOMEM/TOOBIG. */
wa_status wa_html_start(struct wa_buf *out, const struct wa_html_ctx *x);
wa_status wa_html_results(struct wa_buf *out, const struct wa_html_ctx *x,
                          const struct wa_cgi_params *p, const struct wa_results *r);
/* rec: the document (with its text); similar: up to WA_CGI_SIMILAR similar
 * documents (may be NULL when the search for them failed). */
wa_status wa_html_document(struct wa_buf *out, const struct wa_html_ctx *x,
                           const struct wa_record *rec, const struct wa_results *similar);
wa_status wa_html_help(struct wa_buf *out, const struct wa_html_ctx *x);
/* An error page: status 400/404/405/503..., heading and a German message
 * (plain text, escaped here). */
wa_status wa_html_error(struct wa_buf *out, const struct wa_html_ctx *x, int status,
                        const char *message);
/* The OpenSearch description; base is "scheme://host[:port]". */
wa_status wa_html_opensearch(struct wa_buf *out, const struct wa_html_ctx *x, const char *base);

/* The URL-escaped link to a results page for p's search, changed as asked:
 * without filter number drop (or SIZE_MAX), plus the filter add ("feld=wert"
 * or NULL), on page (0: the first). Appended to out, HTML-attribute-safe. */
wa_status wa_html_search_link(struct wa_buf *out, const struct wa_html_ctx *x,
                              const struct wa_cgi_params *p, size_t drop, const char *add,
                              unsigned page);

#endif
