// The Beast translation unit: the only one that includes Beast (it is heavy to compile). Over
// 500 lines on purpose: the session, the accept loop and the connection limits share Beast's
// and Asio's types, and splitting them would compile those headers twice on two cores.
#include "http/server.h"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "http/request_arena.h"
#include "http/request_target.h"
#include "http/response_head.h"

namespace broadsheet::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// After refusing a request, read and discard at most this much of what the client still sends.
constexpr std::size_t kMaxLingerBytes = 4 * 1024 * 1024;
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
// A view of a Session's buffer list for async_write, which copies the sequence it is given
// into its operation: a std::vector would be copied whole (an allocation per response), this
// is two pointers. The list must stay unchanged until the write completes.
struct BufferRange {
  using value_type = asio::const_buffer;
  using const_iterator = const asio::const_buffer*;
  const_iterator first;
  const_iterator last;
  const_iterator begin() const { return first; }
  const_iterator end() const { return last; }
};

// What a client over a connection limit or facing a full worker pool is told to wait.
constexpr const char* kBusyRetryAfterSeconds = "1";

Method ToMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

// The Date header, formatted once per second per thread.
std::string_view HttpDate() {
  thread_local std::time_t cached_second = 0;
  thread_local char text[40];
  const std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    cached_second = now;
  }
  return text;
}

// What connections are counted under for max_connections_per_address: the address, or an
// IPv6 address's /64 (a machine is given a whole /64, as the rate limits assume too).
std::string ConnectionKey(const asio::ip::address& address) {
  if (address.is_v6() && !address.to_v6().is_v4_mapped()) {
    auto bytes = address.to_v6().to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return asio::ip::address_v6(bytes).to_string() + "/64";
  }
  return address.to_string();
}

bool IsParseError(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

}  // namespace

bool ParseListenAddress(const std::string& text, std::string& address, std::uint16_t& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned value = 0;
  const char* begin = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(begin, end, value);
  if (begin == end || error != std::errc() || ptr != end || value > 65535) return false;
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  if (ec) return false;
  address = host;
  port = static_cast<std::uint16_t>(value);
  return true;
}

class Session;

// One event loop and its thread. `sessions` is touched only on this worker's thread.
struct Worker {
  std::unordered_set<Session*> sessions;  // declared before ioc: destroyed after it
  asio::io_context ioc{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  // Closes the sessions whose deadline has passed, every SweepInterval: one timer per thread
  // instead of one armed and cancelled per read and write (a timer queue update, and often a
  // timerfd_settime system call, per request).
  std::optional<asio::steady_timer> sweep;
};

// How often a stopping server's workers look.
constexpr auto kStoppingSweepInterval = std::chrono::milliseconds(5);

// How often a worker looks for connections past their deadline: a quarter of the shortest
// allowance, so a deadline is enforced at most 25% late.
Clock::duration SweepInterval(const ServerOptions& options) {
  const Clock::duration shortest =
      std::min({options.header_timeout, options.idle_timeout,
                std::max(options.linger, std::chrono::milliseconds(1))});
  return std::clamp<Clock::duration>(shortest / 4, std::chrono::milliseconds(5),
                                     std::chrono::seconds(1));
}

class ServerCore {
 public:
  ServerCore(ServerOptions options, const Router& router, AccessLog& access_log,
             WorkerPool* workers);
  std::uint16_t Listen();
  void Run();
  void Stop() { asio::post(workers_[0]->ioc, [this] { BeginStop(); }); }

  const ServerOptions& options() const { return options_; }
  const Router& router() const { return router_; }
  AccessLog& access_log() { return access_log_; }
  WorkerPool* workers() const { return workers_pool_; }
  const ResponseHead& response_head() const { return response_head_; }
  bool stopping() const { return stopping_.load(std::memory_order_relaxed); }
  // Writes a new request id into `out` (its capacity reused).
  void NextRequestId(std::string& out);

  // Counts a new connection from `peer` under `key` (ConnectionKey). False when it is over a
  // limit (it is then not counted, and must be refused).
  bool AdmitConnection(const std::string& peer, const std::string& key);
  // Uncounts a connection AdmitConnection admitted. Thread-safe.
  void ReleaseConnection(const std::string& key);

 private:
  void Accept();
  void BeginStop();
  void Sweep(Worker& worker);

  const ServerOptions options_;
  const Router& router_;
  AccessLog& access_log_;
  WorkerPool* const workers_pool_;
  const ResponseHead response_head_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::unique_ptr<tcp::acceptor> acceptor_;
  std::unique_ptr<asio::signal_set> signals_;
  std::unique_ptr<asio::steady_timer> accept_retry_;
  std::size_t next_worker_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> request_counter_{0};
  std::string id_prefix_;

  std::mutex stop_mutex_;
  std::condition_variable stopped_;
  bool finished_ = false;  // guarded by stop_mutex_

  std::mutex connections_mutex_;
  std::size_t open_connections_ = 0;                               // guarded by connections_mutex_
  std::unordered_map<std::string, std::size_t> open_per_address_;  // guarded by connections_mutex_
};

bool ServerCore::AdmitConnection(const std::string& peer, const std::string& key) {
  const bool exempt =
      options_.exempt_from_address_limit && options_.exempt_from_address_limit(peer);
  std::lock_guard lock(connections_mutex_);
  if (open_connections_ >= options_.max_connections) return false;
  if (!exempt) {
    auto [it, inserted] = open_per_address_.try_emplace(key, 0);
    if (it->second >= options_.max_connections_per_address) return false;
    ++it->second;
  }
  ++open_connections_;
  return true;
}

void ServerCore::ReleaseConnection(const std::string& key) {
  std::lock_guard lock(connections_mutex_);
  --open_connections_;
  const auto it = open_per_address_.find(key);
  if (it != open_per_address_.end() && --it->second == 0) open_per_address_.erase(it);
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `remote`: the peer's address; `key`: what it was counted under; `admitted`: whether
  // AdmitConnection counted it (if not, the connection is over a limit and gets a 503).
  Session(tcp::socket socket, ServerCore& server, Worker& worker, std::string remote,
          std::string key, bool admitted)
      : socket_(std::move(socket)),
        server_(server),
        worker_(worker),
        remote_(std::move(remote)),
        connection_key_(std::move(key)),
        admitted_(admitted) {}
  ~Session() {
    worker_.sessions.erase(this);
    if (admitted_) server_.ReleaseConnection(connection_key_);
  }

  // Requires: called on the worker's thread.
  void Start() {
    worker_.sessions.insert(this);
    if (!admitted_) {
      Response busy = Response::Text(503, "Too many connections. Please try again shortly.\n");
      busy.SetHeader("Retry-After", kBusyRetryAfterSeconds);
      started_ = Clock::now();
      std::string request_id;
      server_.NextRequestId(request_id);
      return Send(std::move(busy), /*keep_alive=*/false, /*head=*/false, request_id);
    }
    ReadHeader();
  }

  // The server is stopping: close a connection that is waiting for a request; one being
  // answered finishes and then closes (WaitForRequest checks stopping()).
  void OnServerStopping() {
    if (state_ == State::kIdle || state_ == State::kReading) Close();
  }

  // Closes the connection if it has outlived its deadline (the Worker's sweep). Pending reads
  // and writes then finish with an error and end the session.
  void CloseIfPast(Clock::time_point now) {
    if (now >= deadline_) Close();
  }

 private:
  enum class State { kIdle, kReading, kHandling, kWriting, kLingering, kClosed };

  void WaitForRequest() {
    if (server_.stopping()) return Close();
    if (buffer_.size() > 0) return ReadHeader();  // a pipelined request is already here
    state_ = State::kIdle;
    deadline_ = Clock::now() + server_.options().idle_timeout;
    socket_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->Close();
                              self->buffer_.commit(n);
                              self->ReadHeader();
                            });
  }

  void ReadHeader() {
    state_ = State::kReading;
    log_address_.clear();
    // The last request's fields go before the arena that held them is reused.
    parser_.reset();
    arena_.Reset();
    parser_.emplace(std::piecewise_construct, std::make_tuple(),
                    std::make_tuple(ArenaAllocator<char>(arena_)));
    parser_->header_limit(static_cast<std::uint32_t>(server_.options().header_limit_bytes));
    // Beast checks a Content-Length against the limit while it reads the header, before the
    // target is known: the header is read with the largest limit, and OnHeader applies the
    // route's own (AllowUpload).
    parser_->body_limit(LargestBodyLimit());
    deadline_ = Clock::now() + server_.options().header_timeout;
    bhttp::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    started_ = Clock::now();
    too_large_ = false;
    const bool upload = AllowUpload();
    if (too_large_) return Refuse(413, "Request body is too large.\n");
    if (parser_->is_done()) return Handle();
    auto read_body = [self = shared_from_this(), upload] {
      // The body gets the same allowance as the headers: enough for a form on a slow link.
      // An upload gets the idle allowance: megabytes take longer.
      self->deadline_ = Clock::now() + (upload ? self->server_.options().idle_timeout
                                               : self->server_.options().header_timeout);
      bhttp::async_read(self->socket_, self->buffer_, *self->parser_,
                        [self](beast::error_code ec, std::size_t) {
                          if (ec) return self->OnReadError(ec);
                          self->Handle();
                        });
    };
    if (EqualsIgnoreCase(parser_->get()[bhttp::field::expect], "100-continue")) {
      asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                        [self = shared_from_this(), read_body](beast::error_code ec, std::size_t) {
                          if (ec) return self->Close();
                          read_body();
                        });
      return;
    }
    read_body();
  }

  std::size_t LargestBodyLimit() const {
    std::size_t largest = server_.options().body_limit_bytes;
    for (const auto& upload : server_.options().upload_paths) {
      largest = std::max(largest, upload.limit);
    }
    return largest;
  }

  // Sets the request's body limit: an upload path's own for a POST to it (returns true), else
  // body_limit_bytes. A declared length over it is refused at once (Refuse sets state).
  bool AllowUpload() {
    const auto& message = parser_->get();
    std::size_t limit = server_.options().body_limit_bytes;
    bool upload = false;
    if (message.method() == bhttp::verb::post) {
      std::string_view target = message.target();
      target = target.substr(0, target.find('?'));
      const std::string_view cookies = message[bhttp::field::cookie];
      for (const auto& path : server_.options().upload_paths) {
        // The handler checks the sign-in again, with the form's token.
        if (target == path.path && path.authorized && path.authorized(cookies)) {
          limit = path.limit;
          upload = true;
        }
      }
    }
    // Chunked bodies are checked against this as they arrive.
    parser_->body_limit(limit);
    if (const auto length = parser_->content_length(); length && *length > limit) {
      too_large_ = true;
    }
    return upload;
  }

  void OnReadError(beast::error_code ec) {
    if (ec == bhttp::error::header_limit) return Refuse(431, "Request headers are too large.\n");
    if (ec == bhttp::error::body_limit) return Refuse(413, "Request body is too large.\n");
    if (IsParseError(ec) && ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      return Refuse(400, "Malformed request.\n");
    }
    Close();  // end of stream, timeout, reset, or the server closed us
  }

  void Handle() {
    state_ = State::kHandling;
    deadline_ = Clock::time_point::max();  // the answer may take a while on the worker pool
    const auto& message = parser_->get();
    // The connection's request, refilled: its strings and header list keep their capacity, so
    // a usual request allocates nothing here.
    Request& request = request_;
    request.method = ToMethod(message.method());
    request.method_text = message.method_string();
    request.target = message.target();
    request.http_version = static_cast<int>(message.version());
    request.remote_address.assign(remote_);
    server_.NextRequestId(request.request_id);
    request.headers.clear();
    request.body = {};
    request.client_address.clear();
    request.https = false;
    Response response;
    if (ParseTargetInto(message.target(), request.path, request.query)) {
      for (const auto& field : message) request.headers.emplace_back(field.name_string(), field.value());
      request.body = message.body();
      response = DispatchSafely(request);
      // Behind a trusted proxy the log shows the client, not the proxy.
      log_address_.assign(request.client_address);
    } else {
      response = Response::Text(400, "Malformed request target.\n");
      response.close = true;  // protocol garbage: answer, then close (STYLE.md §7)
    }
    const bool head = request.method == Method::kHead;
    if (response.deferred) return Defer(std::move(response.deferred), head, request.request_id);
    const bool keep_alive = message.keep_alive() && !response.close && !server_.stopping();
    Send(std::move(response), keep_alive, head, request.request_id);
  }

  Response DispatchSafely(Request& request) {
    try {
      return server_.router().Dispatch(request);
    } catch (const std::exception& error) {
      // Handlers catch their own failures; this is the last line of defence.
      spdlog::error("request {}: unhandled: {}", request.request_id, error.what());
      return Response::Text(500, "Internal error. Reference: " + request.request_id + "\n");
    }
  }

  // Runs `work` on the worker pool and sends its answer from this connection's thread. The
  // session waits meanwhile (nothing reads), so the parsed request stays as it was.
  void Defer(std::function<Response()> work, bool head, std::string request_id) {
    WorkerPool* pool = server_.workers();
    if (!pool) return Finish(RunSafely(work, request_id), head, request_id);
    // The work guard keeps the event loop running (and a graceful stop waiting) until the
    // answer is back on this thread.
    auto guard = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
        worker_.ioc.get_executor());
    // The job hands its references on to the posted answer, keeping none: the session must
    // be destroyed on its own I/O thread (it leaves worker_.sessions), never on a pool thread.
    const bool queued = pool->TrySubmit(
        [self = shared_from_this(), guard, work = std::move(work), head, request_id]() mutable {
          Response answer = RunSafely(work, request_id);
          asio::io_context& ioc = self->worker_.ioc;
          asio::post(ioc, [self = std::move(self), guard = std::move(guard),
                           answer = std::move(answer), head, request_id]() mutable {
            self->Finish(std::move(answer), head, request_id);
          });
        });
    if (queued) return;
    Response busy = Response::Text(503, "The server is busy. Please try again in a moment.\n");
    busy.SetHeader("Retry-After", kBusyRetryAfterSeconds);
    busy.SetHeader("Cache-Control", "no-store");
    Finish(std::move(busy), head, request_id);
  }

  static Response RunSafely(const std::function<Response()>& work, const std::string& request_id) {
    try {
      Response answer = work();
      answer.deferred = nullptr;  // deferring twice is not a thing
      return answer;
    } catch (const std::exception& error) {
      spdlog::error("request {}: deferred work failed: {}", request_id, error.what());
      return Response::Text(500, "Internal error. Reference: " + request_id + "\n");
    }
  }

  void Finish(Response response, bool head, const std::string& request_id) {
    const bool keep_alive = parser_->get().keep_alive() && !response.close && !server_.stopping();
    Send(std::move(response), keep_alive, head, request_id);
  }

  void Send(Response response, bool keep_alive, bool head, const std::string& request_id) {
    state_ = State::kWriting;
    // A reader gets header_timeout to take the answer.
    deadline_ = Clock::now() + server_.options().header_timeout;
    status_ = response.status;
    const std::size_t bytes = response.BodySize();
    const bool http10_client =
        parser_ && parser_->is_header_done() && parser_->get().version() == 10;
    head_.clear();
    server_.response_head().Write(response, bytes, keep_alive, http10_client, HttpDate(), head_);
    sending_ = std::move(response);
    request_id_ = request_id;
    // One gather write: the head, then the body as it is (a cached page's text by reference,
    // the live numbers from the response's body; copied once when in many pieces). HEAD sends
    // the head only; its Content-Length still says what GET would send.
    buffers_.clear();
    buffers_.emplace_back(head_.data(), head_.size());
    const auto& pieces = sending_.pieces;
    if (!head && pieces.empty()) {
      buffers_.emplace_back(sending_.body.data(), sending_.body.size());
    } else if (!head && pieces.size() < Response::kMaxGatherPieces) {
      for (const Response::BodyPiece& piece : pieces) {
        const std::string_view bytes = sending_.PieceBytes(piece);
        buffers_.emplace_back(bytes.data(), bytes.size());
      }
    } else if (!head) {
      // Many small pieces (a listing's cards) cost more as buffers than as one copy into a
      // buffer this connection keeps: one contiguous write.
      flat_.clear();
      sending_.AppendBody(flat_);
      buffers_.emplace_back(flat_.data(), flat_.size());
    }
    asio::async_write(
        socket_, BufferRange{buffers_.data(), buffers_.data() + buffers_.size()},
        [self = shared_from_this(), keep_alive, bytes](beast::error_code ec, std::size_t) {
          self->LogRequest(bytes);
          GiveBackSpareString(std::move(self->sending_.body));  // for the next page's numbers
          self->sending_ = Response();  // the page may go from the cache now
          if (ec) return self->Close();
          if (keep_alive) return self->WaitForRequest();
          self->Linger();
        });
  }

  void LogRequest(std::size_t bytes) {
    const auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_).count();
    const bool have_request = parser_ && parser_->is_header_done();
    server_.access_log().Record({request_id_, log_address_.empty() ? remote_ : log_address_,
                                 have_request ? parser_->get().method_string() : "-",
                                 have_request ? parser_->get().target() : "-",
                                 status_, bytes, micros});
  }

  // Answers a request the parser refused, then closes with a lingering drain.
  void Refuse(int status, std::string text) {
    started_ = Clock::now();
    Response response = Response::Text(status, std::move(text));
    std::string request_id;
    server_.NextRequestId(request_id);
    Send(std::move(response), /*keep_alive=*/false, /*head=*/false, request_id);
  }

  // Half-closes and drains what the client still sends, so it reads our answer rather than a
  // connection reset (the kernel resets when unread data is pending at close).
  void Linger() {
    state_ = State::kLingering;
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    deadline_ = Clock::now() + server_.options().linger;
    drain_buffer_.resize(16 * 1024);
    Drain();
  }

  void Drain() {
    if (drained_ >= kMaxLingerBytes || Clock::now() >= deadline_) return Close();
    socket_.async_read_some(asio::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->Close();
                              self->drained_ += n;
                              self->Drain();
                            });
  }

  void Close() {
    if (state_ == State::kClosed) return;
    state_ = State::kClosed;
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  tcp::socket socket_;
  ServerCore& server_;
  Worker& worker_;
  const std::string remote_;
  const std::string connection_key_;
  const bool admitted_;
  std::string log_address_;  // the client as the router's gate saw it, for the access log
  State state_ = State::kIdle;
  beast::flat_buffer buffer_;
  RequestArena arena_;  // the parser's fields; declared first, so it outlives the parser
  std::optional<bhttp::request_parser<bhttp::string_body, ArenaAllocator<char>>> parser_;
  Request request_;         // reused for every request on this connection
  bool too_large_ = false;  // the declared body is over this request's limit
  std::string head_;  // the response being written: status line and headers, then its body
  Response sending_;  // the response being written: what buffers_ point into
  std::vector<asio::const_buffer> buffers_;  // reused for every response
  std::string flat_;  // a many-piece body copied into one buffer, reused for every response
  int status_ = 0;
  std::string request_id_;
  Clock::time_point started_ = Clock::now();
  // When the Worker's sweep closes this connection: set for each read, write and linger.
  Clock::time_point deadline_ = Clock::time_point::max();
  std::size_t drained_ = 0;
  std::vector<char> drain_buffer_;
};

ServerCore::ServerCore(ServerOptions options, const Router& router, AccessLog& access_log,
                       WorkerPool* workers)
    : options_(std::move(options)),
      router_(router),
      access_log_(access_log),
      workers_pool_(workers),
      response_head_(options_.default_headers) {
  const int threads = std::max(1, options_.threads);
  for (int i = 0; i < threads; ++i) {
    auto worker = std::make_unique<Worker>();
    worker->guard.emplace(worker->ioc.get_executor());
    worker->sweep.emplace(worker->ioc);
    workers_.push_back(std::move(worker));
  }
  acceptor_ = std::make_unique<tcp::acceptor>(workers_[0]->ioc);
  signals_ = std::make_unique<asio::signal_set>(workers_[0]->ioc, SIGINT, SIGTERM);
  accept_retry_ = std::make_unique<asio::steady_timer>(workers_[0]->ioc);
  // Request ids are unique across restarts: a per-process prefix and a counter.
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%06lx", static_cast<unsigned long>(
                    std::chrono::system_clock::now().time_since_epoch().count() & 0xffffff));
  id_prefix_ = prefix;
}

void ServerCore::NextRequestId(std::string& out) {
  const auto n = request_counter_.fetch_add(1, std::memory_order_relaxed) + 1;
  char text[32];
  const auto [end, error] = std::to_chars(text, text + sizeof text, n, 16);
  out.assign(id_prefix_);
  out.push_back('-');
  out.append(text, end);
}

std::uint16_t ServerCore::Listen() {
  std::string host;
  std::uint16_t unused = 0;
  (void)unused;
  const tcp::endpoint endpoint(asio::ip::make_address(options_.address), options_.port);
  beast::error_code ec;
  acceptor_->open(endpoint.protocol(), ec);
  if (!ec) acceptor_->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_->bind(endpoint, ec);
  if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + options_.address + ":" +
                             std::to_string(options_.port) + ": " + ec.message());
  }
  return acceptor_->local_endpoint().port();
}

void ServerCore::Accept() {
  Worker& worker = *workers_[next_worker_++ % workers_.size()];
  acceptor_->async_accept(worker.ioc, [this, &worker](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || stopping()) return;
    if (ec) {
      // Out of file descriptors and the like: wait a little instead of spinning.
      spdlog::warn("accept failed: {}", ec.message());
      accept_retry_->expires_after(std::chrono::milliseconds(50));
      accept_retry_->async_wait([this](beast::error_code) {
        if (!stopping()) Accept();
      });
      return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    std::string remote;
    std::string key;
    const auto endpoint = socket.remote_endpoint(ignored);
    if (!ignored) {
      remote = endpoint.address().to_string();
      key = ConnectionKey(endpoint.address());
    }
    const bool admitted = AdmitConnection(remote, key);
    auto session = std::make_shared<Session>(std::move(socket), *this, worker, std::move(remote),
                                             std::move(key), admitted);
    asio::post(worker.ioc, [session] { session->Start(); });
    Accept();
  });
}

void ServerCore::Sweep(Worker& worker) {
  // Once stopping, it looks often, so the event loop returns soon after the last connection
  // ends rather than up to a whole interval later. (Setting the expiry cancels a pending wait.)
  worker.sweep->expires_after(stopping() ? kStoppingSweepInterval : SweepInterval(options_));
  worker.sweep->async_wait([this, &worker](beast::error_code ec) {
    if (ec) return;
    // Copy: closing a session may destroy it, which erases it from the set.
    const std::vector<Session*> sessions(worker.sessions.begin(), worker.sessions.end());
    const Clock::time_point now = Clock::now();
    for (Session* session : sessions) {
      if (worker.sessions.count(session)) session->CloseIfPast(now);
    }
    // Once stopping, the sweep ends with the last connection, so the event loop can return.
    if (!stopping() || !worker.sessions.empty()) Sweep(worker);
  });
}

void ServerCore::BeginStop() {
  if (stopping_.exchange(true)) return;
  beast::error_code ec;
  acceptor_->close(ec);
  signals_->cancel(ec);
  accept_retry_->cancel();
  for (auto& worker : workers_) {
    asio::post(worker->ioc, [this, w = worker.get()] {
      // Copy: closing a session may destroy it, which erases it from the set.
      const std::vector<Session*> sessions(w->sessions.begin(), w->sessions.end());
      for (Session* session : sessions) {
        if (w->sessions.count(session)) session->OnServerStopping();
      }
      Sweep(*w);  // again, at the stopping pace
      w->guard.reset();
    });
  }
}

void ServerCore::Run() {
  signals_->async_wait([this](beast::error_code ec, int) {
    if (!ec) BeginStop();
  });
  Accept();
  for (auto& worker : workers_) Sweep(*worker);
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers_.size(); ++i) {
    threads.emplace_back([w = workers_[i].get()] { w->ioc.run(); });
  }
  // A watchdog ends connections that outlive the shutdown allowance.
  std::thread watchdog([this] {
    std::unique_lock lock(stop_mutex_);
    while (!finished_) {
      if (stopping()) {
        if (!stopped_.wait_for(lock, options_.shutdown_timeout, [this] { return finished_; })) {
          spdlog::warn("shutdown: closing connections still open after {} ms",
                       options_.shutdown_timeout.count());
          for (auto& worker : workers_) worker->ioc.stop();
        }
        return;
      }
      stopped_.wait_for(lock, std::chrono::milliseconds(100));
    }
  });
  workers_[0]->ioc.run();
  for (auto& thread : threads) thread.join();
  {
    std::lock_guard lock(stop_mutex_);
    finished_ = true;
  }
  stopped_.notify_all();
  watchdog.join();
}

Server::Server(ServerOptions options, const Router& router, AccessLog& access_log,
               WorkerPool* workers)
    : impl_(std::make_unique<ServerCore>(std::move(options), router, access_log, workers)) {}
Server::~Server() = default;
std::uint16_t Server::Listen() { return impl_->Listen(); }
void Server::Run() { impl_->Run(); }
void Server::Stop() { impl_->Stop(); }

}  // namespace broadsheet::http
