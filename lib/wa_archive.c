/* Resolving --db arguments to the Xapian databases of an archive. */
#include "wa_archive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *wa_archive_default(const char *arg)
{
    const char *env;

    if (arg && *arg)
        return arg;
    env = getenv(WA_ARCHIVE_ENV);
    if (env && *env)
        return env;
    return WA_ARCHIVE_DEFAULT;
}

static int is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *r = malloc(n);
    if (r)
        snprintf(r, n, "%s/%s", a, b);
    return r;
}

int wa_archive_is_archive(const char *dir)
{
    char *p = join(dir, WA_ARCHIVE_PUBLIC), *q = join(dir, WA_ARCHIVE_INTERNAL);
    int r = p && q && (is_dir(p) || is_dir(q));
    free(p);
    free(q);
    return r;
}

static wa_status push(char ***paths, size_t *n, char *s)
{
    char **nv;

    if (!s)
        return WA_ERR_NOMEM;
    nv = realloc(*paths, (*n + 1) * sizeof *nv);
    if (!nv) {
        free(s);
        return WA_ERR_NOMEM;
    }
    nv[(*n)++] = s;
    *paths = nv;
    return WA_OK;
}

wa_status wa_archive_read_paths(const char *arg, int members, char ***paths, size_t *n)
{
    struct stat sb;
    wa_status st = WA_OK;

    if (stat(arg, &sb) != 0)
        return WA_ERR_NOT_FOUND;
    if (S_ISDIR(sb.st_mode) && wa_archive_is_archive(arg)) {
        char *pub = join(arg, WA_ARCHIVE_PUBLIC);
        char *in = join(arg, WA_ARCHIVE_INTERNAL);
        if (!pub || !in) {
            free(pub);
            free(in);
            return WA_ERR_NOMEM;
        }
        if (is_dir(pub))
            st = push(paths, n, pub);
        else
            free(pub);
        if (st == WA_OK && members && is_dir(in))
            st = push(paths, n, in);
        else
            free(in);
        return st;
    }
    return push(paths, n, strdup(arg));
}
