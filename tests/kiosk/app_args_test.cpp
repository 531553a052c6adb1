// The kiosk program's command line (kiosk/app/main.cpp, CLI11): every option of the README, a wrong command
// line is exit code 2, and the options that take effect before the display is opened (--config, --db,
// --hash-pin, --version) do what they say. Needs no display: each run stops before SDL_Init.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "kiosk/core/command.hpp"
#include "kiosk/core/pin.hpp"
#include "test_support.hpp"

namespace kiosk::test {
namespace {

class app_args_test : public ::testing::Test {
 protected:
  void SetUp() override { unsetenv("KIOSK_CONFIG"); }
  static core::CommandResult kiosk(std::vector<std::string> args) {
    args.insert(args.begin(), KIOSK_PROGRAM_PATH);
    return core::run_command(args);
  }
};

TEST_F(app_args_test, version_and_help_name_every_option) {
  auto v = kiosk({"--version"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.output.rfind("kiosk 0.", 0), 0u) << v.output;
  auto h = kiosk({"--help"});
  EXPECT_EQ(h.exit_code, 0);
  for (const char* option : {"--config", "--db", "--fullscreen", "--size", "--stats", "--hash-pin", "--version"})
    EXPECT_NE(h.output.find(option), std::string::npos) << option << "\n" << h.output;
}

TEST_F(app_args_test, a_wrong_command_line_is_exit_code_2) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{{"--bogus"},
                                                                             {"extra"},
                                                                             {"--config"},
                                                                             {"--db"},
                                                                             {"--size"},
                                                                             {"--size", "big"},
                                                                             {"--size", "1280x"},
                                                                             {"--size", "319x480"},
                                                                             {"--size", "800x239"},
                                                                             {"--size", "800x480x2"},
                                                                             {"--hash-pin"},
                                                                             {"--hash-pin", "123"}}) {
    auto r = kiosk(args);
    EXPECT_EQ(r.exit_code, 2) << testing::PrintToString(args) << "\n" << r.output;
  }
  EXPECT_NE(kiosk({"--hash-pin", "123"}).output.find("at least 4 digits"), std::string::npos);
}

TEST_F(app_args_test, hash_pin_prints_a_hash_of_that_pin) {
  auto r = kiosk({"--hash-pin", "482913"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string hash = r.output.substr(0, r.output.find('\n'));
  EXPECT_TRUE(core::verify_pin("482913", hash)) << hash;
  EXPECT_FALSE(core::verify_pin("482914", hash)) << hash;
}

// Options that are read before the display: a good --size is accepted, --config and --db are the files used.
TEST_F(app_args_test, config_and_db_are_the_files_used) {
  TempDir dir;
  auto missing = kiosk({"--size", "800x480", "--fullscreen", "--stats", "--config", (dir / "none.toml").string()});
  EXPECT_EQ(missing.exit_code, 6) << missing.output;
  EXPECT_NE(missing.output.find("none.toml"), std::string::npos) << missing.output;
  std::string no_outbox = "/proc/no-such-dir/outbox.sqlite";  // the demo configuration, an outbox that cannot be
  auto db = kiosk({"--db", no_outbox});
  EXPECT_EQ(db.exit_code, 5) << db.output;
  EXPECT_NE(db.output.find(no_outbox), std::string::npos) << db.output;
}

}  // namespace
}  // namespace kiosk::test
