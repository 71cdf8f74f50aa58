#include "CNCursesW.h"
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <term.h>

static SCREEN *tui_screen = NULL;
static struct sigaction tui_old_actions[NSIG];

int tui_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

WINDOW *tui_open_terminal(void) {
    if (!isatty(0) || !isatty(1)) return NULL;
    tui_screen = newterm(NULL, stdout, stdin);
    if (!tui_screen) return NULL;
    set_term(tui_screen);
    return stdscr;
}

void tui_restore_terminal(void) {
    if (tui_screen && stdscr && !isendwin()) endwin();
}

static void tui_on_signal(int sig) {
    tui_restore_terminal();
    sigaction(sig, &tui_old_actions[sig], NULL);
    /* Faults re-run the faulting instruction on return, so the previous handler sees the real
     * context; terminating signals are re-raised. */
    if (sig == SIGTERM || sig == SIGHUP || sig == SIGABRT || sig == SIGTRAP || sig == SIGINT || sig == SIGQUIT)
        raise(sig);
}

void tui_install_signal_handlers(void) {
    const int sigs[] = { SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGTERM, SIGHUP, SIGQUIT, SIGINT };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = tui_on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, &tui_old_actions[sigs[i]]);
    }
}

int tui_terminal_can_address(void) {
    int err = 0;
    if (setupterm(NULL, 1, &err) != OK) return -1;
    const char *cup = tigetstr("cup");
    int ok = cup != NULL && cup != (char *)-1;
    del_curterm(cur_term);
    cur_term = NULL;
    return ok;
}
