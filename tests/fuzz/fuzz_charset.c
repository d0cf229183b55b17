/* Fuzz target: charset detection and conversion under every declared charset.
 * The first byte picks the declaration; the output is valid UTF-8 and bounded. */
#include <string.h>

#include "extract.h"
#include "fuzz.h"
#include "wa_utf8.h"

static const char *const declared[] = {
    NULL,          "UTF-8",   "utf8",       "ISO-8859-1", "latin1", "WINDOWS-1252",
    "ISO-8859-15", "UTF-16",  "UTF-16LE",   "UTF-16BE",   "IBM850", "KOI8-R",
    "SHIFT_JIS",   "GB18030", "no-such-cs", "",           "UTF-32", "ISO-2022-JP",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *cs;
    char name[64];
    struct wa_buf out;

    if (size < 1)
        return 0;
    cs = declared[data[0] % (sizeof declared / sizeof declared[0])];
    data++;
    size--;
    FUZZ_CHECK(wa_text_charset((const char *)data, size, name, sizeof name) != NULL);
    wa_buf_init(&out, 0);
    if (wa_decode_text((const char *)data, size, cs, &out) == WA_OK) {
        FUZZ_CHECK(wa_utf8_valid(out.p, out.len));
        /* one input byte yields at most one U+FFFD or a 3-byte character, and
         * NFC at most triples a character */
        FUZZ_CHECK(out.len <= 9 * size + 16);
    }
    wa_buf_release(&out);
    return 0;
}
