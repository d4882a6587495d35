#include "store/change_notice.h"

#include <gtest/gtest.h>

namespace broadsheet::store {
namespace {

using Kind = ChangeNotice::Kind;

TEST(ChangeNoticeTest, PayloadsReadBackAsWhatTheySay) {
  const ChangeNotice views = ParseChangeNotice(ViewsPayload({{12, 3400}, {7, 1}}));
  ASSERT_EQ(views.kind, Kind::kViews);
  ASSERT_EQ(views.views.size(), 2u);
  EXPECT_EQ(views.views[0].article_id, 12);
  EXPECT_EQ(views.views[0].views, 3400);
  EXPECT_EQ(views.views[1].article_id, 7);
  EXPECT_EQ(views.views[1].views, 1);

  const ChangeNotice rating = ParseChangeNotice(RatingPayload({9, 41, 10, 12}));
  ASSERT_EQ(rating.kind, Kind::kRating);
  EXPECT_EQ(rating.rating.article_id, 9);
  EXPECT_EQ(rating.rating.sum, 41);
  EXPECT_EQ(rating.rating.count, 10);
  EXPECT_EQ(rating.rating.revision, 12);

  // Written by the PostgreSQL trigger (migration 10).
  const ChangeNotice content = ParseChangeNotice("content 88 comments 5");
  ASSERT_EQ(content.kind, Kind::kContent);
  EXPECT_EQ(content.content.version, 88);
  EXPECT_EQ(content.content.scope, ContentScope::kComments);
  EXPECT_EQ(content.content.article_id, 5);
  EXPECT_EQ(ParseChangeNotice("content 89 article 6").content.scope, ContentScope::kArticle);
  EXPECT_EQ(ParseChangeNotice("content 90 all 0").content.scope, ContentScope::kAll);
}

TEST(ChangeNoticeTest, AnythingElseSaysOnlyThatSomethingChanged) {
  for (const char* payload :
       {"", "views", "views 12", "views 12:", "views :3", "views 12:3x", "views 12:3 ",
        "rating 1 2 3", "rating 1 2 3 4 5", "content 1 some 2", "content x article 2",
        "content 1 article", "bulletin 1", "VIEWS 1:2"}) {
    EXPECT_EQ(ParseChangeNotice(payload).kind, Kind::kUnknown) << '"' << payload << '"';
  }
}

TEST(ChangeNoticeTest, TotalsThatDoNotFitInOnePayloadSendABareSignal) {
  std::vector<ViewTotals> many;
  for (std::int64_t id = 1; id <= 2000; ++id) many.push_back({id * 1000, id * 1000});
  EXPECT_EQ(ViewsPayload(many), "");
  many.resize(100);
  EXPECT_LE(ViewsPayload(many).size(), kMaxPayloadBytes);
  EXPECT_EQ(ParseChangeNotice(ViewsPayload(many)).views.size(), 100u);
}

}  // namespace
}  // namespace broadsheet::store
