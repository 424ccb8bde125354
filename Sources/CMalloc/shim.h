/* glibc's malloc tuning (mallopt), which the Glibc module does not export. Linux only. */
#include <malloc.h>
