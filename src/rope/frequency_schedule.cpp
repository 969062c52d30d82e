#include "ropecheck/rope/frequency_schedule.hpp"

#include <regex>

#include "ropecheck/numeric/enum_names.hpp"
#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/mutant.hpp"

namespace ropecheck::rope {

// In the order of enum RotaryKind.
constexpr numeric::EnumNames<5> rotary_kind_names{"rope", "nope", "p-rope", "reversed-p-rope", "neox-partial"};

std::string to_string(RotaryKind kind) { return numeric::name_of(rotary_kind_names, kind); }

RotaryKind parse_rotary_kind(const std::string& name) {
    return numeric::parse_named<RotaryKind>(rotary_kind_names, name, "rotary kind");
}

void validate_head_dim(int head_dim) {
    if (head_dim < 2 || head_dim > 65536)
        throw InvalidInput("head dimension d = " + std::to_string(head_dim) +
                           " is out of range (2 <= d <= 65536)");
    if (head_dim % 2 != 0)
        throw InvalidInput("head dimension d = " + std::to_string(head_dim) +
                           " is odd; RoPE rotates 2-D chunks, so d must be even");
}

void validate_theta(const std::string& theta) {
    static const std::regex decimal(R"([0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?|\.[0-9]+([eE][+-]?[0-9]+)?)");
    if (!std::regex_match(theta, decimal))
        throw InvalidInput("theta = \"" + theta + "\" is not a positive decimal number");
    // Rounded toward -inf at high precision: a result above 1 proves theta > 1.
    mpfr_t value;
    mpfr_init2(value, 4096);
    mpfr_set_str(value, theta.c_str(), 10, MPFR_RNDD);
    const bool above_one = mpfr_cmp_ui(value, 1) > 0 && mpfr_number_p(value);
    mpfr_clear(value);
    if (!above_one)
        throw InvalidInput("theta = " + theta +
                           " must be greater than 1 (theta <= 1 gives no decreasing frequencies)");
}

FrequencySchedule::FrequencySchedule(RotaryKind kind, std::string theta, int head_dim,
                                     numeric::ExactFraction p)
    : kind_(kind), theta_(std::move(theta)), head_dim_(head_dim), p_(p) {
    validate_head_dim(head_dim_);
    validate_theta(theta_);
    // A negative p (or denominator) would pass at_most_one() and silently act as NoPE.
    if (p_.numerator < 0 || p_.denominator <= 0 || !p_.at_most_one())
        throw InvalidInput("p = " + p_.str() + " is outside [0, 1]");
    const int half = head_dim_ / 2;
    chunks_.assign(static_cast<std::size_t>(half), ChunkFrequency{});
    auto rope_chunk = [&](int k) {  // k is 1-based
        return ChunkFrequency{true, 2 * (k - 1), head_dim_};
    };
    switch (kind_) {
        case RotaryKind::rope:
            for (int k = 1; k <= half; ++k) chunks_[k - 1] = rope_chunk(k);
            break;
        case RotaryKind::nope:
            break;
        case RotaryKind::p_rope: {
            const auto m = static_cast<int>(p_.floor_times(head_dim_, 2));
            for (int k = 1; k <= m; ++k) chunks_[k - 1] = rope_chunk(k);
            break;
        }
        case RotaryKind::reversed_p_rope: {
            const auto m = static_cast<int>(p_.floor_times(head_dim_, 2));
            for (int k = half - m + 1; k <= half; ++k) chunks_[k - 1] = rope_chunk(k);
            break;
        }
        case RotaryKind::neox_partial: {
            const auto rotary_dim = static_cast<int>(p_.floor_times(head_dim_));
            if (rotary_dim < 2 || rotary_dim % 2 != 0)
                throw InvalidInput("neox partial rotary: rotary_dim = floor(p * d) = " +
                                   std::to_string(rotary_dim) + " must be even and >= 2");
            for (int k = 1; k <= rotary_dim / 2; ++k)
                chunks_[k - 1] = ChunkFrequency{true, 2 * (k - 1), rotary_dim};
            break;
        }
    }
}

int FrequencySchedule::rotary_width() const {
    for (const auto& c : chunks_)
        if (c.rotated) return c.exponent_denominator;
    return head_dim_;
}

// Mutant "schedule-theta-exponent" makes it 2k (one chunk off), the classic
// off-by-one of theta^(-2i/d) with 1-based i.
int FrequencySchedule::exponent_numerator_of(const ChunkFrequency& c) {
    if (ROPECHECK_MUTANT("schedule-theta-exponent")) return c.exponent_numerator + 2;
    return c.exponent_numerator;
}

FrequencySchedule FrequencySchedule::with_scaling(Scaling scaling) const {
    scaling.validate(rotary_width() / 2);
    FrequencySchedule out = *this;
    out.plan_ = plan_scaling(scaling, rotary_width(), theta_);
    out.scaling_ = std::move(scaling);
    return out;
}

int FrequencySchedule::rotated_pairs() const {
    int n = 0;
    for (const auto& c : chunks_) n += c.rotated ? 1 : 0;
    return n;
}

std::string FrequencySchedule::describe() const {
    std::string s = to_string(kind_);
    if (kind_ != RotaryKind::rope && kind_ != RotaryKind::nope) s += "(p=" + p_.str() + ")";
    s += " theta=" + theta_ + " d=" + std::to_string(head_dim_) + ": " +
         std::to_string(rotated_pairs()) + " of " + std::to_string(pairs()) + " pairs rotate";
    if (scaling_.type != ScalingType::none) s += "; scaling " + scaling_.describe();
    return s;
}

}  // namespace ropecheck::rope
