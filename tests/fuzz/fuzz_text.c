/* Fuzz target: charset decoding of text files yields valid UTF-8. */
#include "extract.h"
#include "fuzz.h"
#include "wa_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_buf out;

    wa_buf_init(&out, 0);
    if (wa_decode_text((const char *)data, size, NULL, &out) == WA_OK)
        FUZZ_CHECK(wa_utf8_valid(out.p, out.len));
    wa_buf_release(&out);
    return 0;
}
