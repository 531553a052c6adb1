// The demo municipality (tests/servers/demo/demo_municipality.cpp) as a newcomer uses it: the program
// serves the four channels on the ports of a configuration, the real sync (kioskctl sync) delivers a
// question and a report to it, its commands answer, reply, close and publish news, and the next sync
// brings every answer and the handled state back into the outbox the look-up reads.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "kiosk/sync/config.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/setup.hpp"
#include "test_support.hpp"

namespace kiosk::test {
namespace {

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  ::close(fd);
  return ntohs(a.sin_port);
}

struct Demo {
  TempDir dir;
  int admin = free_port();
  std::filesystem::path config = dir / "kiosk.toml";
  pid_t pid = 0;

  Demo() {
    // The demo configuration with free ports and this directory's outbox and secrets.
    std::string text = read_file(std::string(KIOSK_SOURCE_ASSETS_DIR) + "/config/demo.toml");
    for (int p = 18081; p <= 18084; ++p)
      text = std::regex_replace(text, std::regex("127\\.0\\.0\\.1:" + std::to_string(p)),
                                "127.0.0.1:" + std::to_string(free_port()));
    text = std::regex_replace(text, std::regex("kiosk-data/"), (dir.path() / "").string());
    text = std::regex_replace(text, std::regex("answer_poll_interval_s = [0-9]+"), "answer_poll_interval_s = 1");
    std::ofstream(config) << text;
    std::string log = (dir / "demo.log").string();
    auto r =
        run_shell(program_command(DEMO_MUNICIPALITY_PATH) + " --admin-port " + std::to_string(admin) +
                  " serve --config " + shell_quote(config.string()) + " > " + shell_quote(log) + " 2>&1 & echo $!");
    pid = std::atoi(r.out.c_str());
    httplib::Client c("127.0.0.1", admin);
    for (int i = 0; i < 500 && !c.Get("/list"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~Demo() {
    if (pid > 0) ::kill(pid, SIGTERM);
  }
  Output cmd(const std::string& args) {
    return run_shell(program_command(DEMO_MUNICIPALITY_PATH) + " --admin-port " + std::to_string(admin) + " " + args);
  }
  Output sync() {
    return run_shell(program_command(KIOSKCTL_PATH) + " --config " + shell_quote(config.string()) + " sync");
  }
};

TEST(demo_municipality_test, an_answer_a_reply_and_a_closing_come_back_to_the_kiosk) {
  Demo demo;
  ASSERT_TRUE(std::filesystem::exists(demo.dir / "secrets.toml")) << read_file(demo.dir / "demo.log");
  auto config = load_config_file(demo.config);
  ASSERT_TRUE(config.ok()) << config.error().message;
  auto options = outbox_options(*config);
  ASSERT_TRUE(options.ok());
  auto box = Outbox::open(*options);
  ASSERT_TRUE(box.ok()) << box.error().message;
  auto question = box->submit(sample_question());
  Submission rep = sample_report();
  rep.category = "afval/container-is-vol";  // a category of the shipped tree, which kioskctl reads
  auto report = box->submit(rep);
  ASSERT_TRUE(question.ok() && report.ok());
  const std::string q = refcode::group(question->reference), r = refcode::group(report->reference);

  auto first = demo.sync();
  ASSERT_TRUE(first.code == 0 || first.code == 9) << first.out;  // 9: Signalen's pacing waits, nothing failed
  EXPECT_EQ(demo.cmd("answer " + q + " 'Het grofvuil komt op dinsdag.'").code, 0);
  EXPECT_EQ(demo.cmd("reply " + q + " 'Zie ook onze website.'").code, 0);
  EXPECT_EQ(demo.cmd("close " + r + " 'De tegel ligt weer vast.'").code, 0);
  EXPECT_EQ(demo.cmd("answer DM-0000-0000 'nobody'").code, 4);  // no such item: not found
  EXPECT_EQ(demo.cmd("news --urgent 'De Lindelaan is afgesloten.'").code, 0);

  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // answer_poll_interval_s = 1
  auto second = demo.sync();
  ASSERT_TRUE(second.code == 0 || second.code == 9) << second.out;

  auto qs = box->find(question->reference);
  ASSERT_TRUE(qs.ok());
  std::set<std::pair<std::string, std::string>> answers;
  for (const auto& a : qs->answers) answers.emplace(a.channel, a.text);
  EXPECT_TRUE(answers.count({"openklant", "Het grofvuil komt op dinsdag."})) << qs->answers.size();
  EXPECT_TRUE(answers.count({"mastodon", "Zie ook onze website."})) << qs->answers.size();

  auto rs = box->find(report->reference);
  ASSERT_TRUE(rs.ok());
  ASSERT_FALSE(rs->status_changes.empty());
  EXPECT_EQ(rs->status_changes.back().status, "CLOSED");
  ASSERT_EQ(rs->answers.size(), 1u);
  EXPECT_EQ(rs->answers[0].text, "De tegel ligt weer vast.");

  // The urgent news is a pinned status tagged #crisis on the municipality's account.
  std::string masto = config->channels.at("mastodon").base_url;
  httplib::Client c(masto);
  auto st = c.Get("/api/v1/accounts/109999/statuses", {{"Authorization", "Bearer test-token-masto"}});
  ASSERT_TRUE(st);
  auto list = nlohmann::json::parse(st->body);
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0]["pinned"], true);
  EXPECT_EQ(list[0]["tags"][0]["name"], "crisis");
}

TEST(demo_municipality_test, a_command_without_a_running_server_says_so) {
  TempDir dir;
  auto r = run_shell(program_command(DEMO_MUNICIPALITY_PATH) + " --admin-port " + std::to_string(free_port()) +
                     " answer DM-0000-0000 x");
  EXPECT_EQ(r.code, 8) << r.out;
  EXPECT_NE(r.out.find("serve"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace kiosk::test
