#include "CNCursesW.h"
void cncursesw_placeholder(void) {}
