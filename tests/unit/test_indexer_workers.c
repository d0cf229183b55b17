/* The worker pool: results come back, a crash or hang loses only its own job. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "workers.h"

/* The job: "crash" dies by SIGSEGV, "hang" never answers, "fail" fails,
 * "big" answers with 3 MiB, anything else is echoed upper-cased. */
static wa_status job(const char *req, size_t len, struct wa_buf *out, void *ctx)
{
    size_t i;
    (void)ctx;
    if (strcmp(req, "crash") == 0)
        raise(SIGSEGV);
    if (strcmp(req, "hang") == 0)
        for (;;)
            pause();
    if (strcmp(req, "fail") == 0) {
        wa_buf_adds(out, "kaputt");
        return WA_ERR_FORMAT;
    }
    if (strcmp(req, "big") == 0) {
        /* built in whole blocks: byte by byte it takes close to the 1 s
         * timeout under sanitizers on a loaded machine */
        char block[26 * 1024];
        for (i = 0; i < sizeof block; i++)
            block[i] = (char)('a' + i % 26);
        for (i = 0; i < ((size_t)3 << 20); i += sizeof block)
            if (wa_buf_add(out, block, sizeof block) != WA_OK)
                return WA_ERR_NOMEM;
        return WA_OK;
    }
    for (i = 0; i < len; i++)
        wa_buf_addch(out, (char)(req[i] >= 'a' && req[i] <= 'z' ? req[i] - 32 : req[i]));
    return WA_OK;
}

struct pool_case {
    const char *req;
    wa_status want_st;
    const char *want; /* prefix of the reply */
};

static const struct pool_case cases[] = {
    {"eins", WA_OK, "EINS"},
    {"crash", WA_ERR_INTERNAL, "extractor crashed (signal 11)"},
    {"zwei", WA_OK, "ZWEI"},
    {"fail", WA_ERR_FORMAT, "kaputt"},
    {"hang", WA_ERR_TIMEOUT, "extractor timed out after 1 s"},
    {"big", WA_OK, "abcdefghijklmnopqrstuvwxyzabc"},
    {"drei", WA_OK, "DREI"},
    {"crash", WA_ERR_INTERNAL, "extractor crashed"},
    {"vier", WA_OK, "VIER"},
};
#define NCASES (sizeof cases / sizeof cases[0])

static void run(int nworkers)
{
    struct wa_pool pool;
    struct wa_pool_result r;
    int seen[NCASES] = {0};
    size_t next = 0, got = 0;

    assert_int_equal(wa_pool_start(&pool, nworkers, job, NULL, 1), WA_OK);
    wa_buf_init(&r.data, 0);
    while (got < NCASES) {
        int w;
        while (next < NCASES && (w = wa_pool_idle(&pool)) >= 0) {
            assert_int_equal(
                wa_pool_submit(&pool, w, (long)next, cases[next].req, strlen(cases[next].req) + 1),
                WA_OK);
            next++;
        }
        assert_int_equal(wa_pool_wait(&pool, &r, NULL), 0);
        assert_true(r.job >= 0 && (size_t)r.job < NCASES);
        assert_int_equal(seen[r.job], 0);
        seen[r.job] = 1;
        if (r.st != cases[r.job].want_st ||
            strncmp(r.data.p, cases[r.job].want, strlen(cases[r.job].want)) != 0)
            fail_msg("job '%s': status %d '%.60s', want %d '%s'", cases[r.job].req, r.st, r.data.p,
                     cases[r.job].want_st, cases[r.job].want);
        got++;
    }
    /* nothing left: waiting says so instead of blocking */
    assert_int_equal(wa_pool_wait(&pool, &r, NULL), -1);
    assert_true(pool.restarts >= 3);
    wa_pool_stop(&pool);
    wa_buf_release(&r.data);
}

static void test_one_worker(void **state)
{
    (void)state;
    run(1);
}

static void test_three_workers(void **state)
{
    (void)state;
    run(3);
}

/* A stop request makes wait return without a result. */
static void test_stop_flag(void **state)
{
    struct wa_pool pool;
    struct wa_pool_result r;
    volatile sig_atomic_t stop = 1;
    (void)state;
    assert_int_equal(wa_pool_start(&pool, 1, job, NULL, 30), WA_OK);
    wa_buf_init(&r.data, 0);
    assert_int_equal(wa_pool_submit(&pool, 0, 7, "hang", 5), WA_OK);
    assert_int_equal(wa_pool_wait(&pool, &r, &stop), 1);
    wa_pool_stop(&pool); /* kills the hanging worker */
    wa_buf_release(&r.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_worker),
        cmocka_unit_test(test_three_workers),
        cmocka_unit_test(test_stop_flag),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
