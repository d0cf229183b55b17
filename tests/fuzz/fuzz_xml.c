/* Fuzz target: XML extraction never crashes and yields valid UTF-8 text and metadata. */
#include <string.h>

#include "extract.h"
#include "fuzz.h"
#include "wa_utf8.h"

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

    wa_record_init(&rec);
    wa_buf_init(&reason, 4096);
    if (wa_extractor_xml.extract("fuzz.xml", (const char *)data, size, &rec, &reason) == WA_OK) {
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
