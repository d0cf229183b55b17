/* werkarchiv-search: search the Werkarchiv from a terminal or a script. */
#include <getopt.h>
#include <libxml/xmlversion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render.h"
#include "results.h"
#include "wa_archive.h"
#include "wa_xapian.h"

#define PROG      "werkarchiv-search"
#define MAX_LIMIT 10000

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: %s [OPTION]... QUERY...\n"
            "Search the Werkarchiv (German full-text search with stemming).\n"
            "\n"
            "Options:\n"
            "  -d, --db DIR       archive or Xapian database (repeatable; default: $%s,\n"
            "                     else %s)\n"
            "  -n, --limit N      results per page (default 10)\n"
            "      --offset N     skip the first N results\n"
            "      --json         print one JSON object (see docs/json.md)\n"
            "  -h, --help         show this help and exit\n"
            "  -V, --version      show version information and exit\n"
            "\n"
            "Query syntax: words (all required), \"phrases\", OR, NOT, -word, +word,\n"
            "prefix*, titel:, autor:, werkstatt:, typ:, schlagwort:, jahr:2019..2021,\n"
            "datum:1.3.2020..31.12.2021.\n"
            "Exit status: 0 results found, 1 no results, 2 error.\n",
            PROG, WA_ARCHIVE_ENV, WA_ARCHIVE_DEFAULT);
}

static int parse_uint(const char *opt, const char *s, unsigned max, unsigned *out)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (!*s || *end || v < 0 || (unsigned long)v > max) {
        fprintf(stderr, "%s: %s wants a number from 0 to %u, not '%s'\n", PROG, opt, max, s);
        return -1;
    }
    *out = (unsigned)v;
    return 0;
}

struct cli {
    const char **dbs;
    size_t ndbs;
    int json;
    struct wa_search_opts so;
};

static int open_dbs(const struct cli *c, wa_db **db)
{
    char **paths = NULL;
    size_t n = 0, i;
    const char *one;
    wa_status st = WA_OK;
    int rc = 0;

    if (c->ndbs == 0) {
        one = wa_archive_default(NULL);
        st = wa_archive_read_paths(one, 1, &paths, &n);
        if (st == WA_ERR_NOT_FOUND) {
            fprintf(stderr, "%s: no archive at '%s' (use --db or set %s)\n", PROG, one,
                    WA_ARCHIVE_ENV);
            return -1;
        }
    }
    for (i = 0; i < c->ndbs && st == WA_OK; i++) {
        st = wa_archive_read_paths(c->dbs[i], 1, &paths, &n);
        if (st == WA_ERR_NOT_FOUND) {
            fprintf(stderr, "%s: no archive at '%s'\n", PROG, c->dbs[i]);
            rc = -1;
            goto cleanup;
        }
    }
    if (st != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_strerror(st));
        rc = -1;
        goto cleanup;
    }
    st = wa_db_open(db, (const char *const *)paths, n);
    if (st != WA_OK) {
        fprintf(stderr, "%s: cannot open the archive: %s\n", PROG, wa_db_errmsg(*db));
        wa_db_close(*db);
        *db = NULL;
        rc = -1;
    }
cleanup:
    for (i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return rc;
}

static char *join_args(int argc, char **argv)
{
    struct wa_buf b;
    int i;

    wa_buf_init(&b, 0);
    for (i = 0; i < argc; i++) {
        if ((i && wa_buf_addch(&b, ' ') != WA_OK) || wa_buf_adds(&b, argv[i]) != WA_OK) {
            wa_buf_release(&b);
            return NULL;
        }
    }
    return wa_buf_detach(&b, NULL);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"limit", required_argument, NULL, 'n'},
        {"offset", required_argument, NULL, 'o'},
        {"json", no_argument, NULL, 'J'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct cli c;
    struct wa_results res;
    wa_db *db = NULL;
    wa_mset *m = NULL;
    char *query = NULL;
    int ch, rc = 2;
    wa_status st;

    memset(&c, 0, sizeof c);
    wa_search_opts_init(&c.so);
    c.so.spelling = 1;
    c.dbs = calloc((size_t)argc, sizeof *c.dbs);
    if (!c.dbs)
        return 2;
    while ((ch = getopt_long(argc, argv, "d:n:hV", opts, NULL)) != -1) {
        switch (ch) {
        case 'd':
            c.dbs[c.ndbs++] = optarg;
            break;
        case 'n':
            if (parse_uint("--limit", optarg, MAX_LIMIT, &c.so.limit))
                goto out;
            break;
        case 'o':
            if (parse_uint("--offset", optarg, 1000000, &c.so.offset))
                goto out;
            break;
        case 'J':
            c.json = 1;
            break;
        case 'h':
            usage(stdout);
            rc = 0;
            goto out;
        case 'V':
            printf("%s %s (Xapian %s, libxml2 %s)\n", PROG, WA_VERSION, wa_xapian_version(),
                   LIBXML_DOTTED_VERSION);
            rc = 0;
            goto out;
        default:
            fprintf(stderr, "try '%s --help'\n", PROG);
            goto out;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "%s: no query given\ntry '%s --help'\n", PROG, PROG);
        goto out;
    }
    query = join_args(argc - optind, argv + optind);
    if (!query)
        goto out;
    c.so.query = query;
    if (open_dbs(&c, &db))
        goto out;
    st = wa_db_search(db, &c.so, &m);
    if (st == WA_ERR_QUERY) {
        fprintf(stderr, "%s: malformed query '%s': %s\n", PROG, query, wa_db_errmsg(db));
        goto out;
    }
    if (st != WA_OK) {
        fprintf(stderr, "%s: search failed: %s\n", PROG, wa_db_errmsg(db));
        goto out;
    }
    st = wa_results_build(m, &c.so, &res);
    if (st != WA_OK) {
        fprintf(stderr, "%s: %s\n", PROG, wa_strerror(st));
        goto out;
    }
    if (c.json)
        wa_render_json(stdout, &res);
    else
        wa_render_text(stdout, &res, isatty(STDOUT_FILENO));
    if (!c.json && res.total == 0)
        fprintf(stderr, "%s: keine Treffer für '%s'\n", PROG, query);
    rc = res.total > 0 ? 0 : 1;
    wa_results_release(&res);
out:
    if (fflush(stdout) != 0 && rc != 2) {
        perror(PROG);
        rc = 2;
    }
    wa_mset_free(m);
    wa_db_close(db);
    free(query);
    free(c.dbs);
    return rc;
}
