/* Command line of werkarchiv-search: options parsed into the request model
 * (request.h) plus what only the terminal has, with one-line error messages
 * instead of printing, so that tests can drive it. */
#ifndef WA_OPTIONS_H
#define WA_OPTIONS_H

#include <stddef.h>

#include "request.h"
#include "wa_limits.h"

enum wa_color { WA_COLOR_AUTO = 0, WA_COLOR_ALWAYS, WA_COLOR_NEVER };
enum wa_action { WA_ACTION_SEARCH = 0, WA_ACTION_SHOW, WA_ACTION_HELP, WA_ACTION_VERSION };

struct wa_cli {
    enum wa_action action;
    const char **dbs; /* borrowed from argv */
    size_t ndbs;
    enum wa_color color;
    struct wa_request req; /* the search, as the web page would also ask it */
};

/* Reset c to the defaults (10 per page, relevance, collapse on). Cannot fail. */
void wa_cli_init(struct wa_cli *c);
/* Free what c owns; c is as after wa_cli_init afterwards. Accepts NULL. */
void wa_cli_release(struct wa_cli *c);

/*
 * Parse argv[0..argc) into c (initialised by wa_cli_init). Returns 0 on
 * success; -1 on a usage error with a one-line message in err (size
 * errlen, always NUL-terminated): the request model's checks in German,
 * the option syntax's own in English. Uses getopt_long without letting it
 * print. "show ID" as the only arguments means --show ID.
 */
int wa_cli_parse(struct wa_cli *c, int argc, char **argv, char *err, size_t errlen);

#endif
