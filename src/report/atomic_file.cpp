#include "ropecheck/report/atomic_file.hpp"

#include <cerrno>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

namespace ropecheck::report {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what, const fs::path& path, int error) {
    throw std::runtime_error(what + " " + path.string() + ": " +
                             std::generic_category().message(error));
}

// Loops because write(2) may write less than asked, or be interrupted.
int write_all(int fd, const std::string& content) {
    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    return 0;
}

int fsync_retrying(int fd) {
    while (::fsync(fd) != 0)
        if (errno != EINTR) return errno;
    return 0;
}

}  // namespace

fs::path temporary_path_for(const fs::path& target) {
    // Built by append: GCC 12 warns falsely (-Wrestrict) on "." + std::string.
    std::string name(1, '.');
    name.append(target.filename().string()).append(".tmp.").append(std::to_string(::getpid()));
    return target.parent_path() / name;
}

void write_temporary(const fs::path& temporary, const std::string& content) {
    // No O_EXCL: a stale temporary left by a crashed process with the same pid
    // is ours to overwrite. O_NOFOLLOW keeps a planted symlink from redirecting
    // the write elsewhere.
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
                          0666);
    if (fd < 0) fail("cannot create", temporary, errno);

    int error = write_all(fd, content);
    const char* what = "cannot write";
    if (error == 0) {
        error = fsync_retrying(fd);
        what = "cannot sync";
    }
    // close can report a deferred write error (e.g. on NFS), so it counts too.
    if (::close(fd) != 0 && error == 0) {
        error = errno;
        what = "cannot close";
    }
    if (error != 0) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        fail(what, temporary, error);
    }
}

void commit_temporary(const fs::path& temporary, const fs::path& target) {
    std::error_code ec;
    fs::rename(temporary, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw std::runtime_error("cannot rename " + temporary.string() + " onto " +
                                 target.string() + ": " + ec.message());
    }
}

void sync_directory(const fs::path& dir) noexcept {
    const fs::path path = dir.empty() ? fs::path(".") : dir;
    const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    fsync_retrying(fd);
    ::close(fd);
}

void write_file_atomically(const fs::path& target, const std::string& content) {
    const fs::path temporary = temporary_path_for(target);
    write_temporary(temporary, content);
    commit_temporary(temporary, target);
    sync_directory(target.parent_path());
}

}  // namespace ropecheck::report
