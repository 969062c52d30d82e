// An upward include: numeric must not see rope.
#include "ropecheck/rope/kernel.hpp"
