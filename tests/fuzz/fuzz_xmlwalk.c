/* Fuzz target: the shared XML path of the XML, ODT and DOCX extractors
 * (wa_xml_parse without network, DTDs or entity loading, then the iterative
 * text walk). The first byte picks how elements are classified. */
#include <libxml/tree.h>
#include <string.h>

#include "fuzz.h"
#include "wa_utf8.h"
#include "xml_util.h"

static enum wa_xml_action classify(xmlNodePtr n, void *ctx)
{
    unsigned mode = *(const unsigned *)ctx;
    size_t len = strlen((const char *)n->name);

    return (enum wa_xml_action)((len + mode) % 5);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_buf reason, text;
    xmlDocPtr doc;
    unsigned mode;

    if (size < 1)
        return 0;
    mode = data[0];
    wa_xml_setup();
    wa_buf_init(&reason, 4096);
    wa_buf_init(&text, (size_t)4 << 20);
    doc = wa_xml_parse((const char *)data + 1, size - 1, &reason);
    if (!doc) {
        FUZZ_CHECK(reason.len > 0);
    } else {
        wa_status st =
            wa_xml_text(xmlDocGetRootElement(doc), mode & 1 ? classify : NULL, &mode, &text);
        FUZZ_CHECK(st == WA_OK || st == WA_ERR_TOOBIG);
        wa_xml_collapse_space(&text);
        FUZZ_CHECK(wa_utf8_valid(text.p, text.len));
        FUZZ_CHECK(strlen(text.p) <= text.len);
        xmlFreeDoc(doc);
    }
    wa_buf_release(&reason);
    wa_buf_release(&text);
    return 0;
}
