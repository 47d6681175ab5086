/* SPDX-License-Identifier: MIT */
/*
 * srec_arch_layout.h - x86_64 layouts of the kernel structures that the
 * decoders (sys/) read out of captured bytes, where the architecture
 * decides them: byte offsets.  Another architecture brings a file of the
 * same name in its own directory.
 */
#ifndef SREC_ARCH_LAYOUT_H
#define SREC_ARCH_LAYOUT_H

/* struct iovec; struct msghdr; struct mmsghdr (a msghdr, then msg_len) */
enum {
	IOV_SIZE = 16,
	MSG_NAME = 0,
	MSG_NAMELEN = 8,
	MSG_IOV = 16,
	MSG_IOVLEN = 24,
	MSG_CONTROL = 32,
	MSG_CONTROLLEN = 40,
	MSG_FLAGS = 48,
	MSGHDR_SIZE = 56,
	MMSG_LEN = 56,
	MMSGHDR_SIZE = 64,
};

/* siginfo_t as the kernel fills it (offsets into its 128 bytes) */
enum {
	SI_SIGNO = 0,
	SI_CODE = 8,
	SI_PID = 16,   /* kill, rt, chld */
	SI_UID = 20,
	SI_ADDR = 16,  /* faults */
	SI_STATUS = 24, /* chld */
	SI_UTIME = 32,
	SI_STIME = 40,
	SI_VALUE = 24, /* rt, timer */
	SI_TIMERID = 16,
	SI_OVERRUN = 20,
	SI_BAND = 16,  /* poll */
	SI_FD = 24,
	SI_CALL_ADDR = 16, /* sys */
	SI_SYSCALL = 24,
	SI_ARCH = 28,
	SIGINFO_SIZE = 128,
};

/* struct sigaction as rt_sigaction takes it (the kernel's, not libc's) */
enum {
	SA_HANDLER = 0,
	SA_FLAGS = 8,
	SA_RESTORER = 16,
	SA_MASK = 24,
	KSIGACTION_SIZE = 32,
	SA_RESTORER_FLAG = 0x04000000,
};

/* struct epoll_event is packed on x86_64: events, then data at 4. */
enum {
	EPOLL_EVENT_EVENTS = 0,
	EPOLL_EVENT_DATA = 4,
};

/* clone(flags, stack, parent_tid, child_tid, tls): where each is. */
enum {
	CLONE_ARG_PTID = 2,
	CLONE_ARG_CTID = 3,
	CLONE_ARG_TLS = 4,
};

/* struct stat: the fields strace shows */
enum {
	ST_MODE = 24,
	ST_RDEV = 40,
	ST_SIZE = 48,
	STAT_SIZE = 144,
};

/* struct iocb (linux/aio_abi.h): what io_submit and io_cancel read */
enum {
	IOCB_DATA = 0,
	IOCB_KEY = 8,
	IOCB_OPCODE = 16, /* u16 */
	IOCB_FILDES = 20, /* u32 */
	IOCB_BUF = 24,
	IOCB_NBYTES = 32,
	IOCB_OFFSET = 40,
	IOCB_SIZE = 64,
};

/* The System V IPC structs that shmctl, msgctl and semctl copy. */
enum {
	SHMID64_DS_SIZE = 112,
	SHMINFO64_SIZE = 72,
	SHM_INFO_SIZE = 48,
	MSQID64_DS_SIZE = 120,
	MSGINFO_SIZE = 32,
	SEMID64_DS_SIZE = 104,
	SEMINFO_SIZE = 40,
};

#endif
