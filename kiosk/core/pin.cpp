#include "kiosk/core/pin.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <charconv>
#include <vector>

#include <fmt/format.h>

namespace kiosk::core {
namespace {

std::string to_hex(const unsigned char* p, std::size_t n) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    s += d[p[i] >> 4];
    s += d[p[i] & 15];
  }
  return s;
}

bool from_hex(std::string_view h, std::vector<unsigned char>& out) {
  if (h.size() % 2) return false;
  auto val = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  out.clear();
  for (std::size_t i = 0; i < h.size(); i += 2) {
    int a = val(h[i]), b = val(h[i + 1]);
    if (a < 0 || b < 0) return false;
    out.push_back(static_cast<unsigned char>(a * 16 + b));
  }
  return true;
}

bool derive(std::string_view pin, const std::vector<unsigned char>& salt, int iterations, unsigned char* out,
            std::size_t n) {
  return PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(), static_cast<int>(salt.size()),
                           iterations, EVP_sha256(), static_cast<int>(n), out) == 1;
}

}  // namespace

std::string hash_pin(std::string_view pin, int iterations) {
  std::vector<unsigned char> salt(16);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) return {};
  unsigned char h[32];
  if (!derive(pin, salt, iterations, h, sizeof h)) return {};
  return fmt::format("pbkdf2-sha256${}${}${}", iterations, to_hex(salt.data(), salt.size()), to_hex(h, sizeof h));
}

bool verify_pin(std::string_view pin, std::string_view stored) {
  constexpr std::string_view kTag = "pbkdf2-sha256$";
  if (stored.substr(0, kTag.size()) != kTag) return false;
  std::string_view rest = stored.substr(kTag.size());
  auto d1 = rest.find('$');
  if (d1 == std::string_view::npos) return false;
  auto d2 = rest.find('$', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  int iterations = 0;
  auto [p, ec] = std::from_chars(rest.data(), rest.data() + d1, iterations);
  if (ec != std::errc() || p != rest.data() + d1 || iterations < 1000 || iterations > 10000000) return false;
  std::vector<unsigned char> salt, want;
  if (!from_hex(rest.substr(d1 + 1, d2 - d1 - 1), salt) || !from_hex(rest.substr(d2 + 1), want) || want.size() != 32)
    return false;
  unsigned char h[32];
  if (!derive(pin, salt, iterations, h, sizeof h)) return false;
  return CRYPTO_memcmp(h, want.data(), 32) == 0;
}

PinResult PinGuard::attempt(std::string_view pin) {
  if (m_hash.empty()) return PinResult::not_configured;
  if (wait_ms() > 0) return PinResult::wait;
  if (verify_pin(pin, m_hash)) {
    m_failures = 0;
    m_next_ok_ms = 0;
    return PinResult::ok;
  }
  ++m_failures;
  if (m_failures >= 3) {
    std::int64_t delay = std::min<std::int64_t>(std::int64_t{1000} << std::min(m_failures - 2, 9), 300000);
    m_next_ok_ms = m_clock->now_ms() + delay;
  }
  return PinResult::wrong;
}

std::int64_t PinGuard::wait_ms() const { return std::max<std::int64_t>(0, m_next_ok_ms - m_clock->now_ms()); }

}  // namespace kiosk::core
