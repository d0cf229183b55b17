/* Fuzz target: UTF-8 repair, normalisation and folding always yield valid UTF-8. */
#include "fuzz.h"
#include "wa_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_buf a, b;

    wa_buf_init(&a, 0);
    wa_buf_init(&b, 0);
    if (wa_utf8_normalize((const char *)data, size, &a) == WA_OK) {
        FUZZ_CHECK(wa_utf8_valid(a.p, a.len));
        if (wa_utf8_fold(a.p, a.len, &b) == WA_OK)
            FUZZ_CHECK(wa_utf8_valid(b.p, b.len));
    }
    wa_buf_release(&a);
    wa_buf_release(&b);
    return 0;
}
