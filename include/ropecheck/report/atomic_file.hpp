#pragma once
// Replacing a file so that a reader sees either the old content or the new,
// never a prefix: write a temporary beside it, fsync, rename over the target.
#include <filesystem>
#include <string>

namespace ropecheck::report {

// "<dir>/.<filename>.tmp.<pid>": same directory, so the rename never crosses a
// file system; hidden, and tagged with the pid so concurrent writers differ.
std::filesystem::path temporary_path_for(const std::filesystem::path& target);

// Creates `temporary`, writes `content`, fsyncs and closes it. On failure removes
// whatever it created and throws std::runtime_error naming the path and reason.
void write_temporary(const std::filesystem::path& temporary, const std::string& content);

// Renames `temporary` onto `target`; on failure removes `temporary` and throws
// std::runtime_error.
void commit_temporary(const std::filesystem::path& temporary,
                      const std::filesystem::path& target);

// Best effort: makes completed renames in `dir` durable across a crash.
void sync_directory(const std::filesystem::path& dir) noexcept;

// write_temporary + commit_temporary + sync_directory.
void write_file_atomically(const std::filesystem::path& target, const std::string& content);

}  // namespace ropecheck::report
