/* Unit tests of the schema table: outputs, record members, metadata names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "wa_record.h"
#include "wa_schema.h"

/* Every output numbers its fields 1..n without gaps or duplicates. */
static void test_output_positions(void **state)
{
    const struct wa_field *f;
    int out;
    (void)state;
    for (out = 0; out < WA_OUT_COUNT; out++) {
        size_t n = 0, i;
        for (f = wa_schema_fields(); f->key; f++)
            n += f->pos[out] != 0;
        assert_true(n > 0);
        for (i = 0; i < n; i++) {
            size_t seen = 0;
            for (f = wa_schema_fields(); f->key; f++)
                seen += f->pos[out] == i + 1;
            assert_int_equal(seen, 1);
            assert_non_null(wa_schema_output((enum wa_output)out, i));
        }
        assert_null(wa_schema_output((enum wa_output)out, n));
    }
    /* the year comes from the date and is never shown or stored itself */
    f = wa_schema_field("jahr", 4);
    assert_non_null(f);
    for (out = 0; out < WA_OUT_COUNT; out++)
        assert_int_equal(f->pos[out], 0);
}

/* Members lie inside the record and match their type; keys are unique. */
static void test_members(void **state)
{
    const struct wa_field *f, *g;
    (void)state;
    for (f = wa_schema_fields(); f->key; f++) {
        size_t size = f->type == WA_TYPE_LIST  ? sizeof(struct wa_strlist)
                      : f->type == WA_TYPE_INT ? sizeof(long long)
                                               : sizeof(char *);
        assert_true(f->member + size <= sizeof(struct wa_record));
        if (f->type == WA_TYPE_LIST)
            assert_non_null(f->seps);
        for (g = f + 1; g->key; g++)
            assert_string_not_equal(f->key, g->key);
    }
}

/* Metadata cannot set what the indexer owns. */
static void test_indexer_fields_not_settable(void **state)
{
    static const char *const owned[] = {"id", "path", "size", "mtime", "text"};
    struct wa_record r;
    size_t i;
    (void)state;
    wa_record_init(&r);
    for (i = 0; i < sizeof owned / sizeof owned[0]; i++) {
        assert_null(wa_schema_field(owned[i], strlen(owned[i])));
        assert_int_equal(wa_record_set(&r, owned[i], "/etc/passwd", 11), WA_ERR_NOT_FOUND);
    }
    assert_null(r.id);
    assert_null(r.path);
    assert_int_equal(wa_record_set(&r, "jahr", "2019", 4), WA_OK);
    assert_string_equal(r.date, "2019");
    wa_record_release(&r);
}

/* Every stored field survives the stored data and the JSON, through the accessors. */
static void test_round_trip(void **state)
{
    const struct wa_field *f;
    struct wa_record r, back;
    struct wa_buf b;
    int pass;
    (void)state;
    wa_record_init(&r);
    r.id = strdup("a/b.txt");
    r.path = strdup("/srv/a/b.txt");
    r.size = 1234;
    r.mtime = 1700000000;
    assert_int_equal(wa_record_set(&r, "titel", "Titel", 5), WA_OK);
    assert_int_equal(wa_record_set(&r, "datum", "2021-03", 7), WA_OK);
    assert_int_equal(wa_record_set(&r, "typ", "Protokoll", 9), WA_OK);
    assert_int_equal(wa_record_set(&r, "werkstatt", "Open Source", 11), WA_OK);
    assert_int_equal(wa_record_set(&r, "autoren", "A; B", 4), WA_OK);
    assert_int_equal(wa_record_set(&r, "schlagworte", "x, y", 4), WA_OK);
    assert_int_equal(wa_record_set(&r, "sichtbarkeit", "privat", 6), WA_OK);
    assert_int_equal(wa_record_set(&r, "sprache", "de", 2), WA_OK);
    assert_int_equal(wa_record_set(&r, "format", "txt", 3), WA_OK);
    assert_int_equal(wa_record_set(&r, "zusammenfassung", "kurz", 4), WA_OK);
    r.text = strdup("Text");
    r.text_len = 4;
    for (pass = 0; pass < 2; pass++) {
        wa_buf_init(&b, 0);
        wa_record_init(&back);
        assert_int_equal(pass ? wa_record_to_data(&r, &b) : wa_record_to_json(&r, &b), WA_OK);
        assert_int_equal(wa_record_from_json(&back, b.p, b.len), WA_OK);
        for (f = wa_schema_fields(); f->key; f++) {
            const struct wa_strlist *l = wa_record_list(&r, f), *lb = wa_record_list(&back, f);
            size_t i;
            if (!f->pos[WA_OUT_STORED])
                continue;
            if (l) {
                assert_int_equal(l->n, lb->n);
                for (i = 0; i < l->n; i++)
                    assert_string_equal(l->v[i], lb->v[i]);
            } else if (f->type == WA_TYPE_INT) {
                assert_int_equal(wa_record_int(&r, f), wa_record_int(&back, f));
            } else {
                assert_non_null(wa_record_str(&back, f));
                assert_string_equal(wa_record_str(&r, f), wa_record_str(&back, f));
            }
        }
        assert_memory_equal(back.text, "Text", 4);
        wa_record_release(&back);
        wa_buf_release(&b);
    }
    assert_string_equal(r.visibility, "intern");
    assert_int_equal(r.authors.n, 2);
    wa_record_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_output_positions),
        cmocka_unit_test(test_members),
        cmocka_unit_test(test_indexer_fields_not_settable),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
