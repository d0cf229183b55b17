/* Text output for terminals and pipes. */
#include <string.h>

#include "render.h"

#define BOLD   "\033[1m"
#define NORMAL "\033[0m"

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

void wa_render_text(FILE *out, const struct wa_results *r, int color)
{
    size_t i, j;

    if (r->suggestion)
        fprintf(out, "Meinten Sie: %s?\n", r->suggestion);
    if (r->relaxed)
        fputs("Keine Treffer mit allen Wörtern – Ergebnisse mit einzelnen Wörtern\n", out);
    fprintf(out, "%lu Treffer\n", r->total);
    for (i = 0; i < r->n; i++) {
        const struct wa_hit *h = &r->hits[i];
        const char *sep = "";
        fprintf(out, "\n%3u. %s%s%s\n", h->rank, color ? BOLD : "",
                h->rec.title ? h->rec.title : "(ohne Titel)", color ? NORMAL : "");
        fputs("     ", out);
        if (h->rec.date) {
            fprintf(out, "%s", h->rec.date);
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
        fprintf(out, "     %s\n", h->rec.path ? h->rec.path : h->rec.id);
        if (h->snippet_marked && *h->snippet_marked) {
            fputs("     ", out);
            put_marked(out, h->snippet_marked, color);
            fputc('\n', out);
        }
        if (h->collapsed)
            fprintf(out, "     (+%lu weitere Fassung%s mit gleichem Text)\n", h->collapsed,
                    h->collapsed == 1 ? "" : "en");
    }
    for (i = 0; i < r->nfacets; i++) {
        const struct wa_facet_list *f = &r->facets[i];
        if (!f->n)
            continue;
        fprintf(out, "\n%s:", f->label);
        for (j = 0; j < f->n; j++)
            fprintf(out, "%s %s (%lu)", j ? "," : "", f->v[j].value, f->v[j].count);
        fputc('\n', out);
    }
}
