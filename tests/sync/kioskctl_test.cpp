// End-to-end tests of the kioskctl binary: commands, --json output, exit codes, errors on stderr.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "kiosk/sync/refcode.hpp"
#include "test_support.hpp"

using kiosk::test::TempDir;
using nlohmann::json;

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
  std::string cmd = std::string("cd '") + dir.path().string() +
                    "' && KIOSK_CONFIG= " + kiosk::test::program_command(KIOSKCTL_PATH) + " " + args + " <'" +
                    in.string() + "' >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = kiosk::test::read_file(out);
  r.err = kiosk::test::read_file(err);
  return r;
}

const char* kReport =
    R"({"kind":"report","lang":"nl","category":"afval/container-is-vol","location":{"text":"Marktplein","point":[52.0907,5.1214]},"text":"De glasbak is vol."})";

extern "C" char** environ;

// kioskctl running with pipes on stdin and stdout (stderr goes to the test's), for talking to it while
// it runs.
struct Child {
  pid_t pid = -1;
  int in = -1;   // its stdin
  int out = -1;  // its stdout

  static Child start(const TempDir& dir, const std::string& args) {
    int in_pipe[2], out_pipe[2];
    EXPECT_EQ(pipe2(in_pipe, O_CLOEXEC), 0);
    EXPECT_EQ(pipe2(out_pipe, O_CLOEXEC), 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
    std::string cmd = "cd '" + dir.path().string() + "' && KIOSK_CONFIG= exec " +
                      kiosk::test::program_command(KIOSKCTL_PATH) + " " + args;
    const char* argv[] = {"/bin/sh", "-c", cmd.c_str(), nullptr};
    Child c;
    EXPECT_EQ(posix_spawn(&c.pid, "/bin/sh", &fa, nullptr, const_cast<char**>(argv), environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    close(in_pipe[0]);
    close(out_pipe[1]);
    c.in = in_pipe[1];
    c.out = out_pipe[0];
    return c;
  }
  bool write_all(const std::string& text) const {
    std::size_t off = 0;
    while (off < text.size()) {
      ssize_t n = ::write(in, text.data() + off, text.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      off += static_cast<std::size_t>(n);
    }
    return true;
  }
  // One line of its output; "" when none came within the time (a guard against hanging, not a speed test).
  std::string read_line(std::string& buf, int timeout_ms = 30'000) const {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      if (auto nl = buf.find('\n'); nl != std::string::npos) {
        std::string line = buf.substr(0, nl);
        buf.erase(0, nl + 1);
        return line;
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return "";
      pollfd p{out, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return "";
      char chunk[4096];
      ssize_t n = ::read(out, chunk, sizeof chunk);
      if (n <= 0) return "";
      buf.append(chunk, static_cast<std::size_t>(n));
    }
  }
  std::string read_rest() const {
    std::string all;
    char chunk[65536];
    ssize_t n;
    while ((n = ::read(out, chunk, sizeof chunk)) != 0) {
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      all.append(chunk, static_cast<std::size_t>(n));
    }
    return all;
  }
  void close_input() {
    if (in >= 0) close(in);
    in = -1;
  }
  int wait() {
    close_input();
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (out >= 0) close(out);
    out = -1;
    return status;
  }
};

std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> out;
  std::size_t start = 0, nl;
  while ((nl = text.find('\n', start)) != std::string::npos) {
    out.insert(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

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
  std::string lines =
      std::string(kReport) + "\n" + R"({"kind":"report","text":""})" + "\n" + "not json\n" + kReport + "\n";
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

// A caller that writes one submission and waits for its reference gets it without closing stdin
// (before: kioskctl read all of its input first, so this waited forever).
TEST(kioskctl_test, submit_answers_each_line_while_the_input_stays_open) {
  TempDir dir;
  Child c = Child::start(dir, "--db box.sqlite submit");
  std::string buf;
  std::vector<std::string> refs;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.write_all(std::string(kReport) + "\n"));
    std::string ref = c.read_line(buf);
    ASSERT_FALSE(ref.empty()) << "no reference for line " << i + 1 << " while stdin is still open";
    EXPECT_TRUE(kiosk::refcode::verify(ref)) << ref;
    refs.push_back(ref);
  }
  int status = c.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  for (const auto& ref : refs) EXPECT_EQ(kioskctl(dir, "--db box.sqlite show " + ref).code, 0);
}

// One object spread over lines is still one submission.
TEST(kioskctl_test, submit_reads_an_object_spread_over_lines) {
  TempDir dir;
  std::string pretty = json::parse(kReport).dump(2);
  auto r = kioskctl(dir, "--db box.sqlite submit", pretty);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(lines_of(r.out).size(), 1u) << r.out;
  auto open = kioskctl(dir, "--db box.sqlite submit", "{\"kind\":\"report\",\n" + std::string(kReport) + "\n");
  EXPECT_EQ(open.code, 3) << open.err;  // the first line is reported, the second stored
  EXPECT_EQ(lines_of(open.out).size(), 1u) << open.out;
  EXPECT_NE(open.err.find("line 1"), std::string::npos) << open.err;
}

// SIGKILL at random moments while submissions stream in: every stored submission's reference reached
// the caller (before: references sat in a 4 KiB output buffer, so nearly every kill after a commit left
// stored rows whose references the caller never saw: 517 of 16,039 rows over 50 kills).
// The outbox lives in memory (/dev/shm) so that the fsync of a commit does not widen the one window that
// is inherent: between a commit reaching the log and its references reaching the pipe (a reference is
// only given for a durable row), a few microseconds of CPU, longer only when the machine preempts the
// process right there. At most one kill in 25 may land in it; the figures are printed.
TEST(kioskctl_test, a_killed_submit_has_told_the_caller_every_reference_it_stored) {
  TempDir dir;
  signal(SIGPIPE, SIG_IGN);
  std::filesystem::path db = std::filesystem::is_directory("/dev/shm")
                                 ? std::filesystem::path("/dev/shm") / (dir.path().filename().string() + ".sqlite")
                                 : dir / "box.sqlite";
  struct Remove {
    std::filesystem::path p;
    ~Remove() {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix, ec);
    }
  } remove_db{db};
  const std::string box = "--db " + kiosk::test::shell_quote(db.string());
  auto synth = kioskctl(dir, "synth -n 1500 --seed 11");
  ASSERT_EQ(synth.code, 0);
  std::vector<std::string> input;
  {
    std::size_t start = 0, nl;
    while ((nl = synth.out.find('\n', start)) != std::string::npos) {
      input.push_back(synth.out.substr(start, nl - start + 1));
      start = nl + 1;
    }
  }
  // Kills spread over a whole run, however fast this machine is: one uncut run tells how long that is.
  std::string all;
  for (const auto& l : input) all += l;
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(kioskctl(dir, "--db calibrate.sqlite submit", all).code, 0);
  auto run_us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  auto stored_refs = [&] {
    std::set<std::string> stored;
    auto list = kioskctl(dir, box + " --json list --limit 1000000");
    if (list.code == 0)
      for (const auto& row : json::parse(list.out)) stored.insert(row["reference"].get<std::string>());
    return stored;
  };

  std::mt19937 rng(20261202);
  constexpr int kKills = 50;
  std::size_t stored_total = 0, seen_total = 0, missing_total = 0, not_stored = 0;
  int kills_storing = 0, kills_missing = 0;
  std::set<std::string> before;
  for (int k = 0; k < kKills; ++k) {
    Child c = Child::start(dir, box + " submit");
    std::size_t lines = std::uniform_int_distribution<std::size_t>(1, input.size())(rng);
    std::thread writer([&c, &input, lines] {
      std::mt19937 local(static_cast<unsigned>(lines));
      std::size_t i = 0;
      while (i < lines) {
        std::size_t n = std::uniform_int_distribution<std::size_t>(1, 200)(local);
        std::string chunk;
        for (std::size_t j = 0; j < n && i < lines; ++j, ++i) chunk += input[i];
        if (!c.write_all(chunk)) break;  // killed
      }
      c.close_input();
    });
    std::string out;
    std::thread reader([&c, &out] { out = c.read_rest(); });
    std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<std::int64_t>(0, run_us)(rng)));
    kill(c.pid, SIGKILL);
    writer.join();
    reader.join();
    c.wait();
    std::set<std::string> seen = lines_of(out), after = stored_refs();
    std::size_t added = 0, missing = 0;
    for (const auto& ref : after)
      if (!before.count(ref)) {
        ++added;
        missing += seen.count(ref) == 0;
      }
    for (const auto& ref : seen) not_stored += after.count(ref) == 0;
    stored_total += added;
    seen_total += seen.size();
    missing_total += missing;
    kills_storing += added > 0;
    kills_missing += missing > 0;
    before = std::move(after);
  }
  std::cout << "kill test: " << kKills << " kills (" << kills_storing << " after a commit), " << stored_total
            << " stored, " << seen_total << " references read; " << missing_total << " stored rows without a reference"
            << " read, in " << kills_missing << " kills\n";
  EXPECT_GT(kills_storing, 0) << "no kill came late enough to store anything";
  EXPECT_EQ(not_stored, 0u) << "references were given for rows that are not stored";
  EXPECT_LE(kills_missing * 25, kKills) << "stored rows whose references never reached the caller";
}

TEST(kioskctl_test, scrub_prints_the_scrubbed_text_and_the_spans) {
  TempDir dir;
  auto r = kioskctl(dir, "scrub", "Ik woon op Lindelaan 4, bel 06-12345678.\n");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "Ik woon op […], bel […].\n  address 11..22: Lindelaan 4\n  phone 28..39: 06-12345678\n");

  auto j = kioskctl(dir, "scrub --json",
                    "{\"id\":\"nl-1\",\"text\":\"mail jan [at] ziggo [dot] nl\"}\n{\"text\":\"kenteken 12-ABC-3\"}\n");
  ASSERT_EQ(j.code, 0) << j.err;
  std::istringstream lines(j.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  const auto a = json::parse(first), b = json::parse(second);
  EXPECT_EQ(a["id"], "nl-1");
  EXPECT_EQ(a["text"], "mail […]");
  EXPECT_EQ(a["found"][0]["kind"], "email");
  EXPECT_EQ(b["found"][0]["kind"], "plate");
  EXPECT_EQ(b["found"][0]["text"], "12-ABC-3");
}

// Without its word lists the scrubber finds less: kioskctl scrub refuses and names the missing files.
TEST(kioskctl_test, scrub_without_word_lists_is_a_file_error) {
  TempDir dir;
  const std::string cmd = std::string("cd '") + dir.path().string() + "' && KIOSK_ASSETS_DIR='" + dir.path().string() +
                          "' " + kiosk::test::program_command(KIOSKCTL_PATH) + " scrub </dev/null >out.txt 2>err.txt";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 7);  // file
  EXPECT_NE(kiosk::test::read_file(dir / "err.txt").find("privacy/words.txt"), std::string::npos);
}

// Without the name tagger's model the rules still run (the kiosk posts with them alone): kioskctl scrub runs and
// warns that names are found by the rules only.
TEST(kioskctl_test, scrub_without_the_name_model_warns_and_runs_on_the_rules) {
  TempDir dir;
  std::filesystem::copy(std::filesystem::path(KIOSK_SOURCE_ASSETS_DIR) / "privacy", dir / "privacy",
                        std::filesystem::copy_options::recursive);
  std::filesystem::remove(dir / "privacy" / "name_tagger.txt");
  const std::string cmd = std::string("cd '") + dir.path().string() +
                          "' && echo 'bel 06-12345678' | KIOSK_ASSETS_DIR='" + dir.path().string() + "' " +
                          kiosk::test::program_command(KIOSKCTL_PATH) + " scrub >out.txt 2>err.txt";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(kiosk::test::read_file(dir / "out.txt").find("bel […]"), std::string::npos);
  const std::string err = kiosk::test::read_file(dir / "err.txt");
  EXPECT_NE(err.find("warning"), std::string::npos) << err;
  EXPECT_NE(err.find("name_tagger.txt"), std::string::npos) << err;
}
