// Nothing of a citizen stays in the kiosk's memory once the session ends (issue 14, "wipe for real").
// Canary text goes into every field of a report and a question through the real screens; the session
// ends by time-out, by Stop or by submitting; then the whole process memory (/proc/self/maps +
// /proc/self/mem: every readable private mapping) is searched for the canaries and every 8-character
// fragment of them, in UTF-8, UTF-16 and UTF-32. Allowed: nothing, not even in SQLite's page cache (the
// test checks the outbox file holds no fragment either: the stored copy is compressed).
//
// The canaries are random letters made at run time (no literal in .rodata); they and the scanner's
// buffers live in mappings of their own that the scan skips. The test's own std::string copies (to type
// them) are zeroed by the test before release.
#include <fcntl.h>
#include <string.h>  // explicit_bzero
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "secure_heap.hpp"
#include "ui_harness.hpp"

namespace kiosk::test {
namespace {

using core::Screen;

// A mapping of its own (mmap): never on the heap, skipped by the scan.
struct Arena {
  explicit Arena(std::size_t bytes) : size(bytes) {
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::runtime_error("mmap");
    base = static_cast<unsigned char*>(p);
  }
  ~Arena() { munmap(base, size); }
  unsigned char* base;
  std::size_t size;
};

constexpr std::size_t kFragment = 8;  // characters

// The canaries of one run and every fragment of them, in three encodings, stored in the arena.
class Canaries {
 public:
  static constexpr std::size_t kMax = 16, kLen = 200;
  explicit Canaries(Arena& a) : m_text(reinterpret_cast<char*>(a.base)) {
    std::uint64_t seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    m_rng = seed ^ (static_cast<std::uint64_t>(getpid()) << 32) ^ 0x9E3779B97F4A7C15ull;
  }

  // Words of random lower-case letters ("xkqv ptrwz …"), `bytes` long.
  std::string_view words(std::size_t bytes) {
    char* out = slot();
    for (std::size_t i = 0; i < bytes; ++i) out[i] = (i % 7 == 6 && i + 1 < bytes) ? ' ' : letter();
    return add(out, bytes);
  }
  std::string_view email() {
    char* out = slot();
    std::size_t n = 0;
    for (int i = 0; i < 12; ++i) out[n++] = letter();
    out[n++] = '@';
    for (int i = 0; i < 10; ++i) out[n++] = letter();
    out[n++] = '.';
    out[n++] = 'n';
    out[n++] = 'l';
    return add(out, n);
  }
  std::string_view phone() {
    char* out = slot();
    out[0] = '0';
    out[1] = '6';
    for (int i = 2; i < 10; ++i) out[i] = static_cast<char>('0' + next() % 10);
    return add(out, 10);
  }

  std::size_t count() const { return m_count; }
  std::string_view get(std::size_t i) const { return {m_text + i * kLen, m_size[i]}; }

 private:
  friend class Scanner;
  std::uint64_t next() {
    m_rng ^= m_rng << 13;
    m_rng ^= m_rng >> 7;
    m_rng ^= m_rng << 17;
    return m_rng;
  }
  char letter() { return static_cast<char>('a' + next() % 26); }
  char* slot() {
    if (m_count >= kMax) throw std::runtime_error("too many canaries");
    return m_text + m_count * kLen;
  }
  std::string_view add(char* p, std::size_t n) {
    m_size[m_count++] = n;
    return {p, n};
  }
  char* m_text;
  std::size_t m_size[kMax] = {};
  std::size_t m_count = 0;
  std::uint64_t m_rng;
};

struct Hit {
  std::uintptr_t address;
  std::size_t canary;
  int width;  // bytes per character: 1 UTF-8, 2 UTF-16, 4 UTF-32
  std::size_t length;
  std::string where;  // the mapping
};

// Finds every fragment (kFragment characters) of every canary in a byte range. Needles and the filter
// live in the arena; the std::vector of hits holds addresses only.
class Scanner {
 public:
  Scanner(Arena& a, const Canaries& c) : m_arena(a) {
    unsigned char* p = a.base + Canaries::kMax * Canaries::kLen;
    m_filter = p;  // kFilterBits bits
    p += kFilterBits / 8;
    m_needles = reinterpret_cast<Needle*>(p);
    for (std::size_t ci = 0; ci < c.count(); ++ci) {
      std::string_view t = c.get(ci);
      for (int width : {1, 2, 4})
        for (std::size_t start = 0; start + kFragment <= t.size(); ++start) {
          Needle& n = m_needles[m_n++];
          n.canary = ci;
          n.start = start;
          n.width = width;
          n.size = kFragment * static_cast<std::size_t>(width);
          std::memset(n.masked, kMask, sizeof n.masked);
          for (std::size_t k = 0; k < kFragment; ++k)
            n.masked[k * static_cast<std::size_t>(width)] = static_cast<unsigned char>(t[start + k] ^ kMask);
          std::uint64_t m;
          std::memcpy(&m, n.masked, 8);
          n.key = mix(m ^ kMask8);
          set_bit(n.key);
        }
    }
    std::sort(m_needles, m_needles + m_n, [](const Needle& x, const Needle& y) { return x.key < y.key; });
    m_chunk = reinterpret_cast<unsigned char*>(m_needles + m_n);
    if (m_chunk + kChunk + kOverlap >= a.base + a.size) throw std::runtime_error("arena too small");
  }

  // Searches the bytes [data, data + n) that were read from `address`.
  void scan(const unsigned char* data, std::size_t n, std::uintptr_t address, const std::string& where) {
    for (std::size_t i = 0; i + 8 <= n; ++i) {
      std::uint64_t k;
      std::memcpy(&k, data + i, 8);
      k = mix(k);
      if (!test_bit(k)) continue;
      const Needle* first = std::lower_bound(m_needles, m_needles + m_n, k,
                                             [](const Needle& x, std::uint64_t key) { return x.key < key; });
      for (const Needle* np = first; np != m_needles + m_n && np->key == k; ++np) {
        const Needle& nd = *np;
        if (i + nd.size > n || !same(data + i, nd)) continue;
        // One hit per copy of a canary: the address where its first character would be.
        std::uintptr_t origin = address + i - nd.start * static_cast<std::size_t>(nd.width);
        bool known = false;
        for (auto& h : hits)
          if (h.address == origin && h.canary == nd.canary && h.width == nd.width) {
            h.length = std::max(h.length, nd.start + kFragment);
            known = true;
          }
        if (!known) hits.push_back({origin, nd.canary, nd.width, nd.start + kFragment, where});
      }
    }
  }

  // Every readable private mapping of this process but the arena.
  void scan_process() {
    std::ifstream maps("/proc/self/maps");
    std::vector<std::pair<std::pair<std::uintptr_t, std::uintptr_t>, std::string>> regions;
    for (std::string line; std::getline(maps, line);) {
      std::uintptr_t lo = 0, hi = 0;
      char perms[8] = {};
      if (std::sscanf(line.c_str(), "%" SCNxPTR "-%" SCNxPTR " %7s", &lo, &hi, perms) != 3) continue;
      if (perms[0] != 'r' || perms[3] != 'p') continue;
      std::string name;
      if (auto slash = line.find_first_of("/["); slash != std::string::npos) name = line.substr(slash);
      if (name == "[vvar]" || name == "[vsyscall]" || name == "[vdso]") continue;
      if (name.empty()) name = "anon";
      // The arena, also when the kernel merged its mapping with a neighbour.
      auto a0 = reinterpret_cast<std::uintptr_t>(m_arena.base), a1 = a0 + m_arena.size;
      if (a0 < hi && lo < a1) {
        if (lo < a0) regions.push_back({{lo, a0}, name});
        if (a1 < hi) regions.push_back({{a1, hi}, name});
        continue;
      }
      regions.push_back({{lo, hi}, name});
    }
    maps.close();
    int fd = open("/proc/self/mem", O_RDONLY);
    ASSERT_GE(fd, 0);
    const long page = sysconf(_SC_PAGESIZE);
    for (const auto& [range, name] : regions) {
      auto [lo, hi] = range;
      // Huge mappings: only the pages in memory. Under AddressSanitizer they are its shadow (one byte of
      // poison state per 8 bytes of memory, never data; terabytes reserved): not scanned.
      bool sparse = hi - lo > (std::uintptr_t{1} << 30);
#if defined(__SANITIZE_ADDRESS__)
      if (sparse) {
        std::printf("[ memory ] not scanned: %s %#" PRIxPTR "-%#" PRIxPTR " (sanitizer shadow)\n", name.c_str(), lo,
                    hi);
        continue;
      }
#endif
      for (std::uintptr_t at = lo; at < hi;) {
        std::size_t n = std::min<std::uintptr_t>(kChunk, hi - at);
        if (sparse) {
          unsigned char in_core = 0;
          if (mincore(reinterpret_cast<void*>(at), static_cast<std::size_t>(page), &in_core) != 0 || !(in_core & 1)) {
            at += static_cast<std::uintptr_t>(page);
            continue;
          }
          n = static_cast<std::size_t>(page);
        }
        ssize_t got = pread(fd, m_chunk, n + kOverlap <= hi - at ? n + kOverlap : n, static_cast<off_t>(at));
        if (got > 0) scan(m_chunk, static_cast<std::size_t>(got), at, name);
        at += n;
      }
    }
    close(fd);
  }

  void scan_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::uintptr_t at = 0;
    while (in) {
      in.read(reinterpret_cast<char*>(m_chunk), static_cast<std::streamsize>(kChunk));
      auto got = static_cast<std::size_t>(in.gcount());
      if (got == 0) break;
      scan(m_chunk, got, at, file.filename().string());
      at += got;
      if (got == kChunk) in.seekg(static_cast<std::streamoff>(at));
    }
  }

  std::string report(std::size_t max = 40) const {
    std::string out;
    for (std::size_t i = 0; i < hits.size() && i < max; ++i) {
      const Hit& h = hits[i];
      char line[256];
      std::snprintf(line, sizeof line, "  canary %zu (%zu chars) %s x%d at %#" PRIxPTR " in %s\n", h.canary, h.length,
                    h.width == 1   ? "utf-8"
                    : h.width == 2 ? "utf-16"
                                   : "utf-32",
                    h.width, h.address, h.where.c_str());
      out += line;
    }
    return out;
  }

  std::vector<Hit> hits;

 private:
  static constexpr std::size_t kFilterBits = std::size_t{1} << 22;
  static constexpr std::size_t kChunk = std::size_t{1} << 20, kOverlap = 64;
  // A fragment is kept masked (xor kMask) and known by a hash of its first 8 bytes: sorting the needles
  // and the scan's locals never put a plain fragment on the stack, where the scan would find it.
  static constexpr unsigned char kMask = 0xA5;
  static constexpr std::uint64_t kMask8 = 0xA5A5A5A5A5A5A5A5ull;
  struct Needle {
    std::uint64_t key;  // mix() of the first 8 bytes
    std::size_t canary, start, size;
    int width;
    unsigned char masked[kFragment * 4];
  };
  static std::uint64_t mix(std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return k;
  }
  static bool same(const unsigned char* p, const Needle& nd) {
    for (std::size_t j = 0; j < nd.size; ++j)
      if ((p[j] ^ kMask) != nd.masked[j]) return false;
    return true;
  }
  static std::size_t slot(std::uint64_t k) { return k >> (64 - 22); }
  void set_bit(std::uint64_t k) { m_filter[slot(k) / 8] |= static_cast<unsigned char>(1u << (slot(k) % 8)); }
  bool test_bit(std::uint64_t k) const { return m_filter[slot(k) / 8] & (1u << (slot(k) % 8)); }

  Arena& m_arena;
  unsigned char* m_filter;
  Needle* m_needles;
  std::size_t m_n = 0;
  unsigned char* m_chunk;
};

enum class End { timeout, stop, submit };

class SessionWipe {
 public:
  SessionWipe() : arena(8u << 20), canaries(arena) {}

  // Types a canary; the std::string made for it is zeroed before it is freed.
  void type(std::string_view canary) {
    std::string s(canary);
    h.type(s);
    explicit_bzero(s.data(), s.size());
  }
  void field(const std::string& id, std::string_view canary) {
    h.tap(id);
    type(canary);
    h.tap("key.hide");
  }
  void start() {
    ASSERT_EQ(h.screen(), Screen::idle);
    h.tap_at(640, 200);
    ASSERT_EQ(h.screen(), Screen::choose);
  }
  void contact() {
    field("contact.email", canaries.email());
    field("contact.phone", canaries.phone());
    h.tap("contact.consent");
    h.tap("app.next");
  }

  void report() {
    start();
    h.tap("choose.report");
    h.tap("tile.wegen-verkeer-straatmeubilair");
    h.tap("tile.bestrating");
    ASSERT_EQ(h.screen(), Screen::report_location);
    h.tap("loc.type");
    field("loc.typed", canaries.words(40));
    h.tap("app.next");
    ASSERT_EQ(h.screen(), Screen::report_description);
    field("text", canaries.words(160));
    h.tap("app.next");
    ASSERT_EQ(h.screen(), Screen::report_contact);
    contact();
    ASSERT_EQ(h.screen(), Screen::report_review) << (h.session->errors().empty() ? "" : h.session->errors()[0].message);
  }

  void question() {
    start();
    h.tap("choose.question");
    h.tap("topic.afval-ophalen");
    ASSERT_EQ(h.screen(), Screen::question_text);
    field("text", canaries.words(180));
    h.tap("app.next");
    ASSERT_EQ(h.screen(), Screen::question_contact);
    contact();
    if (h.screen() == Screen::question_publish) {
      h.tap("publish.yes");  // the public preview (scrubbed copy) is drawn too
      h.tap("app.next");
    }
    ASSERT_EQ(h.screen(), Screen::question_review)
        << (h.session->errors().empty() ? "" : h.session->errors()[0].message);
  }

  void end(End how) {
    switch (how) {
      case End::timeout:
        h.clock.advance(std::int64_t(h.config.ui.idle_timeout_s) * 1000 + 1000);
        h.settle();
        break;
      case End::stop:
        h.tap("app.stop");
        h.tap("stop.yes");  // Stop asks first
        break;
      case End::submit:
        h.tap("review.send");
        ASSERT_EQ(h.screen(), Screen::receipt);
        h.tap("receipt.done");
        break;
    }
    ASSERT_EQ(h.screen(), Screen::idle);
    h.settle();
  }

  void check() {
    Scanner scan(arena, canaries);
    scan.scan_process();
    std::size_t in_memory = scan.hits.size();
    std::string where = scan.report();
    EXPECT_EQ(in_memory, 0u) << "copies of the citizen's text in memory after the session ended:\n" << where;
    // The outbox's stored copy is compressed: no fragment in the file, so none in SQLite's page cache.
    scan.hits.clear();
    for (const char* suffix : {"", "-wal"}) scan.scan_file(h.dir.path() / (std::string("outbox.sqlite") + suffix));
    EXPECT_EQ(scan.hits.size(), 0u) << "plain text in the outbox file:\n" << scan.report();
    std::printf("[ memory ] %zu canaries, %zu hits in memory\n", canaries.count(), in_memory);
  }

  UiHarness h;
  Arena arena;
  Canaries canaries;
};

// A report, then a question, each ended the same way; then the scan.
void nothing_left_after(End how) {
  harden_heap();
  SessionWipe t;
  t.report();
  t.end(how);
  t.question();
  t.end(how);
  t.check();
}

TEST(ui_session_wipe_test, nothing_left_after_time_out) { nothing_left_after(End::timeout); }
TEST(ui_session_wipe_test, nothing_left_after_stop) { nothing_left_after(End::stop); }
TEST(ui_session_wipe_test, nothing_left_after_submit) { nothing_left_after(End::submit); }

}  // namespace
}  // namespace kiosk::test
