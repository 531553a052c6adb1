// zstd payload codec with trained dictionaries (see codec.hpp).
#include "kiosk/sync/codec.hpp"

#include <zdict.h>
#include <zstd.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace kiosk {

namespace {
Error zstd_error(const char* what, size_t code) {
  return make_error(Errc::codec, std::string(what) + ": " + ZSTD_getErrorName(code));
}
}  // namespace

Result<Dictionary> dictionary_from_bytes(std::string bytes, std::string name) {
  unsigned id = ZDICT_getDictID(bytes.data(), bytes.size());
  if (id == 0)
    return make_error(Errc::codec, "'" + name + "' is not a zstd dictionary (no dictionary header)");
  return Dictionary{id, std::move(name), std::move(bytes)};
}

Result<Dictionary> load_dictionary(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot read dictionary " + file.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return dictionary_from_bytes(ss.str(), file.filename().string());
}

Result<Dictionary> load_latest_dictionary(const std::filesystem::path& dir) {
  static const std::regex pattern(R"(submissions-v([0-9]+)\.zdict)");
  std::error_code ec;
  int best = -1;
  std::filesystem::path best_path;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    std::smatch m;
    std::string name = entry.path().filename().string();
    if (std::regex_match(name, m, pattern)) {
      int v = std::stoi(m[1].str());
      if (v > best) { best = v; best_path = entry.path(); }
    }
  }
  if (ec) return make_error(Errc::io, "cannot list dictionary folder " + dir.string() + ": " + ec.message());
  if (best < 0) return make_error(Errc::not_found, "no submissions-vN.zdict in " + dir.string());
  return load_dictionary(best_path);
}

Result<Dictionary> train_dictionary(const std::vector<std::string>& samples, std::size_t capacity, std::string name) {
  if (samples.size() < 10) return make_error(Errc::invalid_value, "need at least 10 samples to train a dictionary");
  std::string joined;
  std::vector<size_t> sizes;
  sizes.reserve(samples.size());
  for (const auto& s : samples) {
    joined += s;
    sizes.push_back(s.size());
  }
  std::string dict(capacity, '\0');
  size_t n = ZDICT_trainFromBuffer(dict.data(), dict.size(), joined.data(), sizes.data(),
                                   static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) return make_error(Errc::codec, std::string("training failed: ") + ZDICT_getErrorName(n));
  dict.resize(n);
  return dictionary_from_bytes(std::move(dict), std::move(name));
}

struct Codec::Impl {
  int level;
  ZSTD_CCtx* cctx = nullptr;
  ZSTD_DCtx* dctx = nullptr;
  struct Entry {
    ZSTD_CDict* cdict = nullptr;
    ZSTD_DDict* ddict = nullptr;
  };
  std::map<std::uint32_t, Entry> dicts;
  std::uint32_t active = kNoDictionary;

  ~Impl() {
    for (auto& [id, e] : dicts) {
      ZSTD_freeCDict(e.cdict);
      ZSTD_freeDDict(e.ddict);
    }
    ZSTD_freeCCtx(cctx);
    ZSTD_freeDCtx(dctx);
  }
};

Codec::Codec(int level) : m(std::make_unique<Impl>()) {
  m->level = level;
  m->cctx = ZSTD_createCCtx();
  m->dctx = ZSTD_createDCtx();
}
Codec::~Codec() = default;
Codec::Codec(Codec&&) noexcept = default;
Codec& Codec::operator=(Codec&&) noexcept = default;

Result<void> Codec::add_dictionary(const Dictionary& dict, bool make_active) {
  auto it = m->dicts.find(dict.id);
  if (it == m->dicts.end()) {
    Impl::Entry e;
    e.cdict = ZSTD_createCDict(dict.bytes.data(), dict.bytes.size(), m->level);
    e.ddict = ZSTD_createDDict(dict.bytes.data(), dict.bytes.size());
    if (!e.cdict || !e.ddict) {
      ZSTD_freeCDict(e.cdict);
      ZSTD_freeDDict(e.ddict);
      return make_error(Errc::codec, "cannot load dictionary " + dict.name);
    }
    m->dicts.emplace(dict.id, e);
  }
  if (make_active) m->active = dict.id;
  return {};
}

bool Codec::has_dictionary(std::uint32_t id) const { return id == kNoDictionary || m->dicts.count(id) != 0; }
std::uint32_t Codec::active_dictionary() const { return m->active; }

namespace {
Result<std::string> compress_with(ZSTD_CCtx* cctx, int level, const ZSTD_CDict* cdict, std::string_view raw) {
  ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
  if (cdict) {
    ZSTD_CCtx_refCDict(cctx, cdict);
  } else {
    ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
  }
  // The dictionary id lives in the outbox column; the checksum is SQLite's job. 4-8 bytes saved a row.
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_dictIDFlag, 0);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 0);
  std::string out(ZSTD_compressBound(raw.size()), '\0');
  size_t n = ZSTD_compress2(cctx, out.data(), out.size(), raw.data(), raw.size());
  if (ZSTD_isError(n)) return zstd_error("compression failed", n);
  out.resize(n);
  return out;
}
}  // namespace

Result<std::string> Codec::compress(std::string_view raw) {
  const ZSTD_CDict* cdict = nullptr;
  if (m->active != kNoDictionary) cdict = m->dicts.at(m->active).cdict;
  return compress_with(m->cctx, m->level, cdict, raw);
}

Result<std::string> Codec::compress_plain(std::string_view raw) { return compress_with(m->cctx, m->level, nullptr, raw); }

Result<std::string> Codec::decompress(std::string_view frame, std::uint32_t dict_id) {
  const ZSTD_DDict* ddict = nullptr;
  if (dict_id != kNoDictionary) {
    auto it = m->dicts.find(dict_id);
    if (it == m->dicts.end())
      return make_error(Errc::codec, "payload needs dictionary " + std::to_string(dict_id) + ", which is not loaded");
    ddict = it->second.ddict;
  }
  unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (64u << 20))
    return make_error(Errc::codec, "payload is not a complete zstd frame");
  std::string out(static_cast<size_t>(size), '\0');
  size_t n = ddict ? ZSTD_decompress_usingDDict(m->dctx, out.data(), out.size(), frame.data(), frame.size(), ddict)
                   : ZSTD_decompressDCtx(m->dctx, out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n)) return zstd_error("decompression failed", n);
  out.resize(n);
  return out;
}

}  // namespace kiosk
