// Plain language (accessibility criterion A22, the Dutch B1 writing norm): a lint over a language
// catalog. B1 itself needs a human reader; the lint checks its two automatable proxies:
//   - no sentence longer than max_words words (a "{placeholder}" counts as one word);
//   - no word or phrase from a list of difficult words, each with its plain alternative
//     (assets/plain-language/<lang>-difficult-words.tsv).
// Keys for technicians ("tech.") are not for citizens and are left out by default.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/catalog.hpp"
#include "kiosk/sync/error.hpp"

namespace kiosk::core {

// One line of the word list: "difficult<TAB>plain alternative"; the difficult side may be a phrase.
struct DifficultWord {
  std::string word;   // lower case
  std::string plain;  // what to write instead
};

// Word list file, versioned: first line "# plain-language word list, format 1", then "#" comments, blank
// lines and "difficult<TAB>plain" lines. A line without a tab, or a duplicate, is an error naming the line.
Result<std::vector<DifficultWord>> load_difficult_words(const std::filesystem::path& file);
Result<std::vector<DifficultWord>> parse_difficult_words(std::string_view text, std::string_view source_name);

// <assets_dir>/plain-language/<language>-difficult-words.tsv
std::filesystem::path difficult_words_file(std::string_view language);

struct PlainLanguageRules {
  std::size_t max_words = 15;
  std::vector<DifficultWord> difficult;
  std::vector<std::string> skip_key_prefixes = {"tech."};
};

struct PlainLanguageFinding {
  std::string key;
  std::string sentence;  // the sentence it is about
  std::string problem;   // in words: "18 words (at most 15)" or "'benaderen': write 'contact opnemen'"
};

// The sentences of a text: split after '.', '!', '?' or ':' followed by white space or the end, and at
// line breaks.
std::vector<std::string> split_sentences(std::string_view text);
// Words of a sentence: runs of letters and digits (with inner hyphens and apostrophes); "{n}" is one word.
std::vector<std::string> sentence_words(std::string_view sentence);

std::vector<PlainLanguageFinding> lint_plain_language(const Catalog& catalog, const PlainLanguageRules& rules);

}  // namespace kiosk::core
