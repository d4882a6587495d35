#include "store/counting_vfs.h"

#include <sqlite3.h>

#include <cstring>
#include <stdexcept>

namespace broadsheet::store::sqlite {
namespace {

CountingVfs* current = nullptr;
sqlite3_vfs* real_vfs = nullptr;
sqlite3_vfs counting_vfs;

// Our file: the method table, then the real VFS's file right after it.
struct CountingFile {
  sqlite3_file base;
  bool wal;
  sqlite3_file* Real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

CountingFile* Of(sqlite3_file* file) { return reinterpret_cast<CountingFile*>(file); }
sqlite3_file* Real(sqlite3_file* file) { return Of(file)->Real(); }

int Close(sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); }
int Read(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
  return Real(f)->pMethods->xRead(Real(f), buffer, amount, offset);
}
int Write(sqlite3_file* f, const void* buffer, int amount, sqlite3_int64 offset) {
  return Real(f)->pMethods->xWrite(Real(f), buffer, amount, offset);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int Sync(sqlite3_file* f, int flags) {
  if (Of(f)->wal && current) current->CountWalSync();
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int Lock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int Unlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int DeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShmUnmap(sqlite3_file* f, int delete_flag) {
  return Real(f)->pMethods->xShmUnmap(Real(f), delete_flag);
}
int Fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
  return Real(f)->pMethods->xFetch(Real(f), offset, amount, out);
}
int Unfetch(sqlite3_file* f, sqlite3_int64 offset, void* page) {
  return Real(f)->pMethods->xUnfetch(Real(f), offset, page);
}

const sqlite3_io_methods kMethods = {3,
                                     Close,
                                     Read,
                                     Write,
                                     Truncate,
                                     Sync,
                                     FileSize,
                                     Lock,
                                     Unlock,
                                     CheckReservedLock,
                                     FileControl,
                                     SectorSize,
                                     DeviceCharacteristics,
                                     ShmMap,
                                     ShmLock,
                                     ShmBarrier,
                                     ShmUnmap,
                                     Fetch,
                                     Unfetch};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  CountingFile* ours = Of(file);
  ours->base.pMethods = nullptr;
  ours->wal = (flags & SQLITE_OPEN_WAL) != 0;
  const int rc = real_vfs->xOpen(real_vfs, name, ours->Real(), flags, out_flags);
  // Only a file the real VFS opened gets our methods (SQLite then calls xClose on it).
  if (ours->Real()->pMethods) ours->base.pMethods = &kMethods;
  return rc;
}

}  // namespace

CountingVfs::CountingVfs() {
  if (current) throw std::logic_error("one CountingVfs at a time");
  real_vfs = sqlite3_vfs_find(nullptr);
  counting_vfs = *real_vfs;
  counting_vfs.zName = "broadsheet-counting";
  counting_vfs.szOsFile = static_cast<int>(sizeof(CountingFile)) + real_vfs->szOsFile;
  counting_vfs.pNext = nullptr;
  counting_vfs.pAppData = real_vfs->pAppData;
  counting_vfs.xOpen = Open;
  current = this;
  sqlite3_vfs_register(&counting_vfs, /*makeDflt=*/1);
}

CountingVfs::~CountingVfs() {
  sqlite3_vfs_unregister(&counting_vfs);
  sqlite3_vfs_register(real_vfs, /*makeDflt=*/1);
  current = nullptr;
}

void CountingVfs::CountWalSync() {
  wal_syncs_.fetch_add(1);
  if (on_wal_sync_) on_wal_sync_();
}

}  // namespace broadsheet::store::sqlite
