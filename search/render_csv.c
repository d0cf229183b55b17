/* CSV output for spreadsheets (RFC 4180). */
#include <string.h>

#include "render.h"

/* One field: quoted when it holds a comma, a quote or a line break. */
static void put_field(FILE *out, const char *s, int last)
{
    if (!s)
        s = "";
    if (strpbrk(s, ",\"\r\n")) {
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
    fputs(last ? "\r\n" : ",", out);
}

/* A list as one field, its items joined by "; ". */
static void put_list(FILE *out, const struct wa_strlist *l, int last)
{
    struct wa_buf b;
    size_t i;

    wa_buf_init(&b, 0);
    for (i = 0; i < l->n; i++) {
        if (i)
            wa_buf_adds(&b, "; ");
        wa_buf_adds(&b, l->v[i]);
    }
    put_field(out, b.p, last);
    wa_buf_release(&b);
}

int wa_render_csv(FILE *out, const struct wa_results *r)
{
    static const char *const header[] = {"rank",      "id",      "title",   "date",       "type",
                                         "werkstatt", "authors", "tags",    "visibility", "format",
                                         "path",      "score",   "snippet", "duplicates"};
    size_t i, n = sizeof header / sizeof header[0];
    char num[64];

    for (i = 0; i < n; i++)
        put_field(out, header[i], i + 1 == n);
    for (i = 0; i < r->n; i++) {
        const struct wa_hit *h = &r->hits[i];
        snprintf(num, sizeof num, "%u", h->rank);
        put_field(out, num, 0);
        put_field(out, h->rec.id, 0);
        put_field(out, h->rec.title, 0);
        put_field(out, h->rec.date, 0);
        put_field(out, h->rec.type, 0);
        put_field(out, h->rec.werkstatt, 0);
        put_list(out, &h->rec.authors, 0);
        put_list(out, &h->rec.tags, 0);
        put_field(out, h->rec.visibility, 0);
        put_field(out, h->rec.format, 0);
        put_field(out, h->rec.path, 0);
        snprintf(num, sizeof num, "%.4f", h->score);
        put_field(out, num, 0);
        put_field(out, h->snippet, 0);
        put_list(out, &h->dup_paths, 1);
    }
    return ferror(out) ? -1 : 0;
}
