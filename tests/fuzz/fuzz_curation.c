/* Fuzz target: curation files from arbitrary bytes parse or fail cleanly, and a
 * parsed curation survives a round trip through its own file format. */
#include <string.h>

#include "fuzz.h"
#include "wa_curation.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wa_curation *c = wa_curation_new(), *back = wa_curation_new();
    struct wa_buf a, b;

    wa_buf_init(&a, 0);
    wa_buf_init(&b, 0);
    FUZZ_CHECK(c && back);
    if (wa_curation_parse(c, (const char *)data, size) == WA_OK) {
        FUZZ_CHECK(wa_curation_serialise(c, &a) == WA_OK);
        FUZZ_CHECK(wa_curation_parse(back, a.p, a.len) == WA_OK);
        FUZZ_CHECK(wa_curation_count(back) == wa_curation_count(c));
        FUZZ_CHECK(wa_curation_serialise(back, &b) == WA_OK);
        FUZZ_CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
    } else {
        FUZZ_CHECK(wa_curation_count(c) == 0);
        FUZZ_CHECK(wa_curation_errmsg(c)[0] != '\0');
    }
    wa_buf_release(&a);
    wa_buf_release(&b);
    wa_curation_free(c);
    wa_curation_free(back);
    return 0;
}
