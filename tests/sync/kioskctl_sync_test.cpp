// Tests for kioskctl's sync commands (the real binary against the contract servers): sync --dry-run
// prints requests without secrets and sends nothing, sync delivers and summarises, channels test
// says plainly what is wrong, stats shows parked reasons.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstdio>

#include "sync_fixture.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {

test::Output kioskctl(const std::filesystem::path& config, const std::string& args) {
  return test::run_shell(kiosk::test::program_command(KIOSKCTL_PATH) + " --config " + config.string() + " " + args);
}

}  // namespace

TEST(kioskctl_sync_test, dry_run_then_sync_then_stats) {
  test::TempDir dir;
  test::SyncWorld world;
  auto outbox = dir / "outbox.sqlite";
  auto config = test::write_config_files(world, dir.path(), outbox);
  {
    Outbox box = test::open_config_outbox(config);
    ASSERT_TRUE(box.submit(test::sample_question()).ok());
    Submission bad = test::sample_report();
    bad.category = "bestaat-niet/nergens";
    ASSERT_TRUE(box.submit(bad).ok());
  }
  auto dry = kioskctl(config, "sync --dry-run");
  EXPECT_EQ(dry.code, 0) << dry.out;
  EXPECT_NE(dry.out.find("POST " + world.openklant->base_url() + "/klantinteracties/api/v1/maak-klantcontact"),
            std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("Idempotency-Key"), std::string::npos);
  EXPECT_EQ(dry.out.find("test-token"), std::string::npos) << "a secret was printed";
  EXPECT_EQ(world.openklant->requests() + world.mastodon->requests(), 0);

  auto sync = kioskctl(config, "sync");
  EXPECT_EQ(sync.code, 8) << sync.out;  // one report is parked
  EXPECT_NE(sync.out.find("openklant"), std::string::npos);
  EXPECT_EQ(world.openklant->contacts().size(), 1u);
  EXPECT_EQ(world.mastodon->statuses().size(), 1u);

  auto stats = kioskctl(config, "stats");
  EXPECT_EQ(stats.code, 0);
  EXPECT_NE(stats.out.find("no Signalen sub category"), std::string::npos) << stats.out;
}

TEST(kioskctl_sync_test, channels_test_says_what_is_wrong) {
  test::TempDir dir;
  test::SyncWorld world;
  auto config = test::write_config_files(world, dir.path(), dir / "outbox.sqlite");
  auto ok = kioskctl(config, "channels test");
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("openklant  OK"), std::string::npos) << ok.out;

  world.secrets.by_channel["openklant"] = "verkeerd";
  world.secrets.by_channel["open311"] = "verkeerd";
  int dead_port = world.mastodon->port();
  world.mastodon->stop();
  config = test::write_config_files(world, dir.path(), dir / "outbox.sqlite");
  auto bad = kioskctl(config, "channels test");
  EXPECT_EQ(bad.code, 8) << bad.out;
  EXPECT_NE(bad.out.find("token was refused"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("api_key was refused"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find(std::to_string(dead_port)), std::string::npos) << bad.out;
  EXPECT_EQ(bad.out.find("verkeerd"), std::string::npos) << "a secret was printed";
}

// Pacing is a wait, not a failure: its own exit code (9) and words with the time of the next post.
TEST(kioskctl_sync_test, pacing_is_a_wait_with_its_own_exit_code) {
  test::TempDir dir;
  test::SyncWorld world;
  auto outbox = dir / "outbox.sqlite";
  auto config = test::write_config_files(world, dir.path(), outbox);
  {
    std::string text = test::read_file(config);
    text.replace(text.find("posts_per_hour = 100000"), 23, "posts_per_hour = 3");
    std::ofstream(config) << text;
    Outbox box = test::open_config_outbox(config);
    for (int i = 0; i < 5; ++i) {
      Submission r = test::sample_report();
      r.category = "afval/container-is-vol";
      r.text += " " + std::to_string(i);
      ASSERT_TRUE(box.submit(r).ok());
    }
  }
  auto sync = kioskctl(config, "sync");
  EXPECT_EQ(sync.code, 9) << sync.out;  // before: 8, like a failure
  EXPECT_EQ(world.signalen->signals().size(), 3u);
  EXPECT_NE(sync.out.find("paced: 2 waiting; at most 3 posts an hour, next post at"), std::string::npos) << sync.out;
  auto stats = kioskctl(config, "stats");
  EXPECT_NE(stats.out.find("waiting: paced"), std::string::npos) << stats.out;
  // The service says the same in its log, and its --once run exits the same way.
  std::string cmd = test::program_command(KIOSK_SYNC_PATH) + " --once --config " + config.string() + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string log;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) log.append(buf, n);
  int status = pclose(p);
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 9) << log;
  EXPECT_NE(log.find("signalen: 0 delivered, 0 retry, 0 parked, 0 answers, circuit closed; waiting, not failed: paced"),
            std::string::npos)
      << log;
}

// "Needs attention" shows every channel's parked rows: many of one channel do not hide another's.
TEST(kioskctl_sync_test, stats_lists_parked_rows_of_every_channel) {
  test::TempDir dir;
  test::SyncWorld world;
  auto outbox = dir / "outbox.sqlite";
  auto config = test::write_config_files(world, dir.path(), outbox);
  {
    Outbox box = test::open_config_outbox(config);
    auto park = [&](Submission s, const std::string& channel, const std::string& reason) {
      s.channels = {channel};
      auto receipt = box.submit(s);
      ASSERT_TRUE(receipt.ok());
      auto stored = box.find(receipt->reference);
      ASSERT_TRUE(stored.ok());
      ASSERT_TRUE(box.mark_parked(stored->row_id, channel, reason).ok());
    };
    for (int i = 0; i < 3; ++i)
      park(test::sample_report(), "signalen", "rejected by signalen (HTTP 400): signalen-" + std::to_string(i));
    for (int i = 0; i < 30; ++i) {
      Submission q = test::sample_question();
      q.text += " " + std::to_string(i);
      park(q, "openklant", "rejected by openklant (HTTP 400): openklant-" + std::to_string(i));
    }
  }
  auto stats = kioskctl(config, "stats");
  EXPECT_EQ(stats.code, 0) << stats.out;
  EXPECT_NE(stats.out.find("openklant: 30 parked"), std::string::npos) << stats.out;
  EXPECT_NE(stats.out.find("signalen: 3 parked"), std::string::npos) << stats.out;
  for (int i = 0; i < 3; ++i)
    EXPECT_NE(stats.out.find("signalen-" + std::to_string(i)), std::string::npos) << stats.out;
}

// The scrubber fails closed: without its word lists nothing goes to the public channel (the question is parked
// there with the reason, for the technician), while the other channels deliver as usual.
TEST(kioskctl_sync_test, nothing_is_posted_in_public_without_the_word_lists) {
  test::TempDir dir;
  test::SyncWorld world;
  // The kiosk's assets without privacy/: every other folder linked in.
  const std::filesystem::path assets = dir / "assets";
  std::filesystem::create_directories(assets);
  for (const auto& entry : std::filesystem::directory_iterator(KIOSK_SOURCE_ASSETS_DIR))
    if (entry.path().filename() != "privacy")
      std::filesystem::create_directory_symlink(entry.path(), assets / entry.path().filename());
  auto outbox = dir / "outbox.sqlite";
  auto config = test::write_config_files(world, dir.path(), outbox);
  {
    Outbox box = test::open_config_outbox(config);
    ASSERT_TRUE(box.submit(test::sample_question()).ok());
  }
  const std::string env = "KIOSK_ASSETS_DIR=" + assets.string() + " ";
  auto sync =
      test::run_shell(env + kiosk::test::program_command(KIOSKCTL_PATH) + " --config " + config.string() + " sync");
  EXPECT_EQ(world.openklant->contacts().size(), 1u) << sync.out;
  EXPECT_EQ(world.mastodon->statuses().size(), 0u) << sync.out;
  auto stats = kioskctl(config, "stats");
  EXPECT_NE(stats.out.find("word lists are missing"), std::string::npos) << stats.out;
}
