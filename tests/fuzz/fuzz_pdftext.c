/* Fuzz target: PDF text post-processing (pdftotext's output, a NUL byte, then
 * pdfinfo's output). The text is valid NFC UTF-8 or the file fails with a reason. */
#include <string.h>

#include "extract.h"
#include "fuzz.h"
#include "wa_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    const char *nul = memchr(p, '\0', size);
    size_t tlen = nul ? (size_t)(nul - p) : size;
    struct wa_record rec;
    struct wa_buf reason;
    wa_status st;

    wa_record_init(&rec);
    wa_buf_init(&reason, 4096);
    st = wa_pdf_finish(p, tlen, nul ? nul + 1 : "", nul ? size - tlen - 1 : 0, &rec, &reason);
    if (st == WA_OK) {
        FUZZ_CHECK(rec.text != NULL);
        FUZZ_CHECK(wa_utf8_valid(rec.text, rec.text_len));
        if (rec.title)
            FUZZ_CHECK(wa_utf8_valid(rec.title, strlen(rec.title)));
        if (rec.summary)
            FUZZ_CHECK(wa_utf8_valid(rec.summary, strlen(rec.summary)));
    } else {
        FUZZ_CHECK(reason.len > 0 || st == WA_ERR_NOMEM);
    }
    wa_record_release(&rec);
    wa_buf_release(&reason);
    return 0;
}
