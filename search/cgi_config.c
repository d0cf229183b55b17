/* werkarchiv.cgi configuration: a small "key = value" file named by
 * $WERKARCHIV_CGI_CONFIG, with safe defaults when there is none. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi.h"
#include "wa_archive.h"

/* Longest line of the configuration file, and the whole file. */
#define MAX_LINE 4096
#define MAX_FILE (1 << 20)

int wa_cgi_config_init(struct wa_cgi_config *c)
{
    memset(c, 0, sizeof *c);
    c->archives = calloc(1, sizeof *c->archives);
    if (c->archives && (c->archives[0] = strdup(WA_ARCHIVE_DEFAULT)))
        c->narchives = 1;
    c->title = strdup("Werkarchiv");
    c->stylesheet = strdup("/werkarchiv.css");
    return c->narchives && c->title && c->stylesheet ? 0 : -1;
}

void wa_cgi_config_release(struct wa_cgi_config *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < c->nmembers; i++)
        free(c->members[i]);
    free(c->members);
    for (i = 0; i < c->narchives; i++)
        free(c->archives[i]);
    free(c->archives);
    free(c->dictionary);
    free(c->title);
    free(c->download_prefix);
    free(c->stylesheet);
    memset(c, 0, sizeof *c);
}

static char *trim(char *s)
{
    char *e;

    while (*s == ' ' || *s == '\t')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

static int set(char **field, const char *v)
{
    char *n = strdup(v);

    if (!n)
        return -1;
    free(*field);
    *field = n;
    return 0;
}

/* An "archive" line: the first replaces the default, later ones add shards. */
static int add_archive(struct wa_cgi_config *c, const char *v, int *seen)
{
    char **n;

    if (!*seen) {
        *seen = 1;
        return set(&c->archives[0], v);
    }
    n = realloc(c->archives, (c->narchives + 1) * sizeof *n);
    if (!n)
        return -1;
    c->archives = n;
    if (!(c->archives[c->narchives] = strdup(v)))
        return -1;
    c->narchives++;
    return 0;
}

static int add_members(struct wa_cgi_config *c, char *v)
{
    char *save = NULL, *name;

    for (name = strtok_r(v, " ,\t", &save); name; name = strtok_r(NULL, " ,\t", &save)) {
        char **n = realloc(c->members, (c->nmembers + 1) * sizeof *n);
        if (!n)
            return -1;
        c->members = n;
        if (!(c->members[c->nmembers] = strdup(name)))
            return -1;
        c->nmembers++;
    }
    return 0;
}

int wa_cgi_config_parse(struct wa_cgi_config *c, const char *p, size_t len, const char *name,
                        char *err, size_t errlen)
{
    const char *s = p, *end = p + len;
    char line[MAX_LINE];
    unsigned lineno = 0;
    int rc = 0, seen_archive = 0;

    while (rc == 0 && s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = (size_t)((nl ? nl : end) - s);
        char *k, *eq, *v;
        lineno++;
        if (n >= sizeof line) {
            snprintf(err, errlen, "%s:%u: line longer than %d bytes", name, lineno, MAX_LINE - 1);
            return -1;
        }
        if (memchr(s, '\0', n)) {
            snprintf(err, errlen, "%s:%u: NUL byte", name, lineno);
            return -1;
        }
        memcpy(line, s, n);
        line[n] = '\0';
        s = nl ? nl + 1 : end;
        k = trim(line);
        if (!*k || *k == '#')
            continue;
        eq = strchr(k, '=');
        if (!eq) {
            snprintf(err, errlen, "%s:%u: expected 'key = value'", name, lineno);
            return -1;
        }
        *eq = '\0';
        k = trim(k);
        v = trim(eq + 1);
        if (strcmp(k, "archive") == 0 && *v)
            rc = add_archive(c, v, &seen_archive);
        else if (strcmp(k, "dictionary") == 0 && *v)
            rc = set(&c->dictionary, v);
        else if (strcmp(k, "members") == 0)
            rc = add_members(c, v);
        else if (strcmp(k, "title") == 0 && *v)
            rc = set(&c->title, v);
        else if (strcmp(k, "download_prefix") == 0)
            rc = *v ? set(&c->download_prefix, v) : 0;
        else if (strcmp(k, "stylesheet") == 0 && *v)
            rc = set(&c->stylesheet, v);
        else {
            snprintf(err, errlen, "%s:%u: unknown key '%.40s' or empty value", name, lineno, k);
            return -1;
        }
        if (rc)
            snprintf(err, errlen, "out of memory");
    }
    return rc;
}

int wa_cgi_config_read(struct wa_cgi_config *c, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    struct wa_buf b;
    char chunk[4096];
    size_t n;
    int rc = -1;

    if (!f) {
        snprintf(err, errlen, "cannot read the configuration '%s': %s", path, strerror(errno));
        return -1;
    }
    wa_buf_init(&b, MAX_FILE);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (wa_buf_add(&b, chunk, n) != WA_OK) {
            snprintf(err, errlen, "the configuration '%s' is larger than %d bytes", path, MAX_FILE);
            goto cleanup;
        }
    }
    if (ferror(f)) {
        snprintf(err, errlen, "cannot read the configuration '%s'", path);
        goto cleanup;
    }
    rc = wa_cgi_config_parse(c, b.p, b.len, path, err, errlen);
cleanup:
    wa_buf_release(&b);
    fclose(f);
    return rc;
}

int wa_cgi_config_is_member(const struct wa_cgi_config *c, const char *user)
{
    size_t i;

    if (!user || !*user)
        return 0;
    for (i = 0; i < c->nmembers; i++)
        if (strcmp(c->members[i], user) == 0)
            return 1;
    return 0;
}
