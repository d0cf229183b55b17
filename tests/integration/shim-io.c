/* LD_PRELOAD shim for the bad-input tests: makes a file change or vanish at
 * the moment the indexer reads it, so that the race is the same every run.
 *   WA_SHIM_GROW=PATH    after the first read() of PATH, append a line to it
 *   WA_SHIM_VANISH=PATH  open() of PATH deletes it first (ENOENT)
 * Built by the test with the system compiler: cc -shared -fPIC -o shim.so shim-io.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int same_file(int fd, const char *path)
{
    struct stat a, b;

    return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

ssize_t read(int fd, void *buf, size_t n)
{
    static ssize_t (*real)(int, void *, size_t);
    static int grown;
    const char *grow = getenv("WA_SHIM_GROW");
    ssize_t r;

    if (!real)
        real = (ssize_t(*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    r = real(fd, buf, n);
    if (grow && !grown && r > 0 && same_file(fd, grow)) {
        int w = open(grow, O_WRONLY | O_APPEND);
        if (w >= 0) {
            if (write(w, "noch eine Zeile\n", 16) < 0) {
            }
            close(w);
        }
        grown = 1;
    }
    return r;
}

static void vanish(const char *path)
{
    const char *v = getenv("WA_SHIM_VANISH");

    if (v && path && strcmp(v, path) == 0)
        unlink(path);
}

#define OPEN_SHIM(name)                                                                            \
    int name(const char *path, int flags, ...)                                                     \
    {                                                                                              \
        static int (*real)(const char *, int, ...);                                                \
        mode_t mode = 0;                                                                           \
        if (flags & (O_CREAT | O_TMPFILE)) {                                                       \
            va_list ap;                                                                            \
            va_start(ap, flags);                                                                   \
            mode = (mode_t)va_arg(ap, int);                                                        \
            va_end(ap);                                                                            \
        }                                                                                          \
        if (!real)                                                                                 \
            real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #name);                       \
        vanish(path);                                                                              \
        return real(path, flags, mode);                                                            \
    }
OPEN_SHIM(open)
OPEN_SHIM(open64)
