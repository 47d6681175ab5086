// SPDX-License-Identifier: MIT
/* cmd_replay.c - `srec replay` (not implemented yet). */
#include "srec_cli.h"
#include "srec_err.h"

int cmd_replay(int argc, char **argv)
{
	srec_error("replay: not implemented yet");
	return 2;
}
