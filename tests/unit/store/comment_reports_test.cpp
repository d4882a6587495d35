// Issue 9, defect 2 in the store: a report counts once per reader and once per address key, an
// editor's approval clears the count and stands, and address keys are forgotten on request.
#include <gtest/gtest.h>

#include "store/store_contract.h"

namespace broadsheet::store {
namespace {

std::int64_t ApprovedComment(Store& store, std::int64_t article) {
  return *store.AddComment(CommentRow{.article_id = article,
                                      .reader_id = "author",
                                      .name = "Ada",
                                      .body = "Words.",
                                      .status = news::CommentStatus::kApproved,
                                      .created_at = 1000});
}

}  // namespace

TEST_P(StoreContract, issue_0009_AReportCountsOncePerReaderAndOncePerAddress) {
  const auto id = ApprovedComment(*store_, Add("Reported", "Town Hall", kPublished, 1000));
  EXPECT_TRUE(store_->ReportComment(id, "reader-a", "address-1", 3, 2000).counted);
  EXPECT_FALSE(store_->ReportComment(id, "reader-a", "address-2", 3, 2001).counted);
  EXPECT_FALSE(store_->ReportComment(id, "reader-b", "address-1", 3, 2002).counted);
  EXPECT_TRUE(store_->ReportComment(id, "reader-b", "address-2", 3, 2003).counted);
  const auto third = store_->ReportComment(id, "reader-c", "address-3", 3, 2004);
  EXPECT_TRUE(third.held);
  EXPECT_EQ(third.reports, 3);
  EXPECT_EQ(store_->FindComment(id)->status, news::CommentStatus::kPending);
  EXPECT_FALSE(store_->ReportComment(999999, "reader-d", "address-4", 3, 2005).found);
}

TEST_P(StoreContract, issue_0009_AnEditorsApprovalClearsTheCountAndStands) {
  const auto id = ApprovedComment(*store_, Add("Reported", "Town Hall", kPublished, 1000));
  for (int i = 0; i < 3; ++i) {
    store_->ReportComment(id, "reader-" + std::to_string(i), "address-" + std::to_string(i), 3,
                          2000 + i);
  }
  ASSERT_EQ(store_->FindComment(id)->status, news::CommentStatus::kPending);
  ASSERT_TRUE(store_->SetCommentStatus(id, news::CommentStatus::kApproved));
  EXPECT_EQ(store_->FindComment(id)->reports, 0);
  for (int i = 3; i < 9; ++i) {
    const auto later = store_->ReportComment(id, "reader-" + std::to_string(i),
                                             "address-" + std::to_string(i), 3, 3000 + i);
    EXPECT_TRUE(later.counted);  // recorded for the editor...
    EXPECT_TRUE(later.stands);
    EXPECT_FALSE(later.held);  // ...but the comment stays
  }
  EXPECT_EQ(store_->FindComment(id)->status, news::CommentStatus::kApproved);
  EXPECT_EQ(store_->FindComment(id)->reports, 6);
  EXPECT_EQ(store_->ListComments(CommentFilter::kReported, 10).size(), 1u);
}

TEST_P(StoreContract, ApprovingACommentNobodyReportedLeavesReportsAbleToHideIt) {
  // Held mode: an editor approves before anyone has read it; readers may still object.
  const auto article = Add("Held", "Town Hall", kPublished, 1000);
  const auto id = *store_->AddComment(CommentRow{.article_id = article,
                                                 .reader_id = "author",
                                                 .name = "Ada",
                                                 .body = "Words.",
                                                 .status = news::CommentStatus::kPending,
                                                 .created_at = 1000});
  ASSERT_TRUE(store_->SetCommentStatus(id, news::CommentStatus::kApproved));
  EXPECT_FALSE(store_->FindComment(id)->approved_by_editor);
  for (int i = 0; i < 3; ++i) {
    store_->ReportComment(id, "reader-" + std::to_string(i), "address-" + std::to_string(i), 3,
                          2000 + i);
  }
  EXPECT_EQ(store_->FindComment(id)->status, news::CommentStatus::kPending);
  // Approved again, now despite the reports: this approval stands.
  ASSERT_TRUE(store_->SetCommentStatus(id, news::CommentStatus::kApproved));
  EXPECT_TRUE(store_->FindComment(id)->approved_by_editor);
}

TEST_P(StoreContract, OldAddressKeysAreForgottenAndThenNoLongerBlockAReport) {
  const auto id = ApprovedComment(*store_, Add("Reported", "Town Hall", kPublished, 1000));
  const std::int64_t day = 86400;
  store_->ReportComment(id, "reader-old", "address-1", 9, 10 * day);
  store_->ReportComment(id, "reader-new", "address-2", 9, 50 * day);
  EXPECT_FALSE(store_->ReportComment(id, "reader-x", "address-1", 9, 51 * day).counted);
  EXPECT_EQ(store_->PurgeAddressKeys(20 * day), 1);  // only the report from day 10
  EXPECT_EQ(store_->PurgeAddressKeys(20 * day), 0);
  EXPECT_TRUE(store_->ReportComment(id, "reader-x", "address-1", 9, 52 * day).counted);
  EXPECT_FALSE(store_->ReportComment(id, "reader-y", "address-2", 9, 52 * day).counted);
}

}  // namespace broadsheet::store
