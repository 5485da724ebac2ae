#ifndef AUTHCONSOLE_CNCURSES_SHIM_H
#define AUTHCONSOLE_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* wcwidth is not exported by Glibc's Swift module. */
static inline int cnc_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }

/* The codeset of the current locale ("UTF-8", "ANSI_X3.4-1968", ...). */
static inline const char *cnc_codeset(void) { return nl_langinfo(CODESET); }

/* newterm on the process's stdout/stdin: NULL (not exit) for an unknown TERM. */
static inline SCREEN *cnc_newterm(void) { return newterm(NULL, stdout, stdin); }

/* Macros and globals that do not import into Swift. */
static inline WINDOW *cnc_stdscr(void) { return stdscr; }
static inline WINDOW *cnc_curscr(void) { return curscr; }
static inline int cnc_lines(void) { return LINES; }
static inline int cnc_cols(void) { return COLS; }
static inline int cnc_colors(void) { return COLORS; }
static inline attr_t cnc_a_normal(void) { return A_NORMAL; }
static inline attr_t cnc_a_bold(void) { return A_BOLD; }
static inline attr_t cnc_a_dim(void) { return A_DIM; }
static inline attr_t cnc_a_reverse(void) { return A_REVERSE; }
static inline attr_t cnc_a_underline(void) { return A_UNDERLINE; }
static inline int cnc_key_code_yes(void) { return KEY_CODE_YES; }

/* get_wch with a plain integer out-parameter: returns OK, KEY_CODE_YES or ERR. */
static inline int cnc_get_wch(unsigned int *out) {
    wint_t w = 0;
    int rc = get_wch(&w);
    *out = (unsigned int)w;
    return rc;
}

/* Writes one cell: a base character plus up to four combining characters (NUL-terminated). */
static inline int cnc_put_cell(int y, int x, const wchar_t *wcs, attr_t attrs, short pair) {
    cchar_t c;
    if (setcchar(&c, wcs, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &c);
}

/* A terminfo string capability, or NULL when the terminal lacks it. */
static inline const char *cnc_tigetstr(const char *name) {
    char *s = tigetstr(name);
    if (s == NULL || s == (char *)-1) return NULL;
    return s;
}
#endif
