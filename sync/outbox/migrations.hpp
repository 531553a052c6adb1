// Numbered schema migrations of the outbox. kMigrations[i] brings user_version i to i + 1; never edit
// a migration that has shipped, add a new one (and bump kOutboxSchemaVersion).
#pragma once

#include <array>
#include <string_view>

#include "kiosk/sync/outbox.hpp"

namespace kiosk::migrations {

inline constexpr std::array<std::string_view, kOutboxSchemaVersion> kMigrations = {
    // 0 -> 1: the first schema.
    R"sql(
CREATE TABLE dictionaries (
  id          INTEGER PRIMARY KEY,          -- zstd dictionary id
  name        TEXT NOT NULL,
  added_at    INTEGER NOT NULL,             -- unix ms
  bytes       BLOB NOT NULL
);
-- One row: the reference serial counter and running totals for stats (kept by triggers).
CREATE TABLE kiosk_state (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  last_serial   INTEGER NOT NULL DEFAULT 0,
  submissions   INTEGER NOT NULL DEFAULT 0,
  raw_bytes     INTEGER NOT NULL DEFAULT 0,
  stored_bytes  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO kiosk_state (id) VALUES (1);

-- The payload (zstd-compressed versioned JSON) holds everything; columns exist only for queries.
CREATE TABLE submissions (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  reference      TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL CHECK (kind IN ('question', 'report', 'idea', 'poll')),
  created_at     INTEGER NOT NULL,          -- unix ms UTC
  payload_format INTEGER NOT NULL,          -- submission JSON version
  dict_id        INTEGER NOT NULL DEFAULT 0,  -- 0: no dictionary, else dictionaries.id
  raw_size       INTEGER NOT NULL,
  stored_size    INTEGER NOT NULL,
  payload        BLOB NOT NULL,
  purged_at      INTEGER                    -- personal data removed at (unix ms)
);
-- No index for purge: it runs daily and may scan; every index costs a page write per submission.

CREATE TABLE deliveries (
  submission_id   INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  channel         TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'delivered', 'retry', 'parked')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  updated_at      INTEGER NOT NULL,
  delivered_at    INTEGER,
  last_error      TEXT,
  parked_reason   TEXT,
  remote_id       TEXT,
  remote_display  TEXT,
  remote_status   TEXT,
  PRIMARY KEY (submission_id, channel)
) WITHOUT ROWID;
CREATE INDEX deliveries_due ON deliveries (channel, state, next_attempt_at);

CREATE TABLE answers (
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  channel       TEXT NOT NULL,
  remote_id     TEXT NOT NULL,
  received_at   INTEGER NOT NULL,
  text          TEXT NOT NULL,
  PRIMARY KEY (submission_id, channel, remote_id)
) WITHOUT ROWID;

CREATE TABLE news (
  source       TEXT NOT NULL,
  remote_id    TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  language     TEXT NOT NULL,
  text         TEXT NOT NULL,
  url          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (source, remote_id)
) WITHOUT ROWID;
CREATE INDEX news_latest ON news (published_at);

CREATE TRIGGER submissions_totals_insert AFTER INSERT ON submissions BEGIN
  UPDATE kiosk_state SET submissions = submissions + 1, raw_bytes = raw_bytes + NEW.raw_size,
                         stored_bytes = stored_bytes + NEW.stored_size WHERE id = 1;
END;
CREATE TRIGGER submissions_totals_update AFTER UPDATE OF raw_size, stored_size ON submissions BEGIN
  UPDATE kiosk_state SET raw_bytes = raw_bytes - OLD.raw_size + NEW.raw_size,
                         stored_bytes = stored_bytes - OLD.stored_size + NEW.stored_size WHERE id = 1;
END;
CREATE TRIGGER submissions_totals_delete AFTER DELETE ON submissions BEGIN
  UPDATE kiosk_state SET submissions = submissions - 1, raw_bytes = raw_bytes - OLD.raw_size,
                         stored_bytes = stored_bytes - OLD.stored_size WHERE id = 1;
END;
)sql",
    // 1 -> 2: sync engine state. `uncertain` marks a delivery whose last send may have arrived (the
    // answer was lost): the engine asks the server before resending. channel_state keeps each
    // channel's circuit and backoff across runs; sync_cache keeps what was fetched for offline use
    // (category tree, instance limits).
    R"sql(
ALTER TABLE deliveries ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN first_attempt_at INTEGER NOT NULL DEFAULT 0;  -- unix ms of the first claim
CREATE TABLE channel_state (
  channel        TEXT PRIMARY KEY,
  circuit        TEXT NOT NULL DEFAULT 'closed' CHECK (circuit IN ('closed', 'open', 'half_open')),
  failures       INTEGER NOT NULL DEFAULT 0,   -- consecutive failed runs
  not_before     INTEGER NOT NULL DEFAULT 0,   -- unix ms: no request to this channel before this moment
  last_error     TEXT NOT NULL DEFAULT '',
  last_success   INTEGER NOT NULL DEFAULT 0,
  last_attempt   INTEGER NOT NULL DEFAULT 0,
  last_poll      INTEGER NOT NULL DEFAULT 0,   -- status/answer polling
  sent_times     TEXT NOT NULL DEFAULT ''      -- recent POST times (pacing), comma-separated unix ms
) WITHOUT ROWID;
CREATE TABLE sync_cache (
  key        TEXT PRIMARY KEY,
  fetched_at INTEGER NOT NULL,
  body       TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 2 -> 3: a partial index for counting purged submissions (stats): only purged rows are in it,
    // so it costs nothing when a submission is stored.
    R"sql(
CREATE INDEX submissions_purged ON submissions (purged_at) WHERE purged_at IS NOT NULL;
)sql",
    // 3 -> 4: the queue index orders each channel's deliveries of one state by submission, so claiming
    // the oldest due batch reads only that batch instead of sorting the channel's whole history (the
    // drain was quadratic). It replaces deliveries_due: still one index per delivery row, so a submit
    // writes no more pages than before; retries due are found among the channel's retry rows.
    R"sql(
DROP INDEX deliveries_due;
CREATE INDEX deliveries_queue ON deliveries (channel, state, submission_id);
)sql",
    // 4 -> 5: claims know their run. A run holds the sync lock for its whole life, so the next run
    // knows at once that an earlier run's claims are orphaned and takes them back at its start
    // instead of waiting out the lease (which stalled a kiosk for ten minutes after every kill). The
    // run id is what ties a claim to that run's sent journal (sync/engine/sent_journal.hpp): a claim
    // the journal does not list was never sent and goes back unsent; only the others are uncertain.
    R"sql(
ALTER TABLE deliveries ADD COLUMN claim_run INTEGER NOT NULL DEFAULT 0;
)sql",
    // 5 -> 6: delivery counts per channel and state, kept by triggers like kiosk_state's totals, so
    // `kioskctl stats` (and export's header) reads a few rows instead of counting the whole deliveries
    // table: after a year offline that is 100,000+ index entries on every stats call. One small row
    // update per delivery insert or state change.
    R"sql(
CREATE TABLE delivery_counts (
  channel TEXT NOT NULL,
  state   TEXT NOT NULL,
  n       INTEGER NOT NULL,
  PRIMARY KEY (channel, state)
) WITHOUT ROWID;
INSERT INTO delivery_counts (channel, state, n) SELECT channel, state, count(*) FROM deliveries GROUP BY channel, state;
CREATE TRIGGER delivery_counts_insert AFTER INSERT ON deliveries BEGIN
  INSERT INTO delivery_counts (channel, state, n) VALUES (NEW.channel, NEW.state, 1)
    ON CONFLICT (channel, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER delivery_counts_delete AFTER DELETE ON deliveries BEGIN
  UPDATE delivery_counts SET n = n - 1 WHERE channel = OLD.channel AND state = OLD.state;
END;
CREATE TRIGGER delivery_counts_update AFTER UPDATE OF channel, state ON deliveries
WHEN OLD.channel <> NEW.channel OR OLD.state <> NEW.state BEGIN
  UPDATE delivery_counts SET n = n - 1 WHERE channel = OLD.channel AND state = OLD.state;
  INSERT INTO delivery_counts (channel, state, n) VALUES (NEW.channel, NEW.state, 1)
    ON CONFLICT (channel, state) DO UPDATE SET n = n + 1;
END;
)sql",
    // 6 -> 7: run records and "sync now" requests (run_record.hpp). The technician screen counted only
    // presses of its own button and `kioskctl status` had nothing to read: what the sync service really
    // did lived in its log alone. Each run now leaves one row, and one row per channel with its outcome
    // and the queue after it; the kiosk, which may not read the secrets, asks for a run with a request
    // row that the answering run marks. Old runs are pruned by the service (Outbox::record_run).
    R"sql(
CREATE TABLE sync_runs (
  id                INTEGER PRIMARY KEY,
  format            INTEGER NOT NULL,             -- kRunRecordFormat
  source            TEXT NOT NULL,                -- kiosk-sync or kioskctl
  started_at        INTEGER NOT NULL,             -- unix ms
  ended_at          INTEGER NOT NULL,
  exit_code         INTEGER NOT NULL,             -- kiosk::ExitCode
  error             TEXT NOT NULL DEFAULT '',     -- the run failed as a whole
  requests_answered INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sync_run_channels (
  run_id         INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
  channel        TEXT NOT NULL,
  queued         INTEGER NOT NULL,
  delivered      INTEGER NOT NULL,
  retried        INTEGER NOT NULL,
  parked         INTEGER NOT NULL,
  answers        INTEGER NOT NULL,
  wait           TEXT NOT NULL,                   -- wait_name(): '' or paced, tally, backoff, circuit_open
  wait_until     INTEGER NOT NULL,
  waiting_rows   INTEGER NOT NULL,
  failures       INTEGER NOT NULL,
  circuit        TEXT NOT NULL,
  last_error     TEXT NOT NULL,
  pending        INTEGER NOT NULL,                -- the queue after the run
  parked_total   INTEGER NOT NULL,
  oldest_pending INTEGER NOT NULL,
  last_success   INTEGER NOT NULL,
  last_delivery  INTEGER NOT NULL,
  PRIMARY KEY (run_id, channel)
) WITHOUT ROWID;
CREATE TABLE sync_requests (
  id           INTEGER PRIMARY KEY,
  requested_at INTEGER NOT NULL,
  run_id       INTEGER NOT NULL DEFAULT 0         -- the run that answered it; 0 while open
);
)sql",
    // 7 -> 8: every remote status change, not only the last one. The look-up showed one status per
    // channel, so a report that went from open to handled and back left no trace of the way, and the
    // citizen could not see when it changed. A trigger writes the row in the statement that changes the
    // status, so no caller can forget it; the rows go with their submission (ON DELETE CASCADE). The
    // status each delivery has now is its first row (at its last update), so an item closed before the
    // upgrade still reads as handled.
    R"sql(
CREATE TABLE status_changes (
  submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  channel       TEXT NOT NULL,
  changed_at    INTEGER NOT NULL,             -- unix ms, as deliveries.updated_at
  status        TEXT NOT NULL,                -- the channel's own word (CLOSED, closed, beantwoord)
  PRIMARY KEY (submission_id, channel, changed_at, status)
) WITHOUT ROWID;
CREATE TRIGGER status_changes_record AFTER UPDATE OF remote_status ON deliveries
WHEN NEW.remote_status IS NOT NULL AND NEW.remote_status <> '' AND NEW.remote_status IS NOT OLD.remote_status BEGIN
  INSERT OR IGNORE INTO status_changes (submission_id, channel, changed_at, status)
    VALUES (NEW.submission_id, NEW.channel, NEW.updated_at, NEW.remote_status);
END;
INSERT INTO status_changes (submission_id, channel, changed_at, status)
  SELECT submission_id, channel, updated_at, remote_status FROM deliveries WHERE coalesce(remote_status, '') <> '';
)sql",
    // 8 -> 9: crisis and urgent news. Every item looked the same, so a crisis message (a pinned or
    // urgent-tagged status, an urgent [[news]] seed) drowned among ordinary news; the flag lets the
    // screens put urgent items in a banner on the idle screen and in every header. 0 for old rows.
    R"sql(
ALTER TABLE news ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
)sql",
};

}  // namespace kiosk::migrations
