/* CSV output for spreadsheets (RFC 4180), and its German Excel variant. */
#include <string.h>

#include "render.h"
#include "wa_schema.h"

/* One field and the separator sep (',', or ';' for German Excel) or the line
 * end after it: quoted when it holds the separator, a quote or a line break. */
static void put_field(FILE *out, const char *s, int last, char sep)
{
    const char specials[] = {sep, '"', '\r', '\n', '\0'};

    if (!s)
        s = "";
    if (strpbrk(s, specials)) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    if (last)
        fputs("\r\n", out);
    else
        fputc(sep, out);
}

/* A list as one field, its items joined by "; ". */
static void put_list(FILE *out, const struct wa_strlist *l, int last, char sep)
{
    struct wa_buf b;
    size_t i;

    wa_buf_init(&b, 0);
    for (i = 0; i < l->n; i++) {
        if (i)
            wa_buf_adds(&b, "; ");
        wa_buf_adds(&b, l->v[i]);
    }
    put_field(out, b.p, last, sep);
    wa_buf_release(&b);
}

int wa_render_csv(FILE *out, const struct wa_results *r, int excel)
{
    static const char *const tail[] = {"score", "snippet", "duplicates"};
    const struct wa_field *f;
    size_t i, k;
    char num[64];
    const char sep = excel ? ';' : ',';

    if (excel)
        fputs("\xEF\xBB\xBF", out); /* Excel reads UTF-8 only after a byte order mark */
    /* rank, the record fields of the schema's CSV column, score, snippet, duplicates */
    put_field(out, "rank", 0, sep);
    for (k = 0; (f = wa_schema_output(WA_OUT_CSV, k)) != NULL; k++)
        put_field(out, f->key, 0, sep);
    for (k = 0; k < sizeof tail / sizeof tail[0]; k++)
        put_field(out, tail[k], k + 1 == sizeof tail / sizeof tail[0], sep);
    for (i = 0; i < r->n; i++) {
        const struct wa_hit *h = &r->hits[i];
        snprintf(num, sizeof num, "%u", h->rank);
        put_field(out, num, 0, sep);
        for (k = 0; (f = wa_schema_output(WA_OUT_CSV, k)) != NULL; k++) {
            const struct wa_strlist *l = wa_record_list(&h->rec, f);
            if (l)
                put_list(out, l, 0, sep);
            else
                put_field(out, wa_record_str(&h->rec, f), 0, sep);
        }
        snprintf(num, sizeof num, "%.4f", h->score);
        if (excel && strchr(num, '.'))
            *strchr(num, '.') = ',';
        put_field(out, num, 0, sep);
        put_field(out, h->snippet, 0, sep);
        put_list(out, &h->dup_paths, 1, sep);
    }
    return ferror(out) ? -1 : 0;
}
