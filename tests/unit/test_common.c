// SPDX-License-Identifier: MIT
/*
 * test_common.c - the shared helpers of common/: option parsing and its
 * --help (every line within 80 columns), sizes, error texts, the JSON,
 * base64 and hex encoders, XXH64 against known values, and srec_buf.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "srec_buf.h"
#include "srec_err.h"
#include "srec_hash.h"
#include "srec_json.h"
#include "srec_opt.h"
#include "srec_tick.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const usage[] = {
	"srec test [-v] [-n N] [--name STRING] [--size SIZE] [--more LIST] "
	"[-e LIST] FILE...",
	"A command to test the parser with.",
	NULL,
};

struct parsed {
	int verbose, count;
	long n;
	const char *name;
	uint64_t size;
	struct srec_opt_list list;
};

static int parse(struct parsed *p, int argc, char **argv)
{
	const struct srec_opt opts[] = {
		SREC_OPT_BOOL('v', NULL, &p->verbose, "be verbose"),
		SREC_OPT_COUNT('t', NULL, &p->count, "count -t, -tt, -ttt"),
		SREC_OPT_INT('n', "number", &p->n, "N", "a number"),
		SREC_OPT_STRING(0, "name", &p->name, "STRING", "a name"),
		SREC_OPT_SIZE(0, "size", &p->size, "SIZE", "a size"),
		SREC_OPT_LIST('e', "more", &p->list, "LIST",
			      "a description long enough that it cannot fit "
			      "on one line of an 80-column terminal next to "
			      "the option names, so it has to be wrapped"),
		SREC_OPT_END(),
	};

	memset(p, 0, sizeof(*p));
	return srec_opt_parse(argc, argv, opts, usage, 0);
}

static void test_opt_operands_and_values(void **state)
{
	char *argv[] = { "test", "a", "-v", "-n", "12", "--name=x", "b",
			 "-tt", "-t", "--size", "4k", "-e", "one", "--more",
			 "two", "--", "-v", NULL };
	struct parsed p;
	int n = parse(&p, 17, argv);

	assert_int_equal(n, 3);
	assert_string_equal(argv[0], "a");
	assert_string_equal(argv[1], "b");
	assert_string_equal(argv[2], "-v"); /* after "--": an operand */
	assert_int_equal(p.verbose, 1);
	assert_int_equal(p.count, 3);
	assert_int_equal(p.n, 12);
	assert_string_equal(p.name, "x");
	assert_int_equal(p.size, 4096);
	assert_int_equal(p.list.n, 2);
	assert_string_equal(p.list.items[0], "one");
	assert_string_equal(p.list.items[1], "two");
	free(p.list.items);
}

static void test_opt_errors(void **state)
{
	char *unknown[] = { "test", "--frob", NULL };
	char *missing[] = { "test", "-n", NULL };
	char *not_num[] = { "test", "-n", "12x", NULL };
	char *bool_arg[] = { "test", "-vx", NULL };
	char *bad_size[] = { "test", "--size=1q", NULL };
	struct parsed p;

	assert_int_equal(parse(&p, 2, unknown), SREC_OPT_ERROR);
	assert_int_equal(parse(&p, 2, missing), SREC_OPT_ERROR);
	assert_int_equal(parse(&p, 3, not_num), SREC_OPT_ERROR);
	assert_int_equal(parse(&p, 2, bool_arg), SREC_OPT_ERROR);
	assert_int_equal(parse(&p, 2, bad_size), SREC_OPT_ERROR);
}

/* --help on stdout, captured in a file: the whole text. */
static char *help_text(void)
{
	char path[512], *argv[] = { "test", "--help", NULL };
	struct srec_buf b = SREC_BUF_INIT;
	struct parsed p;
	char chunk[4096];
	size_t k;
	FILE *f;
	int saved;

	snprintf(path, sizeof(path), "%s/test_common.%d.help",
		 SREC_TEST_TMPDIR, (int)getpid());
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	assert_non_null(freopen(path, "w", stdout));
	assert_int_equal(parse(&p, 2, argv), SREC_OPT_HELP);
	fflush(stdout);
	assert_int_not_equal(dup2(saved, STDOUT_FILENO), -1);
	close(saved);
	f = fopen(path, "r");
	assert_non_null(f);
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		srec_buf_add(&b, chunk, k);
	fclose(f);
	unlink(path);
	return srec_buf_detach(&b);
}

static void test_opt_help_fits_80_columns(void **state)
{
	char *text = help_text(), *line, *save = NULL;
	int lines = 0;

	assert_non_null(strstr(text, "usage: srec test [-v]"));
	assert_non_null(strstr(text, "A command to test the parser with."));
	assert_non_null(strstr(text, "  -n, --number N "));
	assert_non_null(strstr(text, "  -h, --help "));
	/* The long description goes on under itself, not under -e. */
	assert_non_null(strstr(text, "\n                           "));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), lines++)
		assert_in_range(strlen(line), 0, 80);
	assert_true(lines > 10);
	free(text);
}

static void test_parse_size(void **state)
{
	uint64_t v = 0;

	assert_int_equal(srec_parse_size("123", &v), 0);
	assert_int_equal(v, 123);
	assert_int_equal(srec_parse_size("64k", &v), 0);
	assert_int_equal(v, 65536);
	assert_int_equal(srec_parse_size("1MB", &v), 0);
	assert_int_equal(v, 1 << 20);
	assert_int_equal(srec_parse_size("2G", &v), 0);
	assert_int_equal(v, 2ULL << 30);
	assert_int_equal(srec_parse_size("", &v), -EINVAL);
	assert_int_equal(srec_parse_size("-1", &v), -EINVAL);
	assert_int_equal(srec_parse_size("12b", &v), -EINVAL);
	assert_int_equal(srec_parse_size("99999999999999g", &v), -EINVAL);
}

static void test_strerror(void **state)
{
	assert_string_equal(srec_strerror(SREC_ENOTTRACE),
			    "not an srec trace");
	assert_string_equal(srec_strerror(-ENOENT), strerror(ENOENT));
	assert_string_equal(srec_strerror(-9999), "unknown error");
}

static void test_json_str(void **state)
{
	struct srec_buf b = SREC_BUF_INIT;

	srec_json_str(&b, "a\"b\\c\n\t\x01\xc3\xa9\xff", 11);
	assert_string_equal(srec_buf_str(&b),
			    "\"a\\\"b\\\\c\\n\\t\\u0001\xc3\xa9\\u00ff\"");
	srec_buf_reset(&b);
	/* An overlong '/' and a lone surrogate are not UTF-8. */
	srec_json_str(&b, "\xc0\xaf\xed\xa0\x80", 5);
	assert_string_equal(srec_buf_str(&b), "\"\\u00c0\\u00af\\u00ed"
					      "\\u00a0\\u0080\"");
	srec_buf_free(&b);
}

static void test_base64_hex(void **state)
{
	static const char *const want[] = { "", "Zg==", "Zm8=", "Zm9v",
					    "Zm9vYg==", "Zm9vYmE=",
					    "Zm9vYmFy" };
	struct srec_buf b = SREC_BUF_INIT;
	size_t i;

	/* RFC 4648's test vectors. */
	for (i = 0; i < 7; i++) {
		srec_buf_reset(&b);
		srec_base64(&b, "foobar", i);
		assert_string_equal(srec_buf_str(&b), want[i]);
	}
	srec_buf_reset(&b);
	srec_hex(&b, "\x00\x7f\xff", 3);
	assert_string_equal(srec_buf_str(&b), "007fff");
	srec_buf_free(&b);
}

static void test_hash(void **state)
{
	uint8_t h[SREC_HASH128_LEN];
	char big[100];

	/* xxHash's own values (zstd --check stores the low 32 bits). */
	assert_true(srec_hash64(NULL, 0, 0) == 0xef46db3751d8e999ULL);
	assert_true(srec_hash64("abc", 3, 0) == 0x44bc2cf5ad770999ULL);
	/* The long-input path agrees with itself across calls and seeds
	 * change it. */
	memset(big, 'x', sizeof(big));
	assert_true(srec_hash64(big, sizeof(big), 0) ==
		    srec_hash64(big, sizeof(big), 0));
	assert_true(srec_hash64(big, sizeof(big), 0) !=
		    srec_hash64(big, sizeof(big), 1));
	srec_hash128("abc", 3, h);
	assert_int_equal(h[0], 0x44);
	assert_int_equal(h[7], 0x99);
}

static void test_buf(void **state)
{
	struct srec_buf b = SREC_BUF_INIT;
	char *s;
	int i;

	assert_string_equal(srec_buf_str(&b), "");
	for (i = 0; i < 1000; i++)
		srec_buf_addf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_true(!strncmp(b.data, "0,1,2,", 6));
	s = srec_buf_detach(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	free(s);
	s = srec_buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
}

/* An armed ticker breaks a blocking waitpid with EINTR; released, the
 * SIGALRM handler and timer are srec's old ones again. */
static void test_ticker(void **state)
{
	struct srec_ticker k;
	struct sigaction now;
	struct itimerval it;
	pid_t child;
	int status;

	(void)state;
	child = fork();
	assert_true(child >= 0);
	if (!child) {
		pause(); /* until the parent kills it */
		_exit(0);
	}
	srec_ticker_catch(&k);
	srec_ticker_arm(10);
	errno = 0;
	assert_int_equal(waitpid(child, &status, 0), -1);
	assert_int_equal(errno, EINTR);
	srec_ticker_arm(0);
	getitimer(ITIMER_REAL, &it);
	assert_int_equal(it.it_value.tv_sec + it.it_value.tv_usec, 0);
	srec_ticker_release(&k);
	sigaction(SIGALRM, NULL, &now);
	assert_true(now.sa_handler == SIG_DFL);
	kill(child, SIGKILL);
	assert_int_equal(waitpid(child, &status, 0), child);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opt_operands_and_values),
		cmocka_unit_test(test_opt_errors),
		cmocka_unit_test(test_opt_help_fits_80_columns),
		cmocka_unit_test(test_parse_size),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_ticker),
		cmocka_unit_test(test_json_str),
		cmocka_unit_test(test_base64_hex),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_buf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
