/* Scratch folders for unit tests: made under /tmp, removed with everything in them. */
#ifndef WA_TMPDIR_H
#define WA_TMPDIR_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Make /tmp/wa-TAG-XXXXXX into dir[0..n); returns 0, or -1 on failure. */
static inline int tmpdir_make(char *dir, size_t n, const char *tag)
{
    snprintf(dir, n, "/tmp/wa-%s-XXXXXX", tag);
    return mkdtemp(dir) ? 0 : -1;
}

/* Remove path and, for a folder, everything below it (symlinks are not
 * followed); returns 0, or -1 on failure. */
static inline int tmpdir_remove(const char *path)
{
    struct stat sb;
    DIR *d;
    struct dirent *e;
    int rc = 0;

    if (lstat(path, &sb) != 0)
        return -1;
    if (!S_ISDIR(sb.st_mode))
        return unlink(path);
    d = opendir(path);
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        char p[4096];
        int n;
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        n = snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        if (n < 0 || (size_t)n >= sizeof p || tmpdir_remove(p) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(path) == 0 ? rc : -1;
}

#endif
