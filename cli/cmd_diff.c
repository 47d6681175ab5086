// SPDX-License-Identifier: MIT
/* cmd_diff.c - `srec diff` (not implemented yet). */
#include "srec_cli.h"
#include "srec_err.h"

int cmd_diff(int argc, char **argv)
{
	srec_error("diff: not implemented yet");
	return 2;
}
