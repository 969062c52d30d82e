#pragma once
// The five verdicts (design notes, "Verdicts") and the rule that decides whether
// an actual verdict meets a spec's expectation.
#include <string>

namespace ropecheck::core {

enum class Verdict { certified, holds, refuted, inconclusive, error };

std::string to_string(Verdict v);
// Throws InvalidInput for anything but the five names.
Verdict parse_verdict(const std::string& name);

// `certified` meets an expectation of `certified` or `holds` (a proof is at least
// as strong as a high-precision evaluation); `holds` meets only `holds`;
// `refuted` only `refuted`. `inconclusive` and `error` never meet anything:
// "unknown" must never pass.
bool meets_expectation(Verdict expected, Verdict actual);

// Claim-level verdict from its instances: any error -> error; else any refuted ->
// refuted; else any inconclusive -> inconclusive; else all certified ->
// certified; else holds. Folding order does not matter.
Verdict combine(Verdict a, Verdict b);

}  // namespace ropecheck::core
