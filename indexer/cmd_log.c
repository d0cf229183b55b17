/* werkarchiv-index log: print the archive's audit log, filtered. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "indexer.h"
#include "wa_audit.h"

enum { OPT_SINCE = 512, OPT_UNTIL, OPT_ID, OPT_ACTION, OPT_PATHS };

struct log_opts {
    const char *since, *until, *id, *action;
    int paths; /* --paths: only the source paths of removed documents */
    int json;  /* ix->json */
    json_t *entries;
    size_t shown;
};

/* "YYYY", "YYYY-MM", "YYYY-MM-DD" or a longer prefix of "YYYY-MM-DDTHH:MM:SSZ". */
static int valid_time(const char *s)
{
    static const char form[] = "dddd-dd-ddTdd:dd:ddZ";
    size_t i, n = strlen(s);

    if (n < 4 || n > sizeof form - 1)
        return 0;
    for (i = 0; i < n; i++)
        if (form[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != form[i])
            return 0;
    return 1;
}

static int handle(void *ctx, int c, const char *arg)
{
    struct log_opts *o = ctx;

    switch (c) {
    case OPT_SINCE:
    case OPT_UNTIL:
        if (!valid_time(arg)) {
            fprintf(stderr,
                    "%s: --%s erwartet ein Datum wie 2026-03-01 oder 2026-03-01T09:30:00Z, nicht "
                    "'%s'\n",
                    PROG, c == OPT_SINCE ? "since" : "until", arg);
            return 2;
        }
        *(c == OPT_SINCE ? &o->since : &o->until) = arg;
        return 0;
    case OPT_ID:
        o->id = arg;
        return 0;
    case OPT_ACTION:
        o->action = arg;
        return 0;
    default:
        o->paths = 1;
        return 0;
    }
}

/* The removed document's path and title from a "remove" line's OLD (JSON), or NULL. */
static json_t *document_of(const struct wa_audit_entry *e)
{
    json_t *d;

    if (strcmp(e->field, "document") != 0 || e->old_value[0] != '{')
        return NULL;
    d = json_loads(e->old_value, 0, NULL);
    if (d && !json_is_object(d)) {
        json_decref(d);
        d = NULL;
    }
    return d;
}

static const char *str_of(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static int show(const struct wa_audit_entry *e, size_t lineno, void *ctx)
{
    struct log_opts *o = ctx;
    json_t *doc;

    /* ISO 8601 UTC compares as text; a shorter bound covers its whole day/month */
    if (o->since && strncmp(e->when, o->since, strlen(o->since)) < 0)
        return 0;
    if (o->until && strncmp(e->when, o->until, strlen(o->until)) > 0)
        return 0;
    if (o->id && strcmp(e->id, o->id) != 0)
        return 0;
    if (o->action && strcmp(e->action, o->action) != 0)
        return 0;
    doc = document_of(e);
    if (o->paths) {
        if (doc && *str_of(doc, "path"))
            printf("%s\n", str_of(doc, "path"));
    } else if (o->json) {
        json_t *j = json_object();
        json_object_set_new(j, "line", json_integer((json_int_t)lineno));
        json_object_set_new(j, "when", json_string(e->when));
        json_object_set_new(j, "who", json_string(e->who));
        json_object_set_new(j, "action", json_string(e->action));
        json_object_set_new(j, "id", json_string(e->id));
        json_object_set_new(j, "field", json_string(e->field));
        json_object_set_new(j, "old", json_string(e->old_value));
        json_object_set_new(j, "new", json_string(e->new_value));
        json_object_set_new(j, "reason", json_string(e->reason));
        if (doc)
            json_object_set(j, "document", doc);
        json_array_append_new(o->entries, j);
    } else {
        printf("%s  %s  %s", e->when, e->who, e->action);
        if (*e->id)
            printf("  %s", e->id);
        if (doc) {
            if (*str_of(doc, "title"))
                printf("  „%s“", str_of(doc, "title"));
            if (*str_of(doc, "path"))
                printf("  (%s)", str_of(doc, "path"));
        } else if (*e->field) {
            printf("  %s: „%s“ → „%s“", e->field, e->old_value, e->new_value);
        } else if (*e->new_value) {
            printf("  %s", e->new_value);
        }
        if (*e->reason)
            printf("  – %s", e->reason);
        putchar('\n');
    }
    json_decref(doc);
    o->shown++;
    return 0;
}

int cmd_log(struct indexer *ix, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"since", required_argument, NULL, OPT_SINCE},
        {"until", required_argument, NULL, OPT_UNTIL},
        {"id", required_argument, NULL, OPT_ID},
        {"action", required_argument, NULL, OPT_ACTION},
        {"paths", no_argument, NULL, OPT_PATHS},
        {NULL, 0, NULL, 0},
    };
    struct log_opts o;
    const struct command_options own = {longopts, "", handle, &o};
    size_t bad = 0;
    int rc, first;
    wa_status st;

    memset(&o, 0, sizeof o);
    rc = command_parse_options(ix, argc, argv, &own, &first);
    if (rc != COMMAND_CONTINUE)
        return rc;
    if (first < argc) {
        fprintf(stderr, "%s: log nimmt keine Operanden ('%s')\ntry '%s log --help'\n", PROG,
                argv[first], PROG);
        return 2;
    }
    o.json = ix->json && !o.paths;
    o.entries = json_array();
    st = wa_audit_each(ix->archive, show, &o, &bad);
    if (st != WA_OK) {
        fprintf(stderr, "%s: das Protokoll '%s/%s' ist nicht lesbar: %s\n", PROG, ix->archive,
                WA_AUDIT_FILE, strerror(errno));
        json_decref(o.entries);
        return 2;
    }
    if (o.json) {
        json_t *out = json_object();
        char *s;
        json_object_set_new(out, "format_version", json_integer(1));
        json_object_set_new(out, "entries", o.entries);
        json_object_set_new(out, "malformed_lines", json_integer((json_int_t)bad));
        s = json_dumps(out, JSON_INDENT(2));
        if (s)
            puts(s);
        free(s);
        json_decref(out);
    } else {
        json_decref(o.entries);
    }
    if (bad)
        fprintf(stderr, "%s: warning: %zu unlesbare Zeilen in '%s/%s'\n", PROG, bad, ix->archive,
                WA_AUDIT_FILE);
    return 0;
}
