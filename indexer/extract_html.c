/* HTML: libxml2's HTML parser from memory, safe flags, text without script/style. */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "wa_utf8.h"

static xmlParserInputPtr deny_entities(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void quiet_errors(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

/* Once per process: no entity ever loads anything, errors never reach stderr. */
static void libxml_setup(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    xmlInitParser();
    xmlSetExternalEntityLoader(deny_entities);
    xmlSetStructuredErrorFunc(NULL, quiet_errors);
}

/* The charset a document declares in its first bytes (<meta charset>, http-equiv), or "". */
static void declared_charset(const char *data, size_t len, char *out, size_t outlen)
{
    size_t n = len < 4096 ? len : 4096, i;

    out[0] = '\0';
    for (i = 0; i + 8 < n; i++) {
        if (strncasecmp(data + i, "charset=", 8) == 0) {
            size_t j = i + 8, k = 0;
            if (j < n && (data[j] == '"' || data[j] == '\''))
                j++;
            while (j < n && k + 1 < outlen &&
                   (isalnum((unsigned char)data[j]) || data[j] == '-' || data[j] == '_'))
                out[k++] = data[j++];
            out[k] = '\0';
            return;
        }
    }
}

static int is_skipped(const char *name)
{
    static const char *const skip[] = {"script", "style",  "noscript", "template", "head",
                                       "svg",    "object", "iframe",   NULL};
    size_t i;
    for (i = 0; skip[i]; i++)
        if (strcasecmp(name, skip[i]) == 0)
            return 1;
    return 0;
}

static int is_block(const char *name)
{
    static const char *const blocks[] = {
        "p",      "div",        "br",      "li",      "ul",         "ol",      "dl",      "dt",
        "dd",     "h1",         "h2",      "h3",      "h4",         "h5",      "h6",      "tr",
        "td",     "th",         "table",   "thead",   "tbody",      "section", "article", "header",
        "footer", "nav",        "aside",   "main",    "blockquote", "pre",     "hr",      "form",
        "figure", "figcaption", "caption", "address", "details",    "summary", "body",    NULL};
    size_t i;
    for (i = 0; blocks[i]; i++)
        if (strcasecmp(name, blocks[i]) == 0)
            return 1;
    return 0;
}

static const char *attr(xmlNodePtr n, const char *name)
{
    xmlAttrPtr a;
    for (a = n->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0 && a->children &&
            a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

static void node_text(xmlNodePtr n, struct wa_buf *out)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (c) {
        wa_buf_adds(out, (const char *)c);
        xmlFree(c);
    }
}

struct html_state {
    struct wa_record *rec;
    struct wa_buf text;
    struct wa_buf title;
    struct wa_buf h1;
    int noindex;
};

static void handle_meta(struct html_state *s, xmlNodePtr n)
{
    const char *name = attr(n, "name");
    const char *content = attr(n, "content");

    if (!name)
        name = attr(n, "property");
    if (!name || !content)
        return;
    if (strcasecmp(name, "robots") == 0) {
        const char *p = content;
        for (; *p; p++)
            if (strncasecmp(p, "noindex", 7) == 0 || strncasecmp(p, "none", 4) == 0)
                s->noindex = 1;
        return;
    }
    if (strcasecmp(name, "author") == 0) {
        wa_record_set(s->rec, "authors", content, strlen(content));
        return;
    }
    /* Dublin Core and our own names map through the schema's aliases */
    wa_record_set(s->rec, name, content, strlen(content));
}

/* Walk the tree without recursion, so a deeply nested document cannot
 * exhaust the stack. */
static void walk(struct html_state *s, xmlNodePtr root)
{
    xmlNodePtr n = root;

    while (n) {
        int descend = 1;
        if (n->type == XML_ELEMENT_NODE && n->name) {
            const char *name = (const char *)n->name;
            if (strcasecmp(name, "title") == 0 && !s->title.len) {
                node_text(n, &s->title);
            } else if (strcasecmp(name, "meta") == 0) {
                handle_meta(s, n);
            } else if (strcasecmp(name, "html") == 0) {
                const char *lang = attr(n, "lang");
                if (lang && !s->rec->language)
                    wa_record_set(s->rec, "language", lang, strlen(lang) >= 2 ? 2 : strlen(lang));
            } else if (strcasecmp(name, "h1") == 0 && !s->h1.len) {
                node_text(n, &s->h1);
            } else if (strcasecmp(name, "img") == 0) {
                const char *alt = attr(n, "alt");
                if (alt) {
                    wa_buf_addch(&s->text, ' ');
                    wa_buf_adds(&s->text, alt);
                    wa_buf_addch(&s->text, ' ');
                }
            }
            if (is_skipped(name))
                descend = 0;
            else if (is_block(name))
                wa_buf_addch(&s->text, '\n');
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                wa_buf_adds(&s->text, (const char *)n->content);
            descend = 0;
        } else if (n->type != XML_DOCUMENT_NODE && n->type != XML_HTML_DOCUMENT_NODE) {
            descend = 0; /* comments, processing instructions, DTD */
        }
        /* the <head> holds <title> and <meta>: visit those, but add no text */
        if (n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, "head") == 0) {
            xmlNodePtr c;
            for (c = n->children; c; c = c->next) {
                if (c->type != XML_ELEMENT_NODE)
                    continue;
                if (strcasecmp((const char *)c->name, "title") == 0 && !s->title.len)
                    node_text(c, &s->title);
                else if (strcasecmp((const char *)c->name, "meta") == 0)
                    handle_meta(s, c);
            }
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next) {
            n = n->parent;
            if (n && n->type == XML_ELEMENT_NODE && n->name && is_block((const char *)n->name))
                wa_buf_addch(&s->text, '\n');
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
}

static void collapse_space(struct wa_buf *b)
{
    size_t i, o = 0;
    int sp = 1, nl = 0;

    for (i = 0; i < b->len; i++) {
        char c = b->p[i];
        if (c == '\n') {
            nl = 1;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
            sp = 1;
        } else {
            if (o && nl)
                b->p[o++] = '\n';
            else if (o && sp)
                b->p[o++] = ' ';
            b->p[o++] = c;
            sp = nl = 0;
        }
    }
    wa_buf_truncate(b, o);
}

static wa_status extract_html(const char *path, const char *data, size_t len, struct wa_record *rec,
                              struct wa_buf *reason)
{
    struct html_state s;
    struct wa_buf utf8;
    char cs[64];
    htmlDocPtr doc;
    wa_status st;

    libxml_setup();
    declared_charset(data, len, cs, sizeof cs);
    wa_buf_init(&utf8, 0);
    /* Decode first (BOM, UTF-8 validation, declared charset, Windows-1252),
     * then let libxml2 parse UTF-8 only: a wrong declaration cannot garble it. */
    st = wa_decode_text(data, len, cs, &utf8);
    if (st != WA_OK) {
        wa_buf_adds(reason, wa_strerror(st));
        wa_buf_release(&utf8);
        return st;
    }
    if (utf8.len > (size_t)0x7fffffff) {
        wa_buf_release(&utf8);
        wa_buf_adds(reason, "file too large");
        return WA_ERR_TOOBIG;
    }
    doc = htmlReadMemory(utf8.p, (int)utf8.len, path, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                             HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT);
    wa_buf_release(&utf8);
    if (!doc) {
        wa_buf_adds(reason, "not parseable as HTML");
        return WA_ERR_FORMAT;
    }
    memset(&s, 0, sizeof s);
    s.rec = rec;
    wa_buf_init(&s.text, 0);
    wa_buf_init(&s.title, 4096);
    wa_buf_init(&s.h1, 4096);
    walk(&s, (xmlNodePtr)doc);
    xmlFreeDoc(doc);
    if (s.noindex) {
        wa_buf_adds(reason, "noindex");
        st = WA_ERR_UNSUPPORTED;
        goto cleanup;
    }
    collapse_space(&s.text);
    collapse_space(&s.title);
    collapse_space(&s.h1);
    if (!rec->title && s.title.len)
        st = wa_record_set_str(&rec->title, s.title.p, s.title.len);
    if (st == WA_OK && !rec->title && s.h1.len)
        st = wa_record_set_str(&rec->title, s.h1.p, s.h1.len);
    if (st == WA_OK) {
        rec->text = wa_buf_detach(&s.text, &rec->text_len);
        if (!rec->text)
            st = WA_ERR_NOMEM;
    }
cleanup:
    wa_buf_release(&s.text);
    wa_buf_release(&s.title);
    wa_buf_release(&s.h1);
    return st;
}

static const char *const html_exts[] = {"html", "htm", "xhtml", NULL};
const struct wa_extractor wa_extractor_html = {"html", html_exts, extract_html};
