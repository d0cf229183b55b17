/* The audit log: one escaped line per change, read back field by field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpdir.h"
#include "wa_audit.h"

struct seen {
    size_t n;
    char action[4][32];
    char reason[4][64];
    char who[4][32];
};

static int collect(const struct wa_audit_entry *e, size_t lineno, void *ctx)
{
    struct seen *s = ctx;
    (void)lineno;
    if (s->n < 4) {
        snprintf(s->action[s->n], 32, "%s", e->action);
        snprintf(s->reason[s->n], 64, "%s", e->reason);
        snprintf(s->who[s->n], 32, "%s", e->who);
    }
    s->n++;
    return 0;
}

static void t_roundtrip(void **state)
{
    char dir[64], path[128];
    struct wa_audit_entry e = {"2026-01-02T03:04:05Z",
                               "eva",
                               "meta",
                               "a/b.txt",
                               "titel",
                               "Alt\tmit Tab",
                               "Neu",
                               "Tippfehler\nzweite Zeile \\ Ende"};
    struct wa_audit_entry e2 = {NULL, NULL, "withdraw", "a/c.txt", NULL, NULL, NULL, "weg"};
    struct seen s;
    size_t bad;
    FILE *f;
    (void)state;
    memset(&s, 0, sizeof s);
    assert_int_equal(tmpdir_make(dir, sizeof dir, "audit"), 0);
    assert_int_equal(wa_audit_each(dir, collect, &s, &bad), WA_OK); /* no log yet */
    assert_int_equal(s.n, 0);
    assert_int_equal(wa_audit_append(dir, &e), WA_OK);
    assert_int_equal(wa_audit_append(dir, &e2), WA_OK);
    /* a damaged line is counted and skipped, the others still read */
    snprintf(path, sizeof path, "%s/%s", dir, WA_AUDIT_FILE);
    f = fopen(path, "a");
    assert_non_null(f);
    fputs("kaputt\tnur zwei\n", f);
    fclose(f);
    assert_int_equal(wa_audit_append(dir, &e), WA_OK);
    assert_int_equal(wa_audit_each(dir, collect, &s, &bad), WA_OK);
    assert_int_equal(bad, 1);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.action[0], "meta");
    assert_string_equal(s.reason[0], "Tippfehler\nzweite Zeile \\ Ende");
    assert_string_equal(s.who[0], "eva");
    assert_string_equal(s.action[1], "withdraw");
    assert_string_equal(s.who[1], wa_audit_user(NULL)); /* the OS user */
    tmpdir_remove(dir);
}

static void t_parse(void **state)
{
    struct wa_buf f[WA_AUDIT_FIELDS];
    size_t i;
    static const char ok[] = "w\tu\ta\ti\tf\to\tn\tr";
    (void)state;
    for (i = 0; i < WA_AUDIT_FIELDS; i++)
        wa_buf_init(&f[i], 0);
    assert_int_equal(wa_audit_parse(ok, strlen(ok), f), WA_OK);
    assert_string_equal(f[7].p, "r");
    assert_int_equal(wa_audit_parse("a\tb", 3, f), WA_ERR_FORMAT);
    assert_int_equal(wa_audit_parse("\t\t\t\t\t\t\t\t", 8, f), WA_ERR_FORMAT);
    assert_int_equal(wa_audit_parse("\t\t\t\t\t\t\t\\x", 9, f), WA_ERR_FORMAT);
    assert_int_equal(wa_audit_parse("\t\t\t\t\t\t\t", 7, f), WA_OK);
    for (i = 0; i < WA_AUDIT_FIELDS; i++)
        wa_buf_release(&f[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_roundtrip),
        cmocka_unit_test(t_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
