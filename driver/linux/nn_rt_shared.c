/* nn_rt_shared.c - the translation unit of libnnaccel.so (driver/linux/CMakeLists.txt). The
 * shared object is the whole nnruntime archive plus the driver and HALs it links; this file only
 * gives the target a source and records the library's version for `strings`/debugging. */
#include "nndriver/nn_driver.h"

#define NN_STR2(x) #x
#define NN_STR(x) NN_STR2(x)

/* Kept by `used`: not referenced from C, only there to identify the file. */
__attribute__((used)) static const char nn_library_ident[] =
    "libnnaccel " NN_STR(NN_DRIVER_VERSION_MAJOR) "." NN_STR(NN_DRIVER_VERSION_MINOR) "." NN_STR(
        NN_DRIVER_VERSION_PATCH);
