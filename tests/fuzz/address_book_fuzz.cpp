// Fuzz target: the municipality's address list (map.addresses, docs/addresses.md), read by
// kiosk/core/address_book.cpp (AddressBook::parse; display-free, compiled into this target). The input's
// first line is also typed into the location screen: suggest() and match() run over the list that parsed,
// as they do on every keystroke.
#include "fuzz_support.hpp"
#include "kiosk/core/address_book.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = kiosk::fuzz::text(data, size);
  const std::string_view typed = input.substr(0, std::min<std::size_t>(input.find('\n'), 200));
  // As written, and after a valid header so the fuzzer reaches the lines without having to find it.
  for (const std::string& file : {std::string(input), "# kiosk-addresses 1\n" + std::string(input)}) {
    auto book = kiosk::core::AddressBook::parse(file, "fuzz.tsv");
    if (!book) continue;
    for (std::size_t i : book->suggest(typed, 4)) (void)book->at(i).label();
    if (const auto* a = book->match(typed)) (void)a->label();
  }
  return 0;
}
