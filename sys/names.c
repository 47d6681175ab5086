// SPDX-License-Identifier: MIT
/*
 * names.c - errno and signal names as strace prints them (x86_64
 * numbering), kept as data so a number maps to its name by indexing.
 */
#include <strings.h>

#include "srec_sys.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* <asm-generic/errno-base.h> and <asm-generic/errno.h>; aliases
 * (EWOULDBLOCK, EDEADLOCK) print under their first name. */
static const char *const errno_names[] = {
	[1] = "EPERM",
	[2] = "ENOENT",
	[3] = "ESRCH",
	[4] = "EINTR",
	[5] = "EIO",
	[6] = "ENXIO",
	[7] = "E2BIG",
	[8] = "ENOEXEC",
	[9] = "EBADF",
	[10] = "ECHILD",
	[11] = "EAGAIN",
	[12] = "ENOMEM",
	[13] = "EACCES",
	[14] = "EFAULT",
	[15] = "ENOTBLK",
	[16] = "EBUSY",
	[17] = "EEXIST",
	[18] = "EXDEV",
	[19] = "ENODEV",
	[20] = "ENOTDIR",
	[21] = "EISDIR",
	[22] = "EINVAL",
	[23] = "ENFILE",
	[24] = "EMFILE",
	[25] = "ENOTTY",
	[26] = "ETXTBSY",
	[27] = "EFBIG",
	[28] = "ENOSPC",
	[29] = "ESPIPE",
	[30] = "EROFS",
	[31] = "EMLINK",
	[32] = "EPIPE",
	[33] = "EDOM",
	[34] = "ERANGE",
	[35] = "EDEADLK",
	[36] = "ENAMETOOLONG",
	[37] = "ENOLCK",
	[38] = "ENOSYS",
	[39] = "ENOTEMPTY",
	[40] = "ELOOP",
	[42] = "ENOMSG",
	[43] = "EIDRM",
	[44] = "ECHRNG",
	[45] = "EL2NSYNC",
	[46] = "EL3HLT",
	[47] = "EL3RST",
	[48] = "ELNRNG",
	[49] = "EUNATCH",
	[50] = "ENOCSI",
	[51] = "EL2HLT",
	[52] = "EBADE",
	[53] = "EBADR",
	[54] = "EXFULL",
	[55] = "ENOANO",
	[56] = "EBADRQC",
	[57] = "EBADSLT",
	[59] = "EBFONT",
	[60] = "ENOSTR",
	[61] = "ENODATA",
	[62] = "ETIME",
	[63] = "ENOSR",
	[64] = "ENONET",
	[65] = "ENOPKG",
	[66] = "EREMOTE",
	[67] = "ENOLINK",
	[68] = "EADV",
	[69] = "ESRMNT",
	[70] = "ECOMM",
	[71] = "EPROTO",
	[72] = "EMULTIHOP",
	[73] = "EDOTDOT",
	[74] = "EBADMSG",
	[75] = "EOVERFLOW",
	[76] = "ENOTUNIQ",
	[77] = "EBADFD",
	[78] = "EREMCHG",
	[79] = "ELIBACC",
	[80] = "ELIBBAD",
	[81] = "ELIBSCN",
	[82] = "ELIBMAX",
	[83] = "ELIBEXEC",
	[84] = "EILSEQ",
	[85] = "ERESTART",
	[86] = "ESTRPIPE",
	[87] = "EUSERS",
	[88] = "ENOTSOCK",
	[89] = "EDESTADDRREQ",
	[90] = "EMSGSIZE",
	[91] = "EPROTOTYPE",
	[92] = "ENOPROTOOPT",
	[93] = "EPROTONOSUPPORT",
	[94] = "ESOCKTNOSUPPORT",
	[95] = "EOPNOTSUPP",
	[96] = "EPFNOSUPPORT",
	[97] = "EAFNOSUPPORT",
	[98] = "EADDRINUSE",
	[99] = "EADDRNOTAVAIL",
	[100] = "ENETDOWN",
	[101] = "ENETUNREACH",
	[102] = "ENETRESET",
	[103] = "ECONNABORTED",
	[104] = "ECONNRESET",
	[105] = "ENOBUFS",
	[106] = "EISCONN",
	[107] = "ENOTCONN",
	[108] = "ESHUTDOWN",
	[109] = "ETOOMANYREFS",
	[110] = "ETIMEDOUT",
	[111] = "ECONNREFUSED",
	[112] = "EHOSTDOWN",
	[113] = "EHOSTUNREACH",
	[114] = "EALREADY",
	[115] = "EINPROGRESS",
	[116] = "ESTALE",
	[117] = "EUCLEAN",
	[118] = "ENOTNAM",
	[119] = "ENAVAIL",
	[120] = "EISNAM",
	[121] = "EREMOTEIO",
	[122] = "EDQUOT",
	[123] = "ENOMEDIUM",
	[124] = "EMEDIUMTYPE",
	[125] = "ECANCELED",
	[126] = "ENOKEY",
	[127] = "EKEYEXPIRED",
	[128] = "EKEYREVOKED",
	[129] = "EKEYREJECTED",
	[130] = "EOWNERDEAD",
	[131] = "ENOTRECOVERABLE",
	[132] = "ERFKILL",
	[133] = "EHWPOISON",
};

/* Kernel-internal codes (include/linux/errno.h) that a tracer sees when
 * a call is interrupted or a driver leaks one; they start at 512. */
#define KERNEL_ERRNO_BASE 512
static const char *const kernel_errno_names[] = {
	[512 - KERNEL_ERRNO_BASE] = "ERESTARTSYS",
	[513 - KERNEL_ERRNO_BASE] = "ERESTARTNOINTR",
	[514 - KERNEL_ERRNO_BASE] = "ERESTARTNOHAND",
	[515 - KERNEL_ERRNO_BASE] = "ENOIOCTLCMD",
	[516 - KERNEL_ERRNO_BASE] = "ERESTART_RESTARTBLOCK",
	[517 - KERNEL_ERRNO_BASE] = "EPROBE_DEFER",
	[518 - KERNEL_ERRNO_BASE] = "EOPENSTALE",
	[519 - KERNEL_ERRNO_BASE] = "ENOPARAM",
	[521 - KERNEL_ERRNO_BASE] = "EBADHANDLE",
	[522 - KERNEL_ERRNO_BASE] = "ENOTSYNC",
	[523 - KERNEL_ERRNO_BASE] = "EBADCOOKIE",
	[524 - KERNEL_ERRNO_BASE] = "ENOTSUPP",
	[525 - KERNEL_ERRNO_BASE] = "ETOOSMALL",
	[526 - KERNEL_ERRNO_BASE] = "ESERVERFAULT",
	[527 - KERNEL_ERRNO_BASE] = "EBADTYPE",
	[528 - KERNEL_ERRNO_BASE] = "EJUKEBOX",
	[529 - KERNEL_ERRNO_BASE] = "EIOCBQUEUED",
	[530 - KERNEL_ERRNO_BASE] = "ERECALLCONFLICT",
	[531 - KERNEL_ERRNO_BASE] = "ENOGRACE",
};

const char *srec_sys_errno_name(int err)
{
	if (err > 0 && (unsigned)err < ARRAY_LEN(errno_names))
		return errno_names[err];
	if (err >= KERNEL_ERRNO_BASE &&
	    (unsigned)(err - KERNEL_ERRNO_BASE) < ARRAY_LEN(kernel_errno_names))
		return kernel_errno_names[err - KERNEL_ERRNO_BASE];
	return NULL;
}

int srec_sys_errno_by_name(const char *name)
{
	size_t i;

	for (i = 1; i < ARRAY_LEN(errno_names); i++)
		if (errno_names[i] && !strcasecmp(name, errno_names[i]))
			return (int)i;
	for (i = 0; i < ARRAY_LEN(kernel_errno_names); i++)
		if (kernel_errno_names[i] &&
		    !strcasecmp(name, kernel_errno_names[i]))
			return (int)(i + KERNEL_ERRNO_BASE);
	return -1;
}

/* x86_64 signal numbers; real-time signals as strace names them from the
 * kernel's SIGRTMIN (32), not glibc's (34, after its two private ones). */
static const char *const signal_names[] = {
	[1] = "SIGHUP",     [2] = "SIGINT",     [3] = "SIGQUIT",
	[4] = "SIGILL",     [5] = "SIGTRAP",    [6] = "SIGABRT",
	[7] = "SIGBUS",     [8] = "SIGFPE",     [9] = "SIGKILL",
	[10] = "SIGUSR1",   [11] = "SIGSEGV",   [12] = "SIGUSR2",
	[13] = "SIGPIPE",   [14] = "SIGALRM",   [15] = "SIGTERM",
	[16] = "SIGSTKFLT", [17] = "SIGCHLD",   [18] = "SIGCONT",
	[19] = "SIGSTOP",   [20] = "SIGTSTP",   [21] = "SIGTTIN",
	[22] = "SIGTTOU",   [23] = "SIGURG",    [24] = "SIGXCPU",
	[25] = "SIGXFSZ",   [26] = "SIGVTALRM", [27] = "SIGPROF",
	[28] = "SIGWINCH",  [29] = "SIGIO",     [30] = "SIGPWR",
	[31] = "SIGSYS",    [32] = "SIGRTMIN",
	[33] = "SIGRT_1",
	[34] = "SIGRT_2",
	[35] = "SIGRT_3",
	[36] = "SIGRT_4",
	[37] = "SIGRT_5",
	[38] = "SIGRT_6",
	[39] = "SIGRT_7",
	[40] = "SIGRT_8",
	[41] = "SIGRT_9",
	[42] = "SIGRT_10",
	[43] = "SIGRT_11",
	[44] = "SIGRT_12",
	[45] = "SIGRT_13",
	[46] = "SIGRT_14",
	[47] = "SIGRT_15",
	[48] = "SIGRT_16",
	[49] = "SIGRT_17",
	[50] = "SIGRT_18",
	[51] = "SIGRT_19",
	[52] = "SIGRT_20",
	[53] = "SIGRT_21",
	[54] = "SIGRT_22",
	[55] = "SIGRT_23",
	[56] = "SIGRT_24",
	[57] = "SIGRT_25",
	[58] = "SIGRT_26",
	[59] = "SIGRT_27",
	[60] = "SIGRT_28",
	[61] = "SIGRT_29",
	[62] = "SIGRT_30",
	[63] = "SIGRT_31",
	[64] = "SIGRT_32",
};

/* Other names for the same numbers, accepted on input only. */
static const struct {
	const char *name;
	int sig;
} signal_aliases[] = {
	{ "SIGIOT", 6 }, { "SIGCLD", 17 }, { "SIGPOLL", 29 },
	{ "SIGUNUSED", 31 }, { "SIGRTMAX", 64 },
};

const char *srec_sys_signal_name(int sig)
{
	if (sig > 0 && (unsigned)sig < ARRAY_LEN(signal_names))
		return signal_names[sig];
	return NULL;
}

/* "SIGCHLD", "CHLD" and "sigchld" all name 17, as in strace's -e signal=. */
int srec_sys_signal_by_name(const char *name)
{
	size_t i;

	if (!name)
		return -1;
	if (!strncasecmp(name, "SIG", 3))
		name += 3;
	for (i = 1; i < ARRAY_LEN(signal_names); i++)
		if (!strcasecmp(name, signal_names[i] + 3))
			return (int)i;
	for (i = 0; i < ARRAY_LEN(signal_aliases); i++)
		if (!strcasecmp(name, signal_aliases[i].name + 3))
			return signal_aliases[i].sig;
	return -1;
}
