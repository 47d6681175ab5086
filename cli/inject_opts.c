// SPDX-License-Identifier: MIT
/*
 * inject_opts.c - the -e inject= options of `srec record` and the
 * --inject= options of `srec replay`, parsed into one srec_inject, with
 * strace's warning for a retval= that reads as an error.
 */
#include "srec_cli.h"
#include "srec_err.h"
#include "srec_inject.h"
#include "srec_opt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_parse_injects(const struct srec_opt_list *specs, bool bare_ok,
		      const char *const *usage, struct srec_inject *inj)
{
	char msg[320], *full;
	int i, err;

	for (i = 0; i < specs->n; i++) {
		const char *spec = specs->items[i];
		const struct srec_inject_rule *r;
		int64_t ret;

		if (!bare_ok || srec_inject_is_spec(spec))
			full = strdup(spec);
		else if ((full = malloc(strlen(spec) + 8)))
			sprintf(full, "inject=%s", spec);
		if (!full) {
			srec_error("%s", srec_strerror(-ENOMEM));
			return 1;
		}
		err = srec_inject_add(inj, full, msg, sizeof(msg));
		free(full);
		if (err == -EINVAL)
			return srec_usage_error(usage, "%s", msg);
		if (err) {
			srec_error("%s", srec_strerror(err));
			return 1;
		}
		r = &inj->rules[inj->n_rules - 1];
		ret = srec_inject_ret(r);
		if ((r->flags & SREC_INJ_RETVAL) && ret < 0 && ret >= -4095)
			srec_warn("%s: retval=%lld is what error=%lld returns",
				  spec, (long long)ret, -(long long)ret);
	}
	return 0;
}
