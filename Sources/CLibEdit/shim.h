#ifndef COOPKB_CLIBEDIT_SHIM_H
#define COOPKB_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <editline/readline.h>

/* C globals reached through functions, so Swift 6 concurrency checks stay quiet. */
static inline void coopkb_rl_set_name(const char *name) { rl_readline_name = name; }
static inline void coopkb_rl_set_completion(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void coopkb_rl_set_word_break(const char *s) { rl_basic_word_break_characters = s; }
static inline const char *coopkb_rl_line_buffer(void) { return rl_line_buffer; }
static inline int coopkb_rl_point(void) { return rl_point; }
static inline void coopkb_rl_set_attempted_over(int v) { rl_attempted_completion_over = v; }
static inline void coopkb_rl_set_append_character(int c) { rl_completion_append_character = c; }
static inline void coopkb_rl_set_catch_signals(int v) { rl_catch_signals = v; }
static inline int coopkb_history_length(void) { return history_length; }
static inline const char *coopkb_history_last(void) {
    HIST_ENTRY *e = history_get(history_base + history_length - 1);
    return e ? e->line : NULL;
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
