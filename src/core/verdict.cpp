#include "ropecheck/core/verdict.hpp"

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::core {

std::string to_string(Verdict v) {
    switch (v) {
        case Verdict::certified: return "certified";
        case Verdict::holds: return "holds";
        case Verdict::refuted: return "refuted";
        case Verdict::inconclusive: return "inconclusive";
        case Verdict::error: return "error";
    }
    return "error";
}

Verdict parse_verdict(const std::string& name) {
    for (Verdict v : {Verdict::certified, Verdict::holds, Verdict::refuted, Verdict::inconclusive,
                      Verdict::error})
        if (to_string(v) == name) return v;
    throw InvalidInput("unknown verdict \"" + name +
                       "\" (expected certified, holds, refuted, inconclusive or error)");
}

bool meets_expectation(Verdict expected, Verdict actual) {
    switch (expected) {
        case Verdict::certified: return actual == Verdict::certified;
        case Verdict::holds: return actual == Verdict::holds || actual == Verdict::certified;
        case Verdict::refuted: return actual == Verdict::refuted;
        case Verdict::inconclusive:
        case Verdict::error: return false;
    }
    return false;
}

namespace {
int severity(Verdict v) {
    switch (v) {
        case Verdict::certified: return 0;
        case Verdict::holds: return 1;
        case Verdict::inconclusive: return 2;
        case Verdict::refuted: return 3;
        case Verdict::error: return 4;
    }
    return 4;
}
}  // namespace

Verdict combine(Verdict a, Verdict b) { return severity(a) >= severity(b) ? a : b; }

}  // namespace ropecheck::core
