// fuzz_replay TARGET DIR: runs every file in DIR through one fuzz target, the way libFuzzer
// would, so the committed corpus (seeds and every crash ever found) is a regression test CTest
// runs on each g++ build. Exit 0 when all inputs pass; a violated property aborts; exit 1 when
// DIR is missing or holds no file (a replay of nothing proves nothing), 2 on bad arguments.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "fuzz_targets.h"

namespace {

namespace fs = std::filesystem;
using FuzzFunction = int (*)(const std::uint8_t*, std::size_t);

struct Target {
  std::string_view name;  // also the name of its corpus folder
  FuzzFunction function;
};

// Every target, as tests/fuzz/CMakeLists.txt lists them.
constexpr Target kTargets[] = {
    {"request_target", broadsheet::fuzz::FuzzRequestTarget},
    {"form", broadsheet::fuzz::FuzzForm},
    {"multipart", broadsheet::fuzz::FuzzMultipart},
    {"cookie", broadsheet::fuzz::FuzzCookie},
    {"forwarded", broadsheet::fuzz::FuzzForwarded},
    {"allowed_hosts", broadsheet::fuzz::FuzzAllowedHosts},
    {"captcha_token", broadsheet::fuzz::FuzzCaptchaToken},
    {"front_matter", broadsheet::fuzz::FuzzFrontMatter},
    {"markdown", broadsheet::fuzz::FuzzMarkdown},
    {"comment_text", broadsheet::fuzz::FuzzCommentText},
    {"site_document", broadsheet::fuzz::FuzzSiteDocument},
    {"desk_fields", broadsheet::fuzz::FuzzDeskFields},
    {"html_markdown", broadsheet::fuzz::FuzzHtmlMarkdown},
    {"wxr", broadsheet::fuzz::FuzzWxr},
    {"json_reader", broadsheet::fuzz::FuzzJsonReader},
    {"sql_dump", broadsheet::fuzz::FuzzSqlDump},
};

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  const Target* target = nullptr;
  if (argc == 3) {
    for (const Target& candidate : kTargets) {
      if (candidate.name == argv[1]) target = &candidate;
    }
  }
  if (!target) {
    std::fprintf(stderr, "usage: fuzz_replay TARGET CORPUS_DIR (an unknown target or no dir)\n");
    return 2;
  }
  std::error_code error;
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(argv[2], error)) {
    if (entry.is_regular_file()) inputs.push_back(entry.path());
  }
  if (error || inputs.empty()) {
    std::fprintf(stderr, "fuzz_replay: no inputs in %s%s%s\n", argv[2], error ? ": " : "",
                 error ? error.message().c_str() : "");
    return 1;
  }
  std::sort(inputs.begin(), inputs.end());  // a failure names the same file on every run
  for (const fs::path& path : inputs) {
    const std::string bytes = ReadBytes(path);
    std::fprintf(stderr, "%s\n", path.filename().c_str());
    target->function(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::printf("replayed %zu inputs through %s\n", inputs.size(), argv[1]);
  return 0;
}
