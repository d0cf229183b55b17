/* Parsing the command line of werkarchiv-search into the request model. */
#include "options.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wa_buf.h"

void wa_cli_init(struct wa_cli *c)
{
    memset(c, 0, sizeof *c);
    wa_request_init(&c->req, 0);
}

void wa_cli_release(struct wa_cli *c)
{
    if (!c)
        return;
    free(c->dbs);
    wa_request_release(&c->req);
    wa_cli_init(c);
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

enum {
    OPT_OFFSET = 256,
    OPT_JSON,
    OPT_FORMAT,
    OPT_COLOR,
    OPT_FROM,
    OPT_TO,
    OPT_FACETS,
    OPT_SIMILAR,
    OPT_SHOW,
    OPT_COLLAPSE,
    OPT_NO_COLLAPSE,
};

static const struct option long_opts[] = {
    {"db", required_argument, NULL, 'd'},
    {"filter", required_argument, NULL, 'f'},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"sort", required_argument, NULL, 's'},
    {"limit", required_argument, NULL, 'n'},
    {"offset", required_argument, NULL, OPT_OFFSET},
    {"page", required_argument, NULL, 'p'},
    {"facets", no_argument, NULL, OPT_FACETS},
    {"similar", required_argument, NULL, OPT_SIMILAR},
    {"show", required_argument, NULL, OPT_SHOW},
    {"collapse", no_argument, NULL, OPT_COLLAPSE},
    {"no-collapse", no_argument, NULL, OPT_NO_COLLAPSE},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"json", no_argument, NULL, OPT_JSON},
    {"color", required_argument, NULL, OPT_COLOR},
    {"colour", required_argument, NULL, OPT_COLOR},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* The option as the user wrote it, for messages. */
static const char *opt_name(int ch, char *buf, size_t len)
{
    const struct option *o;

    for (o = long_opts; o->name; o++) {
        if (o->val == ch) {
            snprintf(buf, len, "--%s", o->name);
            return buf;
        }
    }
    snprintf(buf, len, "-%c", ch);
    return buf;
}

static int finish(struct wa_cli *c, char *err, size_t errlen)
{
    struct wa_request *r = &c->req;

    if (wa_request_finish(r, err, errlen))
        return -1;
    if (r->show && (r->similar || (r->query && *r->query))) {
        wa_request_errf(err, errlen, "show takes one document id and no query");
        return -1;
    }
    if (c->action == WA_ACTION_SEARCH && !r->query && !r->similar && !r->nfilters &&
        !r->date_from[0] && !r->date_to[0]) {
        wa_request_errf(err, errlen, "no query given");
        return -1;
    }
    return 0;
}

int wa_cli_parse(struct wa_cli *c, int argc, char **argv, char *err, size_t errlen)
{
    struct wa_request *r = &c->req;
    int ch;
    char name[32];

    wa_request_errf(err, errlen, "%s", "");
    c->dbs = calloc(argc > 0 ? (size_t)argc : 1, sizeof *c->dbs);
    if (!c->dbs) {
        wa_request_errf(err, errlen, "out of memory");
        return -1;
    }
    optind = 0; /* full reinitialisation, so that the parser can run again */
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":d:f:s:n:p:hV", long_opts, NULL)) != -1) {
        switch (ch) {
        case 'd':
            c->dbs[c->ndbs++] = optarg;
            break;
        case 'f':
            if (wa_request_add_filter(r, optarg, err, errlen))
                return -1;
            break;
        case OPT_FROM:
        case OPT_TO:
            if (wa_request_set_date(r, ch == OPT_TO, optarg, err, errlen))
                return -1;
            break;
        case 's':
            if (wa_request_set_sort(r, optarg, err, errlen))
                return -1;
            break;
        case 'n':
            if (wa_request_set_limit(r, optarg, err, errlen))
                return -1;
            break;
        case OPT_OFFSET:
            if (wa_request_set_offset(r, optarg, err, errlen))
                return -1;
            break;
        case 'p':
            if (wa_request_set_page(r, optarg, err, errlen))
                return -1;
            break;
        case OPT_FACETS:
            r->facets = 1;
            break;
        case OPT_SIMILAR:
        case OPT_SHOW:
            if (wa_request_set_id(r, ch == OPT_SIMILAR, optarg, strlen(optarg), err, errlen))
                return -1;
            if (ch == OPT_SHOW)
                c->action = WA_ACTION_SHOW;
            break;
        case OPT_COLLAPSE:
            r->collapse = 1;
            break;
        case OPT_NO_COLLAPSE:
            r->collapse = 0;
            break;
        case OPT_JSON:
            r->format = WA_FORMAT_JSON;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0) {
                r->format = WA_FORMAT_TEXT;
            } else if (strcmp(optarg, "json") == 0) {
                r->format = WA_FORMAT_JSON;
            } else if (strcmp(optarg, "csv") == 0) {
                r->format = WA_FORMAT_CSV;
            } else if (strcmp(optarg, "excel") == 0) {
                r->format = WA_FORMAT_EXCEL;
            } else {
                wa_request_errf(err, errlen, "--format wants text, json, csv or excel, not '%s'",
                                optarg);
                return -1;
            }
            break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") == 0) {
                c->color = WA_COLOR_AUTO;
            } else if (strcmp(optarg, "always") == 0) {
                c->color = WA_COLOR_ALWAYS;
            } else if (strcmp(optarg, "never") == 0) {
                c->color = WA_COLOR_NEVER;
            } else {
                wa_request_errf(err, errlen, "--color wants auto, always or never, not '%s'",
                                optarg);
                return -1;
            }
            break;
        case 'h':
            c->action = WA_ACTION_HELP;
            return 0;
        case 'V':
            c->action = WA_ACTION_VERSION;
            return 0;
        case ':':
            wa_request_errf(err, errlen, "option '%s' needs a value",
                            optopt ? opt_name(optopt, name, sizeof name) : argv[optind - 1]);
            return -1;
        default:
            if (optopt)
                wa_request_errf(err, errlen, "unknown option '-%c'", optopt);
            else
                wa_request_errf(err, errlen, "unknown option '%s'", argv[optind - 1]);
            return -1;
        }
    }
    if (!r->show && argc - optind == 2 && strcmp(argv[optind], "show") == 0) {
        if (wa_request_set_id(r, 0, argv[optind + 1], strlen(argv[optind + 1]), err, errlen))
            return -1;
        c->action = WA_ACTION_SHOW;
        optind += 2;
    }
    if (optind < argc) {
        char *q = join_args(argc - optind, argv + optind);
        int bad;
        if (!q) {
            wa_request_errf(err, errlen, "out of memory");
            return -1;
        }
        bad = wa_request_set_query(r, q, strlen(q), err, errlen);
        free(q);
        if (bad)
            return -1;
    }
    return finish(c, err, errlen);
}
