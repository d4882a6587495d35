#include "config/config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "config/config_keys.h"

namespace broadsheet::config {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bs-config-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::remove_all(dir_);
    unsetenv("BROADSHEET_CACHE_MAX_AGE_S");
  }
  std::string Write(const std::string& text) {
    const auto path = (dir_ / "broadsheet.toml").string();
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(ConfigTest, DefaultsComeFromTheKeyTable) {
  const Config config = Config::Load(dir_.string(), "", {});
  EXPECT_EQ(config.String("server.listen"), "127.0.0.1:8080");
  EXPECT_EQ(config.Int("views.flush_interval_ms"), 1000);
  EXPECT_EQ(config.StoreUrl(), "sqlite:" + dir_.string() + "/broadsheet.db");
  EXPECT_EQ(config.KeyFile(), dir_.string() + "/site.key");
  EXPECT_FALSE(config.IsSet("site.name"));
}

TEST_F(ConfigTest, FileThenEnvironmentThenFlags) {
  Write("[cache]\nmax_age_s = 5\n[site]\nname = \"Gazette\"\n");
  EXPECT_EQ(Config::Load(dir_.string(), "", {}).Int("cache.max_age_s"), 5);
  setenv("BROADSHEET_CACHE_MAX_AGE_S", "7", 1);
  const Config with_env = Config::Load(dir_.string(), "", {});
  EXPECT_EQ(with_env.Int("cache.max_age_s"), 7);
  EXPECT_EQ(with_env.String("site.name"), "Gazette");
  EXPECT_TRUE(with_env.IsSet("site.name"));
  EXPECT_EQ(Config::Load(dir_.string(), "", {{"cache.max_age_s", "9"}}).Int("cache.max_age_s"), 9);
}

TEST_F(ConfigTest, RefusesUnknownKeysBadValuesAndBrokenFiles) {
  EXPECT_THROW(Config::Load(dir_.string(), "", {{"cache.nope", "1"}}), ConfigError);
  EXPECT_THROW(Config::Load(dir_.string(), "", {{"cache.max_age_s", "soon"}}), ConfigError);
  EXPECT_THROW(Config::Load(dir_.string(), "", {{"server.threads", "-1"}}), ConfigError);
  Write("[server\n");
  EXPECT_THROW(Config::Load(dir_.string(), "", {}), ConfigError);
  Write("[server]\nthreads = [1, 2]\n");
  EXPECT_THROW(Config::Load(dir_.string(), "", {}), ConfigError);
}

TEST_F(ConfigTest, HelpListsEveryKeyWithItsDefault) {
  const std::string_view help = ConfigKeysHelp();
  for (const ConfigKey& key : AllConfigKeys()) {
    const std::string name(key.name.substr(key.name.find('.') + 1));
    EXPECT_NE(help.find("] " + name + " = "), std::string_view::npos) << key.name;
  }
}

}  // namespace
}  // namespace broadsheet::config
