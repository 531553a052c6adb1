// Scrubber benchmark: recall per kind and per language and false removals on the labelled privacy set
// (tests/data/privacy/: the development parts the rules were tuned on, and the held-out part when present, written
// apart and never tuned on, whose misses are never printed; scrubber_eval::kDevelopmentParts says which is which),
// then throughput (snippets per second, microseconds per snippet).
//   build/noui/bench/scrubber_bench [SET.jsonl ...] [--misses]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/sync/scrubber.hpp"
#include "scrubber_eval.hpp"

using namespace kiosk;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<std::string> files;
  bool misses = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--misses") {
      misses = true;
    } else {
      files.push_back(a);
    }
  }
  const fs::path data = fs::path(KIOSK_SOURCE_ASSETS_DIR).parent_path() / "tests" / "data" / "privacy";
  if (files.empty()) {
    std::vector<std::string> names = scrubber_eval::development_parts();
    names.push_back(scrubber_eval::held_out_part());
    for (const std::string& name : names) {
      if (fs::exists(data / name)) {
        files.push_back((data / name).string());
      } else {
        std::printf("note: %s is absent (not yet written?): its figures are left out\n", name.c_str());
      }
    }
  }
  if (auto st = scrubber_data_status(); !st) std::printf("warning: %s\n", st.error().message.c_str());
  if (auto st = scrubber_model_status(); !st) std::printf("warning: %s\n", st.error().message.c_str());
  std::vector<scrubber_eval::Snippet> all;
  for (const std::string& f : files) {
    auto set = scrubber_eval::load(f);
    if (!set) {
      std::fprintf(stderr, "%s\n", set.error().message.c_str());
      return 3;
    }
    const auto report = scrubber_eval::evaluate(*set);
    scrubber_eval::print(stdout, fs::path(f).filename().string(), report);
    if (misses && fs::path(f).filename() != scrubber_eval::held_out_part()) {
      for (const auto& m : report.misses)
        std::printf("  missed %s %s: %s\n", m.id.c_str(), std::string(pii_kind_name(m.kind)).c_str(), m.span.c_str());
      for (const auto& id : report.touched_clean)
        for (const auto& s : *set)
          if (s.id == id) std::printf("  touched clean %s: %s\n", id.c_str(), scrub_personal_data(s.text).text.c_str());
      for (const auto& [id, runs] : report.removed_outside)
        std::printf("  removed outside %s: %s\n", id.c_str(), runs.c_str());
    }
    all.insert(all.end(), set->begin(), set->end());
  }
  if (all.empty()) {
    std::printf("no labelled set found in %s\n", data.string().c_str());
    return 0;
  }
  // Throughput: every snippet scrubbed, repeated for at least 1 s.
  std::size_t n = 0, bytes = 0;
  const auto t0 = std::chrono::steady_clock::now();
  double secs = 0;
  while (secs < 1.0) {
    for (const auto& s : all) {
      bytes += scrub_personal_data(s.text).text.size();
      ++n;
    }
    secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  std::printf("throughput: %zu snippets in %.2f s: %.0f snippets/s, %.1f us per snippet (%zu bytes out)\n", n, secs,
              static_cast<double>(n) / secs, 1e6 * secs / static_cast<double>(n), bytes);
  return 0;
}
