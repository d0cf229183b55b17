/* Text output for terminals and pipes. */
#include <string.h>

#include "render.h"
#include "wa_schema.h"

#define BOLD   "\033[1m"
#define NORMAL "\033[0m"

static const char *const months[] = {"Januar",    "Februar", "März",     "April",
                                     "Mai",       "Juni",    "Juli",     "August",
                                     "September", "Oktober", "November", "Dezember"};

static int digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

const char *wa_render_date_de(const char *iso, char *out, size_t len)
{
    size_t n = iso ? strlen(iso) : 0;

    if (n == 10 && digits(iso, 4) && iso[4] == '-' && digits(iso + 5, 2) && iso[7] == '-' &&
        digits(iso + 8, 2)) {
        snprintf(out, len, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
    } else if (n == 7 && digits(iso, 4) && iso[4] == '-' && digits(iso + 5, 2)) {
        int m = (iso[5] - '0') * 10 + (iso[6] - '0');
        if (m >= 1 && m <= 12)
            snprintf(out, len, "%s %.4s", months[m - 1], iso);
        else
            snprintf(out, len, "%s", iso);
    } else {
        snprintf(out, len, "%s", iso ? iso : "");
    }
    return out;
}

/* "YYYYMMDD" as "DD.MM.YYYY". */
static const char *compact_de(const char *d, char *out, size_t len)
{
    snprintf(out, len, "%.2s.%.2s.%.4s", d + 6, d + 4, d);
    return out;
}

static void put_marked(FILE *out, const char *s, int color)
{
    for (; *s; s++) {
        if (*s == WA_HL_START[0]) {
            if (color)
                fputs(BOLD, out);
        } else if (*s == WA_HL_END[0]) {
            if (color)
                fputs(NORMAL, out);
        } else {
            fputc(*s, out);
        }
    }
}

static const char *sort_name(enum wa_sort s)
{
    return s == WA_SORT_NEWEST ? "neueste zuerst" : s == WA_SORT_OLDEST ? "älteste zuerst" : NULL;
}

static void put_header(FILE *out, const struct wa_results *r)
{
    char a[32], b[32];
    const char *sort = sort_name(r->sort);

    if (r->similar)
        fprintf(out, "Ähnliche Dokumente wie '%s'\n", r->similar);
    if (r->suggestion)
        fprintf(out, "Meinten Sie: %s?\n", r->suggestion);
    if (r->relaxed == 1)
        fputs("Keine Treffer mit allen Wörtern – Ergebnisse mit einzelnen Wörtern\n", out);
    else if (r->relaxed)
        fputs("Zuerst Treffer mit allen Wörtern, danach Treffer, denen einzelne Wörter fehlen\n",
              out);
    if (r->ignored.n) {
        size_t i;
        fputs("Nicht gesucht (zu häufig):", out);
        for (i = 0; i < r->ignored.n; i++)
            fprintf(out, "%s %s", i ? "," : "", r->ignored.v[i]);
        fputc('\n', out);
    }
    fprintf(out, "%s%lu Treffer", r->total_exact ? "" : "etwa ", r->total);
    if (r->n && (r->offset > 0 || r->n < r->total))
        fprintf(out, ", angezeigt %u–%u", r->offset + 1, r->offset + (unsigned)r->n);
    if (sort)
        fprintf(out, ", %s", sort);
    if (r->date_from && r->date_to)
        fprintf(out, ", %s bis %s", compact_de(r->date_from, a, sizeof a),
                compact_de(r->date_to, b, sizeof b));
    else if (r->date_from)
        fprintf(out, ", ab %s", compact_de(r->date_from, a, sizeof a));
    else if (r->date_to)
        fprintf(out, ", bis %s", compact_de(r->date_to, b, sizeof b));
    fputc('\n', out);
}

/* A path on one line: control characters (a newline or an escape sequence
 * in a file name) as \n, \t or \xNN, as ls -b shows them. */
static void put_path(FILE *out, const char *indent, const char *p)
{
    fputs(indent, out);
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('\n', out);
}

static void put_hit(FILE *out, const struct wa_hit *h, int color)
{
    const char *sep = "";
    char date[40];
    size_t j;

    fprintf(out, "\n%3u. %s%s%s\n", h->rank, color ? BOLD : "",
            h->rec.title ? h->rec.title : "(ohne Titel)", color ? NORMAL : "");
    fputs("     ", out);
    if (h->rec.date) {
        fputs(wa_render_date_de(h->rec.date, date, sizeof date), out);
        sep = " · ";
    }
    if (h->rec.werkstatt) {
        fprintf(out, "%s%s", sep, h->rec.werkstatt);
        sep = " · ";
    }
    if (h->rec.type) {
        fprintf(out, "%s%s", sep, h->rec.type);
        sep = " · ";
    }
    if (h->rec.visibility && strcmp(h->rec.visibility, "intern") == 0)
        fprintf(out, "%sintern", sep);
    fputc('\n', out);
    if (h->rec.authors.n) {
        fputs("     ", out);
        for (j = 0; j < h->rec.authors.n; j++)
            fprintf(out, "%s%s", j ? "; " : "", h->rec.authors.v[j]);
        fputc('\n', out);
    }
    put_path(out, "     ", h->rec.path ? h->rec.path : h->rec.id ? h->rec.id : "");
    if (h->rec.path && h->rec.id && strcmp(h->rec.path, h->rec.id) != 0)
        fprintf(out, "     ID: %s\n", h->rec.id); /* what show and --similar take */
    if (h->snippet_marked && *h->snippet_marked) {
        fputs("     ", out);
        put_marked(out, h->snippet_marked, color);
        fputc('\n', out);
    }
    if (h->dup_paths.n) {
        fprintf(out, "     Gleicher Text auch in %s:\n",
                h->dup_paths.n == 1 ? "einer weiteren Datei" : "weiteren Dateien");
        for (j = 0; j < h->dup_paths.n; j++)
            put_path(out, "       ", h->dup_paths.v[j]);
    } else if (h->collapsed) {
        fprintf(out, "     (+%lu weitere Fassung%s mit gleichem Text)\n", h->collapsed,
                h->collapsed == 1 ? "" : "en");
    }
}

/* Values of one facet the text output shows; the rest are counted. */
#define WA_TEXT_FACET_VALUES 15

void wa_render_text(FILE *out, const struct wa_results *r, unsigned flags)
{
    int color = (flags & WA_TEXT_COLOR) != 0;
    size_t i, j;

    put_header(out, r);
    for (i = 0; i < r->n; i++)
        put_hit(out, &r->hits[i], color);
    if (!(flags & WA_TEXT_FACETS) || !r->nfacets)
        return;
    fprintf(out, "\n%sTreffer nach%s\n", color ? BOLD : "", color ? NORMAL : "");
    for (i = 0; i < r->nfacets; i++) {
        const struct wa_facet_list *f = &r->facets[i];
        if (!f->n)
            continue;
        fprintf(out, "  %s:", f->label);
        for (j = 0; j < f->n && j < WA_TEXT_FACET_VALUES; j++)
            fprintf(out, "%s %s (%lu)", j ? "," : "", f->v[j].value, f->v[j].count);
        if (f->n > WA_TEXT_FACET_VALUES)
            fprintf(out, " … und %zu weitere (alle mit --json)", f->n - WA_TEXT_FACET_VALUES);
        fputc('\n', out);
    }
}

static void field(FILE *out, const char *label, const char *value, int color)
{
    if (!value || !*value)
        return;
    fprintf(out, "%s%s:%s %s\n", color ? BOLD : "", label, color ? NORMAL : "", value);
}

static void list_field(FILE *out, const char *label, const struct wa_strlist *l, int color)
{
    size_t i;

    if (!l->n)
        return;
    fprintf(out, "%s%s:%s ", color ? BOLD : "", label, color ? NORMAL : "");
    for (i = 0; i < l->n; i++)
        fprintf(out, "%s%s", i ? "; " : "", l->v[i]);
    fputc('\n', out);
}

void wa_render_record_text(FILE *out, const struct wa_record *rec, unsigned flags)
{
    int color = (flags & WA_TEXT_COLOR) != 0;
    const struct wa_field *f;
    char date[40];
    size_t i;

    for (i = 0; (f = wa_schema_output(WA_OUT_DOC_TEXT, i)) != NULL; i++) {
        const struct wa_strlist *l = wa_record_list(rec, f);
        const char *v = wa_record_str(rec, f);
        if (l) {
            list_field(out, f->label_de, l, color);
            continue;
        }
        if (!v)
            v = f->missing_de;
        else if (f->type == WA_TYPE_DATE)
            v = wa_render_date_de(v, date, sizeof date);
        field(out, f->label_de, v, color);
    }
    fputc('\n', out);
    if (rec->text && rec->text_len) {
        fwrite(rec->text, 1, rec->text_len, out);
        if (rec->text[rec->text_len - 1] != '\n')
            fputc('\n', out);
    } else {
        fputs("(kein Text gespeichert)\n", out);
    }
}
