// Shared helpers for the tests: temporary directories, a ready-made valid submission, file hashing, and
// the emulator prefix for child programs in cross builds.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "kiosk/sync/submission.hpp"

// Cross builds (the cross preset) run the test binaries under qemu-user (CMAKE_CROSSCOMPILING_EMULATOR);
// tests/CMakeLists.txt passes the same emulator here so that the arm64 programs a test starts itself
// (kioskctl, kiosk-sync) go through it too. Empty in native builds.
#ifndef KIOSK_TEST_EMULATOR
#define KIOSK_TEST_EMULATOR ""
#endif

namespace kiosk::test {

// The emulator command line ("/usr/bin/qemu-aarch64-static", arguments separated by spaces), "" if native.
inline std::string emulator() { return KIOSK_TEST_EMULATOR; }
inline bool under_emulator() { return !emulator().empty(); }

// `word` in single quotes for /bin/sh.
inline std::string shell_quote(const std::string& word) {
  std::string q = "'";
  for (char c : word) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// How a test starts `program` through /bin/sh (system, popen): quoted, behind the emulator when cross.
inline std::string program_command(const std::string& program) {
  return under_emulator() ? emulator() + " " + shell_quote(program) : shell_quote(program);
}

// A fresh directory under $TMPDIR, removed when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kiosk-test-XXXXXX").string();
    char* p = mkdtemp(tmpl.data());
    m_path = p ? p : tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(m_path, ec);
  }
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

inline Submission sample_report() {
  Submission s;
  s.kind = Kind::report;
  s.language = "nl";
  s.category = "wegen-verkeer-straatmeubilair/losse-stoeptegel";
  s.location.text = "Marktplein, voor de bibliotheek";
  s.location.point = GeoPoint{52.090736, 5.121420};
  s.text = "Er ligt een losse stoeptegel voor de ingang van de bibliotheek. Mensen struikelen erover.";
  s.channels = {"signalen"};
  s.kiosk_id = "demo-bieb-01";
  return s;
}

inline Submission sample_question() {
  Submission s;
  s.kind = Kind::question;
  s.language = "nl";
  s.topic = "Afval ophalen";
  s.text = "Wanneer wordt het grofvuil in de Lindelaan opgehaald?";
  s.contact.email = "t.tester@example.nl";
  s.consents.contact = true;
  s.consents.publish = true;
  s.channels = {"openklant", "mastodon"};
  s.kiosk_id = "demo-bieb-01";
  return s;
}

// A shell command's exit code and its output (stdout and stderr).
struct Output {
  int code = -1;
  std::string out;
};
inline Output run_shell(const std::string& cmd) {
  Output r;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace kiosk::test
