/* Fuzz target: the CGI configuration file (search/cgi_config.c). Whatever the
 * bytes, the file parses or fails with a message; the defaults survive
 * (at least one archive; no archive, title or stylesheet is empty) and every member name is
 * non-empty without separators. */
#include <string.h>

#include "cgi.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_cgi_config c;
    char err[512];
    size_t i;

    FUZZ_CHECK(wa_cgi_config_init(&c) == 0);
    err[0] = '\0';
    if (wa_cgi_config_parse(&c, (const char *)data, size, "fuzz.conf", err, sizeof err) != 0)
        FUZZ_CHECK(err[0] != '\0');
    FUZZ_CHECK(c.narchives >= 1 && c.title && *c.title && c.stylesheet && *c.stylesheet);
    for (i = 0; i < c.narchives; i++)
        FUZZ_CHECK(c.archives[i] && *c.archives[i]);
    FUZZ_CHECK(!c.download_prefix || *c.download_prefix);
    FUZZ_CHECK(!c.dictionary || *c.dictionary);
    for (i = 0; i < c.nmembers; i++) {
        FUZZ_CHECK(c.members[i][0] != '\0');
        FUZZ_CHECK(strpbrk(c.members[i], " ,\t\n") == NULL);
        FUZZ_CHECK(wa_cgi_config_is_member(&c, c.members[i]));
    }
    FUZZ_CHECK(!wa_cgi_config_is_member(&c, NULL) && !wa_cgi_config_is_member(&c, ""));
    wa_cgi_config_release(&c);
    return 0;
}
