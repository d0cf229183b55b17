/* Plain text: charset detection and conversion to NFC UTF-8. */
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>
#include <uchardet.h>

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

/* Count the bytes that a single-byte charset would not map to a letter:
 * C1 controls 0x80-0x9F are printable in Windows-1252 only. */
static size_t count_c1(const char *data, size_t len)
{
    size_t i, n = 0;
    for (i = 0; i < len; i++)
        if ((unsigned char)data[i] >= 0x80 && (unsigned char)data[i] <= 0x9F)
            n++;
    return n;
}

/*
 * UTF-16 without a BOM: in German text nearly every second byte is NUL.
 * Returns "UTF-16LE", "UTF-16BE" or NULL.
 */
static const char *sniff_utf16(const char *data, size_t len)
{
    size_t i, n = len < 4096 ? len & ~(size_t)1 : 4096, even = 0, odd = 0;

    if (n < 4)
        return NULL;
    for (i = 0; i < n; i += 2) {
        even += data[i] == 0;
        odd += data[i + 1] == 0;
    }
    if (odd * 10 >= (n / 2) * 7 && even * 10 < n / 2)
        return "UTF-16LE";
    if (even * 10 >= (n / 2) * 7 && odd * 10 < n / 2)
        return "UTF-16BE";
    return NULL;
}

const char *wa_text_charset(const char *data, size_t len, char *buf, size_t buflen)
{
    uchardet_t ud;
    const char *cs = NULL, *u16;

    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        return "UTF-8";
    if (len >= 2 && memcmp(data, "\xFF\xFE", 2) == 0)
        return "UTF-16LE";
    if (len >= 2 && memcmp(data, "\xFE\xFF", 2) == 0)
        return "UTF-16BE";
    if (wa_utf8_valid(data, len))
        return "UTF-8";
    u16 = sniff_utf16(data, len);
    if (u16)
        return u16;
    ud = uchardet_new();
    if (ud && uchardet_handle_data(ud, data, len) == 0) {
        uchardet_data_end(ud);
        snprintf(buf, buflen, "%s", uchardet_get_charset(ud));
        cs = buf;
    }
    uchardet_delete(ud);
    if (!cs || !*cs)
        return "WINDOWS-1252";
    /*
     * The archive is German: among the single-byte charsets only
     * ISO-8859-15 and the old DOS code pages differ from Windows-1252 for
     * German letters. Any other Latin guess (ISO-8859-1, -2, Windows-1250,
     * ...) is read as Windows-1252, the superset of "Latin-1" in practice.
     */
    if (strcasecmp(cs, "ISO-8859-15") == 0)
        return count_c1(data, len) ? "WINDOWS-1252" : "ISO-8859-15";
    if (strcasecmp(cs, "IBM850") == 0 || strcasecmp(cs, "IBM437") == 0 ||
        strcasecmp(cs, "CP850") == 0 || strcasecmp(cs, "CP437") == 0 ||
        strncasecmp(cs, "UTF-16", 6) == 0 || strncasecmp(cs, "UTF-32", 6) == 0)
        return cs;
    return "WINDOWS-1252";
}

/* Charsets a declaration may name that we read as Windows-1252. */
static int is_latin1_alias(const char *cs)
{
    static const char *const names[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1",
                                        "l1",         "us-ascii",  "ascii",  "windows-1252",
                                        "cp1252",     "utf-8",     "utf8",   NULL};
    size_t i;
    for (i = 0; names[i]; i++)
        if (strcasecmp(cs, names[i]) == 0)
            return 1;
    return 0;
}

wa_status wa_decode_text(const char *data, size_t len, const char *declared, struct wa_buf *out)
{
    struct wa_buf raw;
    char guess[64];
    const char *cs;
    size_t skip = 0;
    wa_status st;

    wa_buf_init(&raw, out->max);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    else if (len >= 2 && (memcmp(data, "\xFF\xFE", 2) == 0 || memcmp(data, "\xFE\xFF", 2) == 0))
        skip = 2;
    if (!skip && !wa_utf8_valid(data, len) && declared && *declared && !is_latin1_alias(declared)) {
        /* an explicit declaration (HTML/XML) beats guessing */
        cs = declared;
    } else {
        cs = wa_text_charset(data, len, guess, sizeof guess);
    }
    if (strcmp(cs, "UTF-8") == 0) {
        st = wa_buf_add(&raw, data + skip, len - skip);
    } else {
        st = convert(cs, data + skip, len - skip, &raw);
        if (st == WA_ERR_UNSUPPORTED)
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
    if (sniff_utf16(data, len))
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

static const char *const text_exts[] = {"txt", "text", "asc", NULL};
const struct wa_extractor wa_extractor_text = {"txt", text_exts, extract_text};
