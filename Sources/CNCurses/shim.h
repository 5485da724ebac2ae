#ifndef AUTHCONSOLE_CNCURSES_SHIM_H
#define AUTHCONSOLE_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* wcwidth is not exported by Glibc's Swift module. */
static inline int cnc_wcwidth(unsigned int scalar) { return wcwidth((wchar_t)scalar); }
#endif
