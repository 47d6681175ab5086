// SPDX-License-Identifier: MIT
/* cmd_query.c - `srec query` (not implemented yet). */
#include "srec_cli.h"
#include "srec_err.h"

int cmd_query(int argc, char **argv)
{
	srec_error("query: not implemented yet");
	return 2;
}
