// Tests for the zstd payload codec and dictionaries.
#include "kiosk/sync/codec.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "kiosk/sync/submission.hpp"
#include "kiosk/sync/synth.hpp"
#include "test_support.hpp"

using namespace kiosk;

namespace {
std::vector<std::string> docs(std::uint64_t seed, std::size_t n) {
  std::vector<std::string> out;
  for (const auto& s : synth_submissions(seed, n)) out.push_back(to_json(s).dump());
  return out;
}
}  // namespace

TEST(codec_test, round_trips_with_and_without_dictionary) {
  auto train = docs(1, 500);
  auto dict = train_dictionary(train, 16 * 1024, "t.zdict");
  ASSERT_TRUE(dict.ok()) << dict.error().message;
  Codec codec;
  ASSERT_TRUE(codec.add_dictionary(*dict, true).ok());
  for (const auto& d : docs(99, 50)) {
    auto with = codec.compress(d);
    auto plain = codec.compress_plain(d);
    ASSERT_TRUE(with.ok() && plain.ok());
    EXPECT_EQ(*codec.decompress(*with, dict->id), d);
    EXPECT_EQ(*codec.decompress(*plain, kNoDictionary), d);
  }
}

TEST(codec_test, shipped_dictionary_beats_plain_zstd_on_held_out_data) {
  auto dict = load_latest_dictionary(std::filesystem::path(KIOSK_SOURCE_ASSETS_DIR) / "dict");
  ASSERT_TRUE(dict.ok()) << dict.error().message;
  Codec codec;
  ASSERT_TRUE(codec.add_dictionary(*dict, true).ok());
  std::size_t raw = 0, plain = 0, with = 0;
  for (const auto& d : docs(31337, 300)) {
    raw += d.size();
    plain += codec.compress_plain(d)->size();
    with += codec.compress(d)->size();
  }
  EXPECT_LT(with, plain);
  EXPECT_LT(plain, raw);
}

TEST(codec_test, errors_are_typed) {
  Codec codec;
  auto missing = codec.decompress("\x28\xb5\x2f\xfd", 12345);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, Errc::codec);
  auto garbage = codec.decompress("definitely not zstd", kNoDictionary);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, Errc::codec);
  EXPECT_FALSE(dictionary_from_bytes("plain text", "x").ok());
  EXPECT_FALSE(train_dictionary({"a", "b"}, 1024, "x").ok());
  // A frame cut short does not decode.
  auto frame = *codec.compress(std::string(5000, 'k') + "tail");
  EXPECT_FALSE(codec.decompress(frame.substr(0, frame.size() - 3), kNoDictionary).ok());
}

TEST(codec_test, latest_dictionary_is_the_highest_version) {
  test::TempDir dir;
  auto d1 = train_dictionary(docs(1, 300), 4096, "a");
  auto d2 = train_dictionary(docs(2, 300), 4096, "b");
  ASSERT_TRUE(d1.ok() && d2.ok());
  for (auto [name, d] : {std::pair{"submissions-v2.zdict", &*d1}, std::pair{"submissions-v10.zdict", &*d2}}) {
    std::ofstream f(dir / name, std::ios::binary);
    f.write(d->bytes.data(), static_cast<std::streamsize>(d->bytes.size()));
  }
  auto latest = load_latest_dictionary(dir.path());
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->name, "submissions-v10.zdict");
  EXPECT_EQ(latest->id, d2->id);
  test::TempDir empty;
  EXPECT_EQ(load_latest_dictionary(empty.path()).error().code, Errc::not_found);
}
