#include "store/sqlite/group_commit.h"

#include "store/sqlite/sqlite_connection.h"

namespace broadsheet::store::sqlite {

GroupCommit::GroupCommit(std::mutex& writer_mutex, SqliteConnection& writer)
    : writer_mutex_(writer_mutex), writer_(writer) {}

void GroupCommit::Run(const std::function<void(SqliteConnection&)>& operation) {
  Job job;
  job.operation = &operation;
  {
    std::lock_guard lock(queue_mutex_);
    queue_.push_back(&job);
  }
  std::lock_guard writer_lock(writer_mutex_);
  if (!job.done) {
    // Nobody took our job while we waited: we lead, and take everyone queued since.
    std::vector<Job*> group;
    {
      std::lock_guard lock(queue_mutex_);
      group.swap(queue_);
    }
    RunGroup(group);
  }
  if (job.error) std::rethrow_exception(job.error);
}

std::size_t GroupCommit::queued() {
  std::lock_guard lock(queue_mutex_);
  return queue_.size();
}

void GroupCommit::RunGroup(const std::vector<Job*>& group) {
  try {
    SqliteTransaction transaction(writer_);
    for (Job* job : group) {
      writer_.Exec("SAVEPOINT grouped");
      try {
        (*job->operation)(writer_);
        writer_.Exec("RELEASE grouped");
      } catch (...) {
        job->error = std::current_exception();
        writer_.Exec("ROLLBACK TO grouped; RELEASE grouped");
      }
    }
    transaction.Commit();
  } catch (...) {
    // BEGIN, a rollback or the commit failed: nothing of the group is durable.
    for (Job* job : group) {
      if (!job->error) job->error = std::current_exception();
    }
  }
  for (Job* job : group) job->done = true;  // before the writer mutex is released
}

}  // namespace broadsheet::store::sqlite
