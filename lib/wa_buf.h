/* A growable, always NUL-terminated, binary-safe byte buffer with a size cap. */
#ifndef WA_BUF_H
#define WA_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "wa_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * p is never NULL after wa_buf_init (it points at a static "" until the
 * first growth), p[len] is always '\0'. max caps len: an append that would
 * exceed it fails with WA_ERR_TOOBIG and leaves the buffer unchanged.
 */
struct wa_buf {
    char *p;
    size_t len;
    size_t cap;
    size_t max;
};

#define WA_BUF_DEFAULT_MAX ((size_t)1 << 30)

/* Initialise an empty buffer with the given cap (0: WA_BUF_DEFAULT_MAX). Cannot fail. */
void wa_buf_init(struct wa_buf *b, size_t max);
/* Free the contents; b is empty afterwards and may be reused. Accepts NULL. */
void wa_buf_release(struct wa_buf *b);
/* Set len to 0, keeping the allocation. Cannot fail. */
void wa_buf_reset(struct wa_buf *b);
/* Ensure room for extra more bytes. On error the buffer is unchanged. */
wa_status wa_buf_grow(struct wa_buf *b, size_t extra);
wa_status wa_buf_add(struct wa_buf *b, const char *p, size_t len);
wa_status wa_buf_adds(struct wa_buf *b, const char *s);
wa_status wa_buf_addch(struct wa_buf *b, char c);
wa_status wa_buf_addf(struct wa_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
wa_status wa_buf_vaddf(struct wa_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Shorten to len bytes (no-op if already shorter). Cannot fail. */
void wa_buf_truncate(struct wa_buf *b, size_t len);
/* Hand the malloc'ed string to the caller (free() it); b becomes empty.
 * Returns NULL only when out of memory. */
char *wa_buf_detach(struct wa_buf *b, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
