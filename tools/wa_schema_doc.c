/* Writes the tables of docs/schema.md from the schema table, or checks them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wa_buf.h"
#include "wa_schema.h"

#define BEGIN_MARK "<!-- generated from lib/wa_schema.c by wa_schema_doc: begin -->\n"
#define END_MARK   "<!-- generated: end -->\n"

static wa_status cell(struct wa_buf *b, const char *prefix)
{
    return prefix ? wa_buf_addf(b, " `%s` |", prefix) : wa_buf_adds(b, " – |");
}

static wa_status field_row(struct wa_buf *b, const struct wa_field *f)
{
    wa_status st = wa_buf_addf(b, "| %s |", f->key);

    if (st == WA_OK && !(f->flags & WA_F_QUERY))
        st = wa_buf_adds(b, " – |");
    else if (st == WA_OK && strcmp(f->name_de, f->name_en) == 0)
        st = wa_buf_addf(b, " `%s:` |", f->name_de);
    else if (st == WA_OK)
        st = wa_buf_addf(b, " `%s:` / `%s:` |", f->name_de, f->name_en);
    if (st == WA_OK)
        st = cell(b, f->text_prefix);
    if (st == WA_OK)
        st = cell(b, f->bool_prefix);
    if (st == WA_OK)
        st = cell(b, f->unique_prefix);
    if (st == WA_OK)
        st = f->slot >= 0 ? wa_buf_addf(b, " %d |", f->slot) : wa_buf_adds(b, " – |");
    if (st == WA_OK)
        st = wa_buf_adds(b, (f->flags & WA_F_FACET) ? " yes |" : " – |");
    if (st == WA_OK)
        st = f->body_wdf ? wa_buf_addf(b, " %u |", f->body_wdf) : wa_buf_adds(b, " – |");
    if (st == WA_OK)
        st = wa_buf_addf(b, " %s |\n", f->doc_note ? f->doc_note : "");
    return st;
}

static wa_status tables(struct wa_buf *b)
{
    const struct wa_field *f;
    const struct wa_schema_extra *x;
    wa_status st;
    size_t i;

    st = wa_buf_adds(b, "| key | query names (de / en) | free-text prefix | exact-value prefix "
                        "| unique term | value slot | facet | body weight | notes |\n"
                        "|---|---|---|---|---|---|---|---|---|\n");
    for (f = wa_schema_fields(); st == WA_OK && f->key; f++)
        st = field_row(b, f);
    if (st == WA_OK)
        st = wa_buf_adds(b, "\nOther terms and slots:\n\n| prefix / slot | content |\n|---|---|\n");
    for (x = wa_schema_extras(); st == WA_OK && (x->prefix || x->slot >= 0); x++) {
        if (x->prefix)
            st = wa_buf_addf(b, "| `%s` | %s |\n", x->prefix, x->doc_note);
        else
            st = wa_buf_addf(b, "| slot %d | %s |\n", x->slot, x->doc_note);
    }
    if (st == WA_OK)
        st = wa_buf_adds(b, "\nKeys of the stored record, in order:");
    for (i = 0; st == WA_OK && (f = wa_schema_output(WA_OUT_STORED, i)) != NULL; i++)
        st = wa_buf_addf(b, "%s `%s`", i ? "," : "", f->key);
    if (st == WA_OK)
        st = wa_buf_adds(b, ", then `text`.\n");
    return st;
}

static int read_file(const char *path, struct wa_buf *b)
{
    char chunk[4096];
    size_t n;
    FILE *f = fopen(path, "rb");

    if (!f) {
        perror(path);
        return -1;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (wa_buf_add(b, chunk, n) != WA_OK) {
            fclose(f);
            return -1;
        }
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    struct wa_buf gen, doc;
    const char *begin, *end;
    int rc = 2;

    wa_buf_init(&gen, 0);
    wa_buf_init(&doc, 0);
    if (tables(&gen) != WA_OK) {
        fputs("wa_schema_doc: out of memory\n", stderr);
        goto cleanup;
    }
    if (argc == 1) {
        fputs(gen.p, stdout);
        rc = 0;
        goto cleanup;
    }
    if (argc != 3 || (strcmp(argv[1], "--check") != 0 && strcmp(argv[1], "--write") != 0)) {
        fputs("usage: wa_schema_doc [--check|--write docs/schema.md]\n", stderr);
        goto cleanup;
    }
    if (read_file(argv[2], &doc) != 0)
        goto cleanup;
    begin = strstr(doc.p, BEGIN_MARK);
    end = begin ? strstr(begin, END_MARK) : NULL;
    if (!end) {
        fprintf(stderr, "wa_schema_doc: '%s' has no generated block\n", argv[2]);
        goto cleanup;
    }
    begin += strlen(BEGIN_MARK);
    if (strcmp(argv[1], "--check") == 0) {
        rc = (size_t)(end - begin) == gen.len && memcmp(begin, gen.p, gen.len) == 0 ? 0 : 1;
        if (rc)
            fprintf(stderr,
                    "wa_schema_doc: the tables in '%s' differ from lib/wa_schema.c; "
                    "run: wa_schema_doc --write %s\n",
                    argv[2], argv[2]);
    } else {
        FILE *f = fopen(argv[2], "wb");
        if (!f) {
            perror(argv[2]);
            goto cleanup;
        }
        fwrite(doc.p, 1, (size_t)(begin - doc.p), f);
        fwrite(gen.p, 1, gen.len, f);
        fputs(end, f);
        rc = fclose(f) == 0 ? 0 : 2;
    }
cleanup:
    wa_buf_release(&gen);
    wa_buf_release(&doc);
    return rc;
}
