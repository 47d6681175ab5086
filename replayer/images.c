// SPDX-License-Identifier: MIT
/*
 * images.c - executables the recorded run exec'd that are gone or changed
 * by replay time: `cc -o t t.c && ./t`, make, test runners that build and
 * delete what they run.  The recorder keeps every exec'd file's content
 * as a Blob (EVENTS.md rule 17) and names it by Exec.exe_hash; here the
 * plan notes which execve each Exec follows, and at that execve's entry
 * the replayer checks the file the call names.  When it is missing or its
 * content differs, the kept copy is written (once) into a private
 * directory and the call's path argument is pointed at it: a new string
 * below the thread's stack pointer, which the exec discards.  The program
 * runs as recorded; only AT_EXECFN and the kernel's /proc/PID/exe name
 * the copy (and the program's own readlink of it is replayed anyway).
 *
 * A script (#!) is left alone: its recorded exe is the interpreter, and
 * its text is read through emulated calls; so is an execveat.
 */
#define _GNU_SOURCE
#include "rpl_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "srec_arch.h"
#include "srec_buf.h"
#include "srec_hash.h"
#include "srec_tracee.h"

/* Room left below the stack pointer: the red zone and then some. */
#define BELOW_SP 1024

void rpl_images_note(struct rpl_plan *p, uint64_t execve_seq,
		     const Srec__Exec *x)
{
	struct rpl_image *im;

	if (!x->has_exe_hash || x->exe_hash.len != SREC_HASH128_LEN ||
	    !x->exe)
		return;
	p->images = srec_xrealloc(p->images,
				  (p->n_images + 1) * sizeof(*p->images));
	im = &p->images[p->n_images++];
	im->seq = execve_seq;
	memcpy(im->hash, x->exe_hash.data, SREC_HASH128_LEN);
	im->exe = srec_xstrdup(x->exe);
}

void rpl_images_free(struct rpl_plan *p)
{
	size_t i;

	for (i = 0; i < p->n_images; i++)
		free(p->images[i].exe);
	free(p->images);
	p->images = NULL;
	p->n_images = 0;
}

static const struct rpl_image *image_of(const struct rpl_plan *p,
					uint64_t seq)
{
	size_t lo = 0, hi = p->n_images;

	/* Noted in trace order: sorted by seq. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p->images[mid].seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->n_images && p->images[lo].seq == seq ? &p->images[lo] :
							      NULL;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* Does the file @fd hold exactly @len bytes hashing to @hash, or is it a
 * script (left to run as it is)? */
static bool keep_file(int fd, const uint8_t *hash, size_t len)
{
	uint8_t h[SREC_HASH128_LEN];
	struct stat st;
	char head[2];
	void *map;

	if (pread(fd, head, 2, 0) == 2 && head[0] == '#' && head[1] == '!')
		return true;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		return false;
	map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return false;
	srec_hash128(map, len, h);
	munmap(map, len);
	return !memcmp(h, hash, sizeof(h));
}

/* The kept copy's path in the private directory, written on first use. */
static int materialise(struct rpl *r, const struct rpl_image *im,
		       const void *data, size_t len, char *out, size_t size)
{
	char hex[2 * SREC_HASH128_LEN + 1];
	ssize_t n;
	size_t i, off = 0;
	int fd, err = 0;

	if (!r->image_dir) {
		char tmpl[] = "/tmp/srec-exe-XXXXXX";

		if (!mkdtemp(tmpl))
			return -errno;
		r->image_dir = srec_xstrdup(tmpl);
	}
	for (i = 0; i < SREC_HASH128_LEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", im->hash[i]);
	snprintf(out, size, "%s/%s", r->image_dir, hex);
	fd = open(out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0700);
	if (fd < 0)
		return errno == EEXIST ? 0 : -errno;
	while (off < len) {
		n = write(fd, (const char *)data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			break;
		}
		off += (size_t)n;
	}
	if (close(fd) && !err)
		err = -errno;
	if (err)
		unlink(out);
	return err;
}

/* The lowest address of the mapping holding @sp in @tid. */
static uint64_t stack_start(pid_t tid, uint64_t sp)
{
	char path[64], line[512];
	unsigned long long lo, hi;
	uint64_t start = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx-%llx", &lo, &hi) == 2 && sp >= lo &&
		    sp < hi) {
			start = lo;
			break;
		}
	fclose(f);
	return start;
}

int rpl_images_fix(struct rpl *r, const Srec__Event *ev, struct rpl_thread *t,
		   struct srec_arch_regs *regs)
{
	const struct rpl_image *im = image_of(&r->plan, ev->seq);
	char path[PATH_MAX], live[PATH_MAX + 64], copy[PATH_MAX], what[128];
	const char *exe;
	const void *data;
	uint64_t addr, sp, low;
	size_t len, n;
	bool cut = false;
	int fd, err;

	if (!im || !(data = rpl_blobs_get(r->blobs, im->hash, &len)) ||
	    len < 4 || memcmp(data, "\x7f" "ELF", 4))
		return 0;
	if (srec_tracee_read_str(t->rtid, srec_arch_arg(regs, 0), path,
				 sizeof(path) - 1, &cut) <= 0 || cut)
		return 0;
	/* The path as the tracee resolves it: from its own cwd. */
	if (path[0] == '/')
		snprintf(live, sizeof(live), "%s", path);
	else
		snprintf(live, sizeof(live), "/proc/%d/cwd/%s", (int)t->rtid,
			 path);
	fd = open(live, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		bool keep = keep_file(fd, im->hash, len);

		close(fd);
		if (keep)
			return 0;
	}
	/* A name that is not the recorded image's (a script run through
	 * its interpreter, a symlink like cc): not ours to replace. */
	exe = base_name(im->exe);
	n = strlen(base_name(path));
	if (strncmp(exe, base_name(path), n) ||
	    (exe[n] && strcmp(exe + n, " (deleted)")))
		return 0;
	err = materialise(r, im, data, len, copy, sizeof(copy));
	if (err) {
		snprintf(what, sizeof(what), "cannot write the recorded "
			 "executable %.60s: %s", base_name(path),
			 strerror(-err));
		return rpl_diverge(r, ev, t, NULL, what);
	}
	sp = srec_arch_sp(regs);
	n = strlen(copy) + 1;
	addr = (sp - BELOW_SP - n) & ~(uint64_t)15;
	low = stack_start(t->rtid, sp);
	if (!low || addr < low ||
	    srec_tracee_write(t->rtid, addr, copy, n) != (ssize_t)n)
		return rpl_diverge(r, ev, t, NULL, "no room below the stack "
				   "pointer for the recorded executable's "
				   "path");
	srec_arch_set_arg(regs, 0, addr);
	return srec_arch_set_regs(t->rtid, regs);
}

void rpl_images_cleanup(struct rpl *r)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (!r->image_dir)
		return;
	d = opendir(r->image_dir);
	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", r->image_dir,
				 de->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rmdir(r->image_dir);
	free(r->image_dir);
	r->image_dir = NULL;
}
