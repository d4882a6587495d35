#include <fmt/core.h>

#include "cli/commands.h"

namespace broadsheet::cli {

int RunInit(const CommonOptions& common) {
  const config::Config config = LoadConfig(common);
  InitializeSite(config);
  fmt::print("initialised {} (store {}, key {})\n", config.data_dir(), config.StoreUrl(),
             config.KeyFile());
  return 0;
}

}  // namespace broadsheet::cli
