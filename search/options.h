/* Command line of werkarchiv-search: options parsed into one struct, with
 * one-line error messages instead of printing, so that tests can drive it. */
#ifndef WA_OPTIONS_H
#define WA_OPTIONS_H

#include <stddef.h>

#include "wa_xapian.h"

enum wa_format { WA_FORMAT_TEXT = 0, WA_FORMAT_JSON, WA_FORMAT_CSV };
enum wa_color { WA_COLOR_AUTO = 0, WA_COLOR_ALWAYS, WA_COLOR_NEVER };
enum wa_action { WA_ACTION_SEARCH = 0, WA_ACTION_SHOW, WA_ACTION_HELP, WA_ACTION_VERSION };

/* Upper bounds of the numeric options. */
#define WA_CLI_MAX_LIMIT  10000
#define WA_CLI_MAX_OFFSET 1000000
#define WA_CLI_MAX_PAGE   100000

struct wa_cli {
    enum wa_action action;
    const char **dbs; /* borrowed from argv */
    size_t ndbs;
    struct wa_filter *filters; /* field and value point into the owned copies */
    size_t nfilters;
    char date_from[9]; /* "YYYYMMDD" or "" */
    char date_to[9];
    enum wa_sort sort;
    unsigned limit;
    unsigned offset;
    unsigned page;       /* 1-based; 0 when --page was not given */
    int facets;          /* --facets: show facets in text output */
    int collapse;        /* fold documents with the same text (default on) */
    const char *similar; /* document id, borrowed from argv, or NULL */
    const char *show;    /* document id, borrowed from argv, or NULL */
    enum wa_format format;
    enum wa_color color;
    char *query; /* the remaining arguments joined by spaces (malloc'ed), or NULL */
    char **owned;
    size_t nowned;
};

/* Reset c to the defaults (10 per page, relevance, collapse on). Cannot fail. */
void wa_cli_init(struct wa_cli *c);
/* Free what c owns; c is as after wa_cli_init afterwards. Accepts NULL. */
void wa_cli_release(struct wa_cli *c);

/*
 * Parse argv[0..argc) into c (initialised by wa_cli_init). Returns 0 on
 * success; -1 on a usage error with a one-line English message in err
 * (size errlen, always NUL-terminated). Uses getopt_long without letting it
 * print. "show ID" as the only arguments means --show ID.
 */
int wa_cli_parse(struct wa_cli *c, int argc, char **argv, char *err, size_t errlen);

/*
 * Parse "FIELD=VALUE" for --filter: FIELD must be a schema field with exact
 * values (German or English name). On success f->field and f->value point
 * into *copy, a malloc'ed copy of arg that the caller frees. Returns 0, or -1
 * with a message in err listing the valid fields.
 */
int wa_cli_parse_filter(const char *arg, struct wa_filter *f, char **copy, char *err,
                        size_t errlen);

/*
 * Parse a date for --from (end=0) or --to (end=1) in ISO or German form,
 * possibly only a month or a year, into the first or last day it covers as
 * "YYYYMMDD" in out. Returns 0, or -1 if arg is not a date.
 */
int wa_cli_parse_date(const char *arg, int end, char out[9]);

/* Parse a sort order: relevance/relevanz, newest/neueste, oldest/älteste.
 * Returns 0, or -1 if unknown. */
int wa_cli_parse_sort(const char *arg, enum wa_sort *out);

/* Parse a decimal number from min to max; returns 0, or -1. */
int wa_cli_parse_uint(const char *arg, unsigned min, unsigned max, unsigned *out);

/* The names of the fields --filter accepts, ", "-separated, into buf. Returns buf. */
const char *wa_cli_filter_fields(char *buf, size_t len);

#endif
