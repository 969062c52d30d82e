#pragma once
// The one reader of the JSON files a user hands ropecheck (config.json, replay records, reports):
// RFC 8259 text, read strictly. nlohmann::json would keep the last of two equal keys of an object
// and skip a UTF-8 byte-order mark; either would let a file mean something other than what its
// reader sees, so both are refused, naming the key.
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ropecheck/numeric/invalid_input.hpp"

namespace ropecheck::model {

// The document in `text` as `Json` (nlohmann::json or nlohmann::ordered_json); throws
// InvalidInput starting with `what` (e.g. "--config x.json") when it is not JSON, starts with a
// byte-order mark or repeats a key within one object.
template <class Json>
Json parse_strict_json(const std::string& text, const std::string& what) {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0)
        throw InvalidInput(what + ": starts with a UTF-8 byte-order mark (JSON text has none; save it without)");
    std::vector<std::set<std::string>> open_objects;  // the keys seen in each open object, innermost last
    const auto check_keys = [&](int, typename Json::parse_event_t event, Json& parsed) {
        using event_t = typename Json::parse_event_t;
        if (event == event_t::object_start) open_objects.emplace_back();
        else if (event == event_t::object_end) open_objects.pop_back();
        else if (event == event_t::key && !open_objects.back().insert(parsed.template get<std::string>()).second)
            throw InvalidInput(what + ": key \"" + parsed.template get<std::string>() +
                               "\" appears twice in one object (which one is meant?)");
        return true;
    };
    try {
        return Json::parse(text, check_keys);
    } catch (const typename Json::exception& e) {
        throw InvalidInput(what + ": not valid JSON: " + e.what());
    }
}

// The same for the content of `file` ("cannot read the file" when it cannot be opened).
template <class Json>
Json read_strict_json(const std::filesystem::path& file, const std::string& what) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InvalidInput(what + ": cannot read the file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_strict_json<Json>(text.str(), what);
}

}  // namespace ropecheck::model
