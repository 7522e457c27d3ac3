#ifndef COOPKB_CLIBEDIT_SHIM_H
#define COOPKB_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <histedit.h>

/* libedit's native API. el_set and history are variadic, which Swift cannot call: one wrapper per use. */

typedef char *coopkb_prompt_fn(EditLine *);
typedef unsigned char coopkb_key_fn(EditLine *, int);

/* Where the editor writes: standard output, or standard error when standard output is not a terminal. */
static inline int coopkb_el_output_fd(void) { return isatty(1) ? 1 : 2; }
static inline void coopkb_el_flush(void) { fflush(stdout); fflush(stderr); }

/* An editor on the standard streams: emacs keys, our prompt, our history, Tab bound to `complete`.
   libedit installs no signal handlers (EL_SIGNAL 0): Ctrl-C reaches ours and ends el_gets with EINTR. */
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

/* Ctrl-C: a flag the evaluator polls while a statement runs. */
static volatile sig_atomic_t coopkb_interrupted = 0;
static inline void coopkb_on_sigint(int sig) { (void)sig; coopkb_interrupted = 1; }
static inline int coopkb_take_interrupt(void) { int v = coopkb_interrupted; coopkb_interrupted = 0; return v; }
static inline int coopkb_peek_interrupt(void) { return coopkb_interrupted; }
/* SIGINT handler without SA_RESTART, so a Ctrl-C at the prompt ends the read and the line can be cleared. */
static inline void coopkb_install_sigint(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = coopkb_on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, NULL);
}
#endif
