// SPDX-License-Identifier: MIT
/* cmd_dump.c - `srec dump` (not implemented yet). */
#include "srec_cli.h"
#include "srec_err.h"

int cmd_dump(int argc, char **argv)
{
	srec_error("dump: not implemented yet");
	return 2;
}
