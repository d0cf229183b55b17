/* werkarchiv.cgi parameters: strict parsing of the query string into the
 * request model. Known parameters only, each once unless repeatable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi.h"
#include "wa_escape.h"
#include "wa_limits.h"
#include "wa_utf8.h"

static const struct {
    const char *path;
    enum wa_cgi_page page;
} pages[] = {
    {"", WA_PAGE_SEARCH},
    {"/", WA_PAGE_SEARCH},
    {"/dokument", WA_PAGE_DOCUMENT},
    {"/original", WA_PAGE_ORIGINAL},
    {"/hilfe", WA_PAGE_HELP},
    {"/opensearch.xml", WA_PAGE_OPENSEARCH},
};

int wa_cgi_page_for(const char *path_info, enum wa_cgi_page *out)
{
    size_t i;

    if (!path_info)
        path_info = "";
    for (i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        if (strcmp(path_info, pages[i].path) == 0) {
            *out = pages[i].page;
            return 0;
        }
    }
    return -1;
}

void wa_cgi_params_init(struct wa_cgi_params *p)
{
    memset(p, 0, sizeof *p);
    wa_request_init(&p->req, 1);
    p->req.facets = 1;
}

void wa_cgi_params_release(struct wa_cgi_params *p)
{
    if (!p)
        return;
    wa_request_release(&p->req);
    free(p->raw_from);
    free(p->raw_to);
    wa_cgi_params_init(p);
}

/* The parameters, the pages that take them, and whether they repeat. */
enum param {
    P_Q,
    P_FILTER,
    P_FROM,
    P_TO,
    P_SORT,
    P_PAGE,
    P_LIMIT,
    P_SIMILAR,
    P_FORMAT,
    P_ID,
    P_COUNT
};
#define ON(pg) (1u << (pg))
static const struct {
    const char *name;
    unsigned pages; /* ON(WA_PAGE_...) */
    int repeat;
} params[P_COUNT] = {
    [P_Q] = {"q", ON(WA_PAGE_SEARCH), 0},
    [P_FILTER] = {"filter", ON(WA_PAGE_SEARCH), 1},
    [P_FROM] = {"von", ON(WA_PAGE_SEARCH), 0},
    [P_TO] = {"bis", ON(WA_PAGE_SEARCH), 0},
    [P_SORT] = {"sortierung", ON(WA_PAGE_SEARCH), 0},
    [P_PAGE] = {"seite", ON(WA_PAGE_SEARCH), 0},
    [P_LIMIT] = {"anzahl", ON(WA_PAGE_SEARCH), 0},
    [P_SIMILAR] = {"aehnlich", ON(WA_PAGE_SEARCH), 0},
    [P_FORMAT] = {"format", ON(WA_PAGE_SEARCH) | ON(WA_PAGE_DOCUMENT), 0},
    [P_ID] = {"id", ON(WA_PAGE_DOCUMENT) | ON(WA_PAGE_ORIGINAL), 0},
};

/* "before'VALUE'after" with the value quoted (cut after a few dozen characters). */
static int set_err(char *err, size_t errlen, const char *before, const char *p, size_t len,
                   const char *after)
{
    char q[160];

    snprintf(err, errlen, "%s'%s'%s", before, wa_request_quote(p, len, q, sizeof q), after);
    return -1;
}

static int dup_str(char **out, const char *v)
{
    free(*out);
    *out = strdup(v);
    return *out ? 0 : -1;
}

/* Apply parameter k with the decoded value v (NUL-terminated, UTF-8). */
static int apply(struct wa_cgi_params *p, enum param k, const char *v, size_t vlen, char *err,
                 size_t errlen)
{
    struct wa_request *r = &p->req;

    switch (k) {
    case P_Q:
        p->asked = 1;
        return wa_request_set_query(r, v, vlen, err, errlen);
    case P_FILTER:
        p->asked = 1;
        return wa_request_add_filter(r, v, err, errlen);
    case P_FROM:
    case P_TO:
        if (!*v) /* an empty form field: not given */
            return 0;
        p->asked = 1;
        if (wa_request_set_date(r, k == P_TO, v, err, errlen))
            return -1;
        if (dup_str(k == P_TO ? &p->raw_to : &p->raw_from, v)) {
            snprintf(err, errlen, "kein Speicher mehr");
            return -1;
        }
        return 0;
    case P_SORT:
        return *v ? wa_request_set_sort(r, v, err, errlen) : 0;
    case P_PAGE:
        return *v ? wa_request_set_page(r, v, err, errlen) : 0;
    case P_LIMIT:
        return *v ? wa_request_set_limit(r, v, err, errlen) : 0;
    case P_SIMILAR:
        p->asked = 1;
        return wa_request_set_id(r, 1, v, vlen, err, errlen);
    case P_FORMAT:
        if (strcmp(v, "json") == 0)
            p->json = 1;
        else if (strcmp(v, "html") != 0)
            return set_err(err, errlen, "format will html oder json, nicht ", v, vlen, "");
        return 0;
    case P_ID:
        return wa_request_set_id(r, 0, v, vlen, err, errlen);
    case P_COUNT:
        break;
    }
    return -1;
}

int wa_cgi_params_parse(struct wa_cgi_params *p, const char *qs, size_t len, char *err,
                        size_t errlen)
{
    const char *s = qs, *end = qs + len;
    unsigned seen = 0;
    struct wa_buf name, val;
    wa_status st;
    int rc = -1;

    wa_buf_init(&name, 256);
    wa_buf_init(&val, WA_CGI_MAX_QUERY_STRING);
    if (len > WA_CGI_MAX_QUERY_STRING) {
        snprintf(err, errlen, "die Anfrage ist zu lang (höchstens %d Bytes)",
                 WA_CGI_MAX_QUERY_STRING);
        goto cleanup;
    }
    while (s < end) {
        const char *amp = memchr(s, '&', (size_t)(end - s));
        const char *pe = amp ? amp : end;
        const char *eq = memchr(s, '=', (size_t)(pe - s));
        size_t k;
        if (pe == s) { /* "a=1&&b=2" */
            s = pe + 1;
            continue;
        }
        wa_buf_reset(&name);
        wa_buf_reset(&val);
        st = wa_unescape_url(&name, s, (size_t)((eq ? eq : pe) - s));
        if (st == WA_ERR_TOOBIG) { /* no parameter has a name that long */
            set_err(err, errlen, "unbekannter Parameter ", s, (size_t)((eq ? eq : pe) - s), "");
            goto cleanup;
        }
        if (st != WA_OK || (eq && wa_unescape_url(&val, eq + 1, (size_t)(pe - eq - 1)) != WA_OK)) {
            snprintf(err, errlen, "die Anfrage enthält eine ungültige Kodierung (%%-Folge)");
            goto cleanup;
        }
        if (!wa_utf8_valid(name.p, name.len) || !wa_utf8_valid(val.p, val.len)) {
            snprintf(err, errlen, "die Anfrage ist kein gültiger UTF-8-Text");
            goto cleanup;
        }
        for (k = 0; k < P_COUNT; k++)
            if (strcmp(params[k].name, name.p) == 0 && (params[k].pages & ON(p->page)))
                break;
        if (k == P_COUNT) {
            set_err(err, errlen, "unbekannter Parameter ", name.p, name.len, "");
            goto cleanup;
        }
        if (!params[k].repeat && (seen & (1u << k))) {
            set_err(err, errlen, "der Parameter ", name.p, name.len, " darf nur einmal vorkommen");
            goto cleanup;
        }
        seen |= 1u << k;
        if (apply(p, (enum param)k, val.p, val.len, err, errlen))
            goto cleanup;
        s = amp ? amp + 1 : end;
    }
    if ((p->page == WA_PAGE_DOCUMENT || p->page == WA_PAGE_ORIGINAL) && !p->req.show) {
        snprintf(err, errlen, "es fehlt der Parameter 'id' (die Kennung des Dokuments)");
        goto cleanup;
    }
    if (p->page == WA_PAGE_SEARCH && p->req.similar && p->req.query && *p->req.query) {
        snprintf(err, errlen, "'aehnlich' und 'q' lassen sich nicht verbinden");
        goto cleanup;
    }
    rc = wa_request_finish(&p->req, err, errlen);
cleanup:
    wa_buf_release(&name);
    wa_buf_release(&val);
    return rc;
}
