// The strict TOML reader (sync/include/kiosk/sync/strict_toml.hpp): unknown keys with hints, types,
// ranges and places, on its own (the configuration's schema is config_test's).
#include <gtest/gtest.h>

#include "kiosk/sync/strict_toml.hpp"

using namespace kiosk;
using namespace kiosk::strict_toml;

namespace {

// Runs a read of `text` and returns its error message ("" when it succeeded).
template <class Read>
std::string failure_of(std::string_view text, Read&& read) {
  Reader r("t.toml");
  auto e = r.attempt([&] {
    toml::table root = r.parse(text);
    read(r, r.top(root));
  });
  return e ? e->message : std::string();
}

constexpr std::string_view kKeys[] = {"interval_s", "name", "ratio", "tags", "on"};

}  // namespace

TEST(strict_toml_test, syntax_error_names_file_line_and_column) {
  Reader r("t.toml");
  auto e = r.attempt([&] { (void)r.parse("a = 1\nb = = 2\n"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, Errc::config_syntax);
  EXPECT_EQ(e->message.rfind("t.toml:2:", 0), 0u) << e->message;
}

TEST(strict_toml_test, unknown_key_is_the_first_in_the_file_with_a_guess) {
  std::string m = failure_of("name = \"x\"\nzzz = 1\nintervl_s = 3\n",
                             [](Reader& r, const Section& top) { r.check_keys(top, kKeys); });
  EXPECT_EQ(m, "t.toml:2:1: unknown key 'zzz' at the top level") << m;
  m = failure_of("intervl_s = 3\n", [](Reader& r, const Section& top) { r.check_keys(top, kKeys); });
  EXPECT_EQ(m, "t.toml:1:1: unknown key 'intervl_s' at the top level (did you mean 'interval_s'?)");
}

TEST(strict_toml_test, hint_replaces_the_guess) {
  std::string m = failure_of("token = \"x\"\n", [](Reader& r, const Section& top) {
    r.check_keys(top, kKeys, [](std::string_view key) { return key == "token" ? "a secret" : ""; });
  });
  EXPECT_EQ(m, "t.toml:1:1: unknown key 'token' at the top level (a secret)");
}

TEST(strict_toml_test, types_and_ranges_are_checked_with_their_place) {
  auto read_int = [](Reader& r, const Section& top) {
    int v = 0;
    r.read(top, "interval_s", v, 1, 60, "seconds");
  };
  EXPECT_EQ(failure_of("interval_s = \"5\"\n", read_int),
            "t.toml:1:14: 'interval_s' must be an integer (got a string)");
  EXPECT_EQ(failure_of("\ninterval_s = 99\n", read_int),
            "t.toml:2:14: 'interval_s' must be between 1 and 60 seconds (got 99)");
  EXPECT_EQ(failure_of("interval_s = 7\n", read_int), "");
  auto read_list = [](Reader& r, const Section& top) {
    std::vector<std::string> tags;
    r.read(top, "tags", tags);
  };
  EXPECT_EQ(failure_of("tags = [\"a\", 2]\n", read_list),
            "t.toml:1:14: 'tags' must be an array of strings (element 2 is an integer)");
}

TEST(strict_toml_test, sections_name_their_dotted_keys) {
  Reader r("t.toml");
  toml::table root = r.parse("[sync]\ninterval_s = 0\n");
  Section top = r.top(root);
  Section sync = r.table(top, "sync", "in [sync]");
  auto e = r.attempt([&] {
    int v = 0;
    r.read(sync, "interval_s", v, 1);
  });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "sync.interval_s");
  EXPECT_EQ(e->message, "t.toml:2:14: 'sync.interval_s' must be at least 1 (got 0)");
  ASSERT_NE(r.region_of("sync.interval_s"), nullptr);
  EXPECT_EQ(r.region_of("sync.interval_s")->begin.line, 2u);
  Section absent = r.table(top, "ui", "in [ui]");
  EXPECT_EQ(absent.table, nullptr);
  bool flag = true;
  EXPECT_FALSE(r.read(absent, "on", flag));
}

TEST(strict_toml_test, run_turns_a_failure_into_an_error) {
  auto ok = run([] { return 5; });
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 5);
  auto bad = run([]() -> int {
    Reader r("t.toml");
    r.fail(Errc::config_missing, nullptr, "missing");
  });
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "t.toml: missing");
}
