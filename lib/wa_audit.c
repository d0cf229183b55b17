/* The archive's append-only audit log. */
#include "wa_audit.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void wa_audit_now(char out[21])
{
    time_t t = time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, 21, "1970-01-01T00:00:00Z");
}

const char *wa_audit_user(const char *by)
{
    static char name[64];
    struct passwd *pw;

    if (by && *by)
        return by;
    pw = getpwuid(getuid());
    if (pw && pw->pw_name && *pw->pw_name)
        snprintf(name, sizeof name, "%s", pw->pw_name);
    else
        snprintf(name, sizeof name, "uid %ld", (long)getuid());
    return name;
}

static wa_status add_field(struct wa_buf *out, const char *s, int last)
{
    wa_status st = WA_OK;
    for (; s && *s && st == WA_OK; s++) {
        if (*s == '\\')
            st = wa_buf_add(out, "\\\\", 2);
        else if (*s == '\t')
            st = wa_buf_add(out, "\\t", 2);
        else if (*s == '\n')
            st = wa_buf_add(out, "\\n", 2);
        else if (*s == '\r')
            st = wa_buf_add(out, " ", 1);
        else
            st = wa_buf_addch(out, *s);
    }
    if (st == WA_OK)
        st = wa_buf_addch(out, last ? '\n' : '\t');
    return st;
}

wa_status wa_audit_format(struct wa_buf *out, const struct wa_audit_entry *e)
{
    char now[21];
    const char *v[WA_AUDIT_FIELDS];
    size_t before = out->len, i;
    wa_status st = WA_OK;

    if (!e->when)
        wa_audit_now(now);
    v[0] = e->when ? e->when : now;
    v[1] = wa_audit_user(e->who);
    v[2] = e->action;
    v[3] = e->id;
    v[4] = e->field;
    v[5] = e->old_value;
    v[6] = e->new_value;
    v[7] = e->reason;
    for (i = 0; i < WA_AUDIT_FIELDS && st == WA_OK; i++)
        st = add_field(out, v[i], i + 1 == WA_AUDIT_FIELDS);
    if (st != WA_OK)
        wa_buf_truncate(out, before);
    return st;
}

wa_status wa_audit_write(const char *dir, const char *p, size_t len)
{
    char path[4096];
    int fd;
    ssize_t w;

    if (!len)
        return WA_OK;
    snprintf(path, sizeof path, "%s/%s", dir, WA_AUDIT_FILE);
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return WA_ERR_IO;
    /* one write: appends of other processes land before or after, never inside */
    do
        w = write(fd, p, len);
    while (w < 0 && errno == EINTR);
    if (w != (ssize_t)len || fsync(fd) != 0) {
        int e = errno;
        close(fd);
        errno = e ? e : EIO;
        return WA_ERR_IO;
    }
    return close(fd) == 0 ? WA_OK : WA_ERR_IO;
}

wa_status wa_audit_append(const char *dir, const struct wa_audit_entry *e)
{
    struct wa_buf b;
    wa_status st;

    wa_buf_init(&b, 0);
    st = wa_audit_format(&b, e);
    if (st == WA_OK)
        st = wa_audit_write(dir, b.p, b.len);
    wa_buf_release(&b);
    return st;
}

wa_status wa_audit_parse(const char *p, size_t len, struct wa_buf f[WA_AUDIT_FIELDS])
{
    size_t i, n = 0;

    for (i = 0; i < WA_AUDIT_FIELDS; i++)
        wa_buf_reset(&f[i]);
    for (i = 0; i < len; i++) {
        char ch = p[i];
        if (ch == '\t') {
            if (++n == WA_AUDIT_FIELDS)
                return WA_ERR_FORMAT;
            continue;
        }
        if (ch == '\\') {
            if (++i == len)
                return WA_ERR_FORMAT;
            ch = p[i] == 't' ? '\t' : p[i] == 'n' ? '\n' : p[i] == '\\' ? '\\' : '\0';
            if (!ch)
                return WA_ERR_FORMAT;
        } else if (ch == '\0') {
            return WA_ERR_FORMAT;
        }
        if (wa_buf_addch(&f[n], ch) != WA_OK)
            return WA_ERR_TOOBIG;
    }
    return n + 1 == WA_AUDIT_FIELDS ? WA_OK : WA_ERR_FORMAT;
}

wa_status wa_audit_each(const char *dir, wa_audit_cb cb, void *ctx, size_t *bad)
{
    char path[4096];
    struct wa_buf f[WA_AUDIT_FIELDS];
    char *line = NULL;
    size_t cap = 0, lineno = 0, i;
    ssize_t n;
    FILE *fp;
    wa_status st = WA_OK;

    if (bad)
        *bad = 0;
    snprintf(path, sizeof path, "%s/%s", dir, WA_AUDIT_FILE);
    fp = fopen(path, "re");
    if (!fp)
        return errno == ENOENT ? WA_OK : WA_ERR_IO;
    for (i = 0; i < WA_AUDIT_FIELDS; i++)
        wa_buf_init(&f[i], WA_AUDIT_MAX_LINE);
    while ((n = getline(&line, &cap, fp)) > 0) {
        struct wa_audit_entry e;
        size_t len = (size_t)n;
        lineno++;
        if (line[len - 1] == '\n')
            len--;
        if (len == 0 || line[0] == '#')
            continue;
        if (len > WA_AUDIT_MAX_LINE || wa_audit_parse(line, len, f) != WA_OK) {
            if (bad)
                (*bad)++;
            continue;
        }
        e.when = f[0].p;
        e.who = f[1].p;
        e.action = f[2].p;
        e.id = f[3].p;
        e.field = f[4].p;
        e.old_value = f[5].p;
        e.new_value = f[6].p;
        e.reason = f[7].p;
        if (cb(&e, lineno, ctx))
            break;
    }
    if (ferror(fp))
        st = WA_ERR_IO;
    fclose(fp);
    free(line);
    for (i = 0; i < WA_AUDIT_FIELDS; i++)
        wa_buf_release(&f[i]);
    return st;
}
