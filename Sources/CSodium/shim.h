// libsodium from the system (Debian: libsodium-dev); used for GitHub's sealed-box secrets.
#include <sodium.h>
