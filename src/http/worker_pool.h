// A bounded pool of worker threads for work too slow for an I/O thread (drawing a security
// code, hashing a password, rendering a page the cache does not hold, a durable write): a handler
// answers with Response::Deferred, and the server runs that work here and sends its answer from the
// connection's own thread. The queue is bounded, so a flood of expensive requests costs a quick 503
// each, never unbounded memory or a stalled event loop. Built by the composition root; thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace broadsheet::http {

class WorkerPool {
 public:
  // `threads` workers (at least 1) and room for `queue_limit` jobs waiting beyond those running.
  // The workers run `niceness` steps below the process's scheduling priority (setpriority on
  // each thread), so renders and writes yield the cores to the I/O threads' cache hits.
  WorkerPool(int threads, std::size_t queue_limit, int niceness = 0);
  // Stops the pool (see Stop).
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `job`. Returns false, without running it, when the queue is full or the pool has
  // stopped; the caller answers 503 with Retry-After.
  bool TrySubmit(std::function<void()> job);

  // Lets running jobs finish, drops queued ones (destroying them on this thread) and joins the
  // workers. Idempotent.
  void Stop();

  // Jobs waiting for a worker, and jobs running now (for tests and diagnostics).
  std::size_t queued() const;
  std::size_t running() const;

 private:
  void Work();

  const std::size_t queue_limit_;
  const int niceness_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;  // guarded by mutex_
  std::size_t running_ = 0;                 // guarded by mutex_
  bool stopping_ = false;                   // guarded by mutex_
  std::vector<std::thread> threads_;
};

}  // namespace broadsheet::http
