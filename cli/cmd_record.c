// SPDX-License-Identifier: MIT
/* cmd_record.c - `srec record` (not implemented yet). */
#include "srec_cli.h"
#include "srec_err.h"

int cmd_record(int argc, char **argv)
{
	srec_error("record: not implemented yet");
	return 2;
}
