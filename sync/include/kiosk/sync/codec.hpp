// The payload codec: zstd with a trained, versioned dictionary. Submissions are small JSON documents
// where plain zstd gains little; a dictionary trained on representative submissions makes each one
// small. Dictionaries are identified by zstd's own dictionary id, stored in the outbox next to the
// rows that use them, so old rows stay readable after a new dictionary ships.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/sync/error.hpp"
#include "kiosk/sync/submission.hpp"

namespace kiosk {

// Version of the stored payload encoding (Codec::encode), the payload's first byte from version 2 on.
//   1: a zstd frame (magic 28 b5 2f fd) of the submission JSON, without dictionary id or checksum (the
//      outbox keeps the dictionary id in its own column; SQLite protects the page). Still read; still
//      written for the rare submission a v2 payload cannot hold (a NUL byte in a text field).
//   2: the fixed fields in binary, then one magicless zstd frame of the text fields:
//        u8 version (2) · u8 flags · u8 kind | language << 2 · u8 channels
//        [16 bytes uuid] · varint zigzag(created_at ms - 2026-01-01) · varint zigzag(UTC offset min - 60)
//        [point: varint zigzag(lat µdeg), varint zigzag(lon µdeg) | 2 × 8 bytes IEEE doubles]
//        zstd frame of: kiosk \0 reference \0 category \0 topic \0 poll id \0 poll answer \0
//                       location text \0 text \0 e-mail \0 phone [\0 language \0 time zone \0 channels]
//      (trailing empty fields left out). A trained dictionary sees only the text fields: identifiers
//      and times cost their bits and no more. payload_sample() is that text part, to train on.
//      Flags: 1 assisted, 2 contact consent, 4 publish consent, 8 point in µdeg, 16 point in doubles,
//      32 uuid in binary, 64 default time zone, 128 approximate point (added later in version 2: a
//      payload written before has it clear, which is what it meant).
inline constexpr int kCodecVersion = 2;
// Dictionary id 0 means "no dictionary".
inline constexpr std::uint32_t kNoDictionary = 0;

struct Dictionary {
  std::uint32_t id = kNoDictionary;  // zstd dictionary id from the dictionary header
  std::string name;                  // file name it came from, e.g. "submissions-v1.zdict"
  std::string bytes;
};

Result<Dictionary> load_dictionary(const std::filesystem::path& file);
Result<Dictionary> dictionary_from_bytes(std::string bytes, std::string name);
// Trains a dictionary of at most capacity bytes on the samples (ZDICT_trainFromBuffer).
Result<Dictionary> train_dictionary(const std::vector<std::string>& samples, std::size_t capacity, std::string name);
// Trains on what a v2 payload compresses: the text fields of each submission (payload_sample).
Result<Dictionary> train_payload_dictionary(const std::vector<Submission>& samples, std::size_t capacity,
                                            std::string name);
// The text part of a v2 payload (what the dictionary compresses), for training.
std::string payload_sample(const Submission& s);
// The codec version of a stored payload: 1 (a zstd frame), 2.., or 0 when it is neither.
int payload_version(std::string_view payload) noexcept;
// The newest dictionary in dir: the highest version in files named submissions-vN.zdict.
Result<Dictionary> load_latest_dictionary(const std::filesystem::path& dir);

class Codec {
 public:
  explicit Codec(int level = 3);
  ~Codec();
  Codec(Codec&&) noexcept;
  Codec& operator=(Codec&&) noexcept;

  // Makes a dictionary known for decompression; with make_active it is also used to compress.
  Result<void> add_dictionary(const Dictionary& dict, bool make_active);
  // Compresses with a dictionary already added (kNoDictionary: none) from now on.
  Result<void> make_active(std::uint32_t id);
  bool has_dictionary(std::uint32_t id) const;
  std::uint32_t active_dictionary() const;

  // Compresses with the active dictionary (or none); returns the frame.
  Result<std::string> compress(std::string_view raw);
  // Compresses without any dictionary (for comparisons and bundles).
  Result<std::string> compress_plain(std::string_view raw);
  Result<std::string> decompress(std::string_view frame, std::uint32_t dict_id);

  // Stored payloads: encode writes the current version (kCodecVersion) with the active dictionary;
  // decode reads every version, with the dictionary the row was written with.
  Result<std::string> encode(const Submission& s);
  Result<Submission> decode(std::string_view payload, std::uint32_t dict_id);

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

}  // namespace kiosk
