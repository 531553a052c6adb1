// Codec benchmark: bytes per stored submission on the held-out set (tests/data/heldout_submissions.jsonl,
// written apart from the training generator and never trained on), stored through a real outbox:
//   no compression (the submission JSON) · plain per-record zstd of the JSON · the shipped dictionary
//   (payload v2) · a dictionary the outbox trained on the kiosk's own earlier submissions
//   (tests/data/heldout_history.jsonl, then Outbox::retrain_dictionary) · and, for reference, what
//   the outbox stored before payload v2 (JSON with submissions-v1.zdict); then throughput.
//   build/dev/bench/codec_bench [HELDOUT.jsonl [HISTORY.jsonl]]
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "kiosk/sync/codec.hpp"
#include "kiosk/sync/outbox.hpp"
#include "kiosk/sync/submission.hpp"

using namespace kiosk;
using SteadyClock = std::chrono::steady_clock;
namespace fs = std::filesystem;

namespace {

std::vector<Submission> read_jsonl(const fs::path& file) {
  std::ifstream in(file);
  std::vector<Submission> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto s = parse_submission(line);
    if (!s) {
      fmt::print(stderr, "{}: {}\n", file.string(), s.error().message);
      std::exit(1);
    }
    out.push_back(std::move(*s));
  }
  return out;
}

struct Stored {
  std::vector<StoredSubmission> rows;  // the held-out rows as stored (uuid, reference, offset assigned)
  std::int64_t payload_bytes = 0;      // their stored payload bytes
};

// Stores `before` (not measured), then the held-out set; returns the held-out rows and their bytes.
Stored store(const fs::path& dir, const std::string& name, const std::optional<Dictionary>& shipped,
             const std::vector<Submission>& before, bool retrain, const std::vector<Submission>& heldout) {
  OutboxOptions o;
  o.path = dir / (name + ".db");
  o.dictionary = shipped;
  auto box = Outbox::open(o);
  if (!box) {
    fmt::print(stderr, "outbox: {}\n", box.error().message);
    std::exit(1);
  }
  std::int64_t skip_rows = 0;
  if (!before.empty()) {
    if (auto r = box->submit_batch(before); !r) {
      fmt::print(stderr, "submit: {}\n", r.error().message);
      std::exit(1);
    }
    skip_rows = static_cast<std::int64_t>(before.size());
  }
  if (retrain) {
    auto id = box->retrain_dictionary();
    if (!id || *id == kNoDictionary) {
      fmt::print(stderr, "retraining did not happen: {}\n", id ? "not due" : id.error().message);
      std::exit(1);
    }
  }
  auto s0 = box->stats();
  if (auto r = box->submit_batch(heldout); !r) {
    fmt::print(stderr, "submit: {}\n", r.error().message);
    std::exit(1);
  }
  auto s1 = box->stats();
  Stored out;
  out.payload_bytes = s1->stored_payload_bytes - s0->stored_payload_bytes;
  (void)box->for_each([&](const StoredSubmission& s) {
    if (s.row_id > skip_rows) out.rows.push_back(s);
    return true;
  });
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path data = fs::path(KIOSK_SOURCE_ASSETS_DIR) / ".." / "tests" / "data";
  fs::path heldout_file = argc > 1 ? fs::path(argv[1]) : data / "heldout_submissions.jsonl";
  fs::path history_file = argc > 2 ? fs::path(argv[2]) : data / "heldout_history.jsonl";
  auto shipped = load_latest_dictionary(fs::path(KIOSK_SOURCE_ASSETS_DIR) / "dict");
  auto old_dict = load_dictionary(fs::path(KIOSK_SOURCE_ASSETS_DIR) / "dict" / "submissions-v1.zdict");
  if (!shipped || !old_dict) {
    fmt::print(stderr, "no dictionary: {}\n", (!shipped ? shipped : old_dict).error().message);
    return 1;
  }
  auto heldout = read_jsonl(heldout_file);
  auto history = read_jsonl(history_file);
  if (heldout.empty()) return 1;

  fs::path dir = fs::temp_directory_path() / ("codec_bench." + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto with_shipped = store(dir, "shipped", *shipped, {}, false, heldout);
  auto own = store(dir, "own", *shipped, history, true, heldout);
  auto none = store(dir, "none", std::nullopt, {}, false, heldout);
  fs::remove_all(dir);

  // JSON, plain zstd per record and the old encoding, of exactly the submissions as stored.
  Codec plain(3), before(3);
  if (!before.add_dictionary(*old_dict, true)) return 1;
  double n = static_cast<double>(heldout.size());
  std::int64_t raw = 0, zstd = 0, old = 0;
  std::map<std::string, std::pair<std::int64_t, int>> per_lang;  // shipped bytes and count per language
  for (const auto& s : with_shipped.rows) {
    auto j = to_json(s.submission).dump();
    raw += static_cast<std::int64_t>(j.size());
    zstd += static_cast<std::int64_t>(plain.compress_plain(j)->size());
    old += static_cast<std::int64_t>(before.compress(j)->size());
    auto& l = per_lang[s.submission.language];
    l.first += static_cast<std::int64_t>(s.stored_bytes);
    l.second += 1;
  }
  auto line = [&](const char* what, std::int64_t bytes) {
    fmt::print("  {:<44} {:6.1f} B/submission  {:5.2f}x raw  {:5.2f}x plain zstd\n", what, bytes / n,
               static_cast<double>(bytes) / raw, static_cast<double>(bytes) / zstd);
  };
  fmt::print("codec_bench: {} held-out submissions ({}), stored through the outbox (payload v{})\n", heldout.size(),
             heldout_file.filename().string(), kCodecVersion);
  line("no compression (submission JSON)", raw);
  line("plain per-record zstd -3 of the JSON", zstd);
  line("before: JSON + submissions-v1.zdict", old);
  line(("no dictionary, payload v2"), none.payload_bytes);
  line(("shipped dictionary " + shipped->name + ", payload v2").c_str(), with_shipped.payload_bytes);
  line(fmt::format("kiosk's own dictionary ({} earlier submissions)", history.size()).c_str(), own.payload_bytes);
  fmt::print("  goal: <= 152 B/submission and <= 0.45x plain zstd with the shipped dictionary\n");
  fmt::print("  shipped dictionary per language:");
  for (const auto& [lang, v] : per_lang)
    fmt::print(" {} {:.0f} B ({})", lang, static_cast<double>(v.first) / v.second, v.second);
  fmt::print("\n");

  // Throughput of the stored encoding with the shipped dictionary.
  Codec codec(3);
  if (!codec.add_dictionary(*shipped, true)) return 1;
  std::vector<std::string> payloads;
  for (const auto& s : with_shipped.rows) payloads.push_back(*codec.encode(s.submission));
  const int kReps = 20;
  std::size_t sink = 0;
  auto t0 = SteadyClock::now();
  for (int k = 0; k < kReps; ++k)
    for (const auto& s : with_shipped.rows) sink += codec.encode(s.submission)->size();
  double c_s = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  t0 = SteadyClock::now();
  for (int k = 0; k < kReps; ++k)
    for (const auto& p : payloads) {
      auto d = codec.decode(p, shipped->id);
      if (!d) {
        fmt::print(stderr, "decode failed: {}\n", d.error().message);
        return 1;
      }
      sink += d->text.size();
    }
  double d_s = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  fmt::print("  encode {:.1f} us, decode {:.1f} us per submission   [{}]\n", 1e6 * c_s / (n * kReps),
             1e6 * d_s / (n * kReps), sink % 10);
  return 0;
}
