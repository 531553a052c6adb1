// Personal-data scrubber: the driver. The scanners (one per kind, scanners.hpp) add spans; overlaps are
// merged; every span is replaced. See scrubber.hpp for what is found and what deliberately stays.
#include "kiosk/sync/scrubber.hpp"

#include <algorithm>
#include <utility>

#include "lists.hpp"
#include "name_tagger.hpp"
#include "scanners.hpp"

namespace kiosk {
namespace {

using privacy::Spans;

// Sorts and makes spans non-overlapping; an overlap becomes one span with the kind of the one
// that starts first (or is longer).
Spans normalise(Spans spans) {
  std::sort(spans.begin(), spans.end(), [](const PiiSpan& a, const PiiSpan& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  Spans out;
  for (const PiiSpan& sp : spans) {
    if (!out.empty() && sp.begin < out.back().end) {
      out.back().end = std::max(out.back().end, sp.end);
      continue;
    }
    out.push_back(sp);
  }
  return out;
}

}  // namespace

std::string_view pii_kind_name(PiiKind kind) noexcept {
  switch (kind) {
    case PiiKind::email: return "email";
    case PiiKind::phone: return "phone";
    case PiiKind::bsn: return "bsn";
    case PiiKind::iban: return "iban";
    case PiiKind::name: return "name";
    case PiiKind::address: return "address";
    case PiiKind::dob: return "dob";
    case PiiKind::plate: return "plate";
    case PiiKind::handle: return "handle";
  }
  return "unknown";
}

std::optional<PiiKind> pii_kind_from_name(std::string_view name) noexcept {
  for (PiiKind k : kAllPiiKinds)
    if (pii_kind_name(k) == name) return k;
  return std::nullopt;
}

Result<void> scrubber_data_status() { return privacy::privacy_lists_status(); }

Result<void> scrubber_model_status() { return privacy::name_tagger_status(); }

std::vector<PiiSpan> find_personal_data(std::string_view utf8_text, int this_year) {
  const privacy::Input in(utf8_text, this_year);
  Spans spans;
  // Order matters only for the kind an overlap keeps (the one that starts first, then the longer).
  privacy::find_emails(in, spans);
  privacy::find_handles(in, spans);
  privacy::find_ibans(in, spans);
  privacy::find_phones(in, spans);
  privacy::find_bsns(in, spans);
  privacy::find_dobs(in, spans);
  privacy::find_plates(in, spans);
  privacy::find_addresses(in, spans);
  privacy::find_names(in, spans);                    // a full name before other personal data counts
  privacy::find_tagged_names(in, spans);             // the union with the rules: names without a cue or list entry
  privacy::find_conjoined_names(in, spans);          // "Mirek Chmielarz i <a name found>"
  privacy::find_corrected_names(in, spans);          // "Gökhan değil Gökan": a name's misspelt twin
  privacy::find_repeated_caseless_names(in, spans);  // "ጎረቤተይ ጉዕሽ … ኣኽላባት ጉዕሽ"
  privacy::find_person_dobs(in, spans);              // after the names: "Halima Bouzerda, 05/09/1962."
  // A Turkish case ending after an apostrophe stays outside a name ("Emirhan'ın"), whichever scanner found it.
  for (PiiSpan& sp : spans)
    if (sp.kind == PiiKind::name)
      if (const auto cut = privacy::case_ending_cut(utf8_text, sp.end); cut && *cut > sp.begin) sp.end = *cut;
  // A span never starts or ends inside a character: stray continuation bytes (invalid UTF-8) at its start are
  // left out, those right after it go with it.
  const auto continuation = [&](std::size_t i) { return (static_cast<unsigned char>(utf8_text[i]) & 0xC0) == 0x80; };
  for (PiiSpan& sp : spans) {
    while (sp.begin < sp.end && continuation(sp.begin)) ++sp.begin;
    while (sp.end < utf8_text.size() && continuation(sp.end)) ++sp.end;
  }
  std::erase_if(spans, [](const PiiSpan& sp) { return sp.begin >= sp.end; });
  return normalise(std::move(spans));
}

ScrubResult scrub_personal_data(std::string_view utf8_text, const ScrubOptions& options) {
  ScrubResult result;
  result.found = find_personal_data(utf8_text, options.this_year);
  result.text.reserve(utf8_text.size());
  std::size_t pos = 0;
  for (std::size_t i = 0; i < result.found.size(); ++i) {
    const PiiSpan& sp = result.found[i];
    privacy::append_valid(result.text, utf8_text, pos, sp.begin);
    const bool touches_previous = i > 0 && result.found[i - 1].end == sp.begin;
    if (!touches_previous) result.text += options.placeholder;
    pos = sp.end;
  }
  privacy::append_valid(result.text, utf8_text, pos, utf8_text.size());
  return result;
}

}  // namespace kiosk
