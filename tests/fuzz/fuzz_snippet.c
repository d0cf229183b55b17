/* Fuzz target: snippet making over arbitrary text. It never fails on text,
 * its markers pair up and never nest, and its passages hold whole words of
 * the input only. */
#include <string.h>

#include "fuzz.h"
#include "wa_snippet.h"

#define W(kind, s)                                                                                 \
    {                                                                                              \
        kind, s, sizeof s - 1                                                                      \
    }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* one query word of every kind */
    static const struct wa_qword words[] = {
        W(WA_QWORD_WORD, "bürger"),
        W(WA_QWORD_STEM, "bürger"),
        W(WA_QWORD_STEM, "sitzung"),
        W(WA_QWORD_PART, "digitalisier"),
        W(WA_QWORD_STEM, "34"),
        W(WA_QWORD_IDENT, "\xC2\xA7"
                          "34"),
        W(WA_QWORD_IDENT, "12-345/2021"),
        W(WA_QWORD_CONCEPT, "ki"),
        W(WA_QWORD_OTHER, "xy"),
    };
    struct wa_snippet_opts o;
    struct wa_buf out;
    size_t i;
    int inside = 0;

    memset(&o, 0, sizeof o);
    o.maxlen = 60;
    o.scan = 4096;
    o.fragments = 3;
    o.min_stem = 4;
    o.min_modifier = 3;
    o.hl_start = "\001";
    o.hl_end = "\002";
    o.html = size > 0 && data[0] & 1;
    wa_buf_init(&out, 0);
    FUZZ_CHECK(wa_snippet_make(&o, (const char *)data, size, words, sizeof words / sizeof words[0],
                               &out) == WA_OK);
    for (i = 0; i < out.len; i++) {
        if (out.p[i] == '\001' && memchr(data, '\001', size) == NULL) {
            FUZZ_CHECK(!inside);
            inside = 1;
        } else if (out.p[i] == '\002' && memchr(data, '\002', size) == NULL) {
            FUZZ_CHECK(inside);
            inside = 0;
        }
    }
    FUZZ_CHECK(!inside || memchr(data, '\001', size) || memchr(data, '\002', size));
    wa_buf_release(&out);
    return 0;
}
