// The malformed-input corpus (tests/data/bad/cases.txt): every case must exit with its code
// (2: bad input) within the timeout, name what is wrong (its fragment), show no crash, and
// leave its scratch directory empty (a refused command writes nothing, not even half a report).
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../support/tool_runner.hpp"

namespace fs = std::filesystem;

namespace {

struct BadInputCase {
    std::string name, fragment, arguments;
    int exit_code = 0;
};

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(' ');
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(' ') - first + 1);
}

std::string substituted(std::string text, const std::string& bad_dir, const std::string& scratch) {
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"@BAD@", bad_dir}, {"@TMP@", scratch}})
        for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
            text.replace(at, key.size(), value);
    return text;
}

std::vector<BadInputCase> corpus(const fs::path& file) {
    std::ifstream in(file);
    BOOST_REQUIRE_MESSAGE(in, "cannot read " << file);
    std::vector<BadInputCase> out;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        // NAME | EXIT | FRAGMENT | ARGUMENTS: the first three separators split it.
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (auto bar = line.find(" | "); bar != std::string::npos && fields.size() < 3; bar = line.find(" | ", start)) {
            fields.push_back(trimmed(line.substr(start, bar - start)));
            start = bar + 3;
        }
        fields.push_back(trimmed(line.substr(start)));
        BOOST_REQUIRE_MESSAGE(fields.size() == 4, "malformed corpus line: " << line);
        out.push_back({fields[0], fields[2], fields[3], std::stoi(fields[1])});
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bad_input_corpus)

BOOST_AUTO_TEST_CASE(every_case_is_refused_naming_what_is_wrong) {
    const fs::path bad_dir = fs::path(ROPECHECK_SOURCE_DIR) / "tests/data/bad";
    const auto cases = corpus(bad_dir / "cases.txt");
    BOOST_TEST(cases.size() >= 40u);  // the issue's floor: a corpus, not a sample
    std::string pattern = (fs::temp_directory_path() / "ropecheck-bad-XXXXXX").string();
    BOOST_REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    const fs::path root = pattern;
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("case " << c.name) {
            const fs::path scratch = root / c.name;
            fs::create_directories(scratch);
            const auto r = ropecheck::test::run_tool(substituted(c.arguments, bad_dir.string(), scratch.string()), 120);
            BOOST_TEST(r.code != 124, "timed out (a hang)");
            BOOST_TEST(r.code == c.exit_code, "exit " << r.code << ", output: " << r.output);
            const std::string fragment = substituted(c.fragment, bad_dir.string(), scratch.string());
            BOOST_TEST(r.output.find(fragment) != std::string::npos, "\"" << fragment << "\" missing from: " << r.output);
            for (const char* crash : {"terminate called", "Segmentation", "Aborted", "std::bad_alloc", "what():"})
                BOOST_TEST(r.output.find(crash) == std::string::npos, "crash marker \"" << crash << "\" in: " << r.output);
            BOOST_TEST(fs::is_empty(scratch), "the refused command wrote into " << scratch);
        }
    }
    fs::remove_all(root);
}

BOOST_AUTO_TEST_SUITE_END()
