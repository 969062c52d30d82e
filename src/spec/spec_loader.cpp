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

// The spec format is versioned so that a reader of an old file gets a message
// saying what changed instead of an unknown-key error.
void read_spec_version(const SpecTable& doc) {
    if (!doc.has("spec_version"))
        throw doc.error("spec_version", "missing; this ropecheck reads spec_version = " +
                                            std::to_string(core::spec_format_version) +
                                            " (negative controls are an array of named [[negative]] tables)");
    const std::int64_t version = doc.integer("spec_version");
    if (version != core::spec_format_version)
        throw doc.error("spec_version", std::to_string(version) + " is not supported; this ropecheck reads " +
                                            std::to_string(core::spec_format_version) +
                                            " (version 1 had one [negative] table: make it [[negative]] with a "
                                            "name)");
}

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// The negative controls show the check can fail: a check that passes its own
// deliberately broken variants proves nothing. Each is a test of the check:
// every one of its instances must come out refuted.
std::vector<core::NegativeControl> read_negatives(const SpecTable& doc) {
    std::vector<core::NegativeControl> out;
    for (const SpecTable& negative : doc.tables("negative")) {
        negative.allow_only({"name", "description", "expected", "params"});
        core::NegativeControl control;
        control.name = negative.string("name");
        for (char c : control.name)
            if (!is_name_char(c))
                throw negative.error("name", "\"" + control.name +
                                                 "\" is not a valid name (lower-case letters, digits and '-')");
        for (const auto& earlier : out)
            if (earlier.name == control.name)
                throw negative.error("name", "\"" + control.name + "\" names two negative controls");
        control.description = negative.string("description");
        control.expected = read_verdict(negative, "expected");
        if (control.expected != core::Verdict::refuted)
            throw negative.error("expected", "a negative control must expect \"refuted\", not \"" +
                                                 core::to_string(control.expected) + "\"");
        if (negative.has("params")) control.overrides = negative.table("params").grid();
        out.push_back(std::move(control));
    }
    return out;
}

}  // namespace

core::ClaimSpec load_claim_spec(const fs::path& file) {
    const std::string name = file.string();
    const toml::table table = parse(read_text(file), name);
    const SpecTable doc(table, name, "");
    doc.allow_only({"spec_version", "id", "title", "source", "statement", "check", "precision", "expected", "profiles",
                    "negative"});
    core::ClaimSpec spec;
    spec.file = file;
    read_spec_version(doc);
    spec.id = read_id(doc, file);
    spec.title = doc.string("title");
    spec.source = doc.string("source");
    spec.statement = doc.string("statement");
    spec.check = doc.string("check");
    spec.precision_bits = read_precision(doc);
    spec.expected = read_claim_expectation(doc);
    spec.profiles = read_profiles(doc);
    spec.negatives = read_negatives(doc);
    return spec;
}

}  // namespace ropecheck::spec
