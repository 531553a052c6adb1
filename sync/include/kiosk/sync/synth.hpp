// Synthetic kiosk submissions: realistic, invented citizen reports, questions, ideas and poll answers
// in the six kiosk languages (Dutch the majority). They train the zstd payload dictionary, feed tests
// and benchmarks, and never contain real people's data (names, addresses, e-mail domains and phone
// numbers are made up; e-mail domains are example.*). Output is a pure function of the seed: the
// generator uses std::mt19937_64 with its own arithmetic, no standard distributions, so every
// standard library produces the same submissions. No file I/O: the category slugs it uses are
// embedded and the tests check them against assets/categories/default.json.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "kiosk/sync/submission.hpp"

namespace kiosk {

struct SynthOptions {
  std::string kiosk_id = "demo-bieb-01";
  std::int64_t start_ms = 1767225600000;  // 2026-01-01T00:00:00Z
  double contact_rate = 0.35;             // share of submissions that leave an e-mail address and/or phone
  // -1: every phrase. 0 or 1: only the phrases at even or odd positions of each pool, so a dictionary
  // trained on one half can be measured on text it has never seen (codec_bench).
  int phrase_half = -1;
};

// `count` submissions with created_at_ms strictly increasing from start_ms, during opening hours
// (09:00-17:00 local, Monday to Saturday), about a dozen a day. The first n of a longer run equal
// the run of n (prefix-stable). uuid and reference are left empty: the outbox assigns them.
std::vector<Submission> synth_submissions(std::uint64_t seed, std::size_t count, const SynthOptions& = {});

// One submission at a random opening-hours moment within a year of start_ms.
Submission synth_submission(std::mt19937_64& rng, const SynthOptions& = {});

}  // namespace kiosk
