#ifndef CNCURSESW_H
#define CNCURSESW_H
/* Placeholder; the ncursesw shim lands with the designer issue. */
void cncursesw_placeholder(void);
#endif
