/* Parsing the command line of werkarchiv-search. */
#include "options.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wa_buf.h"
#include "wa_date.h"
#include "wa_schema.h"
#include "wa_utf8.h"

static void set_err(char *err, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t len, const char *fmt, ...)
{
    va_list ap;

    if (!err || !len)
        return;
    va_start(ap, fmt);
    vsnprintf(err, len, fmt, ap);
    va_end(ap);
}

void wa_cli_init(struct wa_cli *c)
{
    memset(c, 0, sizeof *c);
    c->limit = 10;
    c->sort = WA_SORT_RELEVANCE;
    c->collapse = 1;
}

void wa_cli_release(struct wa_cli *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < c->nowned; i++)
        free(c->owned[i]);
    free(c->owned);
    free(c->filters);
    free(c->dbs);
    free(c->query);
    wa_cli_init(c);
}

const char *wa_cli_filter_fields(char *buf, size_t len)
{
    const struct wa_field *f;
    size_t used = 0;

    if (!len)
        return buf;
    buf[0] = '\0';
    for (f = wa_schema_fields(); f->key; f++) {
        int n;
        if (!f->bool_prefix)
            continue;
        if (strcmp(f->name_de, f->name_en) == 0)
            n = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", f->name_de);
        else
            n = snprintf(buf + used, len - used, "%s%s/%s", used ? ", " : "", f->name_de,
                         f->name_en);
        if (n < 0 || (size_t)n >= len - used)
            break;
        used += (size_t)n;
    }
    return buf;
}

int wa_cli_parse_filter(const char *arg, struct wa_filter *f, char **copy, char *err, size_t errlen)
{
    const char *eq = strchr(arg, '=');
    const struct wa_field *fd;
    char valid[256];
    char *c;
    size_t klen;
    const char *v;

    *copy = NULL;
    if (!eq) {
        set_err(err, errlen, "--filter wants FIELD=VALUE, not '%s'", arg);
        return -1;
    }
    klen = (size_t)(eq - arg);
    while (klen && (arg[klen - 1] == ' ' || arg[klen - 1] == '\t'))
        klen--;
    fd = klen ? wa_schema_field(arg, klen) : NULL;
    if (!fd || !fd->bool_prefix) {
        if (fd && (fd->flags & WA_F_RANGE))
            set_err(err, errlen, "cannot filter on '%.*s': use --from and --to for dates",
                    (int)klen, arg);
        else
            set_err(err, errlen, "unknown filter field '%.*s' (valid fields: %s)", (int)klen, arg,
                    wa_cli_filter_fields(valid, sizeof valid));
        return -1;
    }
    for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
        ;
    if (!*v) {
        set_err(err, errlen, "--filter '%s' has no value", arg);
        return -1;
    }
    c = strdup(v);
    if (!c) {
        set_err(err, errlen, "out of memory");
        return -1;
    }
    f->field = fd->key;
    f->value = c;
    *copy = c;
    return 0;
}

int wa_cli_parse_date(const char *arg, int end, char out[9])
{
    struct wa_date d;

    if (!arg || !*arg || wa_date_parse(arg, strlen(arg), &d) != 0)
        return -1;
    wa_date_bound(&d, end, out);
    out[8] = '\0';
    return 0;
}

int wa_cli_parse_sort(const char *arg, enum wa_sort *out)
{
    static const struct {
        const char *name;
        enum wa_sort sort;
    } names[] = {
        {"relevance", WA_SORT_RELEVANCE}, {"relevanz", WA_SORT_RELEVANCE},
        {"newest", WA_SORT_NEWEST},       {"neueste", WA_SORT_NEWEST},
        {"oldest", WA_SORT_OLDEST},       {"älteste", WA_SORT_OLDEST},
        {"aelteste", WA_SORT_OLDEST},     {"Älteste", WA_SORT_OLDEST},
    };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcasecmp(arg, names[i].name) == 0) {
            *out = names[i].sort;
            return 0;
        }
    }
    return -1;
}

int wa_cli_parse_uint(const char *arg, unsigned min, unsigned max, unsigned *out)
{
    char *end;
    long v;

    if (!arg || *arg < '0' || *arg > '9')
        return -1;
    v = strtol(arg, &end, 10);
    if (*end || v < (long)min || (unsigned long)v > max)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int own(struct wa_cli *c, char *p)
{
    char **n = realloc(c->owned, (c->nowned + 1) * sizeof *n);

    if (!n) {
        free(p);
        return -1;
    }
    c->owned = n;
    c->owned[c->nowned++] = p;
    return 0;
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

static int add_filter(struct wa_cli *c, const char *arg, char *err, size_t errlen)
{
    struct wa_filter *n;
    char *copy;

    n = realloc(c->filters, (c->nfilters + 1) * sizeof *n);
    if (!n) {
        set_err(err, errlen, "out of memory");
        return -1;
    }
    c->filters = n;
    if (wa_cli_parse_filter(arg, &c->filters[c->nfilters], &copy, err, errlen))
        return -1;
    if (own(c, copy)) {
        set_err(err, errlen, "out of memory");
        return -1;
    }
    c->nfilters++;
    return 0;
}

static int number(const char *opt, const char *arg, unsigned min, unsigned max, unsigned *out,
                  char *err, size_t errlen)
{
    if (wa_cli_parse_uint(arg, min, max, out) == 0)
        return 0;
    set_err(err, errlen, "%s wants a number from %u to %u, not '%s'", opt, min, max, arg);
    return -1;
}

/* Replace *s (malloc'ed if owned) by its sanitised NFC form: composed
 * umlauts, controls as spaces. Returns 0, or -1 if *s is not UTF-8. */
static int clean_text(struct wa_cli *c, const char **s, int owned, const char *what, char *err,
                      size_t errlen)
{
    struct wa_buf b;
    char *n;

    if (!*s)
        return 0;
    if (!wa_utf8_valid(*s, strlen(*s))) {
        set_err(err, errlen, "%s is not valid UTF-8 (is the terminal set to UTF-8?)", what);
        return -1;
    }
    wa_buf_init(&b, 0);
    if (wa_utf8_normalize(*s, strlen(*s), &b) != WA_OK || !(n = wa_buf_detach(&b, NULL)) ||
        (!owned && own(c, n))) {
        wa_buf_release(&b);
        set_err(err, errlen, "out of memory");
        return -1;
    }
    if (owned)
        free((char *)*s);
    *s = n;
    return 0;
}

static int clean_all(struct wa_cli *c, char *err, size_t errlen)
{
    const char *q = c->query;
    size_t i;

    if (clean_text(c, &q, 1, "the query", err, errlen))
        return -1;
    c->query = (char *)q;
    for (i = 0; i < c->nfilters; i++)
        if (clean_text(c, &c->filters[i].value, 0, "a --filter value", err, errlen))
            return -1;
    /* document ids stay as they are: they must match the stored ones byte for byte */
    return 0;
}

static int finish(struct wa_cli *c, int offset_set, char *err, size_t errlen)
{
    if (clean_all(c, err, errlen))
        return -1;
    if (c->page && offset_set) {
        set_err(err, errlen, "--page and --offset cannot be combined");
        return -1;
    }
    if (c->page) {
        unsigned long long off = (unsigned long long)(c->page - 1) * c->limit;
        if (off > WA_CLI_MAX_OFFSET) {
            set_err(err, errlen, "--page %u is too far (at most %u results can be skipped)",
                    c->page, WA_CLI_MAX_OFFSET);
            return -1;
        }
        c->offset = (unsigned)off;
    }
    if (c->date_from[0] && c->date_to[0] && strcmp(c->date_from, c->date_to) > 0) {
        set_err(err, errlen, "--from %.4s-%.2s-%.2s is after --to %.4s-%.2s-%.2s", c->date_from,
                c->date_from + 4, c->date_from + 6, c->date_to, c->date_to + 4, c->date_to + 6);
        return -1;
    }
    if (c->show && (c->similar || (c->query && *c->query))) {
        set_err(err, errlen, "show takes one document id and no query");
        return -1;
    }
    if (c->action == WA_ACTION_SEARCH && !c->query && !c->similar && !c->nfilters &&
        !c->date_from[0] && !c->date_to[0]) {
        set_err(err, errlen, "no query given");
        return -1;
    }
    return 0;
}

int wa_cli_parse(struct wa_cli *c, int argc, char **argv, char *err, size_t errlen)
{
    int ch, offset_set = 0;
    char name[32];

    set_err(err, errlen, "%s", "");
    c->dbs = calloc(argc > 0 ? (size_t)argc : 1, sizeof *c->dbs);
    if (!c->dbs) {
        set_err(err, errlen, "out of memory");
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
            if (add_filter(c, optarg, err, errlen))
                return -1;
            break;
        case OPT_FROM:
        case OPT_TO:
            if (wa_cli_parse_date(optarg, ch == OPT_TO, ch == OPT_TO ? c->date_to : c->date_from)) {
                set_err(err, errlen,
                        "%s: '%s' is not a date (examples: 2021, 3.2021, 12.03.2021, "
                        "2021-03-12, März 2021)",
                        opt_name(ch, name, sizeof name), optarg);
                return -1;
            }
            break;
        case 's':
            if (wa_cli_parse_sort(optarg, &c->sort)) {
                set_err(err, errlen, "--sort wants relevance, newest or oldest, not '%s'", optarg);
                return -1;
            }
            break;
        case 'n':
            if (number("--limit", optarg, 0, WA_CLI_MAX_LIMIT, &c->limit, err, errlen))
                return -1;
            break;
        case OPT_OFFSET:
            if (number("--offset", optarg, 0, WA_CLI_MAX_OFFSET, &c->offset, err, errlen))
                return -1;
            offset_set = 1;
            break;
        case 'p':
            if (number("--page", optarg, 1, WA_CLI_MAX_PAGE, &c->page, err, errlen))
                return -1;
            break;
        case OPT_FACETS:
            c->facets = 1;
            break;
        case OPT_SIMILAR:
            c->similar = optarg;
            break;
        case OPT_SHOW:
            c->show = optarg;
            c->action = WA_ACTION_SHOW;
            break;
        case OPT_COLLAPSE:
            c->collapse = 1;
            break;
        case OPT_NO_COLLAPSE:
            c->collapse = 0;
            break;
        case OPT_JSON:
            c->format = WA_FORMAT_JSON;
            break;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0) {
                c->format = WA_FORMAT_TEXT;
            } else if (strcmp(optarg, "json") == 0) {
                c->format = WA_FORMAT_JSON;
            } else if (strcmp(optarg, "csv") == 0) {
                c->format = WA_FORMAT_CSV;
            } else {
                set_err(err, errlen, "--format wants text, json or csv, not '%s'", optarg);
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
                set_err(err, errlen, "--color wants auto, always or never, not '%s'", optarg);
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
            set_err(err, errlen, "option '%s' needs a value",
                    optopt ? opt_name(optopt, name, sizeof name) : argv[optind - 1]);
            return -1;
        default:
            if (optopt)
                set_err(err, errlen, "unknown option '-%c'", optopt);
            else
                set_err(err, errlen, "unknown option '%s'", argv[optind - 1]);
            return -1;
        }
    }
    if (!c->show && argc - optind == 2 && strcmp(argv[optind], "show") == 0) {
        c->show = argv[optind + 1];
        c->action = WA_ACTION_SHOW;
        optind += 2;
    }
    if (optind < argc) {
        c->query = join_args(argc - optind, argv + optind);
        if (!c->query) {
            set_err(err, errlen, "out of memory");
            return -1;
        }
    }
    return finish(c, offset_set, err, errlen);
}
