// Fuzz target: bundle import (sync/outbox/bundle.cpp, import_bundle) into a real outbox. The input is the
// bundle's JSON lines, which the target compresses into one zstd frame as export_bundle does; an input that
// already starts with zstd's magic number is taken as the file itself, so damaged frames are covered too.
#include <zstd.h>

#include <cstring>

#include "fuzz_support.hpp"
#include "kiosk/sync/bundle.hpp"

namespace {

kiosk::Outbox& outbox() {
  static kiosk::Outbox* box = [] {
    kiosk::OutboxOptions o;
    o.path = kiosk::fuzz::scratch_dir() / "import.sqlite";
    o.defer_fsync = true;  // imports commit often; the disk is not what is tested
    auto b = kiosk::Outbox::open(o);
    if (!b) std::abort();
    return new kiosk::Outbox(std::move(*b));
  }();
  return *box;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = kiosk::fuzz::text(data, size);
  std::string file;
  static constexpr unsigned char kMagic[4] = {0x28, 0xB5, 0x2F, 0xFD};
  if (size >= 4 && std::memcmp(data, kMagic, 4) == 0) {
    file.assign(in);
  } else {
    file.resize(ZSTD_compressBound(size));
    std::size_t n = ZSTD_compress(file.data(), file.size(), in.data(), in.size(), 1);
    if (ZSTD_isError(n)) std::abort();
    file.resize(n);
  }
  auto path = kiosk::fuzz::scratch_file("fuzz.bundle", file);
  (void)kiosk::import_bundle(outbox(), path);
  return 0;
}
