#ifndef CNCURSESW_H
#define CNCURSESW_H
/* The only C in the package: a thin shim over ncursesw for NCursesBackend.
 * The wide-character API (get_wch, setcchar, cchar_t) is declared only when these are set
 * BEFORE curses.h; SwiftPM drops pkg-config's -D flags, so they are set here. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

/* Swift cannot import function-like macros or casted/shifted constants: wrap them. */
static inline WINDOW *tui_stdscr(void) { return stdscr; }
static inline int tui_colors(void) { return COLORS; }
static inline int tui_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t tui_a_normal(void) { return A_NORMAL; }
static inline attr_t tui_a_bold(void) { return A_BOLD; }
static inline attr_t tui_a_dim(void) { return A_DIM; }
static inline attr_t tui_a_reverse(void) { return A_REVERSE; }
static inline attr_t tui_a_underline(void) { return A_UNDERLINE; }
static inline void tui_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline mmask_t tui_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t tui_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t tui_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t tui_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t tui_wheel_down(void) { return BUTTON5_PRESSED; }

/* Writes a UTF-8 string at (y, x) with attributes and an (extended) colour pair. */
static inline int tui_put_str(WINDOW *w, int y, int x, const char *s, attr_t attr, int pair) {
    wattr_set(w, attr, (short)(pair > 32767 ? 0 : pair), &pair);
    return mvwaddstr(w, y, x, s);
}

/* Whether the current locale's codeset is UTF-8 (call after setlocale). */
int tui_locale_is_utf8(void);

/* Opens the terminal with newterm (a bad TERM returns 0 instead of exiting the process);
 * returns the screen window or NULL. */
WINDOW *tui_open_terminal(void);

/* 1 when $TERM's terminfo entry can move the cursor (`cup`), 0 when it cannot (TERM=dumb),
 * -1 when the entry is unknown. Checked before opening the screen. */
int tui_terminal_can_address(void);

/* endwin() once; safe to call repeatedly and from signal handlers. */
void tui_restore_terminal(void);

/* Installs handlers for fatal and terminating signals that restore the terminal and then
 * hand the signal back to its previous owner (Swift's backtracer, or the default action). */
void tui_install_signal_handlers(void);
#endif
