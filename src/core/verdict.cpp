#include "ropecheck/core/verdict.hpp"

#include "ropecheck/numeric/enum_names.hpp"

namespace ropecheck::core {

// In the order of enum Verdict.
constexpr numeric::EnumNames<5> verdict_names{"certified", "holds", "refuted", "inconclusive", "error"};

std::string to_string(Verdict v) { return numeric::name_of(verdict_names, v); }

Verdict parse_verdict(const std::string& name) {
    return numeric::parse_named<Verdict>(verdict_names, name, "verdict");
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
