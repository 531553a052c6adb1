// A simulated disk for power-cut tests: an SQLite VFS shim over the default "unix" VFS that keeps, per
// database and log file, what a power cut would take away, and a cut that takes it.
//
// Model (what the disk holds after a power cut):
//   - A file's content as of its last completed sync is durable. A sync is SQLite's xSync on the file,
//     or an fsync/fdatasync of any descriptor of the same file made outside SQLite (Outbox::flush_wal()
//     opens the -wal file itself and fdatasyncs it): the test program routes its fsync and fdatasync
//     through on_fsync() below, which matches the descriptor to a tracked file by device and inode.
//   - Writes and truncations since that sync are volatile. At the cut, either all of them are lost
//     (Cut::drop_all), or any subset of them reached the disk in any order and one of those was torn:
//     only its first 512-byte sectors arrived (Cut::random_subset). Both keep SQLite's power-safe
//     overwrite assumption: a write never damages bytes outside its own range.
//   - A file created and never synced is lost with drop_all (its directory entry never reached the disk).
//   - Deleting a file is durable at once (SQLite deletes a log only after checkpointing it to disk).
//   - The -shm wal-index is not durable: it is removed at the cut; SQLite rebuilds it from the log.
// The power fails at the N-th write, truncation or sync after arm(N) (that operation fails, a sync does
// not complete). From then on every write, truncation, sync and delete fails with an I/O error and the
// program goes on as a process whose disk is gone. The test then closes its connections, calls cut()
// and reopens the files with the normal VFS, as the next boot would.
//
// Syncs are not passed to the real disk: durability is what this model says, and skipping them keeps a
// thousand cuts fast. One Disk per process (SQLite's VFS list is global); thread safe.
#pragma once

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <vector>

namespace kiosk::test::powercut {

enum class Cut { drop_all, random_subset };

class Disk {
 public:
  static Disk& instance() {
    static Disk d;
    return d;
  }

  // Makes the shim SQLite's default VFS (new connections use it) and starts with nothing volatile:
  // files as they are now count as synced.
  void install() {
    std::lock_guard lock(m_mu);
    m_files.clear();
    m_off = false;
    m_countdown = 0;
    m_ops = 0;
    sqlite3_vfs_register(&m_vfs, 1);
  }
  // The unix VFS is the default again (connections opened through the shim keep it until closed).
  void uninstall() { sqlite3_vfs_register(m_real, 1); }

  // The power fails at the n-th write, truncation or sync from now; 0: not at all.
  void arm(std::int64_t n) {
    std::lock_guard lock(m_mu);
    m_countdown = n;
  }
  bool off() const {
    std::lock_guard lock(m_mu);
    return m_off;
  }
  // Writes, truncations and syncs of tracked files since install().
  std::int64_t ops() const {
    std::lock_guard lock(m_mu);
    return m_ops;
  }

  // After every connection through the shim is closed: leaves each tracked file as the disk would hold
  // it after a power cut now (see the model above), and removes the wal-index. Returns how many volatile
  // writes were lost (for the test's report).
  std::size_t cut(Cut how, std::mt19937_64& rng) {
    std::lock_guard lock(m_mu);
    std::size_t lost = 0;
    for (auto& [path, f] : m_files) {
      // Back to the state of the last sync: undo in reverse order, then the synced size.
      int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
      if (fd >= 0) {
        for (auto it = f.undo.rbegin(); it != f.undo.rend(); ++it)
          if (::pwrite(fd, it->second.data(), it->second.size(), it->first) != static_cast<ssize_t>(it->second.size()))
            std::abort();
        if (::ftruncate(fd, f.synced_size) != 0) std::abort();
        ::close(fd);
      }
      if (!f.existed) ::unlink(path.c_str());
      lost += f.pending.size();
      if (how == Cut::drop_all || f.pending.empty()) continue;
      // Some of the volatile writes reached the disk after all, in order; the last of them torn.
      std::vector<const Pending*> kept;
      for (const auto& p : f.pending)
        if (rng() & 1) kept.push_back(&p);
      if (kept.empty()) continue;
      fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (fd < 0) std::abort();
      for (std::size_t i = 0; i < kept.size(); ++i) {
        const Pending& p = *kept[i];
        if (p.truncate) {
          if (::ftruncate(fd, p.offset) != 0) std::abort();
          continue;
        }
        std::size_t n = p.data.size();
        if (i + 1 == kept.size() && n > 512) n = 512 * (rng() % (n / 512));
        if (n == 0) continue;
        if (::pwrite(fd, p.data.data(), n, p.offset) != static_cast<ssize_t>(n)) std::abort();
        --lost;
      }
      ::close(fd);
    }
    for (const auto& [path, f] : m_files)
      if (f.main_db) ::unlink((path + "-shm").c_str());
    m_files.clear();
    m_off = false;
    m_countdown = 0;
    return lost;
  }

  // For the program's fsync/fdatasync: true when fd is a tracked file, with the result in *rc (the sync
  // is recorded, or fails when the power is off). false: not ours, the caller does the real sync.
  bool on_fsync(int fd, int* rc) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return false;
    std::lock_guard lock(m_mu);
    for (auto& [path, f] : m_files) {
      if (f.dev != st.st_dev || f.ino != st.st_ino) continue;
      if (!power_left()) {
        errno = EIO;
        *rc = -1;
      } else {
        synced(f, st.st_size);
        *rc = 0;
      }
      return true;
    }
    return false;
  }

 private:
  struct Pending {
    bool truncate = false;
    std::int64_t offset = 0;  // truncate: the new size
    std::string data;
  };
  struct FileState {
    bool main_db = false;
    bool existed = true;  // on the disk at the last sync (or when first opened)
    std::int64_t synced_size = 0;
    std::vector<std::pair<std::int64_t, std::string>> undo;  // pre-images of volatile changes, in order
    std::vector<Pending> pending;                            // the volatile changes, in order
    dev_t dev = 0;
    ino_t ino = 0;
  };
  struct File {
    sqlite3_file base;
    Disk* disk;
    std::string* path;  // tracked files only
    sqlite3_file* real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
  };

  Disk() {
    m_real = sqlite3_vfs_find("unix");
    if (!m_real) std::abort();
    m_vfs = *m_real;
    m_vfs.zName = "powercut";
    m_vfs.pAppData = this;
    m_vfs.pNext = nullptr;
    m_vfs.szOsFile = static_cast<int>(sizeof(File)) + m_real->szOsFile;
    m_vfs.xOpen = &Disk::x_open;
    m_vfs.xDelete = &Disk::x_delete;

    m_methods.iVersion = 3;
    m_methods.xClose = [](sqlite3_file* f) {
      File* p = reinterpret_cast<File*>(f);
      int rc = p->real()->pMethods ? p->real()->pMethods->xClose(p->real()) : SQLITE_OK;
      delete p->path;
      return rc;
    };
    m_methods.xRead = [](sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xRead(p->real(), buf, n, off);
    };
    m_methods.xWrite = [](sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
      File* p = reinterpret_cast<File*>(f);
      return p->disk->write(p, buf, n, off);
    };
    m_methods.xTruncate = [](sqlite3_file* f, sqlite3_int64 size) {
      File* p = reinterpret_cast<File*>(f);
      return p->disk->truncate(p, size);
    };
    m_methods.xSync = [](sqlite3_file* f, int) {
      File* p = reinterpret_cast<File*>(f);
      return p->disk->sync(p);
    };
    m_methods.xFileSize = [](sqlite3_file* f, sqlite3_int64* size) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xFileSize(p->real(), size);
    };
    m_methods.xLock = [](sqlite3_file* f, int l) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xLock(p->real(), l);
    };
    m_methods.xUnlock = [](sqlite3_file* f, int l) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xUnlock(p->real(), l);
    };
    m_methods.xCheckReservedLock = [](sqlite3_file* f, int* out) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xCheckReservedLock(p->real(), out);
    };
    m_methods.xFileControl = [](sqlite3_file* f, int op, void* arg) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xFileControl(p->real(), op, arg);
    };
    m_methods.xSectorSize = [](sqlite3_file* f) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xSectorSize(p->real());
    };
    m_methods.xDeviceCharacteristics = [](sqlite3_file* f) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xDeviceCharacteristics(p->real());
    };
    m_methods.xShmMap = [](sqlite3_file* f, int pg, int sz, int extend, void volatile** out) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xShmMap(p->real(), pg, sz, extend, out);
    };
    m_methods.xShmLock = [](sqlite3_file* f, int off, int n, int flags) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xShmLock(p->real(), off, n, flags);
    };
    m_methods.xShmBarrier = [](sqlite3_file* f) {
      File* p = reinterpret_cast<File*>(f);
      p->real()->pMethods->xShmBarrier(p->real());
    };
    m_methods.xShmUnmap = [](sqlite3_file* f, int del) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xShmUnmap(p->real(), del);
    };
    m_methods.xFetch = [](sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xFetch(p->real(), off, n, out);
    };
    m_methods.xUnfetch = [](sqlite3_file* f, sqlite3_int64 off, void* ptr) {
      File* p = reinterpret_cast<File*>(f);
      return p->real()->pMethods->xUnfetch(p->real(), off, ptr);
    };
  }

  // Counts one operation; false when the power is (or just went) off.
  bool power_left() {
    if (m_off) return false;
    ++m_ops;
    if (m_countdown > 0 && --m_countdown == 0) m_off = true;
    return !m_off;
  }
  static std::int64_t size_of(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_size : 0;
  }
  void synced(FileState& f, std::int64_t size) {
    f.undo.clear();
    f.pending.clear();
    f.synced_size = size;
    f.existed = true;
  }
  // The bytes of [off, off + n) that exist now, as the undo record of a change there.
  void save_pre_image(File* p, FileState& f, std::int64_t off, std::int64_t n) {
    std::int64_t size = size_of(*p->path);
    if (off >= size || n <= 0) return;
    std::string old(static_cast<std::size_t>(std::min(n, size - off)), '\0');
    int rc = p->real()->pMethods->xRead(p->real(), old.data(), static_cast<int>(old.size()), off);
    if (rc != SQLITE_OK) std::abort();
    f.undo.emplace_back(off, std::move(old));
  }

  int write(File* p, const void* buf, int n, sqlite3_int64 off) {
    if (!p->path) return p->real()->pMethods->xWrite(p->real(), buf, n, off);
    std::lock_guard lock(m_mu);
    FileState& f = m_files[*p->path];
    bool was_off = m_off;
    if (!power_left()) {
      // The write the power failed in: volatile, it may still have (partly) reached the disk.
      if (!was_off) f.pending.push_back({false, off, std::string(static_cast<const char*>(buf), n)});
      return SQLITE_IOERR_WRITE;
    }
    save_pre_image(p, f, off, n);
    f.pending.push_back({false, off, std::string(static_cast<const char*>(buf), n)});
    return p->real()->pMethods->xWrite(p->real(), buf, n, off);
  }
  int truncate(File* p, sqlite3_int64 size) {
    if (!p->path) return p->real()->pMethods->xTruncate(p->real(), size);
    std::lock_guard lock(m_mu);
    FileState& f = m_files[*p->path];
    if (!power_left()) return SQLITE_IOERR_TRUNCATE;
    save_pre_image(p, f, size, size_of(*p->path) - size);
    f.pending.push_back({true, size, {}});
    return p->real()->pMethods->xTruncate(p->real(), size);
  }
  int sync(File* p) {
    if (!p->path) return p->real()->pMethods->xSync(p->real(), SQLITE_SYNC_NORMAL);
    std::lock_guard lock(m_mu);
    if (!power_left()) return SQLITE_IOERR_FSYNC;
    synced(m_files[*p->path], size_of(*p->path));
    return SQLITE_OK;
  }

  static int x_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* out_flags) {
    Disk* d = static_cast<Disk*>(vfs->pAppData);
    File* p = reinterpret_cast<File*>(f);
    p->base.pMethods = nullptr;
    p->disk = d;
    p->path = nullptr;
    int rc = d->m_real->xOpen(d->m_real, name, p->real(), flags, out_flags);
    if (rc != SQLITE_OK) return rc;
    p->base.pMethods = &d->m_methods;
    if (name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL))) {
      p->path = new std::string(name);
      struct stat st {};
      std::lock_guard lock(d->m_mu);
      auto [it, added] = d->m_files.try_emplace(*p->path);
      FileState& fs = it->second;
      fs.main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
      if (::stat(name, &st) == 0) {
        fs.dev = st.st_dev;
        fs.ino = st.st_ino;
        // First seen: what is there now is durable, except a file this open just created.
        if (added) {
          fs.synced_size = st.st_size;
          fs.existed = st.st_size > 0 || !(flags & SQLITE_OPEN_CREATE);
        }
      }
    }
    return SQLITE_OK;
  }
  static int x_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
    Disk* d = static_cast<Disk*>(vfs->pAppData);
    {
      std::lock_guard lock(d->m_mu);
      auto it = d->m_files.find(name);
      if (it != d->m_files.end()) {
        if (!d->power_left()) return SQLITE_IOERR_DELETE;
        d->m_files.erase(it);
      }
    }
    return d->m_real->xDelete(d->m_real, name, sync_dir);
  }

  mutable std::mutex m_mu;
  sqlite3_vfs* m_real = nullptr;
  sqlite3_vfs m_vfs{};
  sqlite3_io_methods m_methods{};
  std::map<std::string, FileState> m_files;
  bool m_off = false;
  std::int64_t m_countdown = 0;
  std::int64_t m_ops = 0;
};

}  // namespace kiosk::test::powercut
