// The newsroom's desk over real HTTP, on both stores (issue 11): a setting changed on the page
// reaches the public pages of both nodes while one fixed by a node's configuration stays
// fixed there; uploads have their own body limit while every other route keeps the small
// one; and the dashboard's table carries the numbers `broadsheet stats --by day` prints.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "http/harness/desk_client.h"
#include "http/harness/http_client.h"
#include "http/harness/server_process.h"
#include "http/harness/test_site.h"
#include "news/calendar.h"
#include "store/store.h"
#include "unit/media/test_images.h"

namespace broadsheet::testing {
namespace {

const std::string kPassword = "quay lantern marmalade orbit";
const std::vector<std::string> kFast = {"--set", "admin.password_cost=minimum", "--set",
                                        "store.poll_interval_ms=200"};

std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

void AddAdmin(const TestSite& site) {
  const CliResult added =
      site.CliWithInput({"user", "add", "chief@example.org", "--role", "admin", "--name",
                         "Chief Editor", "--set", "admin.password_cost=minimum"},
                        kPassword + "\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
}

// Another node of the same site: its own data dir, the same store and key.
std::vector<std::string> OtherNode(const TestSite& site, const std::string& name) {
  return {"--data",         site.File(name), "--store",
          site.store_url(), "--key-file",    site.File("site.key")};
}

std::string MultipartUpload(const std::string& csrf, const std::string& bytes) {
  const std::string boundary = "----newsroom-http-upload";
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf +
         "\r\n--" + boundary +
         "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"noise.png\"\r\n"
         "Content-Type: image/png\r\n\r\n" +
         bytes + "\r\n--" + boundary + "--\r\n";
}

TEST(NewsroomSettings, AChangeOnThePageReachesBothNodesAndConfiguredValuesStayFixed) {
  TestSite site;
  AddAdmin(site);
  ServerProcess a(site.StoreArgs(), With(kFast, {"--demo"}));
  ServerProcess b(OtherNode(site, "node-b"), kFast);
  // A third node whose configuration names the site itself.
  ServerProcess fixed(OtherNode(site, "node-c"),
                      With(kFast, {"--set", "site.name=The Configured Courier"}));
  ASSERT_TRUE(a.started() && b.started() && fixed.started());
  DeskClient desk(a.port());
  ASSERT_EQ(desk.SignIn("chief@example.org", kPassword).status, 303);
  ASSERT_EQ(desk.Get("/admin/settings").status, 200);
  const HttpResponse saved =
      desk.Post("/admin/settings", {{"site.name", "The Quay Courier"}, {"site.lang", "he"}});
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  for (ServerProcess* node : {&a, &b}) {
    HttpClient reader(node->port());
    std::string front;
    EXPECT_TRUE(PollUntil(
        [&] {
          front = reader.Get("/").body;
          return front.find("The Quay Courier") != std::string::npos &&
                 front.find("<html lang=\"he\" dir=\"rtl\">") != std::string::npos;
        },
        std::chrono::seconds(20)))
        << "node " << node->port() << ":\n"
        << front.substr(0, 1500);
  }
  // The configured node keeps its name, takes the language it does not fix...
  HttpClient reader(fixed.port());
  std::string front;
  EXPECT_TRUE(PollUntil(
      [&] {
        front = reader.Get("/").body;
        return front.find("dir=\"rtl\"") != std::string::npos;
      },
      std::chrono::seconds(20)));
  EXPECT_NE(front.find("The Configured Courier"), std::string::npos);
  EXPECT_EQ(front.find("The Quay Courier"), std::string::npos);
  // ...and its settings page shows the name read-only and refuses to change it.
  DeskClient fixed_desk(fixed.port());
  ASSERT_EQ(fixed_desk.SignIn("chief@example.org", kPassword).status, 303);
  const HttpResponse page = fixed_desk.Get("/admin/settings");
  EXPECT_NE(page.body.find("value=\"The Configured Courier\" readonly"), std::string::npos);
  EXPECT_EQ(fixed_desk.Post("/admin/settings", {{"site.name", "Sneaked In"}}).status, 403);
  EXPECT_EQ(site.OpenStore()->ReadSetting("site.name"), "The Quay Courier");
  // The audit log names who changed what.
  const auto audit = site.OpenStore()->ListAudit({.action = "setting.change"});
  ASSERT_EQ(audit.total, 2);
  for (const auto& entry : audit.rows) EXPECT_EQ(entry.user_email, "chief@example.org");
}

TEST(NewsroomUploads, UploadsHaveTheirOwnBodyLimitAndOtherRoutesKeepTheirs) {
  TestSite site;
  AddAdmin(site);
  ServerProcess server(site.StoreArgs(), With(kFast, {"--set", "server.body_limit_bytes=65536",
                                                      "--set", "media.max_upload_bytes=600000"}));
  ASSERT_TRUE(server.started());
  DeskClient desk(server.port());
  ASSERT_EQ(desk.SignIn("chief@example.org", kPassword).status, 303);
  ASSERT_EQ(desk.Get("/admin/media").status, 200);
  // Noise does not compress: a PNG of a few hundred kilobytes, over the general limit.
  auto noise = media::testing::Picture(320, 240);
  std::mt19937 random(7);
  for (int y = 0; y < 240; ++y) {
    for (int x = 0; x < 320; ++x) {
      gdImageSetPixel(noise.get(), x, y, static_cast<int>(random() & 0xFFFFFF));
    }
  }
  const std::string png = media::testing::PngOf(noise.get());
  ASSERT_GT(png.size(), 65536u);
  ASSERT_LT(png.size(), 600000u);
  HttpClient client(server.port());
  const Headers headers = {
      {"Cookie", "bs_signin=" + desk.signin()},
      {"Content-Type", "multipart/form-data; boundary=----newsroom-http-upload"}};
  const HttpResponse uploaded =
      client.Request("POST", "/admin/media", headers, MultipartUpload(desk.csrf(), png));
  ASSERT_EQ(uploaded.status, 303) << uploaded.body.substr(0, 2000);
  const auto media = site.OpenStore()->ListMedia(0, 1);
  ASSERT_EQ(media.total, 1);
  const HttpResponse served = client.Get("/media/" + media.rows[0].hash + "-320.webp");
  EXPECT_EQ(served.status, 200);
  EXPECT_EQ(served.Header("content-type"), "image/webp");
  EXPECT_EQ(served.Header("x-content-type-options"), "nosniff");
  EXPECT_NE(served.Header("cache-control").find("max-age=31536000"), std::string::npos);

  const HttpResponse too_big = client.Request(
      "POST", "/admin/media", headers, MultipartUpload(desk.csrf(), std::string(700000, 'x')));
  EXPECT_EQ(too_big.status, 413);
  HttpClient other(server.port());
  const HttpResponse settings =
      other.Request("POST", "/admin/settings",
                    {{"Cookie", "bs_signin=" + desk.signin()},
                     {"Content-Type", "application/x-www-form-urlencoded"}},
                    "csrf=" + desk.csrf() + "&site.name=" + std::string(100000, 'x'));
  EXPECT_EQ(settings.status, 413) << "every other route keeps server.body_limit_bytes";
  // Without a live sign-in the upload route keeps the small limit too: nobody anonymous makes
  // the server hold megabytes, and a made-up cookie does not pass for a sign-in.
  for (const std::string& cookie : {std::string(), std::string("bs_signin=made-up-by-a-client")}) {
    SCOPED_TRACE(cookie);
    HttpClient anonymous(server.port());
    Headers forged = {{"Content-Type", "multipart/form-data; boundary=----newsroom-http-upload"}};
    if (!cookie.empty()) forged.emplace_back("Cookie", cookie);
    EXPECT_EQ(
        anonymous.Request("POST", "/admin/media", forged, MultipartUpload(desk.csrf(), png)).status,
        413);
  }
  EXPECT_EQ(site.OpenStore()->ListMedia(0, 1).total, 1);
}

// "2026-11-30       12" lines of `stats --by day`, by day.
std::map<std::string, std::string> StatsByDay(const std::string& out) {
  std::map<std::string, std::string> days;
  std::istringstream lines(out);
  std::string day, views;
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    if (fields >> day >> views && day.size() == 10 && day[4] == '-') days[day] = views;
  }
  return days;
}

// "<tr><td>2026-11-30</td><td>12</td></tr>" rows of the dashboard's table, by day.
std::map<std::string, std::string> TableByDay(const std::string& page) {
  std::map<std::string, std::string> days;
  const std::string open = "<tr><td>";
  for (auto at = page.find(open); at != std::string::npos; at = page.find(open, at + 1)) {
    const auto day_end = page.find("</td><td>", at);
    const auto views_end = page.find("</td></tr>", day_end);
    if (day_end == std::string::npos || views_end == std::string::npos) break;
    const std::string day = page.substr(at + open.size(), day_end - at - open.size());
    if (day.size() == 10 && day[4] == '-') {
      days[day] = page.substr(day_end + 9, views_end - day_end - 9);
    }
  }
  return days;
}

TEST(NewsroomDashboard, ItsTableCarriesTheNumbersOfStatsByDay) {
  TestSite site;
  AddAdmin(site);
  {
    // Earlier days' views, as a site that has been running has them.
    auto store = site.OpenStore();
    news::ArticleInput input{.title = "Harbour Dredging Begins",
                             .category = "Town Hall",
                             .author = "Ada Quill",
                             .status = news::ArticleStatus::kPublished};
    news::NormalizeAndValidate(input);
    const auto id = store->AddArticle(input, "<p>Text.</p>", news::UnixNow() - 86400, 0);
    const auto now = news::UnixNow();
    store->AddViews({{id, news::LocalDayBefore(now, 2), 17, 0},
                     {id, news::LocalDayBefore(now, 29), 4, 0},
                     {id, news::LocalDayBefore(now, 30), 1000, 0}});
  }
  ServerProcess server(site.StoreArgs(), With(kFast, {"--set", "views.flush_interval_ms=100"}));
  ASSERT_TRUE(server.started());
  HttpClient reader(server.port());
  const auto store = site.OpenStore();
  const std::string path = "/town-hall/1-harbour-dredging-begins";
  for (int i = 0; i < 6; ++i) ASSERT_EQ(reader.Get(path).status, 200);
  // After a flush: today's six views are in the store.
  ASSERT_TRUE(PollUntil(
      [&] {
        const auto days =
            store->SiteViewsByDay(news::LocalDay(news::UnixNow()), news::LocalDay(news::UnixNow()));
        return !days.empty() && days[0].views == 6;
      },
      std::chrono::seconds(20)));
  const CliResult stats = site.Cli({"stats", "--by", "day", "--days", "30"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  DeskClient desk(server.port());
  ASSERT_EQ(desk.SignIn("chief@example.org", kPassword).status, 303);
  const HttpResponse dashboard = desk.Get("/admin/");
  ASSERT_EQ(dashboard.status, 200);
  const auto printed = StatsByDay(stats.out);
  const auto shown = TableByDay(dashboard.body);
  EXPECT_EQ(printed.size(), 30u) << stats.out;
  EXPECT_EQ(shown, printed) << stats.out;
  EXPECT_EQ(printed.at(news::LocalDay(news::UnixNow())), "6");
  EXPECT_NE(stats.out.find("total: 27 views in 30 days"), std::string::npos) << stats.out;
  EXPECT_EQ(site.Cli({"stats", "--by", "week"}).exit_code, 2) << "only day";
}

}  // namespace
}  // namespace broadsheet::testing
