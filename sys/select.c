// SPDX-License-Identifier: MIT
/*
 * select.c - sets of syscalls named the way strace's -e trace= names
 * them: names, numbers, %classes (and the old class names without '%'),
 * /regex, "all", "none", '?' to let a name match nothing, '@64' (the only
 * personality srec records) and '!' for the complement.
 */
#include "srec_sys.h"

#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

static void ensure(struct srec_sys_select *s)
{
	if (s->has)
		return;
	s->limit = srec_sys_nr_limit();
	s->has = srec_xcalloc(s->limit + 1, 1);
}

/* Classes strace also accepts without the '%' (its older spelling). */
static const char *const legacy_classes[] = {
	"%desc", "%file", "%memory", "%process", "%signal", "%ipc",
	"%network",
};

static void mark_class(uint32_t cls, uint8_t *mark, unsigned limit)
{
	const struct srec_sys_entry *e;
	unsigned nr;

	for (nr = 0; nr < limit; nr++) {
		e = srec_sys_get(nr);
		if (e && (e->classes & cls))
			mark[nr] = 1;
	}
}

/* /REGEX: every name the POSIX extended expression matches. */
static int mark_regex(const char *re, uint8_t *mark, unsigned limit)
{
	const struct srec_sys_entry *e;
	regex_t preg;
	bool found = false;
	unsigned nr;

	if (regcomp(&preg, re, REG_EXTENDED | REG_NOSUB))
		return -EINVAL;
	for (nr = 0; nr < limit; nr++) {
		e = srec_sys_get(nr);
		if (e && !regexec(&preg, e->name, 0, NULL, 0)) {
			mark[nr] = 1;
			found = true;
		}
	}
	regfree(&preg);
	return found ? 0 : -ENOENT;
}

/* One name, number, class or regex: 0, -ENOENT (matches nothing) or
 * -EINVAL (not a set at all: a bad class or regex). */
static int mark_one(const char *name, uint8_t *mark, unsigned limit)
{
	const struct srec_sys_entry *e;
	uint32_t cls;
	size_t i;

	if (!strcmp(name, "all")) {
		memset(mark, 1, limit + 1);
		return 0;
	}
	if (!strcmp(name, "none"))
		return 0;
	if (name[0] == '/')
		return mark_regex(name + 1, mark, limit);
	if (name[0] >= '0' && name[0] <= '9') {
		char *end;
		unsigned long nr = strtoul(name, &end, 10);

		if (*end || nr >= limit || !srec_sys_get((unsigned)nr))
			return -ENOENT;
		mark[nr] = 1;
		return 0;
	}
	if (name[0] == '%') {
		cls = srec_sys_class_by_name(name);
		if (!cls)
			return -EINVAL;
		mark_class(cls, mark, limit);
		return 0;
	}
	for (i = 0; i < sizeof(legacy_classes) / sizeof(legacy_classes[0]);
	     i++) {
		if (strcmp(name, legacy_classes[i] + 1))
			continue;
		mark_class(srec_sys_class_by_name(legacy_classes[i]), mark,
			   limit);
		return 0;
	}
	e = srec_sys_find(name);
	if (!e || e->nr >= limit)
		return -ENOENT;
	mark[e->nr] = 1;
	return 0;
}

/* Mark the numbers @tok names in @mark (zeroed, limit + 1 long). */
static int mark_token(const char *tok, size_t len, uint8_t *mark,
		      unsigned limit)
{
	char name[256], *at;
	bool quiet = false;
	int rc;

	while (len && *tok == '?') {
		quiet = true;
		tok++;
		len--;
	}
	if (!len || len >= sizeof(name))
		return -EINVAL;
	memcpy(name, tok, len);
	name[len] = '\0';
	/* NAME@64: srec records native (64-bit) calls only. */
	at = strrchr(name, '@');
	if (at && name[0] != '/') {
		if (strcmp(at, "@64"))
			return -EINVAL;
		*at = '\0';
	}
	rc = mark_one(name, mark, limit);
	return rc == -ENOENT && quiet ? 0 : rc ? -EINVAL : 0;
}

int srec_sys_select_add(struct srec_sys_select *s, const char *spec,
			const char **bad, size_t *bad_len)
{
	bool negate = false;
	const char *p = spec;
	uint8_t *mark;
	unsigned i;
	int rc = 0;

	/* Each leading '!' complements the rest, as in strace. */
	while (*p == '!') {
		negate = !negate;
		p++;
	}
	ensure(s);
	mark = srec_xcalloc(s->limit + 1, 1);
	if (!*p) {
		*bad = spec;
		*bad_len = strlen(spec);
		rc = -EINVAL;
		goto out;
	}
	while (*p) {
		size_t len = strcspn(p, ",");

		if (mark_token(p, len, mark, s->limit)) {
			*bad = p;
			*bad_len = len;
			rc = -EINVAL;
			goto out;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	for (i = 0; i <= s->limit; i++)
		if (mark[i] != negate)
			s->has[i] = 1;
out:
	free(mark);
	return rc;
}

bool srec_sys_select_has(const struct srec_sys_select *s, unsigned nr)
{
	if (!s->has)
		return false;
	return s->has[nr < s->limit ? nr : s->limit];
}

void srec_sys_select_free(struct srec_sys_select *s)
{
	free(s->has);
	s->has = NULL;
	s->limit = 0;
}
