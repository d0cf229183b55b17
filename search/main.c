/* werkarchiv-search: search the Werkarchiv from a terminal or a script. */
#include <libxml/xmlversion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "options.h"
#include "render.h"
#include "results.h"
#include "wa_archive.h"
#include "wa_schema.h"
#include "wa_xapian.h"

#define PROG WA_SEARCH_PROG

/* Print the words of s as lines of at most width columns, each indented by indent. */
static void put_wrapped(FILE *out, const char *s, int indent, int width)
{
    int col = 0;

    while (*s) {
        const char *sp = strchr(s, ' ');
        int n = sp ? (int)(sp - s) : (int)strlen(s);
        if (col && col + 1 + n > width) {
            fputc('\n', out);
            col = 0;
        }
        if (col)
            col += fprintf(out, " %.*s", n, s);
        else
            col += fprintf(out, "%*s%.*s", indent, "", n, s);
        s = sp ? sp + 1 : s + n;
    }
    fputc('\n', out);
}

static void usage(FILE *out)
{
    char fields[256];

    fprintf(out,
            "Usage: %s [OPTION]... QUERY...\n"
            "       %s [OPTION]... show ID\n"
            "Search the Werkarchiv (German full-text search with stemming).\n"
            "\n"
            "Options:\n"
            "  -d, --db DIR          archive, Xapian database or stub file (repeatable;\n"
            "                        default: $%s, else %s)\n"
            "  -f, --filter F=VALUE  only documents whose field F has VALUE (repeatable:\n"
            "                        the same field ORs, different fields AND); fields:\n",
            PROG, PROG, WA_ARCHIVE_ENV, WA_ARCHIVE_DEFAULT);
    put_wrapped(out, wa_request_filter_fields(fields, sizeof fields), 24, 78);
    fprintf(out,
            "      --from DATE       documents dated on or after DATE (2021, 3.2021,\n"
            "                        12.03.2021, 2021-03-12, März 2021)\n"
            "      --to DATE         documents dated on or before DATE\n"
            "  -s, --sort ORDER      relevance (default), newest or oldest\n"
            "                        (also: relevanz, neueste, älteste)\n"
            "  -n, --limit N         results per page (default 10, at most %u)\n"
            "      --offset N        skip the first N results\n"
            "  -p, --page N          show page N (1-based) of LIMIT results\n"
            "      --facets          count results per Werkstatt, type, year, tag and format\n"
            "      --similar ID      documents similar to document ID\n"
            "      --no-collapse     list documents with the same text separately\n"
            "      --show ID         print document ID with its full text (= show ID)\n"
            "      --format FORMAT   text (default), json, csv, or excel (CSV for German\n"
            "                        Excel: UTF-8 BOM, ';', decimal comma)\n"
            "      --json            same as --format=json (see docs/json.md)\n"
            "      --color WHEN      bold matches: auto (on a terminal), always, never\n"
            "  -h, --help            show this help and exit\n"
            "  -V, --version         show version information and exit\n"
            "\n"
            "Query syntax: words (all required, any inflected form), \"phrases\",\n"
            "OR/ODER, NOT/NICHT, NEAR/NAHE, -word, +word, prefix*, titel:, autor:,\n"
            "werkstatt:, typ:, schlagwort:, jahr:2019..2021, datum:1.3.2020..31.12.2021.\n"
            "Compounds, gender forms (Bürger*innen) and abbreviations (KI, OZG) are\n"
            "matched too. An empty query ('') matches every document.\n"
            "Exit status: 0 results found, 1 no results, 2 error.\n",
            WA_CLI_MAX_LIMIT);
}

/* Names a local copy of a sharded archive for spelling and synonyms (docs/shards.md). */
#define DICTIONARY_ENV "WERKARCHIV_DICTIONARY"

/* Parse queries with the dictionary that $WERKARCHIV_DICTIONARY names, if
 * any; on error say why and return -1. */
static int add_dictionary(wa_db *db)
{
    const char *dict = getenv(DICTIONARY_ENV), *culprit = NULL;
    wa_status st;

    if (!dict || !*dict)
        return 0;
    st = wa_archive_add_dictionary(db, &dict, 1, WA_AUDIENCE_MEMBERS, &culprit);
    if (st == WA_OK)
        return 0;
    if (culprit || st == WA_ERR_NOT_FOUND)
        fprintf(stderr, "%s: cannot open the dictionary '%s' (%s): %s\n", PROG, dict,
                DICTIONARY_ENV, wa_strerror(st));
    else
        fprintf(stderr, "%s: cannot open the dictionary '%s' (%s): %s\n", PROG, dict,
                DICTIONARY_ENV, wa_db_errmsg(db));
    return -1;
}

static int open_dbs(const struct wa_cli *c, wa_db **db)
{
    const char *one = wa_archive_default(NULL), *culprit = NULL;
    const char *const *args = c->ndbs ? (const char *const *)c->dbs : &one;
    wa_status st;

    /* the member CLI: every archive with its internal documents */
    st = wa_archive_open_read(db, args, c->ndbs ? c->ndbs : 1, WA_AUDIENCE_MEMBERS, &culprit);
    if (st == WA_OK) {
        if (add_dictionary(*db) == 0)
            return 0;
        /* add_dictionary said why */
    } else if (*db)
        fprintf(stderr,
                "%s: das Archiv lässt sich nicht öffnen (beschädigt oder kein Archiv?): %s\n", PROG,
                wa_db_errmsg(*db));
    else if (st == WA_ERR_NOT_FOUND && culprit && !c->ndbs)
        fprintf(stderr, "%s: kein Archiv unter '%s' (--db angeben oder %s setzen)\n", PROG, one,
                WA_ARCHIVE_ENV);
    else if (st == WA_ERR_NOT_FOUND && culprit)
        fprintf(stderr, "%s: kein Archiv unter '%s'\n", PROG, culprit);
    else if (st == WA_ERR_NOT_FOUND)
        fprintf(stderr, "%s: das Archiv enthält noch keine Datenbank (werkarchiv-index add)\n",
                PROG);
    else
        fprintf(stderr, "%s: %s\n", PROG, wa_strerror(st));
    wa_db_destroy(*db);
    *db = NULL;
    return -1;
}

/* --color=auto: on a terminal that can show it, unless NO_COLOR is set (no-color.org). */
static int auto_color(void)
{
    const char *term = getenv("TERM");
    const char *no = getenv("NO_COLOR");

    if (no && *no)
        return 0;
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(STDOUT_FILENO);
}

/* The German line on stderr when nothing matched, with the hint the model gives. */
static void no_hits(const struct wa_request *c, const struct wa_results *r)
{
    const char *q = c->query && *c->query ? c->query : NULL;
    char quoted[160];

    if (r->hints & WA_HINT_PAST_END) {
        fprintf(stderr, "%s: keine Treffer auf dieser Seite – es gibt nur %lu Treffer\n", PROG,
                r->total);
        return;
    }
    if (c->similar)
        fprintf(stderr, "%s: keine ähnlichen Dokumente zu '%s' gefunden", PROG,
                wa_request_quote(c->similar, strlen(c->similar), quoted, sizeof quoted));
    else if (q)
        fprintf(stderr, "%s: keine Treffer für '%s'", PROG,
                wa_request_quote(q, strlen(q), quoted, sizeof quoted));
    else
        fprintf(stderr, "%s: keine Dokumente gefunden", PROG);
    if (r->suggestion)
        fprintf(stderr, " – meinten Sie: %s?", r->suggestion);
    if ((r->hints & WA_HINT_NO_FILTERS) && (r->hints & WA_HINT_WIDER_DATES))
        fputs(" – versuchen Sie es ohne --filter oder mit einem größeren Zeitraum", stderr);
    else if (r->hints & WA_HINT_NO_FILTERS)
        fputs(" – versuchen Sie es ohne --filter", stderr);
    else if (r->hints & WA_HINT_WIDER_DATES)
        fputs(" – versuchen Sie es mit einem größeren Zeitraum (--from/--to)", stderr);
    else if (r->hints & WA_HINT_OTHER_WORDS)
        fputs(" – versuchen Sie andere oder weniger Wörter", stderr);
    fputc('\n', stderr);
}

static int run_search(wa_db *db, const struct wa_request *c, int color, int show_facets)
{
    struct wa_search_opts so;
    struct wa_results res;
    wa_mset *m = NULL;
    char idterm[256], quoted[160];
    wa_status st;
    int rc = 2, failed = 0, attempt;

    wa_search_opts_init(&so);
    wa_request_search_opts(c, &so, idterm, sizeof idterm);
    /* Facets count every match, which also makes the total exact. JSON always
     * has them; text only on request, so that a plain search stays fast on a
     * large archive (its total is then Xapian's estimate). */
    so.facets = c->facets || c->format == WA_FORMAT_JSON;

    /* as the page does: search again on the reopened database while
     * commits keep discarding the revision being read */
    for (attempt = 1;; attempt++) {
        st = wa_db_search(db, &so, &m);
        if (st == WA_OK) {
            st = wa_results_build(m, &so, c->similar, &res);
            if (st != WA_OK) {
                wa_mset_free(m);
                m = NULL;
                if (st != WA_ERR_MODIFIED) {
                    fprintf(stderr,
                            "%s: die Treffer lassen sich nicht lesen (Archiv beschädigt?): %s\n",
                            PROG, wa_strerror(st));
                    return 2;
                }
            }
        }
        if (st != WA_ERR_MODIFIED || attempt == WA_READ_ATTEMPTS)
            break;
    }
    if (st == WA_ERR_QUERY) {
        fprintf(stderr, "%s: die Suchanfrage '%s' lässt sich nicht lesen: %s\n", PROG,
                wa_request_quote(so.query, strlen(so.query), quoted, sizeof quoted),
                wa_db_errmsg(db));
        return 2;
    }
    if (st == WA_ERR_NOT_FOUND && c->similar) {
        fprintf(stderr, "%s: kein Dokument '%s' für --similar\n", PROG,
                wa_request_quote(c->similar, strlen(c->similar), quoted, sizeof quoted));
        return 2;
    }
    if (st != WA_OK) {
        fprintf(stderr, "%s: die Suche ist fehlgeschlagen (Archiv beschädigt?): %s\n", PROG,
                st == WA_ERR_MODIFIED ? wa_strerror(st) : wa_db_errmsg(db));
        return 2;
    }
    wa_request_hints(c, &res);
    switch (c->format) {
    case WA_FORMAT_JSON:
        failed = wa_render_json(stdout, &res);
        break;
    case WA_FORMAT_CSV:
    case WA_FORMAT_EXCEL:
        failed = wa_render_csv(stdout, &res, c->format == WA_FORMAT_EXCEL);
        break;
    case WA_FORMAT_TEXT:
    case WA_FORMAT_HTML:
        wa_render_text(stdout, &res,
                       (color ? WA_TEXT_COLOR : 0) | (show_facets ? WA_TEXT_FACETS : 0));
        break;
    }
    if (failed) {
        fprintf(stderr, "%s: cannot write the results\n", PROG);
    } else if (res.n > 0 || (c->limit == 0 && res.total > 0)) {
        rc = 0;
    } else {
        no_hits(c, &res);
        rc = 1;
    }
    wa_results_release(&res);
    wa_mset_free(m);
    return rc;
}

int main(int argc, char **argv)
{
    struct wa_cli c;
    char err[512];
    wa_db *db = NULL;
    int rc = 2, color;

    wa_cli_init(&c);
    if (wa_cli_parse(&c, argc, argv, err, sizeof err) != 0) {
        fprintf(stderr, "%s: %s\ntry '%s --help'\n", PROG, err, PROG);
        goto out;
    }
    if (c.action == WA_ACTION_HELP) {
        usage(stdout);
        rc = 0;
        goto out;
    }
    if (c.action == WA_ACTION_VERSION) {
        printf("%s %s (Xapian %s, libxml2 %s)\n", PROG, WA_VERSION, wa_xapian_version(),
               LIBXML_DOTTED_VERSION);
        rc = 0;
        goto out;
    }
    color = c.color == WA_COLOR_ALWAYS || (c.color == WA_COLOR_AUTO && auto_color());
    if (open_dbs(&c, &db))
        goto out;
    if (wa_cmd_resolve_doc(db, &c.req.show) != 0 || wa_cmd_resolve_doc(db, &c.req.similar) != 0) {
        fprintf(stderr, "%s: out of memory\n", PROG);
        goto out;
    }
    if (c.action == WA_ACTION_SHOW)
        rc = wa_cmd_show(db, &c.req, color);
    else
        rc = run_search(db, &c.req, color, c.req.facets);
out:
    if (fflush(stdout) != 0 && rc != 2) {
        perror(PROG);
        rc = 2;
    }
    wa_db_destroy(db);
    wa_cli_release(&c);
    return rc;
}
