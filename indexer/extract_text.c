/* Plain text: charset detection and conversion to NFC UTF-8. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "wa_utf8.h"

/* Convert from charset cs with iconv; invalid bytes become U+FFFD. */
static wa_status convert(const char *cs, const char *data, size_t len, struct wa_buf *out)
{
    iconv_t cd = iconv_open("UTF-8", cs);
    char tmp[8192];
    char *in = (char *)data;
    size_t inleft = len;
    wa_status st = WA_OK;

    if (cd == (iconv_t)-1)
        return WA_ERR_UNSUPPORTED;
    while (inleft > 0 && st == WA_OK) {
        char *o = tmp;
        size_t oleft = sizeof tmp;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        st = wa_buf_add(out, tmp, sizeof tmp - oleft);
        if (r == (size_t)-1 && st == WA_OK) {
            if (errno == E2BIG)
                continue;
            /* EILSEQ or EINVAL (truncated at the end): replace one byte */
            st = wa_utf8_put(out, 0xFFFD);
            in++;
            inleft--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    return st;
}

wa_status wa_decode_text(const char *data, size_t len, const char *declared, struct wa_buf *out)
{
    struct wa_buf raw;
    wa_status st;

    wa_buf_init(&raw, out->max);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        st = wa_buf_add(&raw, data + 3, len - 3);
    } else if (len >= 2 && memcmp(data, "\xFF\xFE", 2) == 0) {
        st = convert("UTF-16LE", data + 2, len - 2, &raw);
    } else if (len >= 2 && memcmp(data, "\xFE\xFF", 2) == 0) {
        st = convert("UTF-16BE", data + 2, len - 2, &raw);
    } else if (wa_utf8_valid(data, len)) {
        st = wa_buf_add(&raw, data, len);
    } else if (declared && *declared && strcasecmp(declared, "utf-8") != 0 &&
               strcasecmp(declared, "iso-8859-1") != 0 && strcasecmp(declared, "latin1") != 0 &&
               strcasecmp(declared, "us-ascii") != 0) {
        st = convert(declared, data, len, &raw);
        if (st == WA_ERR_UNSUPPORTED)
            st = convert("WINDOWS-1252", data, len, &raw);
    } else {
        /* "Latin-1" in the wild is nearly always Windows-1252 (€ „ “ –) */
        st = convert("WINDOWS-1252", data, len, &raw);
    }
    if (st == WA_OK)
        st = wa_utf8_normalize(raw.p, raw.len, out);
    wa_buf_release(&raw);
    return st;
}

static int looks_binary(const char *data, size_t len)
{
    size_t i, ctl = 0, n = len < 8192 ? len : 8192;

    if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0))
        return 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == 0)
            return 1;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            ctl++;
    }
    return n && ctl * 10 > n;
}

static wa_status extract_text(const char *path, const char *data, size_t len, struct wa_record *rec,
                              struct wa_buf *reason)
{
    struct wa_buf out;
    wa_status st;

    (void)path;
    if (looks_binary(data, len)) {
        wa_buf_adds(reason, "binary content, not text");
        return WA_ERR_FORMAT;
    }
    wa_buf_init(&out, 0);
    st = wa_decode_text(data, len, NULL, &out);
    if (st != WA_OK) {
        wa_buf_adds(reason, wa_strerror(st));
        wa_buf_release(&out);
        return st;
    }
    rec->text = wa_buf_detach(&out, &rec->text_len);
    return rec->text ? WA_OK : WA_ERR_NOMEM;
}

static const char *const text_exts[] = {"txt", "text", NULL};
const struct wa_extractor wa_extractor_text = {"txt", text_exts, extract_text};
