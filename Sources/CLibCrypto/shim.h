/* OpenSSL's libcrypto, for SHA-256 through the EVP digest interface (which uses the CPU's SHA instructions). */
#include <openssl/evp.h>
