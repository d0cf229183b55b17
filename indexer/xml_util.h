/* Safe libxml2 parsing and an iterative text walk, shared by the XML-based extractors. */
#ifndef WA_XML_UTIL_H
#define WA_XML_UTIL_H

#include <libxml/tree.h>
#include <stddef.h>

#include "wa_buf.h"
#include "wa_status.h"

/* XML documents (and ZIP entries) larger than this are refused. */
#define WA_XML_MAX_SIZE ((size_t)64 << 20)

/* Once per process: entities never load anything, errors never reach stderr.
 * Cannot fail. */
void wa_xml_setup(void);

/*
 * Parse data[0..len) as XML from memory without network, external DTDs,
 * entity substitution or huge-document mode (libxml2's depth and size
 * limits stay on). Returns the document (free with xmlFreeDoc) or NULL with
 * a reason (e.g. "not well-formed XML: ...").
 */
xmlDocPtr wa_xml_parse(const char *data, size_t len, struct wa_buf *reason);

/* What the text walk does with an element. */
enum wa_xml_action {
    WA_XML_INLINE, /* descend, no separator (spans, runs) */
    WA_XML_BLOCK,  /* descend, newline before and after (paragraphs, headings) */
    WA_XML_SPACE,  /* add one space, do not descend (tabs, <text:s/>) */
    WA_XML_BREAK,  /* add a newline, do not descend (line breaks) */
    WA_XML_SKIP,   /* ignore the element and everything inside it */
};

/* Classifies an element for the text walk; ctx is passed through. */
typedef enum wa_xml_action (*wa_xml_classify)(xmlNodePtr element, void *ctx);

/*
 * Append the text below root to out without recursion (so nesting depth
 * cannot exhaust the stack). Text and CDATA nodes are copied; entity
 * references, comments and processing instructions are skipped. classify
 * may be NULL (every element is a block). Returns WA_ERR_TOOBIG when out
 * hits its cap.
 */
wa_status wa_xml_text(xmlNodePtr root, wa_xml_classify classify, void *ctx, struct wa_buf *out);

/* Squeeze runs of spaces and blank lines in b; trims both ends. Cannot fail. */
void wa_xml_collapse_space(struct wa_buf *b);

/* 1 if n is an element whose local name is name (namespace ignored). */
int wa_xml_is(xmlNodePtr n, const char *name);

/* The node that follows n's subtree in document order below root, or NULL when
 * the walk is back at root: the step of every iterative pre-order walk. */
xmlNodePtr wa_xml_after(xmlNodePtr n, xmlNodePtr root);

/* The trimmed text content of n appended to out (entity references skipped). */
wa_status wa_xml_node_text(xmlNodePtr n, struct wa_buf *out);

#endif
