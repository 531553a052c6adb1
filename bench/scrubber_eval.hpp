// Evaluation of the personal-data scrubber on a labelled set (tests/data/privacy/*.jsonl, format in
// tests/data/privacy/README.md): recall per kind and per language, false removals. Shared by
// bench/scrubber_bench.cpp (prints the tables) and tests/sync/scrubber_eval_test.cpp (asserts the goal).
//
// A labelled span counts as found when every letter and digit of every occurrence of it in the text lies
// inside a span the scrubber removes. False removals: letters and digits removed outside the labelled spans,
// divided by all letters and digits outside them; also the number of snippets without personal data that
// were touched at all.
#pragma once

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/sync/error.hpp"
#include "kiosk/sync/scrubber.hpp"
#include "kiosk/sync/utf8.hpp"

namespace kiosk::scrubber_eval {

// The labelled parts in the order they were written: dev.jsonl, heldout.jsonl, heldout2.jsonl, … The first
// kDevelopmentParts are development parts (the rules are tuned and the name tagger trained on them); the one
// after them is the held-out part, written blind and measured once (its misses are never printed). When a
// held-out part becomes a development part, this number is the one place that changes.
inline constexpr int kDevelopmentParts = 42;  // dev.jsonl … heldout41.jsonl

inline std::string part_name(int index) {
  if (index == 0) return "dev.jsonl";
  if (index == 1) return "heldout.jsonl";
  return "heldout" + std::to_string(index) + ".jsonl";
}

inline std::vector<std::string> development_parts() {
  std::vector<std::string> names;
  for (int i = 0; i < kDevelopmentParts; ++i) names.push_back(part_name(i));
  return names;
}

inline std::string held_out_part() { return part_name(kDevelopmentParts); }

struct Snippet {
  std::string id;
  std::string lang;
  std::string text;
  std::vector<std::pair<PiiKind, std::string>> pii;
};

struct Count {
  std::size_t labelled = 0;
  std::size_t found = 0;
  double recall() const { return labelled == 0 ? 1.0 : static_cast<double>(found) / static_cast<double>(labelled); }
};

struct LangFigures {
  Count spans;
  std::size_t outside = 0;          // letters and digits outside labelled spans
  std::size_t removed_outside = 0;  // of those, removed
  std::size_t snippets = 0;
  std::size_t clean = 0;          // snippets without personal data
  std::size_t clean_touched = 0;  // of those, with anything removed
  double false_removals() const {
    return outside == 0 ? 0.0 : static_cast<double>(removed_outside) / static_cast<double>(outside);
  }
};

struct Miss {
  std::string id;
  PiiKind kind;
  std::string span;
};

struct Report {
  std::map<std::string, Count> by_kind;  // kind name -> recall
  std::map<std::string, LangFigures> by_lang;
  LangFigures total;
  std::vector<Miss> misses;
  std::vector<std::string> touched_clean;  // ids
  // Snippets with personal data where letters or digits outside the labels were removed: id and the removed runs
  // (each from the first to the last removed letter or digit outside the labels, joined by " | ").
  std::vector<std::pair<std::string, std::string>> removed_outside;
};

// Letters and digits (what recall and false removals count): not white space, not punctuation or symbols.
inline bool counts(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (is_space(c) || (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7) return false;
  if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF) || (c >= 0x2100 && c <= 0x2BFF)) return false;
  if (c == 0x60C || c == 0x61B || c == 0x61F || (c >= 0x66A && c <= 0x66D) || c == 0x6D4) return false;
  if (c >= 0x1360 && c <= 0x1368) return false;  // Ethiopic punctuation
  if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFFD) return false;
  return true;
}

inline Result<std::vector<Snippet>> load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(Errc::io, "cannot open " + path);
  std::vector<Snippet> out;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return make_error(Errc::invalid_value, where + "not a JSON object");
    Snippet s;
    try {
      s.id = j.at("id").get<std::string>();
      s.lang = j.at("lang").get<std::string>();
      s.text = j.at("text").get<std::string>();
      for (const auto& p : j.at("pii")) {
        const std::string kind = p.at(0).get<std::string>();
        const auto k = pii_kind_from_name(kind);
        if (!k) return make_error(Errc::invalid_value, where + "unknown kind \"" + kind + "\"");
        const std::string span = p.at(1).get<std::string>();
        if (span.empty() || s.text.find(span) == std::string::npos)
          return make_error(Errc::invalid_value, where + "span \"" + span + "\" is not in the text");
        s.pii.emplace_back(*k, span);
      }
    } catch (const nlohmann::json::exception& e) {
      return make_error(Errc::invalid_value, where + e.what());
    }
    out.push_back(std::move(s));
  }
  return out;
}

// spans_of(index, snippet): what the scrubber removes from snippet index of the set (the trainer of the name
// tagger passes the rules' spans with a candidate model's).
template <class SpansOf>
Report evaluate(const std::vector<Snippet>& set, SpansOf&& spans_of) {
  Report r;
  for (std::size_t index = 0; index < set.size(); ++index) {
    const Snippet& sn = set[index];
    const std::string& t = sn.text;
    std::vector<bool> removed(t.size(), false), labelled(t.size(), false);
    for (const PiiSpan& sp : spans_of(index, sn))
      for (std::size_t i = sp.begin; i < sp.end && i < t.size(); ++i) removed[i] = true;
    LangFigures& lf = r.by_lang[sn.lang];
    for (LangFigures* f : {&lf, &r.total}) {
      ++f->snippets;
      if (sn.pii.empty()) ++f->clean;
    }
    for (const auto& [kind, span] : sn.pii) {
      bool all = true;
      for (std::size_t p = t.find(span); p != std::string::npos; p = t.find(span, p + 1)) {
        for (std::size_t i = p; i < p + span.size(); i += decode_utf8(t, i).len) {
          labelled[i] = true;
          const Utf8Char c = decode_utf8(t, i);
          for (std::size_t k = 1; k < c.len; ++k) labelled[i + k] = true;
          if (counts(c.cp) && !removed[i]) all = false;
        }
      }
      for (Count* c : {&r.by_kind[std::string(pii_kind_name(kind))], &lf.spans, &r.total.spans}) {
        ++c->labelled;
        if (all) ++c->found;
      }
      if (!all) r.misses.push_back({sn.id, kind, span});
    }
    bool touched = false;
    std::string runs;
    std::size_t run_begin = std::string::npos, run_end = 0;
    const auto close_run = [&] {
      if (run_begin == std::string::npos) return;
      if (!runs.empty()) runs += " | ";
      runs += t.substr(run_begin, run_end - run_begin);
      run_begin = std::string::npos;
    };
    for (std::size_t i = 0; i < t.size();) {
      const Utf8Char c = decode_utf8(t, i);
      if (removed[i]) touched = true;
      if (counts(c.cp) && !labelled[i]) {
        ++lf.outside;
        ++r.total.outside;
        if (removed[i]) {
          ++lf.removed_outside;
          ++r.total.removed_outside;
          if (run_begin == std::string::npos) run_begin = i;
          run_end = i + c.len;
        } else {
          close_run();
        }
      } else if (labelled[i]) {
        close_run();
      }
      i += c.len;
    }
    close_run();
    if (!sn.pii.empty() && !runs.empty()) r.removed_outside.emplace_back(sn.id, runs);
    if (sn.pii.empty() && touched) {
      ++lf.clean_touched;
      ++r.total.clean_touched;
      r.touched_clean.push_back(sn.id);
    }
  }
  return r;
}

inline Report evaluate(const std::vector<Snippet>& set) {
  return evaluate(set, [](std::size_t, const Snippet& sn) { return find_personal_data(sn.text); });
}

inline void print(std::FILE* out, const std::string& name, const Report& r) {
  std::fprintf(out, "%s: %zu snippets (%zu without personal data), %zu labelled spans\n", name.c_str(),
               r.total.snippets, r.total.clean, r.total.spans.labelled);
  std::fprintf(out, "  %-8s %8s %8s %8s\n", "kind", "spans", "found", "recall");
  for (const auto& [kind, c] : r.by_kind)
    std::fprintf(out, "  %-8s %8zu %8zu %8.3f\n", kind.c_str(), c.labelled, c.found, c.recall());
  std::fprintf(out, "  %-8s %8s %8s %8s %12s %14s\n", "lang", "spans", "found", "recall", "false rem.",
               "clean touched");
  const auto row = [&](const std::string& lang, const LangFigures& f) {
    std::fprintf(out, "  %-8s %8zu %8zu %8.3f %11.2f%% %8zu / %-4zu\n", lang.c_str(), f.spans.labelled, f.spans.found,
                 f.spans.recall(), 100.0 * f.false_removals(), f.clean_touched, f.clean);
  };
  for (const auto& [lang, f] : r.by_lang) row(lang, f);
  row("all", r.total);
}

}  // namespace kiosk::scrubber_eval
