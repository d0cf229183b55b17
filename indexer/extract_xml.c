/* XML: the Werkarchiv document format (docs/xml-format.md), any other XML as plain text. */
#include <string.h>

#include "extract.h"
#include "wa_utf8.h"
#include "xml_util.h"

#define WA_XML_NS "urn:werkarchiv:dokument:1"

/* Direct children of <dokument> that are metadata, not body text. */
static const char *const meta_elements[] = {"titel",     "datum",           "typ",
                                            "werkstatt", "community",       "sichtbarkeit",
                                            "sprache",   "zusammenfassung", NULL};

static int is_meta_element(xmlNodePtr n)
{
    size_t i;
    for (i = 0; meta_elements[i]; i++)
        if (wa_xml_is(n, meta_elements[i]))
            return 1;
    return 0;
}

static int is_werkarchiv(xmlNodePtr root)
{
    return wa_xml_is(root, "dokument") && root->ns && root->ns->href &&
           strcmp((const char *)root->ns->href, WA_XML_NS) == 0;
}

/* Body text: metadata children of the root and list containers of
 * metadata are left out; everything else is text in document order. */
static enum wa_xml_action classify_werkarchiv(xmlNodePtr n, void *ctx)
{
    xmlNodePtr root = ctx;
    if (n->parent == root &&
        (is_meta_element(n) || wa_xml_is(n, "autoren") || wa_xml_is(n, "schlagworte")))
        return WA_XML_SKIP;
    return WA_XML_BLOCK;
}

/* Add every <item> child of list as an entry of l. */
static wa_status add_list(xmlNodePtr list, const char *item, struct wa_strlist *l)
{
    xmlNodePtr c;
    wa_status st = WA_OK;

    for (c = list->children; c && st == WA_OK; c = c->next) {
        struct wa_buf b;
        if (!wa_xml_is(c, item))
            continue;
        wa_buf_init(&b, 4096);
        st = wa_xml_node_text(c, &b);
        if (st == WA_OK)
            st = wa_strlist_add(l, b.p, b.len);
        wa_buf_release(&b);
        if (st == WA_ERR_TOOBIG)
            st = WA_OK; /* an absurdly long name is skipped, the document is kept */
    }
    return st;
}

static wa_status werkarchiv_meta(xmlNodePtr root, struct wa_record *rec, struct wa_buf *reason)
{
    xmlNodePtr c;
    wa_status st = WA_OK;
    xmlChar *a;
    static const char *const attrs[] = {"typ", "sichtbarkeit", "sprache", NULL};
    size_t i;

    /* attributes of <dokument> are an alternative spelling of the fields */
    for (i = 0; attrs[i] && st == WA_OK; i++) {
        a = xmlGetProp(root, (const xmlChar *)attrs[i]);
        if (a) {
            st = wa_record_set(rec, attrs[i], (const char *)a, strlen((const char *)a));
            if (st == WA_ERR_FORMAT) {
                wa_buf_addf(reason, "bad value '%s' for '%s'", (const char *)a, attrs[i]);
            }
            xmlFree(a);
        }
    }
    for (c = root->children; c && st == WA_OK; c = c->next) {
        if (is_meta_element(c)) {
            struct wa_buf b;
            wa_buf_init(&b, 64 * 1024);
            st = wa_xml_node_text(c, &b);
            if (st == WA_OK)
                st = wa_record_set(rec, (const char *)c->name, b.p, b.len);
            if (st == WA_ERR_FORMAT)
                wa_buf_addf(reason, "bad value '%s' in <%s>", b.p, (const char *)c->name);
            wa_buf_release(&b);
        } else if (wa_xml_is(c, "autoren")) {
            st = add_list(c, "autor", &rec->authors);
        } else if (wa_xml_is(c, "schlagworte")) {
            st = add_list(c, "schlagwort", &rec->tags);
        }
    }
    return st;
}

/* 1 if data is neither UTF-8/UTF-16 nor declares its encoding. */
static int needs_decoding(const char *data, size_t len)
{
    size_t head = len < 256 ? len : 256, i;
    const char *end;

    if (len >= 2 && ((unsigned char)data[0] == 0xFE || (unsigned char)data[0] == 0xFF ||
                     (unsigned char)data[0] == 0xEF || data[0] == '\0' || data[1] == '\0'))
        return 0; /* BOM or UTF-16: libxml2 knows these */
    if (head >= 5 && memcmp(data, "<?xml", 5) == 0 && (end = memchr(data, '>', head)) != NULL)
        for (i = 5; data + i + 8 <= end; i++)
            if (memcmp(data + i, "encoding", 8) == 0)
                return 0;
    return !wa_utf8_valid(data, len);
}

static wa_status extract_xml(const char *path, const char *data, size_t len, struct wa_record *rec,
                             struct wa_buf *reason)
{
    xmlDocPtr doc;
    xmlNodePtr root;
    struct wa_buf text, norm, utf8;
    wa_status st = WA_OK;

    (void)path;
    wa_buf_init(&utf8, 0);
    if (needs_decoding(data, len)) {
        /* XML without BOM or declaration is UTF-8 by definition, but real
         * files are often Windows-1252: decode them instead of failing */
        st = wa_decode_text(data, len, NULL, &utf8);
        if (st != WA_OK) {
            wa_buf_adds(reason, wa_strerror(st));
            wa_buf_release(&utf8);
            return st;
        }
        data = utf8.p;
        len = utf8.len;
    }
    doc = wa_xml_parse(data, len, reason);
    wa_buf_release(&utf8);
    if (!doc)
        return WA_ERR_FORMAT;
    root = xmlDocGetRootElement(doc);
    wa_buf_init(&text, 0);
    wa_buf_init(&norm, 0);
    if (!root) {
        wa_buf_adds(reason, "XML without a root element");
        st = WA_ERR_FORMAT;
        goto cleanup;
    }
    if (is_werkarchiv(root)) {
        st = werkarchiv_meta(root, rec, reason);
        if (st == WA_OK)
            st = wa_xml_text(root, classify_werkarchiv, root, &text);
    } else {
        st = wa_xml_text(root, NULL, NULL, &text);
    }
    if (st != WA_OK) {
        if (!reason->len)
            wa_buf_adds(reason, wa_strerror(st));
        goto cleanup;
    }
    wa_xml_collapse_space(&text);
    st = wa_utf8_normalize(text.p, text.len, &norm);
    if (st == WA_OK) {
        rec->text = wa_buf_detach(&norm, &rec->text_len);
        if (!rec->text)
            st = WA_ERR_NOMEM;
    }
cleanup:
    xmlFreeDoc(doc);
    wa_buf_release(&text);
    wa_buf_release(&norm);
    return st;
}

static const char *const xml_exts[] = {"xml", NULL};
const struct wa_extractor wa_extractor_xml = {"xml", xml_exts, extract_xml};
