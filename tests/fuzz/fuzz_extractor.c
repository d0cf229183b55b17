/* Fuzz target for one extractor (chosen at build time): extraction never crashes,
 * and what it yields is valid UTF-8 text and metadata, or a failure with a reason. */
#include <string.h>

#include "extract.h"
#include "fuzz.h"
#include "wa_utf8.h"

#ifndef WA_FUZZ_EXTRACTOR
#error "define WA_FUZZ_EXTRACTOR (e.g. wa_extractor_docx) and WA_FUZZ_FILE (e.g. \"fuzz.docx\")"
#endif

static void check_list(const struct wa_strlist *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        FUZZ_CHECK(wa_utf8_valid(l->v[i], strlen(l->v[i])));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_record rec;
    struct wa_buf reason;
    wa_status st;

    wa_record_init(&rec);
    wa_buf_init(&reason, 4096);
    st = WA_FUZZ_EXTRACTOR.extract(WA_FUZZ_FILE, (const char *)data, size, &rec, &reason);
    if (st == WA_OK) {
        FUZZ_CHECK(rec.text != NULL);
        FUZZ_CHECK(wa_utf8_valid(rec.text, rec.text_len));
        if (rec.title)
            FUZZ_CHECK(wa_utf8_valid(rec.title, strlen(rec.title)));
        check_list(&rec.authors);
        check_list(&rec.tags);
    } else {
        FUZZ_CHECK(reason.len > 0);
    }
    wa_record_release(&rec);
    wa_buf_release(&reason);
    return 0;
}
