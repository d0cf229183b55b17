/* One search request, whoever asks: the command line and the web page both
 * fill this model through the same checked setters, so that every rule and
 * every limit (lib/wa_limits.h) has one owner. */
#ifndef WA_REQUEST_H
#define WA_REQUEST_H

#include <stddef.h>

#include "results.h"
#include "wa_xapian.h"

enum wa_format {
    WA_FORMAT_TEXT = 0,
    WA_FORMAT_JSON,
    WA_FORMAT_CSV,
    WA_FORMAT_HTML,
    WA_FORMAT_EXCEL /* CSV for German Excel: UTF-8 BOM, ';', decimal comma */
};
enum wa_request_kind { WA_REQUEST_SEARCH = 0, WA_REQUEST_SHOW };

/* How the front end calls its parameters, for the messages. */
struct wa_request_names {
    const char *filter, *from, *to, *sort, *limit, *offset, *page;
};
extern const struct wa_request_names wa_request_cli_names; /* --filter, --from, ... */
extern const struct wa_request_names wa_request_web_names; /* filter, von, bis, ... */

struct wa_request {
    enum wa_request_kind kind;
    char *query;               /* NFC, controls as spaces; owned; NULL if none */
    struct wa_filter *filters; /* field: a schema key (static); value: owned */
    size_t nfilters;
    char date_from[9]; /* "YYYYMMDD" or "" */
    char date_to[9];
    enum wa_sort sort;
    unsigned limit;
    unsigned offset;
    unsigned page; /* 1-based; 0 when not given */
    int offset_set;
    int facets;    /* count facets */
    int collapse;  /* fold documents with the same text (default on) */
    char *similar; /* document id (owned) or NULL */
    char *show;    /* document id (owned) or NULL */
    enum wa_format format;
    /* the front end's limits and names, set by wa_request_init */
    unsigned max_limit, max_offset, max_page;
    const struct wa_request_names *names;
};

/* Defaults: 10 per page, relevance, collapse on, with the command line's
 * limits (web 0) or the web page's (web 1). Cannot fail. */
void wa_request_init(struct wa_request *r, int web);
/* Free what r owns; r is initialised again (same front end). Accepts NULL. */
void wa_request_release(struct wa_request *r);

/*
 * The setters. Each returns 0, or -1 with a one-line German message in err
 * (size errlen, always NUL-terminated) that quotes at most
 * WA_ERR_QUOTE_CHARS characters of the input; r is then unchanged.
 */
/* The query text: valid UTF-8, at most WA_MAX_QUERY_BYTES; stored as NFC
 * with control characters as spaces. Words and operators are checked by
 * wa_request_finish. */
int wa_request_set_query(struct wa_request *r, const char *p, size_t len, char *err, size_t errlen);
/* A filter "FIELD=VALUE": FIELD a schema field with exact values (German or
 * English name), VALUE non-empty UTF-8 (stored as NFC). At most WA_MAX_FILTERS. */
int wa_request_add_filter(struct wa_request *r, const char *spec, char *err, size_t errlen);
/* --from (end 0) / --to (end 1): a date in ISO or German form, possibly
 * only a month or a year ("2021"), as the first or last day it covers. */
int wa_request_set_date(struct wa_request *r, int end, const char *arg, char *err, size_t errlen);
/* relevance/relevanz, newest/neueste, oldest/älteste (aelteste). */
int wa_request_set_sort(struct wa_request *r, const char *arg, char *err, size_t errlen);
/* Page size (0..max_limit), offset (0..max_offset), page (1..max_page). */
int wa_request_set_limit(struct wa_request *r, const char *arg, char *err, size_t errlen);
int wa_request_set_offset(struct wa_request *r, const char *arg, char *err, size_t errlen);
int wa_request_set_page(struct wa_request *r, const char *arg, char *err, size_t errlen);
/* A document id for --similar (similar 1) or show (similar 0): non-empty
 * UTF-8 without control characters, at most WA_MAX_ID_BYTES, kept byte for
 * byte (it must match the stored id). show makes the request a SHOW. */
int wa_request_set_id(struct wa_request *r, int similar, const char *p, size_t len, char *err,
                      size_t errlen);

/*
 * The checks across parameters, after all setters: page and offset are not
 * both given, the page is not beyond max_offset, the dates are in order, and
 * the query has at most WA_MAX_QUERY_TERMS words, WA_MAX_WILDCARDS wildcards
 * and no NEAR/n (NAHE/n) wider than WA_MAX_NEAR_WIDTH. Sets offset from page.
 * Returns 0, or -1 with a German message as above.
 */
int wa_request_finish(struct wa_request *r, char *err, size_t errlen);

/*
 * Fill so (initialised by the caller with wa_search_opts_init) from r. The
 * strings stay borrowed from r; idterm (size idlen >= 64) receives the
 * unique term of r->similar when there is one.
 */
void wa_request_search_opts(const struct wa_request *r, struct wa_search_opts *so, char *idterm,
                            size_t idlen);

/* Set res->hints (WA_HINT_*) for an empty page of r's results: what the
 * front end should suggest trying. Cannot fail. */
void wa_request_hints(const struct wa_request *r, struct wa_results *res);

/* The names of the fields a filter accepts, ", "-separated ("typ/type,
 * werkstatt/community, ..."), into buf. Returns buf. Cannot fail. */
const char *wa_request_filter_fields(char *buf, size_t len);

/* Copy at most WA_ERR_QUOTE_CHARS characters of the UTF-8 string p[0..len)
 * into out (size outlen), with "…" when cut and controls as '?'; the quote
 * of input that is not UTF-8 is "…". Returns out. Cannot fail. */
const char *wa_request_quote(const char *p, size_t len, char *out, size_t outlen);

/* Formats an error message into err (len bytes, always NUL-terminated when
 * len > 0; nothing is written when err is NULL). Cannot fail. */
void wa_request_errf(char *err, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
