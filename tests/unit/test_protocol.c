/* Unit tests of the worker protocol: round trips and malformed bytes, table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "protocol.h"

#define HASH "0123456789abcdef"

/* A request survives encoding and decoding, a negative mtime too. */
static void test_request_round_trip(void **state)
{
    struct wa_request in = {"/srv/ablage/Protokoll 2021.txt", "werkstatt/Protokoll 2021.txt",
                            1700000000},
                      out;
    struct wa_buf b;
    (void)state;

    wa_buf_init(&b, 0);
    assert_int_equal(wa_request_encode(&in, &b), WA_OK);
    assert_int_equal(b.len, strlen(in.path) + 1 + strlen(in.id) + 1 + 10);
    assert_int_equal(wa_request_decode(b.p, b.len, &out), WA_OK);
    assert_string_equal(out.path, in.path);
    assert_string_equal(out.id, in.id);
    assert_true(out.mtime == in.mtime);
    wa_buf_reset(&b);
    in.mtime = -5;
    assert_int_equal(wa_request_encode(&in, &b), WA_OK);
    assert_int_equal(wa_request_decode(b.p, b.len, &out), WA_OK);
    assert_true(out.mtime == -5);
    wa_buf_release(&b);
}

/* Empty parts cannot be encoded; out stays as it was. */
static void test_request_encode_refuses_empty(void **state)
{
    struct wa_request r = {"", "a", 1};
    struct wa_buf b;
    (void)state;

    wa_buf_init(&b, 0);
    assert_int_equal(wa_buf_adds(&b, "vorher"), WA_OK);
    assert_int_equal(wa_request_encode(&r, &b), WA_ERR_INVALID);
    r.path = "/a";
    r.id = "";
    assert_int_equal(wa_request_encode(&r, &b), WA_ERR_INVALID);
    assert_string_equal(b.p, "vorher");
    wa_buf_release(&b);
}

struct bytes {
    const char *why; /* what is wrong with it */
    const char *p;
    size_t len;
};
#define B(why, lit)                                                                                \
    {                                                                                              \
        why, lit, sizeof(lit) - 1                                                                  \
    }

/* Each malformed request is refused. */
static void test_request_decode_malformed(void **state)
{
    static const struct bytes bad[] = {
        B("empty", ""),
        B("no NUL at all", "/a/b.txt"),
        B("path only", "/a/b.txt\0"),
        B("no mtime", "/a\0a\0"),
        B("empty path", "\0a\0"
                        "1"),
        B("empty id", "/a\0\0"
                      "1"),
        B("mtime with a letter", "/a\0a\0"
                                 "12x"),
        B("mtime with a plus sign", "/a\0a\0+12"),
        B("mtime with a space", "/a\0a\0"
                                "12 "),
        B("only a minus", "/a\0a\0-"),
        B("19 digits", "/a\0a\0"
                       "1234567890123456789"),
        B("a third NUL", "/a\0a\0"
                         "1\0"),
    };
    struct wa_request r;
    size_t i;
    (void)state;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (wa_request_decode(bad[i].p, bad[i].len, &r) != WA_ERR_FORMAT)
            fail_msg("accepted: %s", bad[i].why);
    }
}

/* A reply with warnings, record and binary document bytes survives a round trip. */
static void test_reply_round_trip(void **state)
{
    static const char warn[] = "zeile 3: unbekannter Schlüssel 'farbe'\n";
    static const char rec[] = "{\"title\":\"Protokoll\"}";
    static const char doc[] = {'\x01', '\0', '\xff', 'Z', '\0'};
    struct wa_reply r;
    struct wa_buf b;
    (void)state;

    wa_buf_init(&b, 0);
    assert_int_equal(
        wa_reply_encode(HASH, warn, strlen(warn), rec, strlen(rec), doc, sizeof doc, &b), WA_OK);
    assert_int_equal(b.len, 16 + 8 + strlen(warn) + strlen(rec) + 1 + sizeof doc);
    assert_int_equal(wa_reply_decode(b.p, b.len, &r), WA_OK);
    assert_string_equal(r.hash, HASH);
    assert_int_equal(r.warnings_len, strlen(warn));
    assert_memory_equal(r.warnings, warn, strlen(warn));
    assert_int_equal(r.record_len, strlen(rec));
    assert_memory_equal(r.record, rec, strlen(rec));
    assert_int_equal(r.doc_len, sizeof doc);
    assert_memory_equal(r.doc, doc, sizeof doc);
    wa_buf_release(&b);
}

/* No warnings and an empty document are fine. */
static void test_reply_minimal(void **state)
{
    static const char bytes[] = HASH "00000000{}";
    struct wa_reply r;
    (void)state;

    assert_int_equal(wa_reply_decode(bytes, sizeof bytes, &r), WA_OK); /* with its NUL */
    assert_int_equal(r.warnings_len, 0);
    assert_int_equal(r.record_len, 2);
    assert_int_equal(r.doc_len, 0);
}

/* Each malformed reply is refused (a hostile or crashed worker wrote it). */
static void test_reply_decode_malformed(void **state)
{
    static const struct bytes bad[] = {
        B("empty", ""),
        B("shorter than the header", HASH "0000"),
        B("header only", HASH "00000000"),
        B("uppercase hash", "0123456789ABCDEF00000000{}\0"),
        B("hash with a letter past f", "0123456789abcdeg00000000{}\0"),
        B("warnings length with a space", HASH " 0000000{}\0"),
        B("warnings length past the end", HASH "ffffffff{}\0"),
        B("warnings length one past the end", HASH "00000004{}\0"),
        B("warnings swallow the NUL", HASH "00000003{}\0"),
        B("no NUL after the record", HASH "00000000{\"a\":1}"),
        B("empty record", HASH "00000000\0doc"),
        B("minus in the length", HASH "-0000001{}\0"),
    };
    struct wa_reply r;
    size_t i;
    (void)state;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (wa_reply_decode(bad[i].p, bad[i].len, &r) != WA_ERR_FORMAT)
            fail_msg("accepted: %s", bad[i].why);
    }
}

/* The encoder refuses what the decoder could not read back. */
static void test_reply_encode_refuses(void **state)
{
    struct wa_buf b;
    (void)state;

    wa_buf_init(&b, 0);
    assert_int_equal(wa_reply_encode("0123", "", 0, "{}", 2, "", 0, &b), WA_ERR_INVALID);
    assert_int_equal(wa_reply_encode("0123456789ABCDEF", "", 0, "{}", 2, "", 0, &b),
                     WA_ERR_INVALID);
    assert_int_equal(wa_reply_encode(HASH, "", 0, "{\0}", 3, "", 0, &b), WA_ERR_INVALID);
    assert_int_equal(wa_reply_encode(HASH, "", 0, "", 0, "", 0, &b), WA_ERR_INVALID);
    assert_int_equal(b.len, 0);
    wa_buf_release(&b);
}

/* A capped buffer that cannot take the reply is left as it was. */
static void test_reply_encode_toobig(void **state)
{
    struct wa_buf b;
    (void)state;

    wa_buf_init(&b, 30);
    assert_int_equal(wa_buf_adds(&b, "x"), WA_OK);
    assert_int_equal(wa_reply_encode(HASH, "", 0, "{\"title\":\"lang\"}", 16, "", 0, &b),
                     WA_ERR_TOOBIG);
    assert_int_equal(b.len, 1);
    assert_string_equal(b.p, "x");
    wa_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_round_trip),
        cmocka_unit_test(test_request_encode_refuses_empty),
        cmocka_unit_test(test_request_decode_malformed),
        cmocka_unit_test(test_reply_round_trip),
        cmocka_unit_test(test_reply_minimal),
        cmocka_unit_test(test_reply_decode_malformed),
        cmocka_unit_test(test_reply_encode_refuses),
        cmocka_unit_test(test_reply_encode_toobig),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
