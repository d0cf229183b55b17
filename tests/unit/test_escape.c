/* Unit tests of the escaping module (lib/wa_escape.c): one table per context. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "wa_escape.h"

typedef wa_status (*escape_fn)(struct wa_buf *, const char *, size_t);

static void check(escape_fn fn, const char *in, size_t len, const char *want)
{
    struct wa_buf b;

    wa_buf_init(&b, 0);
    assert_int_equal(fn(&b, in, len), WA_OK);
    if (strcmp(b.p, want) != 0)
        fail_msg("'%s' became '%s', expected '%s'", in, b.p, want);
    wa_buf_release(&b);
}

static void test_html(void **state)
{
    (void)state;
    /* the hostile queries of the web page */
    check(wa_escape_html, "<script>alert(1)</script>", 25, "&lt;script&gt;alert(1)&lt;/script&gt;");
    check(wa_escape_html, "\"onmouseover=alert(1)", 21, "&quot;onmouseover=alert(1)");
    check(wa_escape_html, "<img src=x onerror='a()'>", 25,
          "&lt;img src=x onerror=&#39;a()&#39;&gt;");
    check(wa_escape_html, "A & B", 5, "A &amp; B");
    /* UTF-8 passes, controls do not; newline stays in text */
    check(wa_escape_html, "Bürger\n", 8, "Bürger\n");
    check(wa_escape_html, "a\0b", 3,
          "a\xef\xbf\xbd"
          "b");
    check(wa_escape_html, "", 0, "");
}

static void test_attr(void **state)
{
    (void)state;
    check(wa_escape_attr, "x\" onfocus=\"a", 13, "x&quot; onfocus=&quot;a");
    check(wa_escape_attr, "a\nb\tc", 5, "a&#10;b&#9;c");
    check(wa_escape_attr, "'", 1, "&#39;");
}

static void test_marked(void **state)
{
    struct wa_buf b;

    (void)state;
    wa_buf_init(&b, 0);
    assert_int_equal(wa_escape_html_marked(&b, "a \x01<b>\x02 c", 9, '\x01', '\x02'), WA_OK);
    assert_string_equal(b.p, "a <mark>&lt;b&gt;</mark> c");
    wa_buf_reset(&b);
    /* an unbalanced start is closed, a stray end dropped */
    assert_int_equal(wa_escape_html_marked(&b, "\x02x\x01y", 4, '\x01', '\x02'), WA_OK);
    assert_string_equal(b.p, "x<mark>y</mark>");
    wa_buf_release(&b);
}

static void test_url(void **state)
{
    struct wa_buf b;

    (void)state;
    check(wa_escape_url, "Bürger innen", 13, "B%C3%BCrger%20innen");
    check(wa_escape_url, "a&b=c+d#e/f?\"<>'", 16, "a%26b%3Dc%2Bd%23e%2Ff%3F%22%3C%3E%27");
    check(wa_escape_url, "A-z_0.9~", 8, "A-z_0.9~");
    /* and back */
    check(wa_unescape_url, "B%C3%BCrger+innen%20x", 21, "Bürger innen x");
    check(wa_unescape_url, "%3cscript%3E", 12, "<script>");
    wa_buf_init(&b, 0);
    assert_int_equal(wa_unescape_url(&b, "a%00b", 5), WA_ERR_FORMAT); /* NUL */
    assert_int_equal(wa_unescape_url(&b, "a%G1", 4), WA_ERR_FORMAT);
    assert_int_equal(wa_unescape_url(&b, "a%4", 3), WA_ERR_FORMAT);
    assert_int_equal(wa_unescape_url(&b, "%", 1), WA_ERR_FORMAT);
    assert_int_equal(b.len, 0); /* unchanged on error */
    wa_buf_release(&b);
}

static void test_cap(void **state)
{
    struct wa_buf b;

    (void)state;
    /* a capped buffer: the failing append leaves it as it was */
    wa_buf_init(&b, 8);
    assert_int_equal(wa_buf_adds(&b, "ok"), WA_OK);
    assert_int_equal(wa_escape_html(&b, "<<<<", 4), WA_ERR_TOOBIG);
    assert_string_equal(b.p, "ok");
    assert_int_equal(wa_escape_url(&b, "üüü", 6), WA_ERR_TOOBIG);
    assert_string_equal(b.p, "ok");
    wa_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html), cmocka_unit_test(test_attr), cmocka_unit_test(test_marked),
        cmocka_unit_test(test_url),  cmocka_unit_test(test_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
