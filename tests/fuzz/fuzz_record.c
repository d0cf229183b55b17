/* Fuzz target: stored records from arbitrary bytes parse or fail cleanly, and
 * a parsed record survives a round trip. */
#include <string.h>

#include "fuzz.h"
#include "wa_record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_record r, back;
    struct wa_buf j;

    wa_record_init(&r);
    wa_record_init(&back);
    wa_buf_init(&j, 0);
    if (wa_record_from_json(&r, (const char *)data, size) == WA_OK &&
        wa_record_to_json(&r, &j) == WA_OK) {
        FUZZ_CHECK(wa_record_from_json(&back, j.p, j.len) == WA_OK);
        FUZZ_CHECK((r.title == NULL) == (back.title == NULL));
        if (r.title)
            FUZZ_CHECK(strcmp(r.title, back.title) == 0);
    }
    wa_record_release(&r);
    wa_record_release(&back);
    wa_buf_release(&j);
    return 0;
}
