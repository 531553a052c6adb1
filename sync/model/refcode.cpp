// Reference codes: Crockford base32, kiosk prefix, scrambled serial, GF(32) check character.
#include "kiosk/sync/refcode.hpp"

#include <array>

namespace kiosk::refcode {
namespace {

// GF(2^5) with the primitive polynomial x^5 + x^2 + 1; alpha = x = 2 generates all 31 non-zero elements.
constexpr unsigned gf_mul(unsigned a, unsigned b) {
  unsigned r = 0;
  while (b) {
    if (b & 1) r ^= a;
    b >>= 1;
    a <<= 1;
    if (a & 0x20) a ^= 0x25;
  }
  return r & 0x1f;
}

constexpr std::array<unsigned, kLength> make_weights() {
  std::array<unsigned, kLength> w{};
  unsigned p = 1;  // alpha^0 is the check character's weight
  for (std::size_t i = 0; i < kLength; ++i) {
    p = gf_mul(p, 2);
    w[i] = p;  // data position i gets alpha^(i+1)
  }
  return w;
}
constexpr auto kWeights = make_weights();

int decode_char(char c) noexcept {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'I' || c == 'L') c = '1';
  if (c == 'O') c = '0';
  auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::uint64_t scramble(std::uint64_t x, std::uint64_t key) noexcept {
  // Every step is a bijection on 35-bit integers: xor with a constant, multiply by an odd
  // constant modulo 2^35, and x ^= x >> k.
  constexpr std::uint64_t M = kSerialMask;
  x = (x ^ key) & M;
  x = (x * 0x2545F4914Fu) & M;
  x ^= x >> 17;
  x = (x ^ (key >> 29)) & M;
  x = (x * 0x5851F42D4Du) & M;
  x ^= x >> 13;
  x = (x * 0x14057B7EFu) & M;
  x ^= x >> 16;
  return x & M;
}

}  // namespace

bool valid_prefix(std::string_view prefix) noexcept {
  if (prefix.size() != kPrefixLength) return false;
  for (char c : prefix)
    if (kAlphabet.find(c) == std::string_view::npos) return false;
  return true;
}

std::uint64_t key_for_kiosk(std::string_view kiosk_id) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  for (unsigned char c : kiosk_id) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

std::uint64_t clock_serial(std::int64_t unix_ms) noexcept {
  if (unix_ms <= kEpochMs) return 0;
  return (static_cast<std::uint64_t>(unix_ms - kEpochMs) * 2 / 125) & kSerialMask;  // 16 ticks per second
}

char check_char(std::string_view first_nine) {
  unsigned sum = 0;
  for (std::size_t i = 0; i < first_nine.size() && i < kLength - 1; ++i) {
    int d = decode_char(first_nine[i]);
    sum ^= gf_mul(kWeights[i], static_cast<unsigned>(d < 0 ? 0 : d));
  }
  return kAlphabet[sum];
}

std::string make(std::string_view prefix, std::uint64_t serial, std::uint64_t key) {
  std::string out(prefix.substr(0, kPrefixLength));
  std::uint64_t body = scramble(serial & kSerialMask, key);
  for (int i = static_cast<int>(kBodyLength) - 1; i >= 0; --i) out.push_back(kAlphabet[(body >> (5 * i)) & 0x1f]);
  out.push_back(check_char(out));
  return out;
}

bool verify(std::string_view code) noexcept {
  if (code.size() != kLength) return false;
  unsigned sum = 0;
  for (std::size_t i = 0; i < kLength; ++i) {
    if (kAlphabet.find(code[i]) == std::string_view::npos) return false;
    int d = decode_char(code[i]);
    sum ^= gf_mul(i + 1 == kLength ? 1u : kWeights[i], static_cast<unsigned>(d));
  }
  return sum == 0;
}

Result<std::string> normalize(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t' || c == '.') continue;
    int d = decode_char(c);
    if (d < 0)
      return make_error(Errc::invalid_reference, std::string("'") + c + "' cannot be part of a reference code",
                        "reference");
    out.push_back(kAlphabet[static_cast<std::size_t>(d)]);
  }
  if (out.size() != kLength)
    return make_error(Errc::invalid_reference,
                      "a reference code has " + std::to_string(kLength) + " characters, this one has " +
                          std::to_string(out.size()),
                      "reference");
  if (!verify(out))
    return make_error(Errc::invalid_reference, "the reference code contains a typing error", "reference");
  return out;
}

std::string group(std::string_view code) {
  if (code.size() != kLength) return std::string(code);
  std::string out;
  out.append(code.substr(0, 2)).append("-").append(code.substr(2, 4)).append("-").append(code.substr(6, 4));
  return out;
}

}  // namespace kiosk::refcode
