// SPDX-License-Identifier: MIT
/* cmd_verify.c - `srec verify` (not implemented yet). */
#include "srec_cli.h"
#include "srec_err.h"

int cmd_verify(int argc, char **argv)
{
	srec_error("verify: not implemented yet");
	return 2;
}
