// SPDX-License-Identifier: MIT
/* cmd_info.c - `srec info` (not implemented yet). */
#include "srec_cli.h"
#include "srec_err.h"

int cmd_info(int argc, char **argv)
{
	srec_error("info: not implemented yet");
	return 2;
}
