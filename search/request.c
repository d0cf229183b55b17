/* The search request model and its checks, shared by the CLI and the CGI. */
#include "request.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wa_buf.h"
#include "wa_date.h"
#include "wa_limits.h"
#include "wa_schema.h"
#include "wa_utf8.h"

const struct wa_request_names wa_request_cli_names = {
    "--filter", "--from", "--to", "--sort", "--limit", "--offset", "--page",
};
const struct wa_request_names wa_request_web_names = {
    "filter", "von", "bis", "sortierung", "anzahl", "start", "seite",
};

void wa_request_errf(char *err, size_t len, const char *fmt, ...)
{
    va_list ap;

    if (!err || !len)
        return;
    va_start(ap, fmt);
    vsnprintf(err, len, fmt, ap);
    va_end(ap);
}

void wa_request_init(struct wa_request *r, int web)
{
    memset(r, 0, sizeof *r);
    r->limit = 10;
    r->sort = WA_SORT_RELEVANCE;
    r->collapse = 1;
    r->max_limit = web ? WA_WEB_MAX_LIMIT : WA_CLI_MAX_LIMIT;
    r->max_offset = web ? WA_WEB_MAX_OFFSET : WA_CLI_MAX_OFFSET;
    r->max_page = web ? WA_WEB_MAX_PAGE : WA_CLI_MAX_PAGE;
    r->names = web ? &wa_request_web_names : &wa_request_cli_names;
}

void wa_request_release(struct wa_request *r)
{
    size_t i;
    int web;

    if (!r)
        return;
    web = r->names == &wa_request_web_names;
    for (i = 0; i < r->nfilters; i++)
        free((char *)r->filters[i].value);
    free(r->filters);
    free(r->query);
    free(r->similar);
    free(r->show);
    wa_request_init(r, web);
}

const char *wa_request_quote(const char *p, size_t len, char *out, size_t outlen)
{
    const char *s = p, *end = p + len;
    size_t o = 0, chars = 0;

    if (!outlen)
        return out;
    out[0] = '\0';
    if (!wa_utf8_valid(p, len)) {
        snprintf(out, outlen, "…");
        return out;
    }
    while (s < end && chars < WA_ERR_QUOTE_CHARS) {
        const char *c = s;
        int32_t cp = wa_utf8_next(&s, end);
        size_t n = (size_t)(s - c);
        if (o + n + 1 > outlen)
            break;
        if (cp < 0x20 || cp == 0x7f) {
            out[o++] = '?';
        } else {
            memcpy(out + o, c, n);
            o += n;
        }
        chars++;
    }
    out[o] = '\0';
    if (s < end && o + 4 <= outlen)
        memcpy(out + o, "…", 4); /* three bytes and the NUL */
    return out;
}

/* NFC copy of p[0..len) with controls as spaces (malloc'ed), or NULL when
 * out of memory. p must be valid UTF-8. */
static char *clean_copy(const char *p, size_t len)
{
    struct wa_buf b;

    size_t i;

    wa_buf_init(&b, 0);
    if (wa_utf8_normalize(p, len, &b) != WA_OK) {
        wa_buf_release(&b);
        return NULL;
    }
    /* the sanitiser keeps tabs and line breaks; a request has no use for them */
    for (i = 0; i < b.len; i++)
        if ((unsigned char)b.p[i] < 0x20 || b.p[i] == 0x7f)
            b.p[i] = ' ';
    return wa_buf_detach(&b, NULL);
}

int wa_request_set_query(struct wa_request *r, const char *p, size_t len, char *err, size_t errlen)
{
    char q[160], *c;

    if (!wa_utf8_valid(p, len) || memchr(p, '\0', len)) {
        wa_request_errf(err, errlen, "die Suchanfrage ist kein gültiger UTF-8-Text");
        return -1;
    }
    if (len > WA_MAX_QUERY_BYTES) {
        wa_request_errf(err, errlen, "die Suchanfrage ist zu lang (%zu Bytes, höchstens %d): '%s'",
                        len, WA_MAX_QUERY_BYTES, wa_request_quote(p, len, q, sizeof q));
        return -1;
    }
    c = clean_copy(p, len);
    if (!c) {
        wa_request_errf(err, errlen, "kein Speicher mehr");
        return -1;
    }
    free(r->query);
    r->query = c;
    return 0;
}

const char *wa_request_filter_fields(char *buf, size_t len)
{
    const struct wa_field *f;
    size_t used = 0;

    if (!len)
        return buf;
    buf[0] = '\0';
    for (f = wa_schema_fields(); f->key; f++) {
        int n;
        if (!f->bool_prefix)
            continue;
        if (strcmp(f->name_de, f->name_en) == 0)
            n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", f->name_de);
        else
            n = snprintf(buf + used, len - used, "%s%s/%s", used ? ", " : "", f->name_de,
                         f->name_en);
        if (n < 0 || (size_t)n >= len - used)
            break;
        used += (size_t)n;
    }
    return buf;
}

int wa_request_add_filter(struct wa_request *r, const char *spec, char *err, size_t errlen)
{
    const char *eq = strchr(spec, '=');
    const char *name = r->names->filter;
    const struct wa_field *fd;
    struct wa_filter *n;
    char valid[256], q[160];
    size_t klen, vlen, slen = strlen(spec);
    const char *v;
    char *c;

    if (!wa_utf8_valid(spec, slen)) {
        wa_request_errf(err, errlen, "ein Wert von %s ist kein gültiger UTF-8-Text", name);
        return -1;
    }
    if (r->nfilters >= WA_MAX_FILTERS) {
        wa_request_errf(err, errlen, "zu viele Filter (höchstens %d)", WA_MAX_FILTERS);
        return -1;
    }
    if (!eq) {
        wa_request_errf(err, errlen, "%s will FELD=WERT, nicht '%s'", name,
                        wa_request_quote(spec, slen, q, sizeof q));
        return -1;
    }
    klen = (size_t)(eq - spec);
    while (klen && (spec[klen - 1] == ' ' || spec[klen - 1] == '\t'))
        klen--;
    fd = klen ? wa_schema_field(spec, klen) : NULL;
    if (!fd || !fd->bool_prefix) {
        if (fd && (fd->flags & WA_F_RANGE))
            wa_request_errf(err, errlen,
                            "nach '%.*s' kann nicht gefiltert werden: %s und %s begrenzen "
                            "das Datum",
                            (int)klen, spec, r->names->from, r->names->to);
        else
            wa_request_errf(err, errlen, "unbekanntes Filterfeld '%s' (gültige Felder: %s)",
                            wa_request_quote(spec, klen, q, sizeof q),
                            wa_request_filter_fields(valid, sizeof valid));
        return -1;
    }
    /* controls become spaces, and spaces around the value do not count */
    c = clean_copy(eq + 1, strlen(eq + 1));
    if (!c) {
        wa_request_errf(err, errlen, "kein Speicher mehr");
        return -1;
    }
    for (v = c; *v == ' '; v++)
        ;
    vlen = strlen(v);
    while (vlen && v[vlen - 1] == ' ')
        vlen--;
    memmove(c, v, vlen);
    c[vlen] = '\0';
    if (!vlen) {
        free(c);
        wa_request_errf(err, errlen, "%s '%s' hat keinen Wert", name,
                        wa_request_quote(spec, slen, q, sizeof q));
        return -1;
    }
    n = realloc(r->filters, (r->nfilters + 1) * sizeof *n);
    if (!n) {
        free(c);
        wa_request_errf(err, errlen, "kein Speicher mehr");
        return -1;
    }
    r->filters = n;
    r->filters[r->nfilters].field = fd->key;
    r->filters[r->nfilters].value = c;
    r->nfilters++;
    return 0;
}

int wa_request_set_date(struct wa_request *r, int end, const char *arg, char *err, size_t errlen)
{
    struct wa_date d;
    char q[160];

    if (!arg || !*arg || !wa_utf8_valid(arg, strlen(arg)) ||
        wa_date_parse(arg, strlen(arg), &d) != 0) {
        wa_request_errf(err, errlen,
                        "%s: '%s' ist kein Datum (Beispiele: 2021, 3.2021, 12.03.2021, 2021-03-12, "
                        "März 2021)",
                        end ? r->names->to : r->names->from,
                        arg ? wa_request_quote(arg, strlen(arg), q, sizeof q) : "");
        return -1;
    }
    wa_date_bound(&d, end, end ? r->date_to : r->date_from);
    (end ? r->date_to : r->date_from)[8] = '\0';
    return 0;
}

int wa_request_set_sort(struct wa_request *r, const char *arg, char *err, size_t errlen)
{
    static const struct {
        const char *name;
        enum wa_sort sort;
    } names[] = {
        {"relevance", WA_SORT_RELEVANCE}, {"relevanz", WA_SORT_RELEVANCE},
        {"newest", WA_SORT_NEWEST},       {"neueste", WA_SORT_NEWEST},
        {"oldest", WA_SORT_OLDEST},       {"älteste", WA_SORT_OLDEST},
        {"aelteste", WA_SORT_OLDEST},     {"Älteste", WA_SORT_OLDEST},
    };
    size_t i;
    char q[160];

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcasecmp(arg, names[i].name) == 0) {
            r->sort = names[i].sort;
            return 0;
        }
    }
    wa_request_errf(err, errlen, "%s will relevanz, neueste oder älteste, nicht '%s'",
                    r->names->sort, wa_request_quote(arg, strlen(arg), q, sizeof q));
    return -1;
}

/* A decimal number from min to max into *out; 0, or -1 with the message. */
static int number(const char *name, const char *arg, unsigned min, unsigned max, unsigned *out,
                  char *err, size_t errlen)
{
    char *end, q[160];
    long v;

    if (arg && *arg >= '0' && *arg <= '9') {
        v = strtol(arg, &end, 10);
        if (!*end && v >= (long)min && (unsigned long)v <= max) {
            *out = (unsigned)v;
            return 0;
        }
    }
    wa_request_errf(err, errlen, "%s will eine Zahl von %u bis %u, nicht '%s'", name, min, max,
                    arg ? wa_request_quote(arg, strlen(arg), q, sizeof q) : "");
    return -1;
}

int wa_request_set_limit(struct wa_request *r, const char *arg, char *err, size_t errlen)
{
    return number(r->names->limit, arg, 0, r->max_limit, &r->limit, err, errlen);
}

int wa_request_set_offset(struct wa_request *r, const char *arg, char *err, size_t errlen)
{
    if (number(r->names->offset, arg, 0, r->max_offset, &r->offset, err, errlen))
        return -1;
    r->offset_set = 1;
    return 0;
}

int wa_request_set_page(struct wa_request *r, const char *arg, char *err, size_t errlen)
{
    return number(r->names->page, arg, 1, r->max_page, &r->page, err, errlen);
}

int wa_request_set_id(struct wa_request *r, int similar, const char *p, size_t len, char *err,
                      size_t errlen)
{
    size_t i;
    char *c;

    for (i = 0; i < len; i++)
        if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
            break;
    if (!len || i < len || len > WA_MAX_ID_BYTES || !wa_utf8_valid(p, len)) {
        wa_request_errf(err, errlen, "die Dokument-ID ist ungültig");
        return -1;
    }
    c = malloc(len + 1);
    if (!c) {
        wa_request_errf(err, errlen, "kein Speicher mehr");
        return -1;
    }
    memcpy(c, p, len);
    c[len] = '\0';
    if (similar) {
        free(r->similar);
        r->similar = c;
    } else {
        free(r->show);
        r->show = c;
        r->kind = WA_REQUEST_SHOW;
    }
    return 0;
}

/* Check the words of the query: their number, wildcards, NEAR/n widths. */
static int check_words(const char *q, char *err, size_t errlen)
{
    const char *s = q, *end = q + strlen(q);
    unsigned words = 0, wild = 0;
    char quoted[160];

    while (s < end) {
        const char *w = s;
        int32_t cp = wa_utf8_next(&s, end);
        if (!wa_utf8_isalnum(cp))
            continue;
        words++;
        while (s < end) {
            const char *at = s;
            cp = wa_utf8_next(&s, end);
            if (!wa_utf8_isalnum(cp)) {
                s = at;
                break;
            }
        }
        if (s < end && *s == '*')
            wild++;
        /* NEAR/n, NAHE/n, ADJ/n: n is a window in words */
        if (s + 1 < end && *s == '/' && s[1] >= '0' && s[1] <= '9' &&
            ((s - w == 4 && (strncmp(w, "NEAR", 4) == 0 || strncmp(w, "NAHE", 4) == 0)) ||
             (s - w == 3 && strncmp(w, "ADJ", 3) == 0))) {
            char *e;
            unsigned long n = strtoul(s + 1, &e, 10);
            if (n > WA_MAX_NEAR_WIDTH) {
                wa_request_errf(err, errlen, "%.*s/%s ist zu weit (höchstens %.*s/%d)",
                                (int)(s - w), w,
                                wa_request_quote(s + 1, (size_t)(e - s - 1), quoted, sizeof quoted),
                                (int)(s - w), w, WA_MAX_NEAR_WIDTH);
                return -1;
            }
            s = e;
        }
    }
    if (words > WA_MAX_QUERY_TERMS) {
        wa_request_errf(err, errlen, "die Suchanfrage hat zu viele Wörter (%u, höchstens %d): '%s'",
                        words, WA_MAX_QUERY_TERMS,
                        wa_request_quote(q, strlen(q), quoted, sizeof quoted));
        return -1;
    }
    if (wild > WA_MAX_WILDCARDS) {
        wa_request_errf(err, errlen,
                        "die Suchanfrage hat zu viele Platzhalter * (%u, höchstens %d)", wild,
                        WA_MAX_WILDCARDS);
        return -1;
    }
    return 0;
}

/* "YYYYMMDD" as "DD.MM.YYYY" into out[11]. */
static const char *date_de(const char *d, char out[11])
{
    snprintf(out, 11, "%.2s.%.2s.%.4s", d + 6, d + 4, d);
    return out;
}

int wa_request_finish(struct wa_request *r, char *err, size_t errlen)
{
    char a[11], b[11];

    if (r->page && r->offset_set) {
        wa_request_errf(err, errlen, "%s und %s schließen sich aus", r->names->page,
                        r->names->offset);
        return -1;
    }
    if (r->page) {
        unsigned long long off = (unsigned long long)(r->page - 1) * r->limit;
        if (off > r->max_offset) {
            wa_request_errf(err, errlen,
                            "%s %u ist zu weit (höchstens %u Treffer lassen sich überspringen)",
                            r->names->page, r->page, r->max_offset);
            return -1;
        }
        r->offset = (unsigned)off;
    }
    if (r->date_from[0] && r->date_to[0] && strcmp(r->date_from, r->date_to) > 0) {
        wa_request_errf(err, errlen, "%s %s liegt nach %s %s", r->names->from,
                        date_de(r->date_from, a), r->names->to, date_de(r->date_to, b));
        return -1;
    }
    if (r->query && check_words(r->query, err, errlen))
        return -1;
    return 0;
}

void wa_request_search_opts(const struct wa_request *r, struct wa_search_opts *so, char *idterm,
                            size_t idlen)
{
    so->query = r->query ? r->query : "";
    so->offset = r->offset;
    so->limit = r->limit;
    so->sort = r->sort;
    so->filters = r->filters;
    so->nfilters = r->nfilters;
    so->date_from = r->date_from[0] ? r->date_from : NULL;
    so->date_to = r->date_to[0] ? r->date_to : NULL;
    so->facets = r->facets;
    so->collapse = r->collapse;
    so->spelling = 1;
    so->similar = r->similar ? wa_schema_idterm(r->similar, idterm, idlen) : NULL;
}

void wa_request_hints(const struct wa_request *r, struct wa_results *res)
{
    int dates = r->date_from[0] || r->date_to[0];

    res->hints = 0;
    if (res->n > 0)
        return;
    if (res->total > 0) {
        res->hints = WA_HINT_PAST_END;
        return;
    }
    if (r->nfilters)
        res->hints |= WA_HINT_NO_FILTERS;
    if (dates)
        res->hints |= WA_HINT_WIDER_DATES;
    if (!r->nfilters && !dates && r->query && *r->query && !res->suggestion && !r->similar)
        res->hints |= WA_HINT_OTHER_WORDS;
}
