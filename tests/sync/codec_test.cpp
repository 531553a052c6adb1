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

// ---- Payload v2 (Codec::encode / decode) ---------------------------------------------------------

namespace {
std::vector<Submission> stored_like(std::uint64_t seed, std::size_t n) {
  auto subs = synth_submissions(seed, n);
  int serial = 0;
  for (auto& s : subs) {
    s.uuid = new_uuid_v4();
    s.reference = "DM" + std::to_string(1000000 + ++serial) + "XY";
  }
  return subs;
}
}  // namespace

TEST(codec_test, payload_v2_round_trips_every_field) {
  auto dict = train_payload_dictionary(stored_like(1, 500), 16 * 1024, "t.zdict");
  ASSERT_TRUE(dict.ok()) << dict.error().message;
  Codec with, without;
  ASSERT_TRUE(with.add_dictionary(*dict, true).ok());
  for (const auto& s : stored_like(99, 300)) {
    for (Codec* c : {&with, &without}) {
      auto p = c->encode(s);
      ASSERT_TRUE(p.ok()) << p.error().message;
      EXPECT_EQ(payload_version(*p), kCodecVersion);
      auto back = c->decode(*p, c->active_dictionary());
      ASSERT_TRUE(back.ok()) << back.error().message;
      EXPECT_EQ(*back, s) << to_json(s).dump();
    }
  }
}

TEST(codec_test, payload_v2_keeps_what_its_compact_fields_cannot_hold) {
  Codec codec;
  Submission odd = stored_like(5, 1)[0];
  std::vector<Submission> cases;
  auto add = [&](auto change) {
    Submission s = odd;
    change(s);
    cases.push_back(s);
  };
  add([](Submission& s) { s.uuid = "NOT-A-UUID"; });
  add([](Submission& s) { s.uuid = "6F9619FF-8B86-D011-B42D-00C04FC964FF"; });  // upper case stays as typed
  add([](Submission& s) {
    s.uuid.clear();
    s.reference.clear();
  });
  add([](Submission& s) { s.language = "de"; });
  add([](Submission& s) { s.language.clear(); });
  add([](Submission& s) { s.language = "so"; });
  add([](Submission& s) { s.time_zone = "Europe/Brussels"; });
  add([](Submission& s) { s.time_zone.clear(); });
  add([](Submission& s) { s.channels = {"mastodon", "openklant"}; });  // not in canonical order
  add([](Submission& s) { s.channels = {"openklant", "openklant"}; });
  add([](Submission& s) { s.channels = {"openklant", "telegram"}; });
  add([](Submission& s) { s.channels.clear(); });
  add([](Submission& s) { s.location.point = GeoPoint{52.0912345678, 5.1}; });  // finer than micro-degrees
  add([](Submission& s) { s.location.point = GeoPoint{-33.8688, 151.2093}; });
  add([](Submission& s) { s.location = Location{}; });
  add([](Submission& s) {
    s.created_at_ms = 0;
    s.utc_offset_minutes = -600;
  });
  add([](Submission& s) {
    s.created_at_ms = 4102444800123;
    s.utc_offset_minutes = 345;
  });
  add([](Submission& s) { s.text = std::string("line one\nline two\ttab"); });
  add([](Submission& s) { s.text = std::string("nul \0 inside", 12); });  // falls back to v1
  add([](Submission& s) { s.kiosk_id = std::string("k\0", 2); });
  add([](Submission& s) {
    s.kind = Kind::poll;
    s.text.clear();
    s.poll_id = "p";
    s.poll_answer = "a";
  });
  add([](Submission& s) {
    s.assisted = true;
    s.consents = Consents{true, true};
  });
  add([](Submission& s) { s = Submission{}; });
  for (const auto& s : cases) {
    auto p = codec.encode(s);
    ASSERT_TRUE(p.ok()) << p.error().message;
    auto back = codec.decode(*p, kNoDictionary);
    ASSERT_TRUE(back.ok()) << back.error().message << " " << to_json(s).dump();
    EXPECT_EQ(*back, s) << to_json(s).dump() << "\n" << to_json(*back).dump();
  }
  EXPECT_EQ(payload_version(*codec.encode(cases[18])), 1);  // the NUL case
}

TEST(codec_test, v1_payloads_still_read) {
  auto dict = train_dictionary(docs(1, 500), 16 * 1024, "v1.zdict");
  ASSERT_TRUE(dict.ok());
  Codec codec;
  ASSERT_TRUE(codec.add_dictionary(*dict, true).ok());
  for (const auto& s : stored_like(7, 50)) {
    auto v1 = codec.compress(to_json(s).dump());  // what the outbox stored before payload v2
    ASSERT_TRUE(v1.ok());
    EXPECT_EQ(payload_version(*v1), 1);
    auto back = codec.decode(*v1, dict->id);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, s);
  }
}

TEST(codec_test, payload_v2_is_smaller_than_v1_with_the_same_training) {
  auto train = stored_like(1, 2000);
  std::vector<std::string> json_docs;
  for (const auto& s : train) json_docs.push_back(to_json(s).dump());
  auto v1_dict = train_dictionary(json_docs, 32 * 1024, "v1");
  auto v2_dict = train_payload_dictionary(train, 32 * 1024, "v2");
  ASSERT_TRUE(v1_dict.ok() && v2_dict.ok());
  Codec v1, v2;
  ASSERT_TRUE(v1.add_dictionary(*v1_dict, true).ok());
  ASSERT_TRUE(v2.add_dictionary(*v2_dict, true).ok());
  std::size_t b1 = 0, b2 = 0;
  for (const auto& s : stored_like(424242, 500)) {
    b1 += v1.compress(to_json(s).dump())->size();
    b2 += v2.encode(s)->size();
  }
  EXPECT_LT(b2 * 100, b1 * 85) << "v1 " << b1 / 500 << " B, v2 " << b2 / 500 << " B a submission";
}

TEST(codec_test, damaged_payloads_are_typed_errors) {
  Codec codec;
  auto good = *codec.encode(stored_like(3, 1)[0]);
  EXPECT_EQ(codec.decode("", kNoDictionary).error().code, Errc::codec);
  EXPECT_EQ(codec.decode("\x07garbage", kNoDictionary).error().code, Errc::codec);  // unknown version
  EXPECT_EQ(codec.decode(good, 4242).error().code, Errc::codec);                    // dictionary not loaded
  for (std::size_t cut = 0; cut < good.size(); ++cut) {
    auto r = codec.decode(good.substr(0, cut), kNoDictionary);
    EXPECT_FALSE(r.ok()) << "cut at " << cut;
  }
  std::string reserved = good;
  reserved[2] = static_cast<char>(reserved[2] | 0xc0);
  EXPECT_FALSE(codec.decode(reserved, kNoDictionary).ok());
}
