// The printed slips (see receipt.hpp).
#include "kiosk/core/receipt.hpp"

#include <algorithm>

#include "kiosk/core/session.hpp"
#include "kiosk/sync/refcode.hpp"
#include "kiosk/sync/time.hpp"
#include "kiosk/sync/utf8.hpp"

namespace kiosk::core {
namespace {

using Style = SlipLine::Style;

std::string_view kind_word(Kind k) {
  switch (k) {
    case Kind::report: return "report";
    case Kind::question: return "question";
    case Kind::idea: return "idea";
    case Kind::poll: return "poll";
  }
  return "question";
}

// "23-11-2026 om 10:15" in the kiosk's time zone.
std::string when(std::int64_t ms, const Config& config, const Catalog& catalog) {
  int offset = utc_offset_minutes(config.kiosk.time_zone, ms);
  return fill(catalog.get("slip.when"),
              {{"date", format_day_month_year(ms, offset)}, {"time", format_clock(ms, offset)}});
}

void header(Slip& slip, const Config& config, const Catalog& catalog, std::string_view title_key) {
  slip.language = catalog.language();
  slip.lines.push_back({Style::bold, true, config.kiosk.municipality});
  slip.lines.push_back({Style::normal, true, catalog.get(title_key)});
  slip.lines.push_back({Style::rule, false, ""});
}

}  // namespace

Slip receipt_slip(const ReceiptInfo& receipt, const Config& config, const CategoryTree& tree, const Catalog& catalog) {
  Slip slip;
  std::string kind(kind_word(receipt.kind));
  header(slip, config, catalog, "slip.title." + kind);
  slip.lines.push_back({Style::normal, true, catalog.get("slip.code")});
  slip.lines.push_back({Style::large, true, refcode::group(receipt.reference)});
  slip.lines.push_back({Style::normal, true, when(receipt.created_at_ms, config, catalog)});
  slip.lines.push_back({});
  std::string promise;
  if (receipt.kind == Kind::report) promise = tree.handling_message(receipt.category, catalog.language());
  if (promise.empty()) promise = catalog.get("slip.promise." + kind);
  slip.lines.push_back({Style::normal, false, promise});
  if (receipt.kind == Kind::poll) return slip;  // a poll gets no answer to look up
  slip.lines.push_back({Style::rule, false, ""});
  slip.lines.push_back({Style::bold, false, catalog.get("slip.lookup.title")});
  slip.lines.push_back({Style::normal, false, catalog.get("slip.lookup.here")});
  if (!config.ui.receipt_phone.empty())
    slip.lines.push_back(
        {Style::normal, false, fill(catalog.get("slip.lookup.phone"), {{"phone", config.ui.receipt_phone}})});
  if (!config.ui.receipt_desk.empty())
    slip.lines.push_back(
        {Style::normal, false, fill(catalog.get("slip.lookup.desk"), {{"desk", config.ui.receipt_desk}})});
  return slip;
}

Slip answer_slip(const StoredSubmission& stored, const Config& config, const Catalog& catalog) {
  Slip slip;
  header(slip, config, catalog, "slip.answer.title");
  slip.lines.push_back({Style::normal, true, catalog.get("slip.code")});
  slip.lines.push_back({Style::large, true, refcode::group(stored.submission.reference)});
  slip.lines.push_back({});
  std::vector<const Answer*> answers;
  for (const auto& a : stored.answers) answers.push_back(&a);
  std::stable_sort(answers.begin(), answers.end(),
                   [](const Answer* a, const Answer* b) { return a->received_ms < b->received_ms; });
  if (answers.empty()) slip.lines.push_back({Style::normal, false, catalog.get("slip.answer.none")});
  for (const Answer* a : answers) {
    slip.lines.push_back({Style::bold, false, when(a->received_ms, config, catalog)});
    slip.lines.push_back({Style::normal, false, a->text});
    slip.lines.push_back({});
  }
  return slip;
}

std::vector<std::string> wrap_text(const std::string& text, int columns) {
  std::vector<std::string> out;
  const std::size_t width = static_cast<std::size_t>(std::max(columns, 1));
  std::string line, word;
  std::size_t line_len = 0, word_len = 0;
  auto flush_word = [&] {
    if (word.empty()) return;
    if (line_len > 0 && line_len + 1 + word_len > width) {
      out.push_back(std::move(line));
      line.clear();
      line_len = 0;
    }
    if (line_len > 0) {
      line += ' ';
      ++line_len;
    }
    line += word;
    line_len += word_len;
    word.clear();
    word_len = 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    Utf8Char c = decode_utf8(text, i);
    if (is_line_break(c.cp)) {
      flush_word();
      out.push_back(std::move(line));
      line.clear();
      line_len = 0;
    } else if (is_hspace(c.cp)) {
      flush_word();
    } else {
      if (word_len == width) flush_word();  // a word longer than a line is cut
      word.append(text, i, c.len);
      ++word_len;
    }
    i += c.len;
  }
  flush_word();
  if (!line.empty() || out.empty()) out.push_back(std::move(line));
  return out;
}

std::string slip_text(const Slip& slip, int columns) {
  std::string out;
  const std::size_t width = static_cast<std::size_t>(std::max(columns, 1));
  for (const SlipLine& l : slip.lines) {
    if (l.style == Style::rule) {
      out += std::string(width, '-') + "\n";
      continue;
    }
    std::string text = l.text;
    if (l.style == Style::large && utf8_length(text) * 2 - 1 <= width) {
      std::string spaced;
      for (std::size_t i = 0; i < text.size();) {
        Utf8Char c = decode_utf8(text, i);
        if (!spaced.empty()) spaced += ' ';
        spaced.append(text, i, c.len);
        i += c.len;
      }
      text = spaced;
    }
    for (const std::string& w : wrap_text(text, columns)) {
      std::size_t len = utf8_length(w);
      if (l.centre && len < width) out += std::string((width - len) / 2, ' ');
      out += w + "\n";
    }
  }
  return out;
}

}  // namespace kiosk::core
