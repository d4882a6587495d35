// `broadsheet comments list|approve|reject|spam|delete`, `settings get|set|list` and
// `captcha solve`: the editors' and operators' tools until the back office has screens.
// Changes reach running servers by themselves (the store's content version moves).
#include <fmt/core.h>

#include "cli/commands.h"
#include "news/calendar.h"
#include "news/site_setting.h"
#include "security/captcha_token.h"
#include "security/site_key.h"

namespace broadsheet::cli {
namespace {

std::string OneLine(std::string text, std::size_t limit) {
  for (char& c : text) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  if (text.size() > limit) text = text.substr(0, limit - 3) + "...";
  return text;
}

}  // namespace

int RunCommentsList(const CommonOptions& common, const std::string& filter_name) {
  auto store = OpenConfiguredStore(LoadConfig(common));
  const store::CommentFilter filter = filter_name == "pending"    ? store::CommentFilter::kPending
                                      : filter_name == "reported" ? store::CommentFilter::kReported
                                      : filter_name == "spam"     ? store::CommentFilter::kSpam
                                                                  : store::CommentFilter::kAll;
  const auto comments = store->ListComments(filter, 1000);
  fmt::print("{:>6}  {:>7}  {:<8}  {:>7}  {:<20}  {:<24}  {}\n", "ID", "ARTICLE", "STATUS",
             "REPORTS", "NAME", "HELD BECAUSE", "COMMENT");
  for (const auto& c : comments) {
    fmt::print("{:>6}  {:>7}  {:<8}  {:>7}  {:<20}  {:<24}  {}\n", c.id, c.article_id,
               news::ToString(c.status), c.reports, OneLine(c.name, 20),
               OneLine(c.hold_reason, 24), OneLine(c.body, 60));
  }
  fmt::print("{} {}\n", comments.size(), comments.size() == 1 ? "comment" : "comments");
  return 0;
}

int RunCommentSetStatus(const CommonOptions& common, std::int64_t id,
                        const std::string& action) {
  auto store = OpenConfiguredStore(LoadConfig(common));
  bool done = false;
  if (action == "delete") {
    done = store->DeleteComment(id);
  } else {
    const auto status = action == "approve" ? news::CommentStatus::kApproved
                        : action == "reject" ? news::CommentStatus::kRejected
                                             : news::CommentStatus::kSpam;
    done = store->SetCommentStatus(id, status);
  }
  if (!done) throw CliError("no comment with id " + std::to_string(id));
  const char* past = action == "approve" ? "approved"
                     : action == "reject" ? "rejected"
                     : action == "spam"   ? "marked as spam"
                                          : "deleted";
  fmt::print("comment {} {}\n", id, past);
  return 0;
}

int RunSettings(const CommonOptions& common, const std::string& key, const std::string& value,
                bool set) {
  auto store = OpenConfiguredStore(LoadConfig(common));
  if (key.empty()) {
    for (const news::SettingRule& rule : news::SettingRules()) {
      const std::string key_text(rule.key);
      fmt::print("{} = {}\n", key_text,
                 store->ReadSetting(key_text).value_or(std::string(rule.default_value)));
    }
    return 0;
  }
  const std::string error = news::ValidateSetting(key, set ? value : news::DefaultSetting(key));
  if (!error.empty()) throw CliError(error);
  if (set) {
    store->WriteSetting(key, value);
    fmt::print("{} = {}\n", key, value);
  } else {
    fmt::print("{}\n", store->ReadSetting(key).value_or(news::DefaultSetting(key)));
  }
  return 0;
}

int RunCaptchaSolve(const CommonOptions& common, const std::string& token) {
  const config::Config config = LoadConfig(common);
  const security::CaptchaSealer sealer(security::SiteKey::Load(config.KeyFile()));
  const auto claims = sealer.Open(token);
  if (!claims) throw CliError("not a security code token of this site");
  fmt::print("{}\n", claims->answer);
  return 0;
}

}  // namespace broadsheet::cli
