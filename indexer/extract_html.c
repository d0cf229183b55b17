/* HTML: libxml2's HTML parser from memory, safe flags, text without script/style. */
#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "wa_utf8.h"
#include "xml_util.h"

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

struct html_state {
    xmlNodePtr main; /* <main> or role=main, else the only <article>: the text comes from it */
    struct wa_record *rec;
    struct wa_buf title;
    struct wa_buf h1;
    struct wa_buf alt; /* alternative texts of images, added after the text */
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

/* 1 if needle (ASCII, lower case) occurs in hay, ignoring ASCII case. */
static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

static int has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    const char *p = list;
    while (p && *p) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, word, n) == 0 && (p[n] == '\0' || p[n] == ' ' || p[n] == '\t'))
            return 1;
        while (*p && *p != ' ' && *p != '\t')
            p++;
    }
    return 0;
}

static int inside(xmlNodePtr n, const char *const *names)
{
    size_t i;
    for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        for (i = 0; names[i]; i++)
            if (strcasecmp((const char *)n->name, names[i]) == 0)
                return 1;
    return 0;
}

/* A skip link: a same-page link named "skip…" or "Zum Inhalt", "Direkt zu…" */
static int is_skip_link(xmlNodePtr n)
{
    static const char *const words[] = {"skip",    "zum inhalt", "zur navigation",  "direkt zu",
                                        "springe", "springen",   "zum hauptinhalt", NULL};
    const char *href = attr(n, "href"), *cls = attr(n, "class"), *id = attr(n, "id");
    struct wa_buf t;
    size_t i;
    int hit = 0;

    if (!href || href[0] != '#')
        return 0;
    if ((cls && contains_ci(cls, "skip")) || (id && contains_ci(id, "skip")))
        return 1;
    wa_buf_init(&t, 256);
    if (wa_xml_node_text(n, &t) == WA_OK && t.len && wa_buf_addch(&t, '\0') == WA_OK)
        for (i = 0; words[i] && !hit; i++)
            hit = contains_ci(t.p, words[i]);
    wa_buf_release(&t);
    return hit;
}

/*
 * Page furniture that is not the document: navigation, banner, footer, skip
 * links, what assistive technology is told to ignore, and the navigation
 * rows of DocBook-generated manuals.
 */
static int is_furniture(xmlNodePtr n)
{
    static const char *const sectioning[] = {"article", "section", "main", "aside", NULL};
    const char *name = (const char *)n->name;
    const char *role = attr(n, "role"), *hidden = attr(n, "aria-hidden"), *cls;

    if (strcasecmp(name, "nav") == 0)
        return 1;
    if ((strcasecmp(name, "header") == 0 || strcasecmp(name, "footer") == 0) &&
        !inside(n, sectioning))
        return 1;
    if (role &&
        (has_word(role, "navigation") || has_word(role, "banner") || has_word(role, "contentinfo")))
        return 1;
    if (hidden && strcasecmp(hidden, "true") == 0)
        return 1;
    if (attr(n, "hidden"))
        return 1;
    cls = attr(n, "class");
    if (cls && (has_word(cls, "navheader") || has_word(cls, "navfooter")))
        return 1;
    return strcasecmp(name, "a") == 0 && is_skip_link(n);
}

/* 1 if n is s->main, inside it or one of its ancestors. */
static int on_main_path(const struct html_state *s, xmlNodePtr n)
{
    xmlNodePtr p;
    for (p = n; p; p = p->parent)
        if (p == s->main)
            return 1;
    for (p = s->main->parent; p; p = p->parent)
        if (p == n)
            return 1;
    return 0;
}

/* The element that holds the document: <main> (or role=main), else a single <article>. */
static xmlNodePtr find_main(xmlNodePtr root)
{
    static const char *const article_only[] = {"article", NULL};
    xmlNodePtr n = root, article = NULL;
    int articles = 0;

    while (n) {
        if (n->type == XML_ELEMENT_NODE && n->name) {
            const char *role = attr(n, "role");
            if (strcasecmp((const char *)n->name, "main") == 0 || (role && has_word(role, "main")))
                return n;
            if (strcasecmp((const char *)n->name, "article") == 0 && !inside(n, article_only)) {
                articles++;
                if (!article)
                    article = n;
            }
        }
        /* iterative pre-order walk */
        if (n->children && n->type != XML_ENTITY_REF_NODE) {
            n = n->children;
            continue;
        }
        n = wa_xml_after(n, root);
    }
    return articles == 1 ? article : NULL;
}

/*
 * The text walk's view of an element (wa_xml_text). Metadata is collected on
 * the way: <title> and <meta> (also outside <head>), the first <h1>, the
 * document language and the alternative texts of images.
 */
static enum wa_xml_action classify_html(xmlNodePtr n, void *ctx)
{
    struct html_state *s = ctx;
    const char *name = (const char *)n->name;

    if (strcasecmp(name, "head") == 0) {
        xmlNodePtr c;
        for (c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                classify_html(c, s);
        return WA_XML_SKIP; /* nothing in the head is body text */
    }
    if (strcasecmp(name, "title") == 0) {
        if (!s->title.len)
            wa_xml_node_text(n, &s->title);
        return WA_XML_SKIP;
    }
    if (strcasecmp(name, "meta") == 0) {
        /* descend anyway: without <head>, libxml2 may nest what follows in it */
        handle_meta(s, n);
        return WA_XML_INLINE;
    }
    if (strcasecmp(name, "html") == 0) {
        const char *lang = attr(n, "lang");
        if (lang && !s->rec->language)
            wa_record_set(s->rec, "language", lang, strlen(lang) >= 2 ? 2 : strlen(lang));
    } else if (strcasecmp(name, "h1") == 0 && !s->h1.len) {
        wa_xml_node_text(n, &s->h1);
    } else if (strcasecmp(name, "img") == 0) {
        const char *alt = attr(n, "alt");
        if (alt && *alt) {
            wa_buf_adds(&s->alt, alt);
            wa_buf_addch(&s->alt, '\n');
        }
        return WA_XML_SPACE;
    }
    /* without <html>, libxml2 nests what follows into the first element: never skip it whole */
    if (is_skipped(name) || (n->parent && n->parent->type == XML_ELEMENT_NODE && is_furniture(n)))
        return WA_XML_SKIP;
    if (s->main && !on_main_path(s, n))
        return WA_XML_SKIP;
    return is_block(name) ? WA_XML_BLOCK : WA_XML_INLINE;
}

static wa_status extract_html(const char *path, const char *data, size_t len, struct wa_record *rec,
                              struct wa_buf *reason)
{
    struct html_state s;
    struct wa_buf utf8, text;
    char cs[64];
    htmlDocPtr doc;
    wa_status st;

    wa_xml_setup();
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
    wa_buf_init(&text, 0);
    wa_buf_init(&s.title, 4096);
    wa_buf_init(&s.h1, 4096);
    wa_buf_init(&s.alt, 64 * 1024);
    s.main = find_main((xmlNodePtr)doc);
    st = wa_xml_text((xmlNodePtr)doc, classify_html, &s, &text);
    xmlFreeDoc(doc);
    if (st == WA_OK && s.alt.len)
        st = wa_buf_add(&text, s.alt.p, s.alt.len);
    if (st != WA_OK) {
        wa_buf_adds(reason, wa_strerror(st));
        goto cleanup;
    }
    if (s.noindex) {
        wa_buf_adds(reason, "noindex");
        st = WA_ERR_UNSUPPORTED;
        goto cleanup;
    }
    wa_xml_collapse_space(&text);
    if (!rec->title && s.title.len)
        st = wa_record_set_str(&rec->title, s.title.p, s.title.len);
    if (st == WA_OK && !rec->title && s.h1.len)
        st = wa_record_set_str(&rec->title, s.h1.p, s.h1.len);
    if (st == WA_OK) {
        rec->text = wa_buf_detach(&text, &rec->text_len);
        if (!rec->text)
            st = WA_ERR_NOMEM;
    }
cleanup:
    wa_buf_release(&text);
    wa_buf_release(&s.title);
    wa_buf_release(&s.h1);
    wa_buf_release(&s.alt);
    return st;
}

static const char *const html_exts[] = {"html", "htm", "xhtml", NULL};
const struct wa_extractor wa_extractor_html = {"html", html_exts, extract_html};
