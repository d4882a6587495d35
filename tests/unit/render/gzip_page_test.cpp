// GzipPage against zlib's own inflate: every body must decompress to exactly what
// SlottedPage::Fill writes with the same fills, and inflate checks the trailer's CRC and size.
#include "render/gzip_page.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "render/live_numbers.h"
#include "support/gunzip.h"

namespace broadsheet::render {
namespace {

using testing::Gunzip;

// A fill that writes the same bytes into either kind of output; `texts` by article id.
struct TextFill {
  const std::map<std::int64_t, std::string>* texts;
  void operator()(std::string& out, SlotKind, std::int64_t article_id) const {
    const auto it = texts->find(article_id);
    if (it != texts->end()) out += it->second;
  }
};

// Checks that the gzip body inflates to what Fill writes, and returns the body.
std::string ExpectSameAsFill(const SlottedPage& page, const GzipPage& gzip,
                             const std::map<std::int64_t, std::string>& texts) {
  std::string plain;
  page.Fill(plain, TextFill{&texts});
  const std::string body = gzip.Write(TextFill{&texts});
  EXPECT_EQ(Gunzip(body), plain);
  return body;
}

TEST(GzipPage, InflatesToWhatFillWrites) {
  const auto page = SlottedPage::Parse(
      "<html><p>" + ViewsSlot(1) + "</p><div>" + Slot(SlotKind::kRating, 2) + "</div><script>{" +
      Slot(SlotKind::kRatingJsonLd, 3) + "}</script><ul><li>" + Slot(SlotKind::kCardRating, 4) +
      "</li></ul>" + Slot(SlotKind::kRatedNotice, 5) + "</html>\n");
  const GzipPage gzip(page);
  ExpectSameAsFill(page, gzip,
                   {{1, "Read 1,234 times"},
                    {2, "<span class=\"stars stars-8\"></span> Rated 4.2 out of 5 (17 votes)"},
                    {3, ",\"aggregateRating\":{\"ratingValue\":4.2}"},
                    {4, "\xc3\xa9\xe2\x98\x85"},
                    {5, std::string("nul \0 byte", 10)}});
}

TEST(GzipPage, PageWithoutSlots) {
  const auto page = SlottedPage::Parse("<html><body>No live numbers here.</body></html>");
  const GzipPage gzip(page);
  ExpectSameAsFill(page, gzip, {});
  const auto empty = SlottedPage::Parse("");
  ExpectSameAsFill(empty, GzipPage(empty), {});
}

TEST(GzipPage, EmptyFillsAndSlotsAtTheEdgesOrSideBySide) {
  // Empty first and last segments and an empty segment between two slots.
  const auto page =
      SlottedPage::Parse(ViewsSlot(1) + "a" + ViewsSlot(2) + ViewsSlot(3) + "b" + ViewsSlot(4));
  const GzipPage gzip(page);
  ExpectSameAsFill(page, gzip, {});
  ExpectSameAsFill(page, gzip, {{1, "x"}, {3, "y"}});
  ExpectSameAsFill(page, gzip, {{1, "1"}, {2, "2"}, {3, "3"}, {4, "4"}});
  const auto only_slots = SlottedPage::Parse(ViewsSlot(1) + ViewsSlot(2));
  ExpectSameAsFill(only_slots, GzipPage(only_slots), {});
  ExpectSameAsFill(only_slots, GzipPage(only_slots), {{2, "z"}});
}

TEST(GzipPage, FillsLongerThanOneStoredBlockAreSplit) {
  const auto page = SlottedPage::Parse("<p>" + ViewsSlot(1) + "</p><p>" + ViewsSlot(2) + "</p><p>" +
                                       ViewsSlot(3) + "</p>");
  const GzipPage gzip(page);
  std::string pattern;
  for (int i = 0; i < 300000; ++i) pattern.push_back(static_cast<char>('a' + i % 26));
  ExpectSameAsFill(page, gzip,
                   {{1, pattern.substr(0, 65535)},
                    {2, pattern.substr(0, 65536)},
                    {3, pattern.substr(0, 200001)}});
}

TEST(GzipPage, LargeVariedPage) {
  std::mt19937 random(20240611);
  std::uniform_int_distribution<int> letter(0, 63);
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n";
  std::string rendered;
  std::map<std::int64_t, std::string> texts;
  for (std::int64_t id = 1; id <= 40; ++id) {
    for (int i = 0; i < 4000; ++i) rendered.push_back(alphabet[letter(random)]);
    rendered += ViewsSlot(id);
    texts[id] = ReadTimesText(id * 7919);
  }
  rendered += "</html>";
  const auto page = SlottedPage::Parse(rendered);
  ASSERT_GT(page.text_size(), 100u * 1024);
  const GzipPage gzip(page);
  ExpectSameAsFill(page, gzip, texts);
}

TEST(GzipPage, RepeatedWritesCarryEachRequestsNumbers) {
  const auto page = SlottedPage::Parse("<p>" + ViewsSlot(7) + "</p><p>" + ViewsSlot(8) + "</p>");
  const GzipPage gzip(page);
  for (std::int64_t views = 0; views < 2000; views += 37) {
    ExpectSameAsFill(page, gzip, {{7, ReadTimesText(views)}, {8, ReadTimesText(views * 1000)}});
  }
}

TEST(GzipPage, ManyThreadsWriteFromOnePage) {
  const auto page = SlottedPage::Parse("<p>" + ViewsSlot(1) + "</p>" + std::string(5000, 'x'));
  const GzipPage gzip(page);
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        const std::string number = std::to_string(t * 1000 + i);
        const auto fill = [&](std::string& out, SlotKind, std::int64_t) { out += number; };
        if (Gunzip(gzip.Write(fill)) != "<p>" + number + "</p>" + std::string(5000, 'x')) {
          ++failures[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
}

TEST(GzipPage, InflateChecksTheTrailersCrcAndSize) {
  const auto page = SlottedPage::Parse("<p>" + ViewsSlot(1) + "</p>");
  const std::map<std::int64_t, std::string> texts = {{1, "Read 5 times"}};
  const std::string body = ExpectSameAsFill(page, GzipPage(page), texts);
  ASSERT_GT(body.size(), 18u);
  // The last 8 bytes are CRC-32 and ISIZE: a wrong bit in either is an error, so the
  // combined CRC and the length above were both checked.
  for (std::size_t back : {8u, 5u, 4u, 1u}) {
    std::string broken = body;
    broken[broken.size() - back] ^= 1;
    EXPECT_EQ(Gunzip(broken), std::nullopt) << back;
  }
}

TEST(GzipPage, PiecesViewTheCachedBytesAndCopyOnlyTheLiveOnes) {
  std::string rendered;
  for (int i = 0; i < 200; ++i) {
    rendered += "<article class=\"card\"><h2>Story " + std::to_string(i) + "</h2><p>" +
                Slot(SlotKind::kCardRating, i) + "</p></article>\n";
  }
  const auto page = SlottedPage::Parse(rendered);
  const GzipPage gzip(page);
  const auto fill = [](std::string& out, SlotKind, std::int64_t id) {
    if (id % 3 == 0) out += "<b>" + std::to_string(id) + "</b>";
  };
  std::string live;
  const GzipPage::Pieces pieces = gzip.WritePieces(live, fill);
  std::string joined;
  std::size_t cached_bytes = 0;
  for (const auto& piece : pieces) {
    joined.append(piece.Bytes(live));
    cached_bytes += piece.cached.size();
  }
  EXPECT_EQ(joined, gzip.Write(fill));
  EXPECT_EQ(cached_bytes, gzip.compressed_size());
  // Header, trailer, and a stored block header with a few bytes per filled slot.
  EXPECT_LT(live.size(), 18u + 67 * (5 + 12));
  std::string plain;
  page.Fill(plain, fill);
  EXPECT_EQ(Gunzip(joined), plain);
}

// Markup like the site's: an article page has a handful of slots between long runs of text.
TEST(GzipPage, ArticlePageCompressesWell) {
  std::string rendered =
      "<!doctype html><html lang=\"en\"><head><title>Council meets about the bridge</title>"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"" +
      Slot(SlotKind::kRatingJsonLd, 3) +
      "}</script></head><body><article><h1>Council</h1>"
      "<p class=\"meta\">" +
      ViewsSlot(3) + "</p>";
  for (int i = 0; i < 60; ++i) {
    rendered +=
        "<p>The council of Alderbrook met on Tuesday evening to discuss the repair of "
        "the old bridge over the river, paragraph " +
        std::to_string(i) + ".</p>\n";
  }
  rendered += "<div class=\"rating\">" + Slot(SlotKind::kRating, 3) + "</div>" +
              Slot(SlotKind::kRatedNotice, 3) + "</article></body></html>";
  const auto page = SlottedPage::Parse(rendered);
  const GzipPage gzip(page);
  const std::string body = ExpectSameAsFill(page, gzip, {{3, "Read 1,234 times"}});
  EXPECT_LT(body.size(), page.text_size() / 5);
}

// A listing has two slots per card, so each segment is compressed without the cards before it
// (the full flush resets the dictionary): it still shrinks, by less.
TEST(GzipPage, ListingPageWithSlotsInEveryCardStillShrinks) {
  std::string rendered = "<!doctype html><html lang=\"en\"><body><div class=\"card-list\">";
  for (int i = 0; i < 20; ++i) {
    const std::string url = "/town-hall/" + std::to_string(i) + "-council-meets-about-the-bridge";
    rendered +=
        "<article class=\"card\"><p class=\"kicker\"><a href=\"/town-hall/\">Town Hall"
        "</a></p><h2 class=\"card-title\"><a href=\"" +
        url +
        "\">Council meets about "
        "the bridge</a></h2><p class=\"card-summary\">The repair of the old bridge is on "
        "the agenda again.</p><p class=\"card-meta\">By Ann Smith · <time datetime=\"2024-"
        "06-11\">11 June 2024</time> · <span class=\"card-views\">" +
        ViewsSlot(i) + "</span> · <a class=\"card-comments\" href=\"" + url +
        "#comments\">3 comments"
        "</a> " +
        Slot(SlotKind::kCardRating, i) + "</p></article>\n";
  }
  rendered += "</div></body></html>";
  const auto page = SlottedPage::Parse(rendered);
  const GzipPage gzip(page);
  std::map<std::int64_t, std::string> texts;
  for (int i = 0; i < 20; ++i) texts[i] = ReadTimesText(i * 13);
  const std::string body = ExpectSameAsFill(page, gzip, texts);
  EXPECT_LT(body.size(), page.text_size() * 3 / 4);
}

}  // namespace
}  // namespace broadsheet::render
