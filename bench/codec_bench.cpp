// Codec benchmark: bytes per stored submission on a held-out set of synthetic submissions (a seed the
// shipped dictionary was not trained on): raw JSON, zstd level 3 without dictionary, zstd with the
// trained dictionary; and compression / decompression throughput.
//   build/bench/codec_bench [COUNT]   (default 1000 held-out submissions)
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "kiosk/sync/codec.hpp"
#include "kiosk/sync/submission.hpp"
#include "kiosk/sync/synth.hpp"

using namespace kiosk;
using SteadyClock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  std::size_t count = argc > 1 ? static_cast<std::size_t>(std::atol(argv[1])) : 1000;
  auto dict = load_latest_dictionary(std::filesystem::path(KIOSK_SOURCE_ASSETS_DIR) / "dict");
  if (!dict) {
    fmt::print(stderr, "no dictionary: {}\n", dict.error().message);
    return 1;
  }
  // Seed 1 trained the shipped dictionary (kioskctl dict train --seed 1); 424242 is held out.
  auto subs = synth_submissions(424242, count);
  std::vector<std::string> raw;
  std::size_t raw_bytes = 0;
  for (const auto& s : subs) {
    raw.push_back(to_json(s).dump());
    raw_bytes += raw.back().size();
  }
  Codec plain(3), with(3);
  if (!with.add_dictionary(*dict, true)) return 1;
  std::size_t plain_bytes = 0, dict_bytes = 0;
  std::vector<std::string> frames;
  for (const auto& r : raw) {
    plain_bytes += plain.compress(r)->size();
    frames.push_back(*with.compress(r));
    dict_bytes += frames.back().size();
  }
  // Lossless check.
  for (std::size_t i = 0; i < raw.size(); ++i)
    if (*with.decompress(frames[i], dict->id) != raw[i]) {
      fmt::print(stderr, "round trip failed at {}\n", i);
      return 1;
    }
  double n = static_cast<double>(count);
  fmt::print("codec_bench: {} held-out synthetic submissions, dictionary {} ({} bytes, id {})\n", count, dict->name,
             dict->bytes.size(), dict->id);
  fmt::print("  raw JSON               {:7.1f} bytes/submission  100.0 %\n", raw_bytes / n);
  fmt::print("  zstd -3, no dictionary {:7.1f} bytes/submission  {:5.1f} % of raw\n", plain_bytes / n,
             100.0 * plain_bytes / raw_bytes);
  fmt::print("  zstd -3, dictionary    {:7.1f} bytes/submission  {:5.1f} % of raw, {:5.1f} % of no-dictionary"
             "   (targets <= 40 %, <= 60 %)\n",
             dict_bytes / n, 100.0 * dict_bytes / raw_bytes, 100.0 * dict_bytes / plain_bytes);

  // Generalisation: a dictionary trained on half of the phrase pools, measured on submissions whose
  // texts come only from the other half (structure and vocabulary shared, sentences never seen).
  {
    SynthOptions train_half, test_half;
    train_half.phrase_half = 0;
    test_half.phrase_half = 1;
    std::vector<std::string> train;
    for (const auto& s : synth_submissions(1, 5000, train_half)) train.push_back(to_json(s).dump());
    auto half_dict = train_dictionary(train, dict->bytes.size(), "half");
    Codec hc(3);
    if (!half_dict || !hc.add_dictionary(*half_dict, true)) return 1;
    std::size_t r = 0, p = 0, d = 0;
    for (const auto& s : synth_submissions(424242, count, test_half)) {
      auto j = to_json(s).dump();
      r += j.size();
      p += plain.compress(j)->size();
      d += hc.compress(j)->size();
    }
    fmt::print("  unseen sentences: dictionary {:5.1f} % of raw, {:5.1f} % of no-dictionary (trained on the other half)\n",
               100.0 * d / r, 100.0 * d / p);
  }

  const int kReps = 20;
  auto t0 = SteadyClock::now();
  std::size_t sink = 0;
  for (int k = 0; k < kReps; ++k)
    for (const auto& r : raw) sink += with.compress(r)->size();
  double c_s = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  t0 = SteadyClock::now();
  for (int k = 0; k < kReps; ++k)
    for (const auto& f : frames) sink += with.decompress(f, dict->id)->size();
  double d_s = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  double mb = static_cast<double>(raw_bytes) * kReps / 1e6;
  fmt::print("  compress (dictionary)  {:7.1f} MB/s of JSON ({:.1f} us per submission)\n", mb / c_s,
             1e6 * c_s / (n * kReps));
  fmt::print("  decompress             {:7.1f} MB/s of JSON ({:.1f} us per submission)   [{}]\n", mb / d_s,
             1e6 * d_s / (n * kReps), sink % 10);
  return 0;
}
