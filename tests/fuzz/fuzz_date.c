/* Fuzz target: date parsing of metadata, queries and document text. */
#include <string.h>

#include "fuzz.h"
#include "wa_date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_date d;
    char b[9], iso[11];

    if (wa_date_parse((const char *)data, size, &d) == 0) {
        FUZZ_CHECK(d.year >= 1000 && d.year <= 9999);
        FUZZ_CHECK(d.month >= 0 && d.month <= 12);
        wa_date_bound(&d, 0, b);
        wa_date_bound(&d, 1, b);
        FUZZ_CHECK(strlen(b) == 8);
        wa_date_iso(&d, iso);
    }
    if (wa_date_find_in_text((const char *)data, size, &d) == 0)
        FUZZ_CHECK(d.day >= 1 && d.day <= 31);
    return 0;
}
