#include "ropecheck/core/replay_record.hpp"

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::core {

json claim_replay_record(const Instance& instance) {
    json r = json::object();
    r["version"] = replay_record_version;
    r["kind"] = "claim";
    r["claim"] = instance.claim_id;
    r["variant"] = instance.variant;
    if (instance.variant == "negative") r["negative"] = instance.negative;
    r["seed"] = instance.seed;
    r["instance"] = instance.index;
    r["precision"] = instance.precision_bits;
    r["parameters"] = instance.params.values();
    return r;
}

json probe_replay_record(const std::string& probe, const json& parameters, const json& answer) {
    json r = json::object();
    r["version"] = replay_record_version;
    r["kind"] = "probe";
    r["probe"] = probe;
    r["parameters"] = parameters;
    r["answer"] = answer;
    return r;
}

namespace {

template <class T>
T field(const json& from, const std::string& key, const std::string& where) {
    if (!from.contains(key)) throw InvalidInput(where + ": replay record has no \"" + key + "\"");
    try {
        return from.at(key).get<T>();
    } catch (const std::exception&) {
        throw InvalidInput(where + ": replay record field \"" + key + "\" has the wrong type");
    }
}

json object_field(const json& from, const std::string& key, const std::string& where) {
    json v = field<json>(from, key, where);
    if (!v.is_object()) throw InvalidInput(where + ": replay record field \"" + key + "\" has the wrong type");
    return v;
}

}  // namespace

ReplayRecord read_replay_record(const json& record, const std::string& where) {
    if (!record.is_object()) throw InvalidInput(where + ": a replay record is a JSON object");
    ReplayRecord r;
    // Version 1 claim records carry no version; every other record does.
    r.version = record.contains("version") ? field<int>(record, "version", where) : 1;
    if (r.version < 1 || r.version > replay_record_version)
        throw InvalidInput(where + ": replay record version " + std::to_string(r.version) +
                           " is not supported (this ropecheck reads 1 to " + std::to_string(replay_record_version) + ")");
    // Before version 3 only a probe record said its kind.
    const std::string kind = record.contains("kind") ? field<std::string>(record, "kind", where)
                             : r.version < 3       ? "claim"
                                                   : field<std::string>(record, "kind", where);
    if (kind == "probe") {
        if (r.version == 2) throw InvalidInput(where + ": a probe replay record has version 1 or 3, not 2");
        r.kind = ReplayKind::probe;
        r.subject = field<std::string>(record, "probe", where);
        r.parameters = object_field(record, "parameters", where);
        r.answer = object_field(record, "answer", where);
        r.precision = field<unsigned>(r.parameters, "precision", where);
        return r;
    }
    if (kind != "claim") throw InvalidInput(where + ": replay record kind \"" + kind + "\" is neither claim nor probe");
    r.subject = field<std::string>(record, "claim", where);
    r.variant = field<std::string>(record, "variant", where);
    // Version 2 named the negative control; version 1 had a single unnamed one.
    if (r.version >= 2 && r.variant == "negative") r.negative = field<std::string>(record, "negative", where);
    r.instance = field<std::size_t>(record, "instance", where);
    r.seed = field<std::uint64_t>(record, "seed", where);
    r.precision = field<unsigned>(record, "precision", where);
    r.parameters = object_field(record, "parameters", where);
    return r;
}

}  // namespace ropecheck::core
