/* Fuzz target: the search request model (search/request.c) that the CLI and
 * the CGI share. The first byte picks the front end (CLI or web limits);
 * each following line is one setter call, its first byte naming the setter
 * and the rest its argument. Every rejected value leaves a one-line German
 * message of valid UTF-8 quoting only a few dozen characters; an accepted
 * request keeps every limit of lib/wa_limits.h. */
#include <string.h>

#include "fuzz.h"
#include "request.h"
#include "wa_limits.h"
#include "wa_utf8.h"

#define MAX_MESSAGE 480

static void check_message(const char *err)
{
    size_t i, n = strlen(err);

    FUZZ_CHECK(n > 0 && n < MAX_MESSAGE);
    FUZZ_CHECK(wa_utf8_valid(err, n));
    for (i = 0; i < n; i++)
        FUZZ_CHECK((unsigned char)err[i] >= 0x20 || err[i] == '\t');
}

/* One setter: the line's first byte says which. Returns the setter's result. */
static int apply(struct wa_request *r, char which, char *arg, size_t len, char *err, size_t n)
{
    switch ((unsigned char)which % 9) {
    case 0:
        return wa_request_set_query(r, arg, len, err, n);
    case 1:
        return wa_request_add_filter(r, arg, err, n);
    case 2:
        return wa_request_set_date(r, 0, arg, err, n);
    case 3:
        return wa_request_set_date(r, 1, arg, err, n);
    case 4:
        return wa_request_set_sort(r, arg, err, n);
    case 5:
        return wa_request_set_limit(r, arg, err, n);
    case 6:
        return wa_request_set_offset(r, arg, err, n);
    case 7:
        return wa_request_set_page(r, arg, err, n);
    default:
        return wa_request_set_id(r, which & 1, arg, len, err, n);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct wa_request r;
    struct wa_buf line;
    const char *s = (const char *)data + 1, *end = (const char *)data + size;
    char err[1024], quoted[160];
    int web;

    if (size < 1)
        return 0;
    web = data[0] & 1;
    wa_request_init(&r, web);
    wa_buf_init(&line, 0);
    /* the quote helper alone: valid UTF-8, cut after WA_ERR_QUOTE_CHARS characters */
    wa_request_quote(s, (size_t)(end - s), quoted, sizeof quoted);
    FUZZ_CHECK(wa_utf8_valid(quoted, strlen(quoted)));
    FUZZ_CHECK(strlen(quoted) <= (size_t)WA_ERR_QUOTE_CHARS * 4 + 3);
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = (size_t)((nl ? nl : end) - s);
        wa_buf_reset(&line);
        if (n > 0) {
            FUZZ_CHECK(wa_buf_add(&line, s + 1, n - 1) == WA_OK);
            err[0] = '\0';
            if (apply(&r, s[0], line.p, line.len, err, sizeof err) != 0)
                check_message(err);
        }
        s = nl ? nl + 1 : end;
    }
    err[0] = '\0';
    if (wa_request_finish(&r, err, sizeof err) != 0) {
        check_message(err);
    } else {
        FUZZ_CHECK(r.limit <= r.max_limit && r.offset <= r.max_offset);
        FUZZ_CHECK(r.nfilters <= WA_MAX_FILTERS);
        FUZZ_CHECK(!r.query || wa_utf8_valid(r.query, strlen(r.query)));
        FUZZ_CHECK(!r.date_from[0] || !r.date_to[0] || strcmp(r.date_from, r.date_to) <= 0);
    }
    wa_buf_release(&line);
    wa_request_release(&r);
    return 0;
}
