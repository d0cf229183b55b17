/* Fuzz target: the CGI query string (search/cgi_params.c). The first byte
 * picks the page. Whatever the bytes, a message is one line of valid UTF-8
 * that quotes only a few dozen characters; an accepted request keeps every
 * web limit, holds valid UTF-8 without control characters, and its own
 * results link parses again to the same query and filters. */
#include <string.h>

#include "cgi.h"
#include "fuzz.h"
#include "wa_limits.h"
#include "wa_utf8.h"

/* Longest message: the longest fixed text plus the quoted input. */
#define MAX_MESSAGE 480

static void check_text(const char *s)
{
    size_t i, n = strlen(s);

    FUZZ_CHECK(wa_utf8_valid(s, n));
    for (i = 0; i < n; i++)
        FUZZ_CHECK((unsigned char)s[i] >= 0x20 && s[i] != 0x7f);
}

/* The link without its script name: "/?q=..." with "&amp;" as "&". */
static void link_query(const struct wa_buf *link, struct wa_buf *qs)
{
    const char *s = link->p, *end = link->p + link->len;

    FUZZ_CHECK(link->len >= 3 && memcmp(s, "/?", 2) == 0);
    for (s += 2; s < end; s++) {
        FUZZ_CHECK(*s != '<' && *s != '>' && *s != '"' && *s != ' ');
        FUZZ_CHECK(wa_buf_addch(qs, *s) == WA_OK);
        if (*s == '&') {
            FUZZ_CHECK(end - s >= 5 && memcmp(s, "&amp;", 5) == 0);
            s += 4;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_cgi_params p, again;
    struct wa_cgi_config cfg;
    struct wa_html_ctx x = {&cfg, "", NULL};
    struct wa_buf link, qs;
    char err[1024];
    size_t i;

    if (size < 1)
        return 0;
    wa_cgi_params_init(&p);
    wa_cgi_params_init(&again);
    FUZZ_CHECK(wa_cgi_config_init(&cfg) == 0);
    wa_buf_init(&link, 0);
    wa_buf_init(&qs, 0);
    p.page = (enum wa_cgi_page)(data[0] % 3); /* search, document, original */
    err[0] = '\0';
    if (wa_cgi_params_parse(&p, (const char *)data + 1, size - 1, err, sizeof err) != 0) {
        FUZZ_CHECK(err[0] != '\0' && strlen(err) < MAX_MESSAGE);
        check_text(err);
        goto cleanup;
    }
    FUZZ_CHECK(p.req.limit <= WA_WEB_MAX_LIMIT && p.req.offset <= WA_WEB_MAX_OFFSET);
    FUZZ_CHECK(p.req.nfilters <= WA_MAX_FILTERS);
    if (p.req.query)
        check_text(p.req.query);
    for (i = 0; i < p.req.nfilters; i++)
        check_text(p.req.filters[i].value);
    if (p.page != WA_PAGE_SEARCH)
        FUZZ_CHECK(p.req.show != NULL);
    if (p.page != WA_PAGE_SEARCH || p.req.similar || p.req.nfilters == 0)
        goto cleanup;
    /* the results link of the page, parsed again */
    FUZZ_CHECK(wa_html_search_link(&link, &x, &p, (size_t)-1, NULL, 0) == WA_OK);
    link_query(&link, &qs);
    FUZZ_CHECK(wa_cgi_params_parse(&again, qs.p, qs.len, err, sizeof err) == 0);
    FUZZ_CHECK(strcmp(again.req.query ? again.req.query : "", p.req.query ? p.req.query : "") == 0);
    FUZZ_CHECK(again.req.nfilters == p.req.nfilters);
    for (i = 0; i < p.req.nfilters; i++)
        FUZZ_CHECK(strcmp(again.req.filters[i].value, p.req.filters[i].value) == 0);
cleanup:
    wa_buf_release(&link);
    wa_buf_release(&qs);
    wa_cgi_params_release(&p);
    wa_cgi_params_release(&again);
    wa_cgi_config_release(&cfg);
    return 0;
}
