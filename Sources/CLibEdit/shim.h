#ifndef COOPKB_CLIBEDIT_SHIM_H
#define COOPKB_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
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
#endif
