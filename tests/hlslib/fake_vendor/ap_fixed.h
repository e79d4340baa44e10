// Stands in for the vendor's <ap_fixed.h> (tests/hlslib/CMakeLists.txt): nn_hls.h must not include
// it under NNFIXED_FREESTANDING (the vendor's headers need libstdc++), and does include it otherwise.
#error "fake vendor ap_fixed.h included"
