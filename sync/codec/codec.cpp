// zstd payload codec with trained dictionaries (see codec.hpp).
#include "kiosk/sync/codec.hpp"

#include "kiosk/sync/channel_descriptor.hpp"
#include "kiosk/sync/secure_memory.hpp"

#include <zdict.h>
#define ZSTD_STATIC_LINKING_ONLY  // magicless frames (ZSTD_c_format), ZSTD_getFrameHeader_advanced
#include <zstd.h>

#include <array>
#include <cmath>
#include <cstring>
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
  if (id == 0) return make_error(Errc::codec, "'" + name + "' is not a zstd dictionary (no dictionary header)");
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
      if (v > best) {
        best = v;
        best_path = entry.path();
      }
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
  size_t n =
      ZDICT_trainFromBuffer(dict.data(), dict.size(), joined.data(), sizes.data(), static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) return make_error(Errc::codec, std::string("training failed: ") + ZDICT_getErrorName(n));
  dict.resize(n);
  return dictionary_from_bytes(std::move(dict), std::move(name));
}

Result<Dictionary> train_payload_dictionary(const std::vector<Submission>& samples, std::size_t capacity,
                                            std::string name) {
  std::vector<std::string> texts;
  texts.reserve(samples.size());
  for (const auto& s : samples) texts.push_back(payload_sample(s));
  return train_dictionary(texts, capacity, std::move(name));
}

// ---- Payload v2 (layout in codec.hpp) --------------------------------------------------------------
namespace {

constexpr unsigned char kZstdMagic0 = 0x28;        // first byte of a v1 payload (a zstd frame)
constexpr std::int64_t kTimeBase = 1767225600000;  // 2026-01-01T00:00:00Z
constexpr int kOffsetBase = 60;                    // CET
constexpr std::size_t kMaxText = 64u << 20;

enum Flag : unsigned char {
  f_assisted = 1,
  f_consent_contact = 2,
  f_consent_publish = 4,
  f_point_micro = 8,
  f_point_double = 16,
  f_uuid = 32,
  f_tz_default = 64,
  f_point_approximate = 128,  // Location::approximate
};
constexpr std::array<std::string_view, 8> kLanguages = {"nl", "en", "tr", "pl", "uk", "ar", "so", "ti"};
// The channels byte: bit i is the channel table's entry i (channel_descriptor.hpp, append only) for the
// first 7 entries; kChannelsInText: the channels are the last text field instead.
constexpr unsigned char kChannelsInText = 0x80;
constexpr std::size_t kChannelBits = 7;
constexpr std::string_view kDefaultTimeZone = "Europe/Amsterdam";

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}
std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::int64_t unzigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

bool get_varint(std::string_view& in, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in.empty()) return false;
    auto b = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}
// A canonical lower-case RFC 4122 text uuid as 16 bytes; false for anything else (kept as text then).
bool uuid_to_bytes(std::string_view u, std::string& out) {
  if (u.size() != 36 || u[8] != '-' || u[13] != '-' || u[18] != '-' || u[23] != '-') return false;
  std::string bytes;
  for (std::size_t i = 0; i < 36;) {
    if (u[i] == '-') {
      ++i;
      continue;
    }
    int hi = hex_value(u[i]), lo = hex_value(u[i + 1]);
    if (hi < 0 || lo < 0) return false;
    bytes += static_cast<char>(hi << 4 | lo);
    i += 2;
  }
  out += bytes;
  return true;
}
std::string uuid_from_bytes(std::string_view b) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    auto c = static_cast<unsigned char>(b[i]);
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

// Micro-degrees when that is exact (the kiosk's points are), else the doubles themselves.
bool micro_degrees(double v, std::int64_t& out) {
  if (!std::isfinite(v) || std::fabs(v) > 1000) return false;
  out = std::llround(v * 1e6);
  return static_cast<double>(out) / 1e6 == v;
}
void put_double(std::string& out, double v) {
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}

int language_index(std::string_view lang) {
  for (std::size_t i = 0; i < kLanguages.size(); ++i)
    if (kLanguages[i] == lang) return static_cast<int>(i) + 1;
  return 0;
}

// Channels as a bit set when they are known names in canonical order without repeats.
bool channel_bits(const std::vector<std::string>& channels, unsigned char& bits) {
  bits = 0;
  std::size_t next = 0;
  for (const auto& c : channels) {
    const auto table = channel_descriptors();
    const std::size_t n = std::min(table.size(), kChannelBits);
    std::size_t i = next;
    while (i < n && table[i]->name != c) ++i;
    if (i == n) return false;
    bits |= static_cast<unsigned char>(1u << i);
    next = i + 1;
  }
  return true;
}

std::string join_channels(const std::vector<std::string>& channels) {
  std::string out;
  for (const auto& c : channels) {
    if (!out.empty()) out += ',';
    out += c;
  }
  return out;
}

// The text fields (see codec.hpp), trailing empty ones left out.
std::string text_fields(const Submission& s, bool lang_in_text, bool tz_in_text, bool channels_in_text) {
  std::vector<std::string_view> f = {s.kiosk_id,    s.reference,     s.category, s.topic,         s.poll_id,
                                     s.poll_answer, s.location.text, s.text,     s.contact.email, s.contact.phone};
  std::string channels;
  if (lang_in_text || tz_in_text || channels_in_text) {
    f.push_back(lang_in_text ? std::string_view(s.language) : std::string_view());
    f.push_back(tz_in_text ? std::string_view(s.time_zone) : std::string_view());
    if (channels_in_text) channels = join_channels(s.channels);
    f.push_back(channels);
  }
  while (!f.empty() && f.back().empty()) f.pop_back();
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (i) out += '\0';
    out += f[i];
  }
  return out;
}

bool has_nul(const Submission& s) {
  for (std::string_view f :
       {std::string_view(s.kiosk_id), std::string_view(s.reference), std::string_view(s.category),
        std::string_view(s.topic), std::string_view(s.poll_id), std::string_view(s.poll_answer),
        std::string_view(s.location.text), std::string_view(s.text), std::string_view(s.contact.email),
        std::string_view(s.contact.phone), std::string_view(s.language), std::string_view(s.time_zone)})
    if (f.find('\0') != std::string_view::npos) return true;
  for (const auto& c : s.channels)
    if (c.find('\0') != std::string::npos || c.find(',') != std::string::npos || c.empty()) return true;
  return false;
}

}  // namespace

std::string payload_sample(const Submission& s) {
  unsigned char bits = 0;
  return text_fields(s, language_index(s.language) == 0, s.time_zone != kDefaultTimeZone,
                     !channel_bits(s.channels, bits));
}

int payload_version(std::string_view payload) noexcept {
  if (payload.empty()) return 0;
  auto b = static_cast<unsigned char>(payload.front());
  if (b == kZstdMagic0) return 1;
  if (b >= 2 && b <= kCodecVersion) return b;
  return 0;
}

namespace {

// The contexts keep what they last compressed or decoded (literals, window) until reused, and
// ZSTD_CCtx_reset does not clear that: each is made for one call and freed after it with every block
// zeroed (secure_free). Cost measured by bench/codec_bench (encode and decode per submission).
void* zeroing_alloc(void*, size_t n) { return secure_malloc(n); }
void zeroing_free(void*, void* p) { secure_free(p); }
constexpr ZSTD_customMem kZeroingMem = {zeroing_alloc, zeroing_free, nullptr};

struct CCtx {
  ZSTD_CCtx* p = ZSTD_createCCtx_advanced(kZeroingMem);
  ~CCtx() { ZSTD_freeCCtx(p); }
  CCtx() = default;
  CCtx(const CCtx&) = delete;
  CCtx& operator=(const CCtx&) = delete;
};
struct DCtx {
  ZSTD_DCtx* p = ZSTD_createDCtx_advanced(kZeroingMem);
  ~DCtx() { ZSTD_freeDCtx(p); }
  DCtx() = default;
  DCtx(const DCtx&) = delete;
  DCtx& operator=(const DCtx&) = delete;
};

}  // namespace

struct Codec::Impl {
  int level;
  struct Entry {
    ZSTD_CDict* cdict = nullptr;
    ZSTD_DDict* ddict = nullptr;
  };
  std::map<std::uint32_t, Entry> dicts;
  std::uint32_t active = kNoDictionary;

  // The decompression dictionary of a stored row (nullptr for kNoDictionary).
  Result<const ZSTD_DDict*> ddict(std::uint32_t dict_id) const {
    if (dict_id == kNoDictionary) return static_cast<const ZSTD_DDict*>(nullptr);
    auto it = dicts.find(dict_id);
    if (it == dicts.end())
      return make_error(Errc::codec, "payload needs dictionary " + std::to_string(dict_id) + ", which is not loaded");
    return static_cast<const ZSTD_DDict*>(it->second.ddict);
  }

  ~Impl() {
    for (auto& [id, e] : dicts) {
      ZSTD_freeCDict(e.cdict);
      ZSTD_freeDDict(e.ddict);
    }
  }
};

Codec::Codec(int level) : m(std::make_unique<Impl>()) { m->level = level; }
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

Result<void> Codec::make_active(std::uint32_t id) {
  if (!has_dictionary(id)) return make_error(Errc::codec, "dictionary " + std::to_string(id) + " is not loaded");
  m->active = id;
  return {};
}

bool Codec::has_dictionary(std::uint32_t id) const { return id == kNoDictionary || m->dicts.count(id) != 0; }
std::uint32_t Codec::active_dictionary() const { return m->active; }

namespace {
Result<std::string> compress_with(int level, const ZSTD_CDict* cdict, std::string_view raw) {
  CCtx ctx;
  ZSTD_CCtx* cctx = ctx.p;
  if (!cctx) return make_error(Errc::codec, "out of memory for a compression context");
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

// A v2 text frame: magicless (4 bytes a row), content size kept (the decoder sizes its buffer by it).
Result<void> compress_text(int level, const ZSTD_CDict* cdict, std::string_view raw, std::string& out) {
  CCtx ctx;
  ZSTD_CCtx* cctx = ctx.p;
  if (!cctx) return make_error(Errc::codec, "out of memory for a compression context");
  if (cdict) ZSTD_CCtx_refCDict(cctx, cdict);
  else ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_format, ZSTD_f_zstd1_magicless);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_dictIDFlag, 0);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 0);
  std::size_t at = out.size();
  out.resize(at + ZSTD_compressBound(raw.size()));
  size_t n = ZSTD_compress2(cctx, out.data() + at, out.size() - at, raw.data(), raw.size());
  if (ZSTD_isError(n)) return zstd_error("compression failed", n);
  out.resize(at + n);
  return {};
}
}  // namespace

Result<std::string> Codec::compress(std::string_view raw) {
  const ZSTD_CDict* cdict = nullptr;
  if (m->active != kNoDictionary) cdict = m->dicts.at(m->active).cdict;
  return compress_with(m->level, cdict, raw);
}

Result<std::string> Codec::compress_plain(std::string_view raw) { return compress_with(m->level, nullptr, raw); }

Result<std::string> Codec::decompress(std::string_view frame, std::uint32_t dict_id) {
  auto found = m->ddict(dict_id);
  if (!found) return found.error();
  const ZSTD_DDict* ddict = *found;
  unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (64u << 20))
    return make_error(Errc::codec, "payload is not a complete zstd frame");
  std::string out(static_cast<size_t>(size), '\0');
  DCtx ctx;
  if (!ctx.p) return make_error(Errc::codec, "out of memory for a decompression context");
  size_t n = ddict ? ZSTD_decompress_usingDDict(ctx.p, out.data(), out.size(), frame.data(), frame.size(), ddict)
                   : ZSTD_decompressDCtx(ctx.p, out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(n)) return zstd_error("decompression failed", n);
  out.resize(n);
  return out;
}

Result<std::string> Codec::encode(const Submission& s) {
  if (has_nul(s)) {  // v1 holds any string
    auto frame = compress(to_json(s).dump());
    if (!frame) return frame.error();
    return std::move(*frame);
  }
  unsigned char flags = 0, bits = 0;
  bool channels_in_text = !channel_bits(s.channels, bits);
  if (channels_in_text) bits = kChannelsInText;
  int lang = language_index(s.language);
  if (s.assisted) flags |= f_assisted;
  if (s.consents.contact) flags |= f_consent_contact;
  if (s.consents.publish) flags |= f_consent_publish;
  if (s.time_zone == kDefaultTimeZone) flags |= f_tz_default;
  if (s.location.approximate) flags |= f_point_approximate;
  std::int64_t lat = 0, lon = 0;
  if (s.location.point)
    flags |= micro_degrees(s.location.point->lat, lat) && micro_degrees(s.location.point->lon, lon) ? f_point_micro
                                                                                                    : f_point_double;
  std::string uuid;
  if (uuid_to_bytes(s.uuid, uuid)) flags |= f_uuid;

  std::string out;
  out += static_cast<char>(kCodecVersion);
  out += static_cast<char>(flags);
  out += static_cast<char>(static_cast<int>(s.kind) | lang << 2);
  out += static_cast<char>(bits);
  out += uuid;
  put_varint(out, zigzag(s.created_at_ms - kTimeBase));
  put_varint(out, zigzag(static_cast<std::int64_t>(s.utc_offset_minutes) - kOffsetBase));
  if (flags & f_point_micro) {
    put_varint(out, zigzag(lat));
    put_varint(out, zigzag(lon));
  } else if (flags & f_point_double) {
    put_double(out, s.location.point->lat);
    put_double(out, s.location.point->lon);
  }
  std::string text = text_fields(s, lang == 0, !(flags & f_tz_default), channels_in_text);
  // A uuid that is not canonical text goes in front of the text fields.
  if (!(flags & f_uuid)) text = s.uuid + '\0' + text;
  const ZSTD_CDict* cdict = m->active != kNoDictionary ? m->dicts.at(m->active).cdict : nullptr;
  auto r = compress_text(m->level, cdict, text, out);
  wipe(text);
  if (!r) return r.error();
  return out;
}

Result<Submission> Codec::decode(std::string_view payload, std::uint32_t dict_id) {
  int version = payload_version(payload);
  if (version == 1) {
    auto raw = decompress(payload, dict_id);
    if (!raw) return raw.error();
    return parse_submission(*raw);
  }
  auto bad = [](const std::string& what) { return make_error(Errc::codec, "payload v2: " + what); };
  if (version != 2)
    return make_error(Errc::codec, payload.empty()
                                       ? std::string("empty payload")
                                       : "unknown payload version " +
                                             std::to_string(static_cast<unsigned char>(payload[0])) +
                                             " (this build reads 1.." + std::to_string(kCodecVersion) + ")");
  if (payload.size() < 4) return bad("truncated header");
  auto flags = static_cast<unsigned char>(payload[1]);
  auto kind_lang = static_cast<unsigned char>(payload[2]);
  auto bits = static_cast<unsigned char>(payload[3]);
  payload.remove_prefix(4);
  Submission s;
  if ((kind_lang >> 2) > kLanguages.size()) return bad("unknown language index or reserved bits set");
  s.kind = static_cast<Kind>(kind_lang & 3);
  if (int lang = kind_lang >> 2; lang > 0) s.language = std::string(kLanguages[static_cast<std::size_t>(lang - 1)]);
  s.assisted = flags & f_assisted;
  s.consents.contact = flags & f_consent_contact;
  s.consents.publish = flags & f_consent_publish;
  s.location.approximate = flags & f_point_approximate;
  if (flags & f_uuid) {
    if (payload.size() < 16) return bad("truncated uuid");
    s.uuid = uuid_from_bytes(payload.substr(0, 16));
    payload.remove_prefix(16);
  }
  std::uint64_t v = 0;
  if (!get_varint(payload, v)) return bad("truncated time");
  s.created_at_ms = unzigzag(v) + kTimeBase;
  if (!get_varint(payload, v)) return bad("truncated UTC offset");
  s.utc_offset_minutes = static_cast<int>(unzigzag(v) + kOffsetBase);
  if (flags & f_point_micro) {
    std::uint64_t la = 0, lo = 0;
    if (!get_varint(payload, la) || !get_varint(payload, lo)) return bad("truncated point");
    s.location.point = GeoPoint{static_cast<double>(unzigzag(la)) / 1e6, static_cast<double>(unzigzag(lo)) / 1e6};
  } else if (flags & f_point_double) {
    if (payload.size() < 16) return bad("truncated point");
    GeoPoint p;
    std::memcpy(&p.lat, payload.data(), 8);
    std::memcpy(&p.lon, payload.data() + 8, 8);
    s.location.point = p;
    payload.remove_prefix(16);
  }

  // The text frame.
  auto found = m->ddict(dict_id);
  if (!found) return found.error();
  const ZSTD_DDict* ddict = *found;
  ZSTD_frameHeader zfh{};
  if (ZSTD_getFrameHeader_advanced(&zfh, payload.data(), payload.size(), ZSTD_f_zstd1_magicless) != 0 ||
      zfh.frameContentSize == ZSTD_CONTENTSIZE_UNKNOWN || zfh.frameContentSize > kMaxText)
    return bad("the text is not a complete zstd frame");
  std::string text(static_cast<std::size_t>(zfh.frameContentSize), '\0');
  size_t n = 0;
  {
    DCtx ctx;
    if (!ctx.p) return make_error(Errc::codec, "out of memory for a decompression context");
    ZSTD_DCtx_setParameter(ctx.p, ZSTD_d_format, ZSTD_f_zstd1_magicless);
    ZSTD_DCtx_refDDict(ctx.p, ddict);
    n = ZSTD_decompressDCtx(ctx.p, text.data(), text.size(), payload.data(), payload.size());
  }
  if (ZSTD_isError(n)) return zstd_error("decompression failed", n);
  if (n != text.size()) return bad("the text is shorter than its frame says");

  std::vector<std::string> f;
  std::size_t pos = 0;
  for (;;) {
    auto nul = text.find('\0', pos);
    f.push_back(text.substr(pos, nul == std::string::npos ? std::string::npos : nul - pos));
    if (nul == std::string::npos) break;
    pos = nul + 1;
  }
  std::size_t i = 0;
  auto next = [&]() -> std::string { return i < f.size() ? std::move(f[i++]) : std::string(); };
  if (!(flags & f_uuid)) s.uuid = next();
  s.kiosk_id = next();
  s.reference = next();
  s.category = next();
  s.topic = next();
  s.poll_id = next();
  s.poll_answer = next();
  s.location.text = next();
  s.text = next();
  s.contact.email = next();
  s.contact.phone = next();
  std::string lang = next(), tz = next(), channels = next();
  if (i < f.size()) return bad("more text fields than this version has");
  if ((kind_lang >> 2) == 0) s.language = lang;
  s.time_zone = (flags & f_tz_default) ? std::string(kDefaultTimeZone) : tz;
  if (bits & kChannelsInText) {
    std::size_t p = 0;
    while (p <= channels.size() && !channels.empty()) {
      auto comma = channels.find(',', p);
      s.channels.push_back(channels.substr(p, comma == std::string::npos ? std::string::npos : comma - p));
      if (comma == std::string::npos) break;
      p = comma + 1;
    }
  } else {
    const auto table = channel_descriptors();
    for (std::size_t c = 0; c < kChannelBits; ++c) {
      if (!(bits & (1u << c))) continue;
      if (c >= table.size()) return bad("a channel bit this build does not know");
      s.channels.emplace_back(table[c]->name);
    }
  }
  return s;
}

}  // namespace kiosk
