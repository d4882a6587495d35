#include "news/comment.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "news/article.h"

namespace broadsheet::news {
namespace {

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A plausible address: one '@', something before it, a dotted domain after it, no spaces or
// characters that would let it break out of a header or a link.
bool IsPlausibleEmail(std::string_view email) {
  const auto at = email.find('@');
  if (at == 0 || at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = email.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
  return std::none_of(email.begin(), email.end(), [](unsigned char c) {
    return c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '(' || c == ')' ||
           c == ',' || c == ';' || c == ':' || c == '\\' || c == '[' || c == ']';
  });
}

// http:// or https:// followed by a host, with no spaces, quotes or angle brackets.
bool IsWebAddress(std::string_view url) {
  const std::string lower = Lower(url.substr(0, 8));
  std::size_t host_at = 0;
  if (lower.starts_with("https://")) {
    host_at = 8;
  } else if (lower.starts_with("http://")) {
    host_at = 7;
  } else {
    return false;
  }
  if (url.size() <= host_at || url[host_at] == '/' ) return false;
  return std::none_of(url.begin(), url.end(), [](unsigned char c) {
    return c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '`' || c == '\\';
  });
}

}  // namespace

std::string_view ToString(CommentStatus status) {
  switch (status) {
    case CommentStatus::kPending: return "pending";
    case CommentStatus::kApproved: return "approved";
    case CommentStatus::kRejected: return "rejected";
    case CommentStatus::kSpam: return "spam";
  }
  return "pending";
}

std::optional<CommentStatus> ParseCommentStatus(std::string_view text) {
  for (const auto status : {CommentStatus::kPending, CommentStatus::kApproved,
                            CommentStatus::kRejected, CommentStatus::kSpam}) {
    if (ToString(status) == text) return status;
  }
  return std::nullopt;
}

std::string_view ToString(ModerationMode mode) {
  switch (mode) {
    case ModerationMode::kOpen: return "open";
    case ModerationMode::kHeld: return "held";
    case ModerationMode::kKnown: return "known";
  }
  return "open";
}

std::string_view ToString(CommentMode mode) {
  switch (mode) {
    case CommentMode::kSite:
      return "";
    case CommentMode::kOpen:
      return "open";
    case CommentMode::kHeld:
      return "held";
    case CommentMode::kClosed:
      return "closed";
  }
  return "";
}

std::optional<CommentMode> ParseCommentMode(std::string_view text) {
  if (text.empty() || text == "site") return CommentMode::kSite;
  for (const auto mode : {CommentMode::kOpen, CommentMode::kHeld, CommentMode::kClosed}) {
    if (ToString(mode) == text) return mode;
  }
  return std::nullopt;
}

std::int64_t CommentsCloseAt(std::int64_t published_at, std::int64_t close_after_days) {
  if (close_after_days <= 0 || published_at <= 0) return 0;
  return published_at + close_after_days * 86400;
}

bool CommentsClosed(CommentMode mode, std::int64_t published_at, std::int64_t close_after_days,
                    std::int64_t now) {
  if (mode == CommentMode::kClosed) return true;
  // An editor who opens an article's comments explicitly overrides the age rule.
  if (mode == CommentMode::kOpen) return false;
  const std::int64_t close_at = CommentsCloseAt(published_at, close_after_days);
  return close_at != 0 && now >= close_at;
}

std::optional<ModerationMode> ParseModerationMode(std::string_view text) {
  for (const auto mode : {ModerationMode::kOpen, ModerationMode::kHeld, ModerationMode::kKnown}) {
    if (ToString(mode) == text) return mode;
  }
  return std::nullopt;
}

std::size_t CountCharacters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

std::string CutUtf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

int CountLinks(std::string_view text) {
  const std::string lower = Lower(text);
  int links = 0;
  for (const std::string_view scheme : {"http://", "https://"}) {
    for (auto at = lower.find(scheme); at != std::string::npos; at = lower.find(scheme, at + 1)) {
      ++links;
    }
  }
  // "www.example.org" without a scheme is a link to a reader, and to a spammer.
  for (auto at = lower.find("www."); at != std::string::npos; at = lower.find("www.", at + 1)) {
    if (at < 3 || lower.compare(at - 3, 3, "://") != 0) ++links;
  }
  return links;
}

FieldErrors NormalizeAndValidate(CommentForm& form) {
  form.name = Trim(StripControlCharacters(form.name));
  std::replace(form.name.begin(), form.name.end(), '\n', ' ');
  std::replace(form.name.begin(), form.name.end(), '\t', ' ');
  form.email = Trim(StripControlCharacters(form.email));
  form.url = Trim(StripControlCharacters(form.url));
  std::string body = StripControlCharacters(form.body);
  body.erase(std::remove(body.begin(), body.end(), '\r'), body.end());
  form.body = Trim(body);

  FieldErrors errors;
  if (form.name.empty()) {
    errors.push_back({"name", "Please give your name."});
  } else if (CountCharacters(form.name) > kMaxCommentNameLength) {
    errors.push_back({"name", "Your name must be at most " +
                                  std::to_string(kMaxCommentNameLength) + " characters."});
  }
  if (!form.email.empty() && (form.email.size() > kMaxCommentEmailLength ||
                              !IsPlausibleEmail(form.email))) {
    errors.push_back({"email", "This does not look like an e-mail address (name@example.org)."});
  }
  if (!form.url.empty() && (CountCharacters(form.url) > kMaxCommentUrlLength ||
                            !IsWebAddress(form.url))) {
    errors.push_back({"url", "The website must be an address starting with http:// or https://."});
  }
  if (form.body.empty()) {
    errors.push_back({"comment", "Please write a comment."});
  } else if (const auto length = CountCharacters(form.body); length > kMaxCommentBodyLength) {
    errors.push_back({"comment", "Your comment is " + std::to_string(length) +
                                     " characters long; the limit is " +
                                     std::to_string(kMaxCommentBodyLength) + "."});
  }
  return errors;
}

std::vector<std::string> ParseBlocklist(std::string_view file_text) {
  std::vector<std::string> entries;
  std::size_t from = 0;
  while (from <= file_text.size()) {
    auto end = file_text.find('\n', from);
    if (end == std::string_view::npos) end = file_text.size();
    const std::string entry = Trim(file_text.substr(from, end - from));
    if (!entry.empty() && entry.front() != '#') entries.push_back(Lower(entry));
    from = end + 1;
  }
  return entries;
}

std::string FindBlockedWord(const CommentForm& form, const std::vector<std::string>& blocklist) {
  if (blocklist.empty()) return {};
  const std::string haystack =
      Lower(form.name + "\n" + form.email + "\n" + form.url + "\n" + form.body);
  for (const std::string& entry : blocklist) {
    if (haystack.find(entry) != std::string::npos) return entry;
  }
  return {};
}

}  // namespace broadsheet::news
