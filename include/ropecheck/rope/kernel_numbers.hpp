#pragma once
// The number types the rope layer's templates (kernel.hpp, softmax.hpp, the
// frequencies of frequency_schedule.hpp) are compiled for: double, float,
// MPFR reals, MPFI intervals and the four emulated IEEE formats.
//
// The templates' bodies are private to the rope layer (src/rope/kernel_definitions.hpp)
// and instantiated once per type, in src/rope/instantiate_<type>.cpp; the public
// headers declare them and, for each type here, an `extern template`. Two reasons:
// a clean build compiles (parses, instantiates, optimises) the MPFI kernel once
// instead of in every claim, probe and test that calls it; and the mutant switches
// inside the bodies reach only the rope layer's objects, so the objects of the
// layers above are the same with and without the switches compiled in, and are compiled
// once for the shipped libraries and their mutant twins (cmake/RopecheckMutantSites.cmake).
// A call with a type missing here fails to link (undefined reference), never
// silently compiles a second copy of the kernel.
#include "ropecheck/numeric/ieee.hpp"
#include "ropecheck/numeric/types.hpp"

// X(T) for every kernel number type T.
#define ROPECHECK_ROPE_FOR_EACH_NUMBER(X) \
    X(double)                             \
    X(float)                              \
    X(::ropecheck::numeric::real)         \
    X(::ropecheck::numeric::interval)     \
    X(::ropecheck::numeric::float16)      \
    X(::ropecheck::numeric::bfloat16)     \
    X(::ropecheck::numeric::float32)      \
    X(::ropecheck::numeric::float64)
