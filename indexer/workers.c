/* A pool of forked worker processes: a crash or hang loses one job, not the run. */
#include "workers.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Replies larger than this are a broken worker, not a document. */
#define REPLY_MAX ((size_t)512 << 20)

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* 0 on success, 1 on a clean end of file before any byte, -1 on error. */
static int read_all(int fd, void *buf, size_t len)
{
    char *p = buf;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, p + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0)
            return got ? -1 : 1;
        if (n < 0)
            return -1;
        got += (size_t)n;
    }
    return 0;
}

/* The worker's life: read a request, run the job, send the reply, repeat. */
/* Address space of one worker: far above what any capped extractor needs, but
 * a runaway allocation fails there instead of pushing the machine into swap.
 * Not under AddressSanitizer, which reserves terabytes of address space. */
#define WORKER_MEMORY ((rlim_t)4 << 30)
#if defined(__SANITIZE_ADDRESS__)
#define WA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WA_ASAN 1
#endif
#endif

static void worker_main(struct wa_pool *p, int in_fd, int out_fd)
{
    struct wa_buf req, out;
    struct rlimit rl = {0, 0};

    signal(SIGINT, SIG_IGN); /* Ctrl-C is the parent's business */
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    /* a crash must end this process, whatever handlers the parent installed */
    signal(SIGSEGV, SIG_DFL);
    signal(SIGBUS, SIG_DFL);
    signal(SIGILL, SIG_DFL);
    signal(SIGFPE, SIG_DFL);
    signal(SIGABRT, SIG_DFL);
    setrlimit(RLIMIT_CORE, &rl);
#ifndef WA_ASAN
    rl.rlim_cur = rl.rlim_max = WORKER_MEMORY;
    setrlimit(RLIMIT_AS, &rl);
#endif
    wa_buf_init(&req, 0);
    wa_buf_init(&out, REPLY_MAX - 16);
    for (;;) {
        uint32_t len, hdr[2];
        wa_status st;
        int r = read_all(in_fd, &len, sizeof len);
        if (r != 0)
            _exit(r == 1 ? 0 : 1);
        wa_buf_reset(&req);
        if (wa_buf_grow(&req, len) != WA_OK || read_all(in_fd, req.p, len) != 0)
            _exit(1);
        req.len = len;
        req.p[len] = '\0';
        wa_buf_reset(&out);
        st = p->fn(req.p, req.len, &out, p->ctx);
        hdr[0] = (uint32_t)st;
        hdr[1] = (uint32_t)out.len;
        if (write_all(out_fd, hdr, sizeof hdr) != 0 || write_all(out_fd, out.p, out.len) != 0)
            _exit(1);
    }
}

static void close_worker_fds(struct wa_worker *w)
{
    if (w->to_fd >= 0)
        close(w->to_fd);
    if (w->from_fd >= 0)
        close(w->from_fd);
    w->to_fd = w->from_fd = -1;
}

static int spawn(struct wa_pool *p, int i)
{
    int req[2], rep[2], k;
    struct wa_worker *w = &p->w[i];
    pid_t pid;

    if (pipe(req) != 0)
        return -1;
    if (pipe(rep) != 0) {
        close(req[0]);
        close(req[1]);
        return -1;
    }
    fflush(NULL);
    pid = fork();
    if (pid < 0) {
        close(req[0]);
        close(req[1]);
        close(rep[0]);
        close(rep[1]);
        return -1;
    }
    if (pid == 0) {
        /* other workers' pipes must not stay open here, or they never see EOF */
        for (k = 0; k < p->n; k++)
            close_worker_fds(&p->w[k]);
        close(req[1]);
        close(rep[0]);
        worker_main(p, req[0], rep[1]);
        _exit(0);
    }
    close(req[0]);
    close(rep[1]);
    fcntl(req[1], F_SETFD, FD_CLOEXEC);
    fcntl(rep[0], F_SETFD, FD_CLOEXEC);
    w->pid = pid;
    w->to_fd = req[1];
    w->from_fd = rep[0];
    w->job = -1;
    wa_buf_reset(&w->in);
    return 0;
}

wa_status wa_pool_start(struct wa_pool *p, int n, wa_job_fn fn, void *ctx, int timeout)
{
    int i;

    memset(p, 0, sizeof *p);
    p->w = calloc((size_t)n, sizeof *p->w);
    if (!p->w)
        return WA_ERR_NOMEM;
    p->n = n;
    p->fn = fn;
    p->ctx = ctx;
    p->timeout = timeout;
    for (i = 0; i < n; i++) {
        p->w[i].to_fd = p->w[i].from_fd = -1;
        p->w[i].job = -1;
        wa_buf_init(&p->w[i].in, REPLY_MAX);
    }
    for (i = 0; i < n; i++) {
        if (spawn(p, i) != 0) {
            wa_pool_stop(p);
            return WA_ERR_IO;
        }
    }
    return WA_OK;
}

int wa_pool_idle(const struct wa_pool *p)
{
    int i;
    for (i = 0; i < p->n; i++)
        if (p->w[i].pid > 0 && p->w[i].job < 0)
            return i;
    return -1;
}

int wa_pool_busy(const struct wa_pool *p)
{
    int i, n = 0;
    for (i = 0; i < p->n; i++)
        n += p->w[i].job >= 0;
    return n;
}

/* Kill and reap worker i; returns its wait status. */
static int reap(struct wa_worker *w, int sig)
{
    int status = 0;
    if (w->pid <= 0)
        return 0;
    if (sig)
        kill(w->pid, sig);
    close_worker_fds(w);
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    w->pid = 0;
    w->job = -1;
    return status;
}

wa_status wa_pool_submit(struct wa_pool *p, int i, long job, const char *req, size_t len)
{
    struct wa_worker *w = &p->w[i];
    uint32_t n = (uint32_t)len;

    if (write_all(w->to_fd, &n, sizeof n) != 0 || write_all(w->to_fd, req, len) != 0) {
        reap(w, SIGKILL);
        p->restarts++;
        spawn(p, i);
        return WA_ERR_IO;
    }
    w->job = job;
    w->t0 = now_ms();
    wa_buf_reset(&w->in);
    return WA_OK;
}

/* Worker i died or hung: report its job as lost and start a fresh worker. */
static int lost(struct wa_pool *p, int i, struct wa_pool_result *r, int timed_out)
{
    struct wa_worker *w = &p->w[i];
    int status;

    r->job = w->job;
    status = reap(w, SIGKILL);
    if (timed_out) {
        r->st = WA_ERR_TIMEOUT;
        wa_buf_addf(&r->data, "extractor timed out after %d s", p->timeout);
    } else if (WIFSIGNALED(status)) {
        r->st = WA_ERR_INTERNAL;
        wa_buf_addf(&r->data, "extractor crashed (signal %d)", WTERMSIG(status));
    } else {
        r->st = WA_ERR_INTERNAL;
        wa_buf_addf(&r->data, "extractor exited unexpectedly (status %d)",
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    p->restarts++;
    return spawn(p, i) == 0 ? 0 : -1;
}

/* Read what worker i has sent; 1 when its reply is complete, 0 when more
 * is to come, -1 when it broke off. */
static int pump(struct wa_worker *w)
{
    char chunk[65536];
    ssize_t n = read(w->from_fd, chunk, sizeof chunk);

    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    if (n <= 0)
        return -1;
    if (wa_buf_add(&w->in, chunk, (size_t)n) != WA_OK)
        return -1;
    if (w->in.len >= 8) {
        uint32_t hdr[2];
        memcpy(hdr, w->in.p, sizeof hdr);
        if (w->in.len > 8 + (size_t)hdr[1])
            return -1; /* more than announced: the protocol is broken */
        return w->in.len == 8 + (size_t)hdr[1];
    }
    return 0;
}

int wa_pool_wait(struct wa_pool *p, struct wa_pool_result *r, const volatile sig_atomic_t *stop)
{
    struct pollfd *fds;
    int i, rc = -1;

    wa_buf_reset(&r->data);
    if (!wa_pool_busy(p))
        return -1;
    fds = calloc((size_t)p->n, sizeof *fds);
    if (!fds)
        return -1;
    for (;;) {
        long long now = now_ms(), next = -1;
        int nready;
        if (stop && *stop) {
            rc = 1;
            break;
        }
        for (i = 0; i < p->n; i++) {
            struct wa_worker *w = &p->w[i];
            fds[i].fd = w->job >= 0 ? w->from_fd : -1;
            fds[i].events = POLLIN;
            fds[i].revents = 0;
            if (w->job >= 0) {
                long long left = w->t0 + (long long)p->timeout * 1000 - now;
                if (left <= 0) {
                    rc = lost(p, i, r, 1);
                    goto done;
                }
                if (next < 0 || left < next)
                    next = left;
            }
        }
        nready = poll(fds, (nfds_t)p->n, next > 60000 ? 60000 : (int)next);
        if (nready < 0 && errno == EINTR)
            continue;
        if (nready < 0)
            break;
        for (i = 0; i < p->n; i++) {
            struct wa_worker *w = &p->w[i];
            int got;
            if (!fds[i].revents || w->job < 0)
                continue;
            got = pump(w);
            if (got < 0) {
                rc = lost(p, i, r, 0);
                goto done;
            }
            if (got == 1) {
                uint32_t hdr[2];
                memcpy(hdr, w->in.p, sizeof hdr);
                r->job = w->job;
                r->st = (wa_status)hdr[0];
                wa_buf_add(&r->data, w->in.p + 8, hdr[1]);
                w->job = -1;
                wa_buf_reset(&w->in);
                rc = 0;
                goto done;
            }
        }
    }
done:
    free(fds);
    return rc;
}

void wa_pool_stop(struct wa_pool *p)
{
    int i;

    if (!p->w)
        return;
    /* idle workers exit on end of file; busy ones are killed */
    for (i = 0; i < p->n; i++)
        reap(&p->w[i], p->w[i].job >= 0 ? SIGKILL : 0);
    for (i = 0; i < p->n; i++)
        wa_buf_release(&p->w[i].in);
    free(p->w);
    p->w = NULL;
    p->n = 0;
}
