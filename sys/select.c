// SPDX-License-Identifier: MIT
/*
 * select.c - sets of syscalls named the way strace's -e trace= names
 * them: names, %classes, "all", "none", and '!' for the complement.
 */
#include "srec_sys.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static void ensure(struct srec_sys_select *s)
{
	if (s->has)
		return;
	s->limit = srec_sys_nr_limit();
	s->has = srec_xcalloc(s->limit + 1, 1);
}

/* Mark the numbers @tok names in @mark (zeroed, limit + 1 long). */
static int mark_token(const char *tok, size_t len, uint8_t *mark,
		      unsigned limit)
{
	char name[64];
	const struct srec_sys_entry *e;
	uint32_t cls;
	unsigned nr;

	if (!len || len >= sizeof(name))
		return -EINVAL;
	memcpy(name, tok, len);
	name[len] = '\0';
	if (!strcmp(name, "all")) {
		memset(mark, 1, limit + 1);
		return 0;
	}
	if (!strcmp(name, "none"))
		return 0;
	if (name[0] == '%') {
		cls = srec_sys_class_by_name(name);
		if (!cls)
			return -EINVAL;
		for (nr = 0; nr < limit; nr++) {
			e = srec_sys_get(nr);
			if (e && (e->classes & cls))
				mark[nr] = 1;
		}
		return 0;
	}
	e = srec_sys_find(name);
	if (!e || e->nr >= limit)
		return -EINVAL;
	mark[e->nr] = 1;
	return 0;
}

int srec_sys_select_add(struct srec_sys_select *s, const char *spec,
			const char **bad, size_t *bad_len)
{
	bool negate = spec[0] == '!';
	const char *p = spec + negate;
	uint8_t *mark;
	unsigned i;
	int rc = 0;

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
