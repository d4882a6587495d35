#include "http/harness/http_client.h"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <functional>

namespace broadsheet::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct HttpClient::Connection {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  bool open = false;
};

HttpClient::HttpClient(std::uint16_t port)
    : port_(port), connection_(std::make_unique<Connection>()) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::Request(const std::string& method, const std::string& target,
                                 const Headers& headers, const std::string& body) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    Connection& c = *connection_;
    if (!c.open) {
      c.stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
      c.buffer.clear();
      c.open = true;
    }
    bhttp::request<bhttp::string_body> request;
    request.method_string(method);
    request.target(target);
    request.version(11);
    request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
    request.set(bhttp::field::user_agent, kBrowserAgent);
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = body;
    if (!body.empty() || method == "POST") request.prepare_payload();
    beast::error_code ec;
    bhttp::write(c.stream, request, ec);
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(method == "HEAD");
    if (!ec) bhttp::read(c.stream, c.buffer, parser, ec);
    if (ec) {
      // The server closed an idle keep-alive connection: reconnect once.
      c.stream.close();
      c.open = false;
      if (attempt == 0) continue;
      throw beast::system_error(ec);
    }
    auto message = parser.release();
    HttpResponse response;
    response.status = static_cast<int>(message.result_int());
    for (const auto& field : message) {
      std::string name(field.name_string());
      std::transform(name.begin(), name.end(), name.begin(), ::tolower);
      // Repeated headers (Set-Cookie) are kept, one per line.
      auto& value = response.headers[name];
      if (!value.empty()) value += "\n";
      value += std::string(field.value());
    }
    response.body = std::move(message.body());
    if (!message.keep_alive()) {
      c.stream.close();
      c.open = false;
    }
    return response;
  }
  return {};
}

std::string RawExchange(std::uint16_t port, const std::string& bytes) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  beast::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
  // Half-close: the server sees the end of the request stream and closes after answering.
  socket.shutdown(tcp::socket::shutdown_send, ec);
  std::string answer;
  char chunk[4096];
  while (true) {
    const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
    if (ec) break;
    answer.append(chunk, n);
  }
  return answer;
}

bool ServerClosesIdleConnection(std::uint16_t port, const std::string& partial_request,
                                std::chrono::seconds deadline) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  beast::error_code ec;
  asio::write(socket, asio::buffer(partial_request), ec);
  // Read whatever the server answers, until its close (EOF or reset), sending nothing more.
  bool closed = false;
  char chunk[4096];
  std::function<void()> read_on = [&] {
    socket.async_read_some(asio::buffer(chunk), [&](beast::error_code read_error, std::size_t) {
      if (read_error) {
        closed = true;
        return;
      }
      read_on();
    });
  };
  read_on();
  ioc.run_for(deadline);
  return closed;
}

int RawStatus(const std::string& response) {
  if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0) return 0;
  return std::atoi(response.substr(9, 3).c_str());
}

}  // namespace broadsheet::testing
