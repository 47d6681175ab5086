// SPDX-License-Identifier: MIT
/*
 * srec.c - the srec binary: dispatches `srec CMD ...` to cmd_CMD() through
 * one table, in the style of git.c and perf.
 */
#include "srec_cli.h"
#include "srec_err.h"

#include <stdio.h>
#include <string.h>

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "record", cmd_record, "run a program and record its syscalls" },
	{ "replay", cmd_replay,
	  "re-run a recorded program on the recorded world" },
	{ "dump", cmd_dump, "print a trace as text, like strace -f" },
	{ "query", cmd_query, "load traces into SQLite and run SQL" },
	{ "diff", cmd_diff, "show where two recorded runs part" },
	{ "export", cmd_export,
	  "write a trace for Perfetto, or its syscalls as CSV/JSONL" },
	{ "info", cmd_info, "show a trace's header, counts and sizes" },
	{ "verify", cmd_verify, "check every frame and checksum of a trace" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_help(void)
{
	size_t i;

	fputs("usage: srec [--version] [--help] COMMAND [ARGS]\n\n"
	      "srec records every syscall of a program and its children, "
	      "replays it\non the recorded world, and answers questions "
	      "about it in SQL.\n\ncommands:\n", stdout);
	for (i = 0; i < N_COMMANDS; i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\nSee 'srec COMMAND --help' for a command's options.\n",
	      stdout);
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2) {
		srec_error("which command? (usage: srec [--version] [--help] "
			   "COMMAND [ARGS]; see 'srec --help')");
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		print_help();
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("srec %s\n", SREC_VERSION);
		return 0;
	}
	cmd = find_command(argv[1]);
	if (!cmd && argv[1][0] == '-') {
		srec_error("unknown option '%s' (see 'srec --help')", argv[1]);
		return 2;
	}
	if (!cmd) {
		srec_error("'%s' is not an srec command (see 'srec --help')",
			   argv[1]);
		return 2;
	}
	return cmd->fn(argc - 1, argv + 1);
}
