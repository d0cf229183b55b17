/* Safe libxml2 parsing and an iterative text walk, shared by the XML-based extractors. */
#include "xml_util.h"

#include <libxml/parser.h>
#include <string.h>

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

void wa_xml_setup(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    xmlInitParser();
    xmlSetExternalEntityLoader(deny_entities);
    xmlSetStructuredErrorFunc(NULL, quiet_errors);
}

xmlDocPtr wa_xml_parse(const char *data, size_t len, struct wa_buf *reason)
{
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;

    wa_xml_setup();
    if (len > WA_XML_MAX_SIZE) {
        wa_buf_addf(reason, "XML larger than %zu MiB", WA_XML_MAX_SIZE >> 20);
        return NULL;
    }
    ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        wa_buf_adds(reason, "out of memory");
        return NULL;
    }
    /* deliberately no XML_PARSE_NOENT, DTDLOAD, DTDATTR or HUGE */
    doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA | XML_PARSE_NOXINCNODE);
    if (!doc || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        wa_buf_adds(reason, "not well-formed XML");
        if (e && e->message) {
            size_t n = strlen(e->message);
            while (n && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
                n--;
            wa_buf_addf(reason, ": %.*s (line %d)", (int)n, e->message, e->line);
        }
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

int wa_xml_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

wa_status wa_xml_text(xmlNodePtr root, wa_xml_classify classify, void *ctx, struct wa_buf *out)
{
    xmlNodePtr n = root;
    wa_status st = WA_OK;

    while (n && st == WA_OK) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            enum wa_xml_action a = classify ? classify(n, ctx) : WA_XML_BLOCK;
            switch (a) {
            case WA_XML_INLINE:
                descend = 1;
                break;
            case WA_XML_BLOCK:
                st = wa_buf_addch(out, '\n');
                descend = 1;
                break;
            case WA_XML_SPACE:
                st = wa_buf_addch(out, ' ');
                break;
            case WA_XML_BREAK:
                st = wa_buf_addch(out, '\n');
                break;
            case WA_XML_SKIP:
                break;
            }
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                st = wa_buf_adds(out, (const char *)n->content);
        } else if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) {
            descend = 1;
        }
        /* entity references, comments, PIs, DTDs: never followed */
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next) {
            n = n->parent;
            if (n && n->type == XML_ELEMENT_NODE &&
                (!classify || classify(n, ctx) == WA_XML_BLOCK) && st == WA_OK)
                st = wa_buf_addch(out, '\n');
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
    return st;
}

void wa_xml_collapse_space(struct wa_buf *b)
{
    size_t i, o = 0;
    int sp = 0, nl = 0;

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

wa_status wa_xml_node_text(xmlNodePtr n, struct wa_buf *out)
{
    struct wa_buf t;
    wa_status st;

    wa_buf_init(&t, out->max);
    st = wa_xml_text(n, NULL, NULL, &t);
    if (st == WA_OK) {
        size_t i;
        for (i = 0; i < t.len; i++)
            if (t.p[i] == '\n')
                t.p[i] = ' ';
        wa_xml_collapse_space(&t);
        st = wa_buf_add(out, t.p, t.len);
    }
    wa_buf_release(&t);
    return st;
}

xmlNodePtr wa_xml_after(xmlNodePtr n, xmlNodePtr root)
{
    while (n && n != root && !n->next)
        n = n->parent;
    if (!n || n == root)
        return NULL;
    return n->next;
}
