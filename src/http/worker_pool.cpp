#include "http/worker_pool.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace broadsheet::http {

WorkerPool::WorkerPool(int threads, std::size_t queue_limit, int niceness)
    : queue_limit_(queue_limit), niceness_(niceness) {
  const int count = std::max(1, threads);
  threads_.reserve(count);
  for (int i = 0; i < count; ++i) threads_.emplace_back([this] { Work(); });
}

WorkerPool::~WorkerPool() { Stop(); }

bool WorkerPool::TrySubmit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || jobs_.size() >= queue_limit_) return false;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void WorkerPool::Stop() {
  std::deque<std::function<void()>> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    dropped.swap(jobs_);
  }
  wake_.notify_all();
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  dropped.clear();  // outside the lock: a job's captures may take locks of their own
}

std::size_t WorkerPool::queued() const {
  std::lock_guard lock(mutex_);
  return jobs_.size();
}

std::size_t WorkerPool::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

void WorkerPool::Work() {
  // On Linux a thread id names one thread to setpriority. Failing leaves the default, which
  // is only slower under load.
  if (niceness_ > 0) setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), niceness_);
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (stopping_) return;
    std::function<void()> job = std::move(jobs_.front());
    jobs_.pop_front();
    ++running_;
    lock.unlock();
    job();          // jobs catch their own failures (the server's wrapper does)
    job = nullptr;  // its captures are released before the count drops
    lock.lock();
    --running_;
  }
}

}  // namespace broadsheet::http
