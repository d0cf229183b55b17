/* A pool of forked worker processes: a crash or hang loses one job, not the run. */
#ifndef WA_WORKERS_H
#define WA_WORKERS_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

#include "wa_buf.h"

/*
 * The job function, run inside a worker process: handle the request
 * req[0..len) and append the reply payload to out. The returned status
 * travels back with the payload. It may crash or hang: the pool notices.
 */
typedef wa_status (*wa_job_fn)(const char *req, size_t len, struct wa_buf *out, void *ctx);

struct wa_worker {
    pid_t pid;
    int to_fd;        /* requests to the worker */
    int from_fd;      /* replies from the worker */
    long job;         /* job id in progress, -1 when idle */
    long long t0;     /* monotonic ms when the job was sent */
    struct wa_buf in; /* reply bytes read so far */
};

struct wa_pool {
    struct wa_worker *w;
    int n;
    wa_job_fn fn;
    void *ctx;
    int timeout;       /* seconds one job may take */
    unsigned restarts; /* workers restarted after a crash or hang */
};

/* The outcome of one job. */
struct wa_pool_result {
    long job;
    wa_status st;       /* the job's status, or WA_ERR_INTERNAL/WA_ERR_TIMEOUT */
    struct wa_buf data; /* payload (the job's reply, or a reason for a crash) */
};

/*
 * Start n workers running fn(req, len, out, ctx) for each request; a job
 * running longer than timeout seconds is killed. Prints nothing. On error
 * (fork/pipe failed) returns WA_ERR_IO and the pool is stopped.
 */
wa_status wa_pool_start(struct wa_pool *p, int n, wa_job_fn fn, void *ctx, int timeout);

/* Index of an idle worker, or -1 when all are busy. Cannot fail. */
int wa_pool_idle(const struct wa_pool *p);
/* Number of jobs in progress. Cannot fail. */
int wa_pool_busy(const struct wa_pool *p);

/* Send job id with request req[0..len) to idle worker i. WA_ERR_IO when
 * the worker cannot be written to (it is restarted; resubmit the job). */
wa_status wa_pool_submit(struct wa_pool *p, int i, long job, const char *req, size_t len);

/*
 * Wait until a job finishes and fill r (r->data must be initialised; it is
 * reset first). A worker that crashed or ran past the timeout gives
 * st = WA_ERR_INTERNAL with data "extractor crashed (signal N)" or
 * st = WA_ERR_TIMEOUT with "extractor timed out after N s"; it is restarted.
 * Returns 0 with a result, 1 when *stop became set (no result), -1 when no
 * job is in progress or the pool broke down (fork failed).
 */
int wa_pool_wait(struct wa_pool *p, struct wa_pool_result *r, const volatile sig_atomic_t *stop);

/* Ask all workers to finish, kill the busy ones, reap them and free the
 * pool. Accepts a stopped pool. */
void wa_pool_stop(struct wa_pool *p);

#endif
