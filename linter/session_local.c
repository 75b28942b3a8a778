/*
 * session_local.c — the local backend: fork/execv an argv on this machine
 * (no shell string anywhere), feed it the input, collect bounded stdout and
 * stderr, kill it and its process group on a timeout or an overflow.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "err.h"
#include "session.h"

#define READ_CHUNK	65536
#define MAX_CLOSE_FD	4096

static long long
now_ms(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
close_fd(int *fdp)
{
	if (*fdp >= 0) {
		(void)close(*fdp);
		*fdp = -1;
	}
}

static int
set_cloexec(int fd)
{
	int fl = fcntl(fd, F_GETFD);

	return fl == -1 ? -1 : fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
}

static int
set_nonblock(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl == -1 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/*
 * In the child: wire the descriptors, drop every other one, exec. Reports
 * an exec failure's errno through errfd (close-on-exec) and exits 127.
 */
static void
child(const char *const argv[], int in, int out, int err, int errfd)
{
	struct sigaction sa;
	long maxfd;
	int fd, e;

	(void)setpgid(0, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	(void)sigaction(SIGPIPE, &sa, NULL);
	if (dup2(in, 0) == -1 || dup2(out, 1) == -1 || dup2(err, 2) == -1)
		goto fail;
	maxfd = sysconf(_SC_OPEN_MAX);
	if (maxfd < 0 || maxfd > MAX_CLOSE_FD)
		maxfd = MAX_CLOSE_FD;
	for (fd = 3; fd < maxfd; fd++)
		if (fd != errfd)
			(void)close(fd);
	/* execv's argv is not const-qualified; it does not modify it. */
	execv(argv[0], (char *const *)(uintptr_t)argv);
 fail:
	e = errno;
	(void)!write(errfd, &e, sizeof(e));
	_exit(127);
}

static void
kill_child(pid_t pid)
{
	int st;

	(void)kill(-pid, SIGKILL);
	(void)kill(pid, SIGKILL);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		;
}

/* Appends what fd has to b (or drops it when b is NULL). 0 on EOF. */
static int
drain(int *fdp, struct sbuf *b, int *rp)
{
	char buf[READ_CHUNK];
	ssize_t n;

	n = read(*fdp, buf, sizeof(buf));
	if (n < 0) {
		if (errno == EINTR || errno == EAGAIN)
			return 1;
		*rp = SL_ERR_SYSTEM;
		return -1;
	}
	if (n == 0) {
		close_fd(fdp);
		return 0;
	}
	if (b != NULL && sbuf_put(b, buf, (size_t)n) != SL_OK) {
		*rp = SL_ERR_TOO_LARGE;
		return -1;
	}
	return 1;
}

int
session_local_exec(const char *const argv[], const struct sbuf *input,
    int timeout_s, struct exec_result *res)
{
	int inpair[2] = { -1, -1 }, outp[2] = { -1, -1 };
	int errp[2] = { -1, -1 }, execp[2] = { -1, -1 };
	const char *idata = input != NULL ? input->data : NULL;
	size_t ilen = input != NULL ? input->len : 0, ioff = 0;
	long long deadline;
	pid_t pid = -1;
	int r = SL_ERR_INTERNAL, st = 0, e = 0;
	ssize_t n;

	res->status = -1;
	if (timeout_s <= 0)
		timeout_s = SESSION_DEFAULT_TIMEOUT;
	deadline = now_ms() + (long long)timeout_s * 1000;
	/* stdin is a socket so that writing to an exited child is EPIPE, not SIGPIPE. */
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, inpair) == -1 ||
	    pipe(outp) == -1 || pipe(errp) == -1 || pipe(execp) == -1) {
		r = SL_ERR_SYSTEM;
		goto out;
	}
	if (set_cloexec(inpair[0]) == -1 || set_cloexec(inpair[1]) == -1 ||
	    set_cloexec(outp[0]) == -1 || set_cloexec(outp[1]) == -1 ||
	    set_cloexec(errp[0]) == -1 || set_cloexec(errp[1]) == -1 ||
	    set_cloexec(execp[0]) == -1 || set_cloexec(execp[1]) == -1 ||
	    set_nonblock(inpair[0]) == -1 || set_nonblock(outp[0]) == -1 ||
	    set_nonblock(errp[0]) == -1) {
		r = SL_ERR_SYSTEM;
		goto out;
	}
	(void)shutdown(inpair[1], SHUT_WR);	/* the child only reads */
	if ((pid = fork()) == -1) {
		r = SL_ERR_SYSTEM;
		goto out;
	}
	if (pid == 0)
		child(argv, inpair[1], outp[1], errp[1], execp[1]);
	(void)setpgid(pid, pid);		/* also in the child: no race */
	close_fd(&inpair[1]);
	close_fd(&outp[1]);
	close_fd(&errp[1]);
	close_fd(&execp[1]);

	/* An errno arriving here means execv failed; EOF means it succeeded. */
	while ((n = read(execp[0], &e, sizeof(e))) == -1 && errno == EINTR)
		;
	close_fd(&execp[0]);
	if (n == (ssize_t)sizeof(e)) {
		while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
			;
		pid = -1;
		r = (e == ENOENT || e == ENOTDIR) ? SL_ERR_NOT_FOUND :
		    SL_ERR_SYSTEM;
		goto out;
	}
	if (ilen == 0)
		close_fd(&inpair[0]);

	while (outp[0] >= 0 || errp[0] >= 0) {
		struct pollfd pfd[3];
		nfds_t np = 0;
		int iw = -1, io = -1, ie = -1, left;
		long long now = now_ms();

		if (now >= deadline) {
			r = SL_ERR_TIMEOUT;
			goto out;
		}
		left = (int)(deadline - now);
		if (inpair[0] >= 0) {
			pfd[np].fd = inpair[0];
			pfd[np].events = POLLOUT;
			iw = (int)np++;
		}
		if (outp[0] >= 0) {
			pfd[np].fd = outp[0];
			pfd[np].events = POLLIN;
			io = (int)np++;
		}
		if (errp[0] >= 0) {
			pfd[np].fd = errp[0];
			pfd[np].events = POLLIN;
			ie = (int)np++;
		}
		if (poll(pfd, np, left) == -1) {
			if (errno == EINTR)
				continue;
			r = SL_ERR_SYSTEM;
			goto out;
		}
		if (iw >= 0 && pfd[iw].revents != 0) {
			n = send(inpair[0], idata + ioff, ilen - ioff,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
			if (n > 0)
				ioff += (size_t)n;
			else if (n == -1 && errno != EINTR && errno != EAGAIN)
				ioff = ilen;	/* the child stopped reading */
			if (ioff == ilen)
				close_fd(&inpair[0]);
		}
		if (io >= 0 && pfd[io].revents != 0 &&
		    drain(&outp[0], res->out, &r) < 0)
			goto out;
		if (ie >= 0 && pfd[ie].revents != 0 &&
		    drain(&errp[0], res->err, &r) < 0)
			goto out;
	}
	close_fd(&inpair[0]);

	/* Output closed; the child should be gone or going. */
	for (;;) {
		pid_t w = waitpid(pid, &st, WNOHANG);

		if (w == pid)
			break;
		if (w == -1 && errno != EINTR) {
			r = SL_ERR_SYSTEM;
			goto out;
		}
		if (now_ms() >= deadline) {
			r = SL_ERR_TIMEOUT;
			goto out;
		}
		{
			struct timespec ts = { 0, 10 * 1000 * 1000 };

			(void)nanosleep(&ts, NULL);
		}
	}
	pid = -1;
	if (WIFEXITED(st))
		res->status = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		res->status = 128 + WTERMSIG(st);
	r = SL_OK;
 out:
	if (pid > 0)
		kill_child(pid);
	close_fd(&inpair[0]);
	close_fd(&inpair[1]);
	close_fd(&outp[0]);
	close_fd(&outp[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
	close_fd(&execp[0]);
	close_fd(&execp[1]);
	return r;
}

static int
local_exec(struct session *s, const char *const argv[],
    const struct sbuf *input, struct exec_result *res)
{
	return session_local_exec(argv, input, session_timeout(s), res);
}

static const struct session_ops local_ops = {
	.name = "local",
	.exec = local_exec,
	.close = NULL,
};

int
session_local_open(const struct session_opts *opts,
    struct session **sessionp, struct diag *d)
{
	(void)d;
	*sessionp = session_new(&local_ops, NULL, opts);
	return SL_OK;
}
