/* HTML pages of werkarchiv.cgi: German, accessible (WCAG 2.1 AA), no script.
 * Every string from the request or the index passes one escaping function
 * of lib/wa_escape.h for its context, exactly once, here. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi.h"
#include "render.h"
#include "wa_escape.h"
#include "wa_schema.h"

/* A writer with a sticky status: after the first failure nothing is added,
 * and the status is returned at the end. */
struct w {
    struct wa_buf *b;
    wa_status st;
};

/* literal markup */
static void s_(struct w *w, const char *s)
{
    if (w->st == WA_OK)
        w->st = wa_buf_adds(w->b, s);
}

/* text, escaped for HTML text */
static void h_(struct w *w, const char *s)
{
    if (w->st == WA_OK && s)
        w->st = wa_escape_html(w->b, s, strlen(s));
}

/* text, escaped for a quoted attribute value */
static void a_(struct w *w, const char *s)
{
    if (w->st == WA_OK && s)
        w->st = wa_escape_attr(w->b, s, strlen(s));
}

/* text, escaped for a URL query component */
static void u_(struct w *w, const char *s)
{
    if (w->st == WA_OK && s)
        w->st = wa_escape_url(w->b, s, strlen(s));
}

static void f_(struct w *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* formatted markup: only for numbers and literals, never for data */
static void f_(struct w *w, const char *fmt, ...)
{
    va_list ap;

    if (w->st != WA_OK)
        return;
    va_start(ap, fmt);
    w->st = wa_buf_vaddf(w->b, fmt, ap);
    va_end(ap);
}

/* n with German thousands separators ("12.345") into out. */
static const char *num_de(unsigned long n, char *out, size_t len)
{
    char digits[32];
    size_t nd, i, o = 0;

    snprintf(digits, sizeof digits, "%lu", n);
    nd = strlen(digits);
    for (i = 0; i < nd && o + 2 < len; i++) {
        if (i && (nd - i) % 3 == 0)
            out[o++] = '.';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return out;
}

/* The German query name of a schema key ("type" -> "typ"). */
static const char *field_name(const char *key)
{
    const struct wa_field *f = wa_schema_field(key, strlen(key));
    return f ? f->name_de : key;
}

static const char *field_label(const char *key)
{
    const struct wa_field *f = wa_schema_field(key, strlen(key));
    return f ? f->label_de : key;
}

enum nav { NAV_NONE, NAV_SEARCH, NAV_HELP };

static void head(struct w *w, const struct wa_html_ctx *x, const char *title, enum nav nav)
{
    s_(w, "<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
    h_(w, title);
    s_(w, " – ");
    h_(w, x->cfg->title);
    s_(w, "</title>\n<link rel=\"stylesheet\" href=\"");
    a_(w, x->cfg->stylesheet);
    s_(w, "\">\n<link rel=\"search\" type=\"application/opensearchdescription+xml\" title=\"");
    a_(w, x->cfg->title);
    s_(w, "\" href=\"");
    a_(w, x->script);
    s_(w, "/opensearch.xml\">\n</head>\n<body>\n"
          "<a class=\"springen\" href=\"#inhalt\">Zum Inhalt springen</a>\n"
          "<header class=\"kopf\">\n<div class=\"kopf-innen\">\n<a class=\"marke\" href=\"");
    a_(w, x->script);
    s_(w, "/\">");
    h_(w, x->cfg->title);
    s_(w, "</a>\n<nav aria-label=\"Hauptmenü\">\n<ul>\n<li><a href=\"");
    a_(w, x->script);
    s_(w, nav == NAV_SEARCH ? "/\" aria-current=\"page\">Suche</a></li>\n<li><a href=\""
                            : "/\">Suche</a></li>\n<li><a href=\"");
    a_(w, x->script);
    s_(w, nav == NAV_HELP ? "/hilfe\" aria-current=\"page\">Hilfe zur Suche</a></li>\n"
                          : "/hilfe\">Hilfe zur Suche</a></li>\n");
    s_(w, "</ul>\n</nav>\n");
    if (x->user) {
        s_(w, "<p class=\"nutzer\">Angemeldet als ");
        h_(w, x->user);
        s_(w, " (Mitglied: auch interne Dokumente)</p>\n");
    }
    s_(w, "</div>\n</header>\n<main id=\"inhalt\" tabindex=\"-1\">\n");
}

static void foot(struct w *w, const struct wa_html_ctx *x)
{
    s_(w, "</main>\n<footer class=\"fuss\">\n<p>");
    h_(w, x->cfg->title);
    s_(w, " – Wissensarchiv des Netzwerks NExT. <a href=\"");
    a_(w, x->script);
    s_(w, "/hilfe\">Hilfe zur Suche</a></p>\n</footer>\n</body>\n</html>\n");
}

/* The sort order's parameter value. */
static const char *sort_value(enum wa_sort s)
{
    return s == WA_SORT_NEWEST ? "neueste" : s == WA_SORT_OLDEST ? "aelteste" : "relevanz";
}

static void search_form(struct w *w, const struct wa_html_ctx *x, const struct wa_cgi_params *p)
{
    static const struct {
        enum wa_sort sort;
        const char *label;
    } sorts[] = {
        {WA_SORT_RELEVANCE, "Relevanz"},
        {WA_SORT_NEWEST, "neueste zuerst"},
        {WA_SORT_OLDEST, "älteste zuerst"},
    };
    const struct wa_request *r = p ? &p->req : NULL;
    size_t i;

    s_(w, "<form class=\"suche\" role=\"search\" method=\"get\" action=\"");
    a_(w, x->script);
    s_(w, "/\">\n<div class=\"suchzeile\">\n<label for=\"q\">Suchbegriffe</label>\n"
          "<input type=\"search\" id=\"q\" name=\"q\" maxlength=\"1024\" "
          "aria-describedby=\"q-beispiele\" value=\"");
    if (r && r->query)
        a_(w, r->query);
    s_(w, "\">\n<button type=\"submit\">Suchen</button>\n</div>\n"
          "<p id=\"q-beispiele\" class=\"beispiele\">Zum Beispiel: Bürgerbeteiligung, "
          "„offene Daten“ (als Phrase), KI NICHT Chatbot, titel:Protokoll. <a href=\"");
    a_(w, x->script);
    s_(w, "/hilfe\">Alle Möglichkeiten der Suche</a></p>\n"
          "<fieldset class=\"eingrenzen\">\n<legend>Zeitraum und Sortierung</legend>\n"
          "<div class=\"feld\"><label for=\"von\">von (Jahr oder Datum)</label>\n"
          "<input type=\"text\" id=\"von\" name=\"von\" size=\"10\" maxlength=\"40\" "
          "inputmode=\"numeric\" value=\"");
    if (p && p->raw_from)
        a_(w, p->raw_from);
    s_(w, "\"></div>\n<div class=\"feld\"><label for=\"bis\">bis (Jahr oder Datum)</label>\n"
          "<input type=\"text\" id=\"bis\" name=\"bis\" size=\"10\" maxlength=\"40\" "
          "inputmode=\"numeric\" value=\"");
    if (p && p->raw_to)
        a_(w, p->raw_to);
    s_(w, "\"></div>\n<div class=\"feld\"><label for=\"sortierung\">Sortierung</label>\n"
          "<select id=\"sortierung\" name=\"sortierung\">\n");
    for (i = 0; i < sizeof sorts / sizeof sorts[0]; i++) {
        f_(w, "<option value=\"%s\"%s>%s</option>\n", sort_value(sorts[i].sort),
           r && r->sort == sorts[i].sort ? " selected" : "", sorts[i].label);
    }
    s_(w, "</select></div>\n</fieldset>\n");
    for (i = 0; r && i < r->nfilters; i++) {
        s_(w, "<input type=\"hidden\" name=\"filter\" value=\"");
        a_(w, field_name(r->filters[i].field));
        s_(w, "=");
        a_(w, r->filters[i].value);
        s_(w, "\">\n");
    }
    s_(w, "</form>\n");
}

wa_status wa_html_search_link(struct wa_buf *out, const struct wa_html_ctx *x,
                              const struct wa_cgi_params *p, size_t drop, const char *add,
                              unsigned page)
{
    struct w w = {out, WA_OK};
    const struct wa_request *r = &p->req;
    size_t i;

    a_(&w, x->script);
    s_(&w, "/?q=");
    u_(&w, r->query ? r->query : "");
    for (i = 0; i < r->nfilters; i++) {
        if (i == drop)
            continue;
        s_(&w, "&amp;filter=");
        u_(&w, field_name(r->filters[i].field));
        s_(&w, "%3D");
        u_(&w, r->filters[i].value);
    }
    if (add) {
        s_(&w, "&amp;filter=");
        u_(&w, add);
    }
    if (p->raw_from && drop != (size_t)-2) {
        s_(&w, "&amp;von=");
        u_(&w, p->raw_from);
    }
    if (p->raw_to && drop != (size_t)-2) {
        s_(&w, "&amp;bis=");
        u_(&w, p->raw_to);
    }
    if (r->sort != WA_SORT_RELEVANCE)
        f_(&w, "&amp;sortierung=%s", sort_value(r->sort));
    if (r->limit != 10)
        f_(&w, "&amp;anzahl=%u", r->limit);
    if (r->similar) {
        s_(&w, "&amp;aehnlich=");
        u_(&w, r->similar);
    }
    if (page > 1)
        f_(&w, "&amp;seite=%u", page);
    return w.st;
}

/* Link to a results page (see wa_html_search_link) as href="...". */
static void search_href(struct w *w, const struct wa_html_ctx *x, const struct wa_cgi_params *p,
                        size_t drop, const char *add, unsigned page)
{
    s_(w, "href=\"");
    if (w->st == WA_OK)
        w->st = wa_html_search_link(w->b, x, p, drop, add, page);
    s_(w, "\"");
}

static void doc_href(struct w *w, const struct wa_html_ctx *x, const char *what, const char *id)
{
    s_(w, "href=\"");
    a_(w, x->script);
    s_(w, what);
    u_(w, id);
    s_(w, "\"");
}

/* "Datum · Werkstatt · Typ" of a hit. */
static void meta_line(struct w *w, const struct wa_record *rec)
{
    char date[64];
    const char *sep = "";

    s_(w, "<p class=\"meta\">");
    if (rec->date) {
        s_(w, "<span>Datum: ");
        h_(w, wa_render_date_de(rec->date, date, sizeof date));
        s_(w, "</span>");
        sep = " · ";
    }
    if (rec->werkstatt) {
        s_(w, sep);
        s_(w, "<span>Werkstatt: ");
        h_(w, rec->werkstatt);
        s_(w, "</span>");
        sep = " · ";
    }
    if (rec->type) {
        s_(w, sep);
        s_(w, "<span>Typ: ");
        h_(w, rec->type);
        s_(w, "</span>");
        sep = " · ";
    }
    if (wa_record_is_internal(rec)) {
        s_(w, sep);
        s_(w, "<span class=\"intern\">intern</span>");
    }
    s_(w, "</p>\n");
}

static const char *title_of(const struct wa_record *rec)
{
    return rec->title && *rec->title ? rec->title : rec->id ? rec->id : "(ohne Titel)";
}

static void hit(struct w *w, const struct wa_html_ctx *x, const struct wa_hit *h)
{
    s_(w, "<li class=\"treffer\">\n<h3 class=\"titel\"><a ");
    doc_href(w, x, "/dokument?id=", h->rec.id);
    s_(w, ">");
    h_(w, title_of(&h->rec));
    s_(w, "</a></h3>\n");
    meta_line(w, &h->rec);
    if (h->snippet_marked && *h->snippet_marked) {
        s_(w, "<p class=\"auszug\">");
        if (w->st == WA_OK)
            w->st = wa_escape_html_marked(w->b, h->snippet_marked, strlen(h->snippet_marked),
                                          WA_HL_START[0], WA_HL_END[0]);
        s_(w, "</p>\n");
    }
    s_(w, "<p class=\"aktionen\"><a ");
    doc_href(w, x, "/?aehnlich=", h->rec.id);
    s_(w, ">Ähnliche Dokumente<span class=\"vh\"> zu „");
    h_(w, title_of(&h->rec));
    s_(w, "“</span></a>");
    if (h->collapsed)
        f_(w, " <span class=\"kopien\">(%lu gleichlautende Fassung%s zusammengefasst)</span>",
           h->collapsed, h->collapsed == 1 ? "" : "en");
    s_(w, "</p>\n</li>\n");
}

/* Index of the active filter field=value, or -1. */
static long active_filter(const struct wa_request *r, const char *key, const char *value)
{
    size_t i;

    for (i = 0; i < r->nfilters; i++)
        if (strcmp(r->filters[i].field, key) == 0 && strcmp(r->filters[i].value, value) == 0)
            return (long)i;
    return -1;
}

static void facet_value(struct w *w, const struct wa_html_ctx *x, const struct wa_cgi_params *p,
                        const struct wa_facet_list *f, const struct wa_facet_value *v)
{
    char n[32], add[600];
    long act = active_filter(&p->req, f->key, v->value);

    if (strcmp(f->key, "year") == 0 && strcmp(v->value, WA_FACET_UNDATED) == 0) {
        /* counted, but no filter selects it */
        s_(w, "<li>");
        h_(w, v->value);
        f_(w, " <span class=\"zahl\">(%s<span class=\"vh\"> Treffer</span>)</span></li>\n",
           num_de(v->count, n, sizeof n));
        return;
    }
    if (act >= 0) {
        s_(w, "<li class=\"gewaehlt\"><strong>");
        h_(w, v->value);
        f_(w, " (%s)</strong> ausgewählt – <a ", num_de(v->count, n, sizeof n));
        search_href(w, x, p, (size_t)act, NULL, 0);
        s_(w, ">entfernen<span class=\"vh\"> (");
        h_(w, f->label);
        s_(w, ": ");
        h_(w, v->value);
        s_(w, ")</span></a></li>\n");
        return;
    }
    snprintf(add, sizeof add, "%s=%s", field_name(f->key), v->value);
    s_(w, "<li><a ");
    search_href(w, x, p, (size_t)-1, add, 0);
    s_(w, ">");
    h_(w, v->value);
    f_(w, " <span class=\"zahl\">(%s<span class=\"vh\"> Treffer</span>)</span></a></li>\n",
       num_de(v->count, n, sizeof n));
}

static void facets(struct w *w, const struct wa_html_ctx *x, const struct wa_cgi_params *p,
                   const struct wa_results *r)
{
    size_t i, j, shown = 0;

    for (i = 0; i < r->nfacets; i++)
        shown += r->facets[i].n;
    if (!shown)
        return;
    s_(w, "<aside class=\"facetten\" aria-labelledby=\"facetten-titel\">\n"
          "<h2 id=\"facetten-titel\">Ergebnisse eingrenzen</h2>\n");
    for (i = 0; i < r->nfacets; i++) {
        const struct wa_facet_list *f = &r->facets[i];
        const struct wa_facet_value **v;
        if (!f->n)
            continue;
        v = malloc(f->n * sizeof *v);
        if (!v) {
            w->st = WA_ERR_NOMEM;
            return;
        }
        for (j = 0; j < f->n; j++)
            v[j] = &f->v[j];
        /* in the model's order: years newest first, the rest by count */
        s_(w, "<section class=\"facette\">\n<h3>");
        h_(w, f->label);
        s_(w, "</h3>\n<ul>\n");
        for (j = 0; j < f->n && j < WA_CGI_FACET_TOP; j++)
            facet_value(w, x, p, f, v[j]);
        s_(w, "</ul>\n");
        if (f->n > WA_CGI_FACET_TOP) {
            s_(w, "<details>\n<summary>mehr<span class=\"vh\"> (");
            h_(w, f->label);
            s_(w, ")</span></summary>\n<ul>\n");
            for (; j < f->n; j++)
                facet_value(w, x, p, f, v[j]);
            s_(w, "</ul>\n</details>\n");
        }
        s_(w, "</section>\n");
        free(v);
    }
    s_(w, "</aside>\n");
}

static void active_filters(struct w *w, const struct wa_html_ctx *x, const struct wa_cgi_params *p)
{
    const struct wa_request *r = &p->req;
    char d[64];
    size_t i;

    if (!r->nfilters && !p->raw_from && !p->raw_to)
        return;
    s_(w, "<div class=\"aktiv\">\n<h2>Aktive Filter</h2>\n<ul>\n");
    for (i = 0; i < r->nfilters; i++) {
        s_(w, "<li>");
        h_(w, field_label(r->filters[i].field));
        s_(w, ": <strong>");
        h_(w, r->filters[i].value);
        s_(w, "</strong> <a ");
        search_href(w, x, p, i, NULL, 0);
        s_(w, ">entfernen<span class=\"vh\"> (");
        h_(w, field_label(r->filters[i].field));
        s_(w, ": ");
        h_(w, r->filters[i].value);
        s_(w, ")</span></a></li>\n");
    }
    if (p->raw_from || p->raw_to) {
        s_(w, "<li>Zeitraum: <strong>");
        if (r->date_from[0]) {
            snprintf(d, sizeof d, "%.2s.%.2s.%.4s", r->date_from + 6, r->date_from + 4,
                     r->date_from);
            s_(w, "ab ");
            h_(w, d);
        }
        if (r->date_to[0]) {
            snprintf(d, sizeof d, "%.2s.%.2s.%.4s", r->date_to + 6, r->date_to + 4, r->date_to);
            s_(w, r->date_from[0] ? " bis " : "bis ");
            h_(w, d);
        }
        s_(w, "</strong> <a ");
        search_href(w, x, p, (size_t)-2, NULL, 0);
        s_(w, ">entfernen<span class=\"vh\"> (Zeitraum)</span></a></li>\n");
    }
    s_(w, "</ul>\n</div>\n");
}

static void pagination(struct w *w, const struct wa_html_ctx *x, const struct wa_cgi_params *p,
                       const struct wa_results *r)
{
    const struct wa_request *q = &p->req;
    unsigned long pages, last_by_offset;
    unsigned cur, i, from, to;

    if (!q->limit || r->total <= q->limit)
        return;
    pages = (r->total + q->limit - 1) / q->limit;
    last_by_offset = q->max_offset / q->limit + 1;
    if (pages > last_by_offset)
        pages = last_by_offset;
    cur = q->offset / q->limit + 1;
    from = cur > 3 ? cur - 2 : 1;
    to = cur + 2 < pages ? cur + 2 : (unsigned)pages;
    s_(w, "<nav class=\"seiten\" aria-label=\"Seiten der Ergebnisse\">\n<ul>\n");
    if (cur > 1) {
        s_(w, "<li><a rel=\"prev\" ");
        search_href(w, x, p, (size_t)-1, NULL, cur - 1);
        s_(w, ">Vorherige Seite</a></li>\n");
    }
    if (from > 1) {
        s_(w, "<li><a ");
        search_href(w, x, p, (size_t)-1, NULL, 1);
        s_(w, " aria-label=\"Seite 1\">1</a></li>\n");
        if (from > 2)
            s_(w, "<li class=\"luecke\" aria-hidden=\"true\">…</li>\n");
    }
    for (i = from; i <= to; i++) {
        s_(w, "<li><a ");
        search_href(w, x, p, (size_t)-1, NULL, i);
        if (i == cur)
            f_(w, " aria-current=\"page\" aria-label=\"Seite %u, aktuelle Seite\">%u</a></li>\n", i,
               i);
        else
            f_(w, " aria-label=\"Seite %u\">%u</a></li>\n", i, i);
    }
    if (cur < pages) {
        s_(w, "<li><a rel=\"next\" ");
        search_href(w, x, p, (size_t)-1, NULL, cur + 1);
        s_(w, ">Nächste Seite</a></li>\n");
    }
    s_(w, "</ul>\n</nav>\n");
}

static void no_hits(struct w *w, const struct wa_results *r, const struct wa_cgi_params *p)
{
    char n[32];

    if (r->hints & WA_HINT_PAST_END) {
        f_(w, "<p>Auf dieser Seite gibt es keine Treffer mehr – insgesamt gibt es nur %s.</p>\n",
           num_de(r->total, n, sizeof n));
        return;
    }
    s_(w, "<p>Keine Treffer.</p>\n<ul class=\"tipps\">\n");
    if (r->hints & WA_HINT_NO_FILTERS)
        s_(w, "<li>Entfernen Sie Filter (oben unter „Aktive Filter“).</li>\n");
    if (r->hints & WA_HINT_WIDER_DATES)
        s_(w, "<li>Wählen Sie einen größeren Zeitraum.</li>\n");
    if (r->hints & WA_HINT_OTHER_WORDS)
        s_(w, "<li>Versuchen Sie andere oder weniger Wörter.</li>\n");
    (void)p;
    s_(w, "<li>Prüfen Sie die Schreibweise.</li>\n</ul>\n");
}

wa_status wa_html_results(struct wa_buf *out, const struct wa_html_ctx *x,
                          const struct wa_cgi_params *p, const struct wa_results *r)
{
    struct w w = {out, WA_OK};
    const struct wa_request *q = &p->req;
    char n1[32], n2[32], n3[32];
    size_t i;

    head(&w, x, q->similar ? "Ähnliche Dokumente" : "Suchergebnisse", NAV_SEARCH);
    s_(&w, "<h1>");
    s_(&w, q->similar ? "Ähnliche Dokumente" : "Suchergebnisse");
    s_(&w, "</h1>\n");
    search_form(&w, x, p);
    if (q->query && *q->query) { /* on paper the form is not printed */
        s_(&w, "<p class=\"druck-anfrage\">Suchanfrage: „");
        h_(&w, q->query);
        s_(&w, "“</p>\n");
    }
    s_(&w, "<div class=\"spalten\">\n<section class=\"ergebnisse\" aria-labelledby=\"anzahl\">\n"
           "<h2 id=\"anzahl\" class=\"anzahl\">");
    if (r->total_exact || !r->total)
        f_(&w, "%s Treffer", num_de(r->total, n1, sizeof n1));
    else
        f_(&w, "etwa %s Treffer", num_de(r->total, n1, sizeof n1));
    if (r->n)
        f_(&w, "<span class=\"bereich\">, angezeigt %s bis %s</span>",
           num_de(r->offset + 1, n2, sizeof n2), num_de(r->offset + r->n, n3, sizeof n3));
    s_(&w, "</h2>\n");
    if (r->suggestion) {
        struct wa_cgi_params alt = *p;
        alt.req.query = r->suggestion;
        s_(&w, "<p class=\"meinten\">Meinten Sie <a ");
        search_href(&w, x, &alt, (size_t)-1, NULL, 0);
        s_(&w, "><em>");
        h_(&w, r->suggestion);
        s_(&w, "</em></a>?</p>\n");
    }
    if (r->relaxed)
        s_(&w,
           "<p class=\"hinweis\">Kein Dokument enthält alle Suchwörter. Angezeigt werden "
           "Dokumente, die möglichst viele davon enthalten – die mit den meisten zuerst.</p>\n");
    if (r->ignored.n) {
        s_(&w, "<p class=\"hinweis\">Nicht gesucht, weil zu häufig: ");
        for (i = 0; i < r->ignored.n; i++) {
            if (i)
                s_(&w, ", ");
            h_(&w, r->ignored.v[i]);
        }
        s_(&w, "</p>\n");
    }
    active_filters(&w, x, p);
    if (r->n) {
        f_(&w, "<ol class=\"treffer-liste\" start=\"%u\">\n", r->offset + 1);
        for (i = 0; i < r->n; i++)
            hit(&w, x, &r->hits[i]);
        s_(&w, "</ol>\n");
        pagination(&w, x, p, r);
    } else {
        no_hits(&w, r, p);
    }
    s_(&w, "</section>\n");
    facets(&w, x, p, r);
    s_(&w, "</div>\n");
    foot(&w, x);
    return w.st;
}

wa_status wa_html_start(struct wa_buf *out, const struct wa_html_ctx *x)
{
    struct w w = {out, WA_OK};

    head(&w, x, "Suche", NAV_SEARCH);
    s_(&w, "<h1>Im Archiv suchen</h1>\n<p class=\"einleitung\">Ergebnispapiere, Artikel und "
           "Protokolle aus den Werkstätten und Communities of Practice – mit deutscher "
           "Wortformensuche: „Sitzungen“ findet auch „Sitzung“, „Beteiligung“ auch "
           "„Bürgerbeteiligung“.</p>\n");
    search_form(&w, x, NULL);
    s_(&w, "<p><a ");
    s_(&w, "href=\"");
    a_(&w, x->script);
    s_(&w, "/?q=\">Alle Dokumente anzeigen</a>, die neuesten zuerst: <a href=\"");
    a_(&w, x->script);
    s_(&w, "/?q=&amp;sortierung=neueste\">neueste Dokumente</a>.</p>\n");
    foot(&w, x);
    return w.st;
}

/* A definition list row, when there is a value. */
static void dl_row(struct w *w, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    s_(w, "<dt>");
    h_(w, label);
    s_(w, "</dt><dd>");
    h_(w, value);
    s_(w, "</dd>\n");
}

static void dl_list(struct w *w, const char *label, const struct wa_strlist *l)
{
    size_t i;

    if (!l->n)
        return;
    s_(w, "<dt>");
    h_(w, label);
    s_(w, "</dt><dd>");
    for (i = 0; i < l->n; i++) {
        if (i)
            s_(w, ", ");
        h_(w, l->v[i]);
    }
    s_(w, "</dd>\n");
}

/* The full text as paragraphs at blank lines, lines kept. */
static void full_text(struct w *w, const char *t, size_t len)
{
    const char *s = t, *end = t + len;

    while (s < end && w->st == WA_OK) {
        const char *para = s, *stop;
        while (s < end && (*s == '\n' || *s == '\r' || *s == ' '))
            s++;
        para = s;
        stop = s;
        while (stop < end) {
            const char *nl = memchr(stop, '\n', (size_t)(end - stop));
            if (!nl) {
                stop = end;
                break;
            }
            if (nl + 1 < end &&
                (nl[1] == '\n' || (nl[1] == '\r' && nl + 2 < end && nl[2] == '\n'))) {
                stop = nl;
                break;
            }
            stop = nl + 1;
        }
        if (stop > para) {
            s_(w, "<p>");
            if (w->st == WA_OK)
                w->st = wa_escape_html(w->b, para, (size_t)(stop - para));
            s_(w, "</p>\n");
        }
        s = stop;
        if (s == para)
            s++;
    }
}

wa_status wa_html_document(struct wa_buf *out, const struct wa_html_ctx *x,
                           const struct wa_record *rec, const struct wa_results *similar)
{
    struct w w = {out, WA_OK};
    char date[64], size[48];
    size_t i;

    head(&w, x, title_of(rec), NAV_NONE);
    s_(&w, "<article class=\"dokument\">\n<h1>");
    h_(&w, title_of(rec));
    s_(&w, "</h1>\n<dl class=\"metadaten\">\n");
    if (rec->date)
        dl_row(&w, "Datum", wa_render_date_de(rec->date, date, sizeof date));
    dl_row(&w, "Typ", rec->type);
    dl_row(&w, "Werkstatt/Community", rec->werkstatt);
    dl_list(&w, "Autor:innen", &rec->authors);
    dl_list(&w, "Schlagworte", &rec->tags);
    dl_row(&w, "Sprache", rec->language);
    dl_row(&w, "Format", rec->format);
    if (x->user) { /* members only: anonymous visitors never see server paths */
        dl_row(&w, "Sichtbarkeit", rec->visibility);
        dl_row(&w, "Datei", rec->path);
    }
    s_(&w, "</dl>\n");
    if (rec->summary && *rec->summary) {
        s_(&w, "<p class=\"zusammenfassung\">");
        h_(&w, rec->summary);
        s_(&w, "</p>\n");
    }
    s_(&w, "<p><a class=\"knopf\" ");
    doc_href(&w, x, "/original?id=", rec->id);
    s_(&w, ">Original herunterladen");
    if (rec->format || rec->size > 0) {
        s_(&w, " <span class=\"dateiinfo\">(");
        if (rec->format) {
            char up[16];
            size_t k;
            for (k = 0; rec->format[k] && k + 1 < sizeof up; k++)
                up[k] = (char)(rec->format[k] >= 'a' && rec->format[k] <= 'z'
                                   ? rec->format[k] - 'a' + 'A'
                                   : rec->format[k]);
            up[k] = '\0';
            h_(&w, up);
        }
        if (rec->size > 0) {
            if (rec->size < 1024)
                snprintf(size, sizeof size, "%lld Byte", rec->size);
            else if (rec->size < 1024 * 1024)
                snprintf(size, sizeof size, "%lld KB", (rec->size + 1023) / 1024);
            else
                snprintf(size, sizeof size, "%.1f MB", (double)rec->size / (1024.0 * 1024.0));
            s_(&w, rec->format ? ", " : "");
            h_(&w, size);
        }
        s_(&w, ")</span>");
    }
    s_(&w, "</a></p>\n");
    s_(&w, "<section class=\"aehnlich\" aria-labelledby=\"aehnlich-titel\">\n"
           "<h2 id=\"aehnlich-titel\">Ähnliche Dokumente</h2>\n");
    if (similar && similar->n) {
        s_(&w, "<ul>\n");
        for (i = 0; i < similar->n; i++) {
            s_(&w, "<li><a ");
            doc_href(&w, x, "/dokument?id=", similar->hits[i].rec.id);
            s_(&w, ">");
            h_(&w, title_of(&similar->hits[i].rec));
            s_(&w, "</a>");
            if (similar->hits[i].rec.date) {
                s_(&w, " <span class=\"meta\">(");
                h_(&w, wa_render_date_de(similar->hits[i].rec.date, date, sizeof date));
                s_(&w, ")</span>");
            }
            s_(&w, "</li>\n");
        }
        s_(&w, "</ul>\n<p><a ");
        doc_href(&w, x, "/?aehnlich=", rec->id);
        s_(&w, ">Alle ähnlichen Dokumente</a></p>\n");
    } else {
        s_(&w, "<p>Keine ähnlichen Dokumente gefunden.</p>\n");
    }
    s_(&w, "</section>\n<section class=\"volltext\" aria-labelledby=\"volltext-titel\">\n"
           "<h2 id=\"volltext-titel\">Volltext</h2>\n");
    if (rec->text && rec->text_len)
        full_text(&w, rec->text, rec->text_len);
    else
        s_(&w, "<p>Zu diesem Dokument ist kein Text gespeichert.</p>\n");
    s_(&w, "</section>\n</article>\n");
    foot(&w, x);
    return w.st;
}

/* One example of the help page: the query as a link and what it finds. */
static void example(struct w *w, const struct wa_html_ctx *x, const char *q, const char *what)
{
    s_(w, "<tr><td><a href=\"");
    a_(w, x->script);
    s_(w, "/?q=");
    u_(w, q);
    s_(w, "\"><code>");
    h_(w, q);
    s_(w, "</code></a></td><td>");
    h_(w, what);
    s_(w, "</td></tr>\n");
}

wa_status wa_html_help(struct wa_buf *out, const struct wa_html_ctx *x)
{
    static const struct {
        const char *q, *what;
    } ex[] = {
        {"Sitzungen Verwaltung", "Dokumente mit beiden Wörtern, in jeder Wortform"},
        {"\"offene Verwaltung\"", "genau diese Wortfolge (Phrase)"},
        {"KI ODER Chatbot", "eines der Wörter genügt (auch: OR)"},
        {"Bürgerbeteiligung NICHT online",
         "ohne Dokumente, die „online“ enthalten (auch: NOT, -online)"},
        {"Verwaltung UND Digitalisierung", "beide Wörter (auch: AND; ohne Operator gilt UND)"},
        {"Sitzung NAHE Protokoll",
         "beide Wörter nah beieinander (auch: NEAR, NAHE/5 für höchstens 5 Wörter Abstand)"},
        {"digital*", "Wörter, die so beginnen (höchstens vier * je Anfrage)"},
        {"titel:Protokoll", "nur im Titel (auch: title:)"},
        {"autor:Müller", "nach Autor:in (auch: author:)"},
        {"werkstatt:\"Digitale Verwaltung\"", "aus einer Werkstatt oder Community"},
        {"typ:Ergebnispapier", "nach Dokumenttyp"},
        {"schlagwort:OZG", "nach Schlagwort"},
        {"jahr:2019..2021", "aus den Jahren 2019 bis 2021"},
        {"datum:1.3.2020..31.12.2021", "aus einem Zeitraum (deutsche oder ISO-Daten)"},
        {"Bürger*innen", "Genderformen finden auch die Grundform"},
        {"OZG", "Abkürzungen finden auch die ausgeschriebene Form"},
    };
    struct w w = {out, WA_OK};
    size_t i;

    head(&w, x, "Hilfe zur Suche", NAV_HELP);
    s_(&w, "<h1>Hilfe zur Suche</h1>\n"
           "<p>Geben Sie ein oder mehrere Wörter ein. Gefunden werden alle Wortformen "
           "(„Sitzungen“ findet „Sitzung“) und Teile zusammengesetzter Wörter („Gebühren“ "
           "findet „Abwassergebühren“). Groß- und Kleinschreibung spielt keine Rolle, "
           "„ae“, „oe“, „ue“ und „ss“ finden auch „ä“, „ö“, „ü“ und „ß“.</p>\n"
           "<h2>Beispiele</h2>\n<table class=\"beispiele-tabelle\">\n"
           "<caption>Suchanfragen und was sie finden</caption>\n"
           "<thead><tr><th scope=\"col\">Suchanfrage</th><th scope=\"col\">findet</th></tr>"
           "</thead>\n<tbody>\n");
    for (i = 0; i < sizeof ex / sizeof ex[0]; i++)
        example(&w, x, ex[i].q, ex[i].what);
    s_(&w, "</tbody>\n</table>\n<h2>Eingrenzen und sortieren</h2>\n"
           "<p>Unter dem Suchfeld lässt sich der Zeitraum begrenzen: „von“ und „bis“ nehmen ein "
           "Jahr (2021), einen Monat (3.2021, März 2021) oder ein Datum (12.03.2021, 2021-03-12). "
           "Neben den Ergebnissen stehen Werkstätten, Typen, Jahre, Schlagworte und Formate mit "
           "der Zahl ihrer Treffer; ein Klick grenzt die Suche darauf ein, „entfernen“ hebt den "
           "Filter wieder auf.</p>\n"
           "<h2>Wenn nichts gefunden wird</h2>\n"
           "<p>Enthält kein Dokument alle Wörter einer längeren Anfrage, zeigt die Suche "
           "Dokumente mit möglichst vielen davon und sagt das. Bei Tippfehlern schlägt sie unter "
           "„Meinten Sie …?“ eine Schreibweise vor.</p>\n"
           "<h2>Für Programme</h2>\n<p>Mit <code>format=json</code> in der Adresse antwortet die "
           "Suche im JSON-Format des Kommandozeilenprogramms. Browser können die Suche über "
           "OpenSearch als Suchmaschine hinzufügen.</p>\n");
    foot(&w, x);
    return w.st;
}

static const char *status_title(int status)
{
    switch (status) {
    case 400:
        return "Ungültige Anfrage";
    case 404:
        return "Nicht gefunden";
    case 405:
        return "Methode nicht erlaubt";
    case 503:
        return "Archiv nicht verfügbar";
    default:
        return "Interner Fehler";
    }
}

wa_status wa_html_error(struct wa_buf *out, const struct wa_html_ctx *x, int status,
                        const char *message)
{
    struct w w = {out, WA_OK};
    char title[96];

    snprintf(title, sizeof title, "Fehler %d: %s", status, status_title(status));
    head(&w, x, title, NAV_NONE);
    s_(&w, "<h1>");
    h_(&w, title);
    s_(&w, "</h1>\n<p class=\"fehler\">");
    h_(&w, message);
    s_(&w, "</p>\n<p><a href=\"");
    a_(&w, x->script);
    s_(&w, "/\">Zur Startseite der Suche</a> · <a href=\"");
    a_(&w, x->script);
    s_(&w, "/hilfe\">Hilfe zur Suche</a></p>\n");
    if (status == 400)
        search_form(&w, x, NULL);
    foot(&w, x);
    return w.st;
}

wa_status wa_html_opensearch(struct wa_buf *out, const struct wa_html_ctx *x, const char *base)
{
    struct w w = {out, WA_OK};
    char shortname[64];
    size_t n = strlen(x->cfg->title);

    /* ShortName: at most 16 characters; cut at a byte that starts a character */
    if (n > 16) {
        n = 16;
        while (n && (x->cfg->title[n] & 0xC0) == 0x80)
            n--;
    }
    snprintf(shortname, sizeof shortname, "%.*s", (int)n, x->cfg->title);
    s_(&w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
           "<ShortName>");
    h_(&w, shortname);
    s_(&w, "</ShortName>\n<Description>Volltextsuche: ");
    h_(&w, x->cfg->title);
    s_(&w, "</Description>\n<InputEncoding>UTF-8</InputEncoding>\n<Language>de-de</Language>\n"
           "<Url type=\"text/html\" method=\"get\" template=\"");
    a_(&w, base);
    a_(&w, x->script);
    s_(&w, "/?q={searchTerms}\"/>\n<Url type=\"application/json\" method=\"get\" template=\"");
    a_(&w, base);
    a_(&w, x->script);
    s_(&w, "/?q={searchTerms}&amp;format=json\"/>\n</OpenSearchDescription>\n");
    return w.st;
}
