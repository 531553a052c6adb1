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

namespace kiosk {

// Version of the stored payload encoding: a zstd frame without dictionary id or checksum (the
// outbox keeps the dictionary id in its own column; SQLite protects the page).
inline constexpr int kCodecVersion = 1;
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
Result<Dictionary> train_dictionary(const std::vector<std::string>& samples, std::size_t capacity,
                                    std::string name);
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
  bool has_dictionary(std::uint32_t id) const;
  std::uint32_t active_dictionary() const;

  // Compresses with the active dictionary (or none); returns the frame.
  Result<std::string> compress(std::string_view raw);
  // Compresses without any dictionary (for comparisons and bundles).
  Result<std::string> compress_plain(std::string_view raw);
  Result<std::string> decompress(std::string_view frame, std::uint32_t dict_id);

 private:
  struct Impl;
  std::unique_ptr<Impl> m;
};

}  // namespace kiosk
