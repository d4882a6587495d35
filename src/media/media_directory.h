// The folder where image variants live, one file per variant named by media_name.h. Writes
// are atomic (temp file, fsync, rename), so a reader sees a whole file or none. Thread-safe:
// it holds only the path, and concurrent writers of one name each rename a complete file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace broadsheet::media {

class MediaDirectory {
 public:
  // Requires: `dir` is the folder's path; it need not exist yet.
  explicit MediaDirectory(std::string dir);

  // Stores `bytes` as `file_name`, replacing any file of that name: creates the folder if it
  // is missing, writes a unique temp file beside the target, fsyncs it, renames it into
  // place and fsyncs the folder. Throws std::invalid_argument when `file_name` does not pass
  // ParseVariantFileName, std::runtime_error when the file system fails.
  void Write(const std::string& file_name, std::string_view bytes) const;

  // The file's bytes, or nullopt when there is no such file. Throws std::invalid_argument as
  // Write does, std::runtime_error on any other read failure.
  std::optional<std::string> Read(const std::string& file_name) const;

  // Deletes the file; a file already missing is fine. Throws as Read does.
  void Remove(const std::string& file_name) const;

  const std::string& path() const { return dir_; }

 private:
  std::string dir_;
};

}  // namespace broadsheet::media
