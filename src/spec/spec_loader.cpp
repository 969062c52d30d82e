#include "ropecheck/spec/spec_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "ropecheck/numeric/invalid_input.hpp"
#include "ropecheck/numeric/types.hpp"
#include "ropecheck/spec/spec_table.hpp"

namespace ropecheck::spec {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& file) {
    const std::string name = file.string();
    std::error_code ec;
    if (fs::is_directory(file, ec)) throw InvalidInput(name + ": cannot read: it is a directory");
    errno = 0;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        const int err = errno;
        throw InvalidInput(name + ": cannot read: " + (err != 0 ? std::strerror(err) : "cannot open the file"));
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InvalidInput(name + ": cannot read: an I/O error occurred");
    return text.str();
}

toml::table parse(const std::string& text, const std::string& name) {
    try {
        return toml::parse(text, name);
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        throw InvalidInput(name + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " +
                           std::string(e.description()));
    }
}

bool is_id_char(char c, bool first) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return alnum || (!first && (c == '.' || c == '-'));
}

// The id is the file stem so that `--claims prop-3.*` and the file a reader
// opens never disagree.
std::string read_id(const SpecTable& doc, const fs::path& file) {
    const std::string id = doc.string("id");
    for (std::size_t i = 0; i < id.size(); ++i)
        if (!is_id_char(id[i], i == 0))
            throw doc.error("id", "\"" + id +
                                      "\" is not a valid id (lower-case letters, digits, '.' and '-', "
                                      "starting with a letter or digit)");
    if (id != file.stem().string())
        throw doc.error("id", "\"" + id + "\" does not match the file name " + file.filename().string() +
                                  " (expected \"" + file.stem().string() + "\")");
    return id;
}

unsigned read_precision(const SpecTable& doc) {
    const std::int64_t bits = doc.integer("precision");
    if (bits < numeric::min_precision_bits)
        throw doc.error("precision", std::to_string(bits) + " bits is below the minimum of " +
                                         std::to_string(numeric::min_precision_bits) +
                                         " (precision too low to decide)");
    if (bits > numeric::max_precision_bits)
        throw doc.error("precision", std::to_string(bits) + " bits is above the maximum of " +
                                         std::to_string(numeric::max_precision_bits));
    return static_cast<unsigned>(bits);
}

core::Verdict read_verdict(const SpecTable& table, std::string_view key) {
    const std::string name = table.string(key);
    try {
        return core::parse_verdict(name);
    } catch (const InvalidInput& e) {
        throw table.error(key, e.what());
    }
}

// A paper claim is stated as true, so its spec can only expect a pass.
core::Verdict read_claim_expectation(const SpecTable& doc) {
    const core::Verdict v = read_verdict(doc, "expected");
    if (v != core::Verdict::certified && v != core::Verdict::holds)
        throw doc.error("expected", "a claim must expect \"certified\" or \"holds\", not \"" +
                                        core::to_string(v) + "\"");
    return v;
}

std::map<std::string, core::ParameterGrid> read_profiles(const SpecTable& doc) {
    const SpecTable profiles = doc.table("profiles");
    profiles.allow_only({"ci", "full"});
    std::map<std::string, core::ParameterGrid> out;
    for (const char* name : {"ci", "full"}) out[name] = profiles.table(name).grid();
    return out;
}

// The negative control shows the check can fail: a check that passes its own
// deliberately broken variant proves nothing.
core::NegativeControl read_negative(const SpecTable& doc) {
    const SpecTable negative = doc.table("negative");
    negative.allow_only({"description", "expected", "params"});
    core::NegativeControl control;
    control.description = negative.string("description");
    control.expected = read_verdict(negative, "expected");
    if (control.expected != core::Verdict::refuted)
        throw negative.error("expected", "a negative control must expect \"refuted\", not \"" +
                                             core::to_string(control.expected) + "\"");
    if (negative.has("params")) control.overrides = negative.table("params").grid();
    return control;
}

}  // namespace

core::ClaimSpec load_claim_spec(const fs::path& file) {
    const std::string name = file.string();
    const toml::table table = parse(read_text(file), name);
    const SpecTable doc(table, name, "");
    doc.allow_only({"id", "title", "source", "statement", "check", "precision", "expected", "profiles",
                    "negative"});
    core::ClaimSpec spec;
    spec.file = file;
    spec.id = read_id(doc, file);
    spec.title = doc.string("title");
    spec.source = doc.string("source");
    spec.statement = doc.string("statement");
    spec.check = doc.string("check");
    spec.precision_bits = read_precision(doc);
    spec.expected = read_claim_expectation(doc);
    spec.profiles = read_profiles(doc);
    spec.negative = read_negative(doc);
    return spec;
}

}  // namespace ropecheck::spec
