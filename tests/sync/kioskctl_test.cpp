// End-to-end tests of the kioskctl binary: commands, --json output, exit codes, errors on stderr.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "kiosk/sync/refcode.hpp"
#include "test_support.hpp"

using nlohmann::json;
using kiosk::test::TempDir;

namespace {

struct Run {
  int code = -1;
  std::string out, err;
};

// Runs kioskctl with args through /bin/sh (behind the emulator in cross builds), feeding `input` on stdin.
Run kioskctl(const TempDir& dir, const std::string& args, const std::string& input = "") {
  auto in = dir / "stdin.txt", out = dir / "stdout.txt", err = dir / "stderr.txt";
  {
    std::ofstream f(in, std::ios::binary);
    f << input;
  }
  std::string cmd = std::string("cd '") + dir.path().string() + "' && KIOSK_CONFIG= " +
                    kiosk::test::program_command(KIOSKCTL_PATH) + " " + args +
                    " <'" + in.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = kiosk::test::read_file(out);
  r.err = kiosk::test::read_file(err);
  return r;
}

const char* kReport =
    R"({"kind":"report","lang":"nl","category":"afval/container-is-vol","location":{"text":"Marktplein","point":[52.0907,5.1214]},"text":"De glasbak is vol."})";

}  // namespace

TEST(kioskctl_test, submit_prints_a_reference_and_show_finds_it) {
  TempDir dir;
  auto r = kioskctl(dir, "--db box.sqlite submit", kReport);
  ASSERT_EQ(r.code, 0) << r.err;
  std::string ref = r.out.substr(0, r.out.find('\n'));
  EXPECT_TRUE(kiosk::refcode::verify(ref)) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;

  auto show = kioskctl(dir, "--db box.sqlite --json show " + kiosk::refcode::group(ref));
  ASSERT_EQ(show.code, 0) << show.err;
  auto j = json::parse(show.out);
  EXPECT_EQ(j["text"], "De glasbak is vol.");
  EXPECT_EQ(j["deliveries"][0]["channel"], "signalen");  // routed by the demo configuration
  EXPECT_EQ(j["deliveries"][0]["state"], "pending");
}

TEST(kioskctl_test, json_lines_report_bad_lines_and_store_the_good_ones) {
  TempDir dir;
  std::string lines = std::string(kReport) + "\n" + R"({"kind":"report","text":""})" + "\n" + "not json\n" + kReport + "\n";
  auto r = kioskctl(dir, "--db box.sqlite --json submit", lines);
  EXPECT_EQ(r.code, 3) << r.err;  // invalid input
  int refs = 0;
  std::size_t start = 0, nl;
  while ((nl = r.out.find('\n', start)) != std::string::npos) {
    auto j = json::parse(r.out.substr(start, nl - start));
    EXPECT_TRUE(kiosk::refcode::verify(j["reference"].get<std::string>()));
    ++refs;
    start = nl + 1;
  }
  EXPECT_EQ(refs, 2);
  EXPECT_NE(r.err.find("\"context\":\"line 2\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\"context\":\"line 3\""), std::string::npos) << r.err;
  auto stats = kioskctl(dir, "--db box.sqlite --json stats");
  ASSERT_EQ(stats.code, 0);
  EXPECT_EQ(json::parse(stats.out)["submissions"], 2);
}

TEST(kioskctl_test, stats_export_import_round_trip) {
  TempDir dir;
  auto synth = kioskctl(dir, "synth -n 50 --seed 3");
  ASSERT_EQ(synth.code, 0);
  ASSERT_EQ(kioskctl(dir, "--db a.sqlite submit", synth.out).code, 0);
  auto ex = kioskctl(dir, "--db a.sqlite export q.kbundle");
  ASSERT_EQ(ex.code, 0) << ex.err;
  auto im = kioskctl(dir, "--db b.sqlite --json import q.kbundle");
  ASSERT_EQ(im.code, 0) << im.err;
  EXPECT_EQ(json::parse(im.out)["added"], 50);
  auto again = kioskctl(dir, "--db b.sqlite --json import q.kbundle");
  EXPECT_EQ(json::parse(again.out)["added"], 0);
  auto sa = json::parse(kioskctl(dir, "--db a.sqlite --json stats").out);
  auto sb = json::parse(kioskctl(dir, "--db b.sqlite --json stats").out);
  EXPECT_EQ(sa["submissions"], sb["submissions"]);
  EXPECT_EQ(sa["deliveries"], sb["deliveries"]);
  EXPECT_GT(sa["raw_payload_bytes"].get<long>(), sa["stored_payload_bytes"].get<long>());
}

TEST(kioskctl_test, exit_codes_mean_something) {
  TempDir dir;
  EXPECT_EQ(kioskctl(dir, "--db box.sqlite show DM-0000-0000").code, 4) << "missing database is 'not found'";
  ASSERT_EQ(kioskctl(dir, "--db box.sqlite submit", kReport).code, 0);
  auto typo = kioskctl(dir, "--db box.sqlite show DM-0000-0001");
  EXPECT_EQ(typo.code, 3);
  EXPECT_NE(typo.err.find("typing error"), std::string::npos) << typo.err;
  EXPECT_EQ(kioskctl(dir, "--db box.sqlite frobnicate").code, 2);
  {
    std::ofstream bad(dir / "bad.toml");
    bad << "format = 1\n[kiosk]\nid = 3\n";
  }
  auto cfg = kioskctl(dir, "--config bad.toml stats");
  EXPECT_EQ(cfg.code, 6);
  EXPECT_NE(cfg.err.find("bad.toml:3"), std::string::npos) << cfg.err;
  {
    std::ofstream junk(dir / "junk.sqlite");
    junk << std::string(8192, 'x');
  }
  auto corrupt = kioskctl(dir, "--db junk.sqlite stats");
  EXPECT_EQ(corrupt.code, 5);
  EXPECT_NE(corrupt.err.find("damaged"), std::string::npos) << corrupt.err;
  EXPECT_EQ(kioskctl(dir, "--db box.sqlite import missing.kbundle").code, 2);  // CLI11 checks the file exists
}

TEST(kioskctl_test, purge_and_check) {
  TempDir dir;
  ASSERT_EQ(kioskctl(dir, "--db box.sqlite submit", kReport).code, 0);
  auto p = kioskctl(dir, "--db box.sqlite --json purge --days 0");
  ASSERT_EQ(p.code, 0) << p.err;
  EXPECT_EQ(json::parse(p.out)["purged"], 0);  // nothing delivered yet, so nothing may go
  auto c = kioskctl(dir, "--db box.sqlite check");
  EXPECT_EQ(c.code, 0);
  EXPECT_NE(c.out.find("ok"), std::string::npos);
}
