// Tests of kiosk-sync's metrics file for node-exporter's textfile collector (sync/service/metrics.hpp):
// after a real run against the contract servers it parses with `promtool check metrics` and carries the
// run's numbers; the alert rules (firmware/prometheus) pass `promtool check rules`. promtool comes with
// Debian's package prometheus (scripts/setup.sh); without it these tests are skipped, saying so.
#include <gtest/gtest.h>

#include <cstdio>
#include <cmath>
#include <fstream>

#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

using Run = test::Output;
Run run(const std::string& cmd) { return test::run_shell(cmd); }

bool have_promtool() { return run("command -v promtool").code == 0; }

// The value of one sample, e.g. value(text, "kiosk_sync_parked{channel=\"signalen\"}"); NaN when absent.
double value(const std::string& text, const std::string& sample) {
  auto pos = text.find("\n" + sample + " ");
  if (pos == std::string::npos) return std::nan("");
  return std::stod(text.substr(pos + sample.size() + 2));
}

}  // namespace

TEST(metrics_test, textfile_after_a_real_run_parses_and_carries_the_numbers) {
  test::TempDir dir;
  test::SyncWorld world;
  auto config = test::write_config_files(world, dir.path(), dir / "outbox.sqlite");
  {
    Outbox box = test::open_config_outbox(config);
    ASSERT_TRUE(box.submit(test::sample_question()).ok());
    Submission bad = test::sample_report();
    bad.category = "bestaat-niet/nergens";
    ASSERT_TRUE(box.submit(bad).ok());
  }
  auto metrics = dir / "metrics";
  std::filesystem::create_directory(metrics);
  std::int64_t before_s = SystemClock::instance().now_ms() / 1000;
  auto sync = run(test::program_command(KIOSK_SYNC_PATH) + " --once --config " + config.string() + " --metrics-dir " +
                  metrics.string());
  EXPECT_EQ(sync.code, 8) << sync.out;
  auto file = metrics / "kiosk_sync.prom";
  ASSERT_TRUE(std::filesystem::exists(file)) << sync.out;
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(metrics)) ++files;
  EXPECT_EQ(files, 1u) << "a temporary file was left";
  std::string text = "\n" + test::read_file(file);

  std::string version = run(test::program_command(KIOSK_SYNC_PATH) + " --version").out;  // "kiosk-sync X.Y.Z\n"
  version = version.substr(version.find(' ') + 1);
  version.erase(version.find_last_not_of("\n") + 1);
  EXPECT_NE(text.find("kiosk_sync_info{version=\"" + version + "\",kiosk=\"demo-bieb-01\"} 1"), std::string::npos)
      << text;
  EXPECT_EQ(value(text, "kiosk_sync_queue_depth{channel=\"openklant\"}"), 0);
  EXPECT_EQ(value(text, "kiosk_sync_parked{channel=\"signalen\"}"), 1);
  EXPECT_EQ(value(text, "kiosk_sync_parked{channel=\"openklant\"}"), 0);
  EXPECT_EQ(value(text, "kiosk_sync_last_run_delivered{channel=\"mastodon\"}"), 1);
  EXPECT_EQ(value(text, "kiosk_sync_channel_health{channel=\"signalen\",state=\"attention\"}"), 1);
  EXPECT_EQ(value(text, "kiosk_sync_channel_health{channel=\"openklant\",state=\"ok\"}"), 1);
  EXPECT_GE(value(text, "kiosk_sync_last_delivery_timestamp_seconds{channel=\"openklant\"}"), before_s);
  EXPECT_EQ(value(text, "kiosk_sync_last_delivery_timestamp_seconds{channel=\"signalen\"}"), 0);
  EXPECT_EQ(value(text, "kiosk_sync_oldest_pending_age_seconds{channel=\"signalen\"}"), 0);
  EXPECT_EQ(value(text, "kiosk_sync_last_run_exit_code"), 8);
  EXPECT_GT(value(text, "kiosk_sync_outbox_bytes"), 0);
  EXPECT_GT(value(text, "kiosk_sync_disk_free_bytes"), 0);
  EXPECT_GE(value(text, "kiosk_sync_disk_size_bytes"), value(text, "kiosk_sync_disk_free_bytes"));

  if (!have_promtool()) GTEST_SKIP() << "promtool not installed (package prometheus): format not checked";
  auto check = run("promtool check metrics < " + test::shell_quote(file.string()));
  EXPECT_EQ(check.code, 0) << check.out << text;
}

// A retry waiting in the queue has an age.
TEST(metrics_test, oldest_pending_age_counts_from_the_submission) {
  test::TempDir dir;
  test::SyncWorld world;
  auto config = test::write_config_files(world, dir.path(), dir / "outbox.sqlite");
  {
    std::string text = test::read_file(config);
    text.replace(text.find("posts_per_hour = 100000"), 23, "posts_per_hour = 1");
    std::ofstream(config) << text;
    Outbox box = test::open_config_outbox(config);
    for (int i = 0; i < 2; ++i) {
      Submission r = test::sample_report();
      r.category = "afval/container-is-vol";
      r.created_at_ms = SystemClock::instance().now_ms() - 3600'000 * (i + 1);
      r.text += " " + std::to_string(i);
      ASSERT_TRUE(box.submit(r).ok());
    }
  }
  auto metrics = dir / "metrics";
  std::filesystem::create_directory(metrics);
  auto sync = run(test::program_command(KIOSK_SYNC_PATH) + " --once --config " + config.string() + " --metrics-dir " +
                  metrics.string());
  EXPECT_EQ(sync.code, 9) << sync.out;  // one sent, one paced
  std::string text = "\n" + test::read_file(metrics / "kiosk_sync.prom");
  EXPECT_EQ(value(text, "kiosk_sync_queue_depth{channel=\"signalen\"}"), 1);
  double age = value(text, "kiosk_sync_oldest_pending_age_seconds{channel=\"signalen\"}");
  EXPECT_GE(age, 3600);  // the first in line went out; the one left is an hour old (or two: ids order)
  EXPECT_LT(age, 3 * 3600);
  EXPECT_EQ(value(text, "kiosk_sync_channel_health{channel=\"signalen\",state=\"waiting\"}"), 1);
}

TEST(metrics_test, alert_rules_pass_promtool) {
  if (!have_promtool()) GTEST_SKIP() << "promtool not installed (package prometheus): rules not checked";
  std::string rules = std::string(KIOSK_SOURCE_ASSETS_DIR) + "/../firmware/prometheus/kiosk-alerts.rules.yml";
  auto check = run("promtool check rules " + test::shell_quote(rules));
  EXPECT_EQ(check.code, 0) << check.out;
  EXPECT_NE(check.out.find("SUCCESS: 4 rules found"), std::string::npos) << check.out;
}
