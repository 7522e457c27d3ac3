#ifndef COOPKB_CLIBEDIT_SHIM_H
#define COOPKB_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <wchar.h>
#include <histedit.h>

/* libedit's native API. el_set and history are variadic, which Swift cannot call: one wrapper per use. */

typedef char *coopkb_prompt_fn(EditLine *);
typedef unsigned char coopkb_key_fn(EditLine *, int);

static inline int coopkb_getc(EditLine *el, wchar_t *wc);

/* Where the editor writes: standard output, or standard error when standard output is not a terminal. */
static inline int coopkb_el_output_fd(void) { return isatty(1) ? 1 : 2; }
static inline void coopkb_el_flush(void) { fflush(stdout); fflush(stderr); }

/* An editor on the standard streams: emacs keys, our prompt, our history, Tab bound to `complete`.
   libedit installs no signal handlers (EL_SIGNAL 0): Ctrl-C reaches ours, and our reader (coopkb_getc)
   ends el_gets. */
static inline EditLine *coopkb_el_open(const char *program, History *h, coopkb_prompt_fn *prompt, coopkb_key_fn *complete) {
    /* Prompts and echo go to standard error when standard output is redirected. */
    EditLine *el = el_init(program, stdin, isatty(1) ? stdout : stderr, stderr);
    if (el == NULL) return NULL;
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 0);
    el_set(el, EL_PROMPT, prompt);
    el_set(el, EL_HIST, history, h);
    el_set(el, EL_ADDFN, "coopkb-complete", "Complete the word at the cursor", complete);
    el_set(el, EL_BIND, "^I", "coopkb-complete", NULL);
    el_set(el, EL_GETCFN, coopkb_getc);
    el_source(el, NULL); /* ~/.editrc, as other libedit programs read it */
    return el;
}

/* A history of at most `size` entries that never keeps two equal entries in a row. */
static inline History *coopkb_history_open(int size) {
    HistEvent ev;
    History *h = history_init();
    if (h == NULL) return NULL;
    history(h, &ev, H_SETSIZE, size);
    history(h, &ev, H_SETUNIQUE, 1);
    return h;
}
/* The number of entries read, or -1 when the file cannot be read or is not a history file. */
static inline int coopkb_history_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
static inline int coopkb_history_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
static inline void coopkb_history_enter(History *h, const char *line) { HistEvent ev; history(h, &ev, H_ENTER, line); }

/* The line being edited: the text before the cursor (its length in bytes through `length`). */
static inline const char *coopkb_el_before_cursor(EditLine *el, int *length) {
    const LineInfo *li = el_line(el);
    *length = (int)(li->cursor - li->buffer);
    return li->buffer;
}

/* Ctrl-C: a flag the evaluator polls while a statement runs, and a pipe that wakes the line reader. A signal
   may arrive while libedit is busy echoing typeahead rather than blocked in read(2): no read is interrupted
   then, so the reader waits on the terminal and on this pipe at once (poll), and sees the flag either way. */
static volatile sig_atomic_t coopkb_interrupted = 0;
static int coopkb_wake[2] = {-1, -1};
static inline void coopkb_on_sigint(int sig) {
    (void)sig;
    int saved = errno;
    coopkb_interrupted = 1;
    if (coopkb_wake[1] >= 0) { ssize_t n = write(coopkb_wake[1], "x", 1); (void)n; }
    errno = saved;
}
static inline void coopkb_drain_wake(void) {
    char b[64];
    if (coopkb_wake[0] >= 0) while (read(coopkb_wake[0], b, sizeof b) > 0) {}
}
static inline int coopkb_take_interrupt(void) { coopkb_drain_wake(); int v = coopkb_interrupted; coopkb_interrupted = 0; return v; }
static inline int coopkb_peek_interrupt(void) { return coopkb_interrupted; }
/* SIGINT handler with SA_RESTART (so no write of libedit's echo is cut by EINTR) and the wake pipe. */
static inline void coopkb_install_sigint(void) {
    if (coopkb_wake[0] < 0 && pipe(coopkb_wake) == 0) {
        for (int i = 0; i < 2; i++) {
            fcntl(coopkb_wake[i], F_SETFL, fcntl(coopkb_wake[i], F_GETFL) | O_NONBLOCK);
            fcntl(coopkb_wake[i], F_SETFD, FD_CLOEXEC);
        }
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = coopkb_on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, NULL);
}

/* libedit's character reader (EL_GETCFN): one character from standard input, or -1 (EINTR) once Ctrl-C was
   pressed, wherever libedit was when it came. Bytes are decoded in the locale's encoding (UTF-8). */
static inline int coopkb_getc(EditLine *el, wchar_t *wc) {
    (void)el;
    static mbstate_t state;
    for (;;) {
        if (coopkb_interrupted) { errno = EINTR; return -1; }
        struct pollfd p[2] = {{0, POLLIN, 0}, {coopkb_wake[0], POLLIN, 0}};
        int n = poll(p, coopkb_wake[0] >= 0 ? 2 : 1, -1);
        if (n < 0) { if (errno == EINTR) continue; return -1; }
        if (coopkb_wake[0] >= 0 && (p[1].revents & POLLIN)) { coopkb_drain_wake(); continue; }
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            /* Read without blocking: a Ctrl-C between poll and read flushes the typed keys, and if its signal
               went to another thread, a blocking read would wait for ever. */
            char byte;
            int flags = fcntl(0, F_GETFL);
            if (flags >= 0 && !(flags & O_NONBLOCK)) fcntl(0, F_SETFL, flags | O_NONBLOCK);
            ssize_t r = read(0, &byte, 1);
            int saved = errno;
            if (flags >= 0 && !(flags & O_NONBLOCK)) fcntl(0, F_SETFL, flags);
            errno = saved;
            if (r < 0) { if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue; return -1; }
            if (r == 0) return 0;
            size_t c = mbrtowc(wc, &byte, 1, &state);
            if (c == (size_t)-2) continue;
            if (c == (size_t)-1) { memset(&state, 0, sizeof state); *wc = (wchar_t)(unsigned char)byte; }
            return 1;
        }
    }
}

/* SIGQUIT (Ctrl-\\): the terminal as it was before the shell, then status 131, without a core or a backtrace. */
static inline struct termios *coopkb_saved_termios(int *have) {
    static struct termios saved;
    static int known = 0;
    if (have != NULL) { if (*have >= 0) known = *have; else *have = known; }
    return &saved;
}
static inline void coopkb_on_sigquit(int sig) {
    (void)sig;
    int have = -1;
    struct termios *t = coopkb_saved_termios(&have);
    if (have) tcsetattr(0, TCSANOW, t);
    _exit(131);
}
static inline void coopkb_install_sigquit(void) {
    int have = isatty(0) && tcgetattr(0, coopkb_saved_termios(NULL)) == 0;
    coopkb_saved_termios(&have);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = coopkb_on_sigquit;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGQUIT, &sa, NULL);
}

/* The history saved to an open file (the caller created it safely), or -1. */
static inline int coopkb_history_save_fd(History *h, int fd) {
    HistEvent ev;
    FILE *f = fdopen(fd, "w");
    if (f == NULL) return -1;
    int n = history(h, &ev, H_SAVE_FP, f);
    if (fclose(f) != 0) return -1;
    return n;
}
#endif
