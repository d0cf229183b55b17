/* Extraction of one file: read it safely, run its extractor, merge metadata. */
#include "extract.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wa_archive.h"
#include "wa_date.h"
#include "wa_utf8.h"

static const struct wa_extractor *const extractors[] = {
    &wa_extractor_text, &wa_extractor_html, &wa_extractor_markdown, &wa_extractor_xml,
    &wa_extractor_odt,  &wa_extractor_docx, &wa_extractor_pdf,      NULL,
};

const struct wa_extractor *wa_extractor_for(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    size_t i, j;

    if (!dot || !dot[1])
        return NULL;
    for (i = 0; extractors[i]; i++)
        for (j = 0; extractors[i]->exts[j]; j++)
            if (strcasecmp(dot + 1, extractors[i]->exts[j]) == 0)
                return extractors[i];
    return NULL;
}

/* Read a regular file without following a final symlink and without blocking on FIFOs. */
static wa_status read_file(const char *path, struct wa_buf *out, struct stat *sb,
                           struct wa_buf *reason)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    wa_status st = WA_OK;
    struct stat after;

    if (fd < 0) {
        wa_buf_addf(reason, "cannot open: %s", strerror(errno));
        return errno == ENOENT ? WA_ERR_NOT_FOUND : WA_ERR_IO;
    }
    if (fstat(fd, sb) != 0 || !S_ISREG(sb->st_mode)) {
        wa_buf_adds(reason, "not a regular file");
        close(fd);
        return WA_ERR_UNSUPPORTED;
    }
    if ((size_t)sb->st_size > WA_MAX_FILE_SIZE) {
        wa_buf_addf(reason, "file larger than %zu MiB", WA_MAX_FILE_SIZE >> 20);
        close(fd);
        return WA_ERR_TOOBIG;
    }
    st = wa_buf_grow(out, (size_t)sb->st_size);
    while (st == WA_OK) {
        ssize_t n;
        if (out->cap - out->len < 2)
            st = wa_buf_grow(out, 65536);
        if (st != WA_OK)
            break;
        n = read(fd, out->p + out->len, out->cap - out->len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            wa_buf_addf(reason, "read error: %s", strerror(errno));
            st = WA_ERR_IO;
            break;
        }
        if (n == 0)
            break;
        out->len += (size_t)n;
        out->p[out->len] = '\0';
        if (out->len > WA_MAX_FILE_SIZE) {
            wa_buf_adds(reason, "file grew past the size cap while being read");
            st = WA_ERR_TOOBIG;
        }
    }
    /* never index a half-read file: it must end where it ended when opened,
     * unchanged since (the next run tries again, its size or mtime differs) */
    if (st == WA_OK &&
        (fstat(fd, &after) != 0 || (off_t)out->len != sb->st_size || after.st_size != sb->st_size ||
         after.st_mtim.tv_sec != sb->st_mtim.tv_sec ||
         after.st_mtim.tv_nsec != sb->st_mtim.tv_nsec)) {
        wa_buf_adds(reason, "file changed while being read (it is read again next time)");
        st = WA_ERR_IO;
    }
    close(fd);
    return st;
}

/* Feed the bytes of the file at path into the FNV-1a state h. */
static int hash_file(const char *path, unsigned long long *h)
{
    char chunk[65536];
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    ssize_t n, i;

    if (fd < 0)
        return errno == ENOENT ? 1 : -1;
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            close(fd);
            return -1;
        }
        for (i = 0; i < n; i++) {
            *h ^= (unsigned char)chunk[i];
            *h *= 1099511628211ULL;
        }
    }
    close(fd);
    return 0;
}

wa_status wa_file_hash(const char *path, char out[17])
{
    unsigned long long h = 1469598103934665603ULL;
    char meta[4096];
    int r;

    if (hash_file(path, &h) != 0)
        return WA_ERR_IO;
    /* the sidecar is part of the document: a separator, then its bytes */
    h ^= 0xFF;
    h *= 1099511628211ULL;
    if ((size_t)snprintf(meta, sizeof meta, "%s.meta", path) < sizeof meta) {
        r = hash_file(meta, &h);
        if (r < 0)
            return WA_ERR_IO;
    }
    snprintf(out, 17, "%016llx", h);
    return WA_OK;
}

/* First non-empty line of text, at most 200 bytes, cut at a character boundary. */
static wa_status title_from_text(struct wa_record *rec)
{
    const char *p = rec->text, *end = rec->text + rec->text_len;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *q = eol ? eol : end;
        const char *a = p, *z = q;
        while (a < z && (*a == ' ' || *a == '\t' || *a == '#' || *a == '\r' || *a == '='))
            a++;
        while (z > a && (z[-1] == ' ' || z[-1] == '\t' || z[-1] == '\r'))
            z--;
        if (z > a) {
            size_t n = (size_t)(z - a);
            if (n > 200) {
                n = 200;
                while (n > 0 && ((unsigned char)a[n] & 0xC0) == 0x80)
                    n--;
            }
            return wa_record_set_str(&rec->title, a, n);
        }
        p = q + 1;
    }
    return WA_OK;
}

static wa_status title_from_name(struct wa_record *rec, const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot;
    struct wa_buf b;
    size_t i;
    wa_status st;

    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    wa_buf_init(&b, 0);
    st = wa_utf8_sanitize(base, dot && dot > base ? (size_t)(dot - base) : strlen(base), &b, NULL);
    for (i = 0; i < b.len; i++)
        if (b.p[i] == '_' || b.p[i] == '-')
            b.p[i] = ' ';
    if (st == WA_OK)
        st = wa_record_set_str(&rec->title, b.p, b.len);
    wa_buf_release(&b);
    return st;
}

wa_status wa_extract_file(const char *path, const char *id, struct wa_record *rec,
                          struct wa_buf *reason)
{
    return wa_extract_file_warn(path, id, rec, reason, NULL);
}

wa_status wa_extract_file_warn(const char *path, const char *id, struct wa_record *rec,
                               struct wa_buf *reason, struct wa_buf *warnings)
{
    const struct wa_extractor *ex = wa_extractor_for(path);
    struct wa_buf data, warn;
    struct stat sb;
    wa_status st;

    if (!ex) {
        wa_buf_adds(reason, "unknown file type");
        return WA_ERR_UNSUPPORTED;
    }
    wa_buf_init(&data, WA_MAX_FILE_SIZE + 1);
    wa_buf_init(&warn, 0);
    st = read_file(path, &data, &sb, reason);
    if (st == WA_OK)
        st = ex->extract(path, data.p, data.len, rec, reason);
    wa_buf_release(&data);
    if (st == WA_OK)
        st = wa_record_set_str(&rec->id, id, strlen(id));
    if (st == WA_OK)
        st = wa_record_set_str(&rec->path, path, strlen(path));
    if (st == WA_OK)
        st = wa_record_set_str(&rec->format, ex->name, strlen(ex->name));
    if (st == WA_OK) {
        rec->size = (long long)sb.st_size;
        rec->mtime = (long long)sb.st_mtime;
        st = wa_sidecar_apply(path, rec, &warn);
        if (st == WA_ERR_FORMAT)
            wa_buf_add(reason, warn.p, warn.len);
    }
    if (st == WA_OK && !rec->title && rec->text)
        st = title_from_text(rec);
    if (st == WA_OK && !rec->title)
        st = title_from_name(rec, path);
    /* The document's date comes from its metadata, sidecar or text, never from
     * the file's mtime (kept apart in rec->mtime): undated documents stay undated. */
    if (st == WA_OK && !rec->date) {
        struct wa_date d;
        char iso[11];
        if ((rec->title && wa_date_find_in_title(rec->title, strlen(rec->title), &d) == 0) ||
            (rec->text && wa_date_find_in_text(rec->text, rec->text_len, &d) == 0)) {
            wa_date_iso(&d, iso);
            st = wa_record_set_str(&rec->date, iso, strlen(iso));
        }
    }
    if (st == WA_OK)
        st = wa_archive_default_visibility(rec); /* the archive holds the safe default */
    if (st == WA_OK && !rec->language)
        st = wa_record_set_str(&rec->language, "de", 2);
    if (st != WA_OK) {
        if (!reason->len)
            wa_buf_adds(reason, wa_strerror(st));
        wa_record_release(rec);
    }
    if (warnings && st == WA_OK)
        wa_buf_add(warnings, warn.p, warn.len);
    wa_buf_release(&warn);
    return st;
}
