/* SPDX-License-Identifier: MIT */
/*
 * srec_cli.h - the subcommands of the srec binary.  Each cmd_*.c file
 * declares its usage array and option table, parses its arguments with
 * srec_opt_parse(), calls its module and reports errors with srec_error().
 *
 * A command returns the process exit status: 0 success, 1 failure or
 * difference found (damage, divergence), 2 usage error or unreadable
 * input, or whatever the command documents (record: PROG's status).
 */
#ifndef SREC_CLI_H
#define SREC_CLI_H

int cmd_record(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#endif
