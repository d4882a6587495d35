// The store contract for the back office (issue 10), on both stores: users and sign-ins,
// versions and conflicting saves, revisions, tags, scheduling (exactly once, even with two
// stores on one database publishing at once), the trash, and reserved category names.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/store_contract.h"

namespace broadsheet::store {
namespace {

UserRow NewUser(const std::string& email, news::Role role) {
  UserRow user;
  user.email = email;
  user.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
  user.role = role;
  return user;
}

news::ArticleInput Input(const std::string& title, news::ArticleStatus status,
                         std::vector<std::string> tags = {}, std::int64_t published_at = 0) {
  news::ArticleInput input{.title = title,
                           .category = "Town Hall",
                           .author = "Ada Quill",
                           .status = status,
                           .published_at = published_at,
                           .tags = std::move(tags),
                           .body_markdown = "Body of " + title};
  EXPECT_TRUE(news::NormalizeAndValidate(input).empty());
  return input;
}

TEST_P(StoreContract, UsersHaveUniqueEmailsAndAProfileToWriteAs) {
  const auto id =
      store_->AddUser(NewUser("ed@example.org", news::Role::kEditor), "", "Ed Itor", 100);
  ASSERT_TRUE(id);
  EXPECT_FALSE(store_->AddUser(NewUser("ed@example.org", news::Role::kAdmin), "", "Other", 100))
      << "the e-mail is taken";
  const auto user = store_->FindUserByEmail("ed@example.org");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->id, *id);
  EXPECT_EQ(user->role, news::Role::kEditor);
  EXPECT_EQ(user->author.name, "Ed Itor");
  EXPECT_EQ(user->author.slug, "ed-itor");
  // A second login may write as an existing profile, for example one an article made.
  Add("Harbour", "Town Hall", kPublished, 1000);
  const auto ada = store_->FindAuthorBySlug("ada-quill");
  ASSERT_TRUE(ada);
  const auto second =
      store_->AddUser(NewUser("ada@example.org", news::Role::kAuthor), "ada-quill", "", 100);
  ASSERT_TRUE(second);
  EXPECT_EQ(store_->FindUser(*second)->author.id, ada->id);
  EXPECT_FALSE(store_->AddUser(NewUser("x@example.org", news::Role::kAuthor), "nobody", "", 1));
  EXPECT_TRUE(store_->SetUserRole(*second, news::Role::kContributor));
  EXPECT_EQ(store_->FindUser(*second)->role, news::Role::kContributor);
  EXPECT_EQ(store_->ListUsers().size(), 2u);
  // Two authors whose names make the same slug get different ones.
  ASSERT_TRUE(store_->AddUser(NewUser("e2@example.org", news::Role::kAuthor), "", "Ed-Itor", 1));
  EXPECT_EQ(store_->FindUserByEmail("e2@example.org")->author.slug, "ed-itor-2");
}

TEST_P(StoreContract, SignInsExpireAndEndWithPasswordChangesAndDisabling) {
  const auto id = *store_->AddUser(NewUser("ed@example.org", news::Role::kEditor), "", "Ed", 1);
  store_->AddSignIn("hash-a", id, 1000);
  store_->AddSignIn("hash-b", id, 1000);
  EXPECT_TRUE(store_->UseSignIn("hash-a", 1005, 60, 3600));
  EXPECT_FALSE(store_->UseSignIn("unknown", 1005, 60, 3600));
  // Idle: unused for 60 s ends it; each use moves the idle clock.
  EXPECT_TRUE(store_->UseSignIn("hash-a", 1060, 60, 3600));
  EXPECT_FALSE(store_->UseSignIn("hash-b", 1061, 60, 3600)) << "hash-b idled since 1000";
  EXPECT_FALSE(store_->UseSignIn("hash-b", 1062, 1000, 3600)) << "an ended sign-in stays ended";
  // Absolute: however much it is used.
  for (std::int64_t t = 1100; t < 1500; t += 50)
    EXPECT_TRUE(store_->UseSignIn("hash-a", t, 60, 500));
  EXPECT_FALSE(store_->UseSignIn("hash-a", 1500, 60, 500));

  store_->AddSignIn("hash-c", id, 2000);
  EXPECT_TRUE(store_->SetUserPassword(id, "$argon2id$new"));
  EXPECT_FALSE(store_->UseSignIn("hash-c", 2001, 60, 3600)) << "a password change ends sign-ins";
  store_->AddSignIn("hash-d", id, 2000);
  EXPECT_TRUE(store_->SetUserDisabled(id, true));
  EXPECT_FALSE(store_->UseSignIn("hash-d", 2001, 60, 3600)) << "disabling ends sign-ins";
  EXPECT_TRUE(store_->SetUserDisabled(id, false));
  store_->AddSignIn("hash-e", id, 3000);
  store_->AddSignIn("hash-f", id, 3000);
  store_->EndSignIn("hash-e");
  EXPECT_FALSE(store_->UseSignIn("hash-e", 3001, 60, 3600));
  EXPECT_TRUE(store_->UseSignIn("hash-f", 3001, 60, 3600));
  store_->EndAllSignIns(id);
  EXPECT_FALSE(store_->UseSignIn("hash-f", 3002, 60, 3600)) << "sign out everywhere";
}

TEST_P(StoreContract, SavesKeepRevisionsTagsAndRefuseAStaleVersion) {
  const auto id =
      store_->AddArticle(Input("First", kDraft, {"Ferry", "River"}), "<p>1</p>", 1000, 0);
  auto article = store_->FindArticle(id);
  ASSERT_TRUE(article);
  EXPECT_EQ(article->version, 1);
  ASSERT_EQ(article->tags.size(), 2u);
  EXPECT_EQ(article->tags[0].slug, "ferry");
  EXPECT_EQ(article->tags[1].name, "River");

  auto edit = Input("Second", kDraft, {"River", "Harbour"});
  EXPECT_EQ(store_->UpdateArticle(id, edit, "<p>2</p>", 1100, {0, 1}, "saved"),
            SaveOutcome::kSaved);
  // A second tab still on version 1: refused, nothing changes.
  auto stale = Input("Third from a stale tab", kDraft);
  EXPECT_EQ(store_->UpdateArticle(id, stale, "<p>3</p>", 1200, {0, 1}, "saved"),
            SaveOutcome::kConflict);
  article = store_->FindArticle(id);
  EXPECT_EQ(article->title, "Second");
  EXPECT_EQ(article->version, 2);
  ASSERT_EQ(article->tags.size(), 2u);
  EXPECT_EQ(article->tags[0].name, "River");
  EXPECT_EQ(article->tags[1].name, "Harbour");
  EXPECT_EQ(store_->ListTags().size(), 3u) << "Ferry stays a tag";

  const auto revisions = store_->ListRevisions(id);
  ASSERT_EQ(revisions.size(), 2u);
  EXPECT_EQ(revisions[0].note, "saved");
  EXPECT_EQ(revisions[0].fields.title, "Second");
  EXPECT_EQ(revisions[1].note, "created");
  EXPECT_EQ(revisions[1].fields.title, "First");
  EXPECT_EQ(news::JoinTags(revisions[1].fields.tags), "Ferry, River");
  const auto one = store_->FindRevision(id, revisions[1].id);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->fields.body_markdown, "Body of First");
  EXPECT_FALSE(store_->FindRevision(id + 1, revisions[1].id)) << "another article's revision";
}

TEST_P(StoreContract, ScheduledArticlesArePublishedOnceAtTheirTime) {
  auto input = Input("Later", news::ArticleStatus::kScheduled, {}, 5000);
  const auto id = store_->AddArticle(input, "<p>x</p>", 1000, 0);
  EXPECT_TRUE(store_->ListPublished(0, std::nullopt, 10).empty());
  EXPECT_TRUE(store_->PublishDue(4999).empty());
  const auto version = store_->ContentVersion();
  EXPECT_EQ(store_->PublishDue(5000), std::vector<std::int64_t>{id});
  EXPECT_NE(store_->ContentVersion(), version);
  EXPECT_TRUE(store_->PublishDue(5001).empty()) << "published once";
  const auto article = store_->FindArticle(id);
  EXPECT_EQ(article->status, kPublished);
  EXPECT_EQ(article->published_at, 5000) << "the scheduled time, not the moment noticed";
  EXPECT_EQ(store_->ListPublished(0, std::nullopt, 10).size(), 1u);
  EXPECT_EQ(store_->ListRevisions(id).front().note, "published");
}

TEST_P(StoreContract, TwoNodesPublishingAtOnceMakeOnePublication) {
  // A second store on the same database stands for a second node.
  auto other = Open();
  for (int i = 0; i < 20; ++i) {
    auto input = Input("Later " + std::to_string(i), news::ArticleStatus::kScheduled, {}, 5000);
    store_->AddArticle(input, "<p>x</p>", 1000, 0);
  }
  std::atomic<int> published{0};
  std::thread first([&] {
    for (int round = 0; round < 5; ++round) published += store_->PublishDue(5000).size();
  });
  std::thread second([&] {
    for (int round = 0; round < 5; ++round) published += other->PublishDue(5000).size();
  });
  first.join();
  second.join();
  EXPECT_EQ(published.load(), 20);
  for (const auto& article : store_->ListPublished(0, std::nullopt, 50)) {
    const auto revisions = store_->ListRevisions(article.id);
    EXPECT_EQ(std::count_if(revisions.begin(), revisions.end(),
                            [](const RevisionRow& r) { return r.note == "published"; }),
              1);
  }
}

TEST_P(StoreContract, TheTrashTakesArticlesOffTheSiteUntilRestoredOrPurged) {
  const auto kept = Add("Kept", "Town Hall", kPublished, 1000);
  const auto gone = Add("Gone", "Town Hall", kPublished, 1001);
  EXPECT_TRUE(store_->TrashArticle(gone, 2000, 0));
  EXPECT_FALSE(store_->TrashArticle(gone, 2001, 0));
  EXPECT_EQ(store_->ListPublished(0, std::nullopt, 10).size(), 1u);
  EXPECT_EQ(store_->FindArticle(gone)->status, news::ArticleStatus::kTrashed);
  EXPECT_EQ(store_->UpdateArticle(gone, Input("Edit", kDraft), "", 2002, {}, "saved"),
            SaveOutcome::kNotFound)
      << "no editing in the trash";
  ArticleQuery trash;
  trash.status = "trashed";
  EXPECT_EQ(store_->ListArticles(trash).total, 1);
  EXPECT_EQ(store_->ListArticles({}).total, 1) << "the list leaves the trash out";
  EXPECT_EQ(store_->FindArticle(gone)->trashed_from, kPublished);
  EXPECT_TRUE(store_->RestoreArticle(gone, 2100, 0, /*may_publish=*/true));
  EXPECT_EQ(store_->FindArticle(gone)->status, kPublished) << "back to what it was";
  EXPECT_EQ(store_->ListPublished(0, std::nullopt, 10).size(), 2u);
  // Someone who may not publish restores it as a draft: a restore never makes it live.
  EXPECT_TRUE(store_->TrashArticle(gone, 2200, 0));
  EXPECT_TRUE(store_->RestoreArticle(gone, 2300, 0, /*may_publish=*/false));
  EXPECT_EQ(store_->FindArticle(gone)->status, kDraft);
  EXPECT_TRUE(store_->TrashArticle(gone, 3000, 0));
  EXPECT_EQ(store_->PurgeTrash(2999), 0);
  EXPECT_EQ(store_->PurgeTrash(3001), 1);
  EXPECT_FALSE(store_->FindArticle(gone));
  EXPECT_TRUE(store_->FindArticle(kept));
  // The id of a deleted article is never given to another: old links must not show it.
  const auto next = Add("Next", "Town Hall", kPublished, 4000);
  EXPECT_GT(next, gone);
}

TEST_P(StoreContract, ARehashReplacesOnlyTheHashItWasMadeFrom) {
  const auto id = *store_->AddUser(NewUser("ed@example.org", news::Role::kEditor), "", "Ed", 1);
  store_->AddSignIn("kept", id, 1000);
  const std::string old_hash = store_->FindUser(id)->password_hash;
  EXPECT_TRUE(store_->RehashPassword(id, old_hash, "$argon2id$rehashed"));
  EXPECT_EQ(store_->FindUser(id)->password_hash, "$argon2id$rehashed");
  EXPECT_TRUE(store_->UseSignIn("kept", 1001, 60, 3600)) << "no sign-in ends";
  EXPECT_FALSE(store_->RehashPassword(id, old_hash, "$argon2id$stale"))
      << "a password changed meanwhile stays";
  EXPECT_EQ(store_->FindUser(id)->password_hash, "$argon2id$rehashed");
}

TEST_P(StoreContract, SignInsThatCanNoLongerBeUsedArePurged) {
  const auto id = *store_->AddUser(NewUser("ed@example.org", news::Role::kEditor), "", "Ed", 1);
  store_->AddSignIn("old", id, 1000);
  store_->AddSignIn("idle", id, 1900);
  store_->AddSignIn("fresh", id, 1990);
  EXPECT_EQ(store_->PurgeSignIns(2000, /*idle_s=*/60, /*max_age_s=*/500), 2);
  EXPECT_TRUE(store_->UseSignIn("fresh", 2000, 60, 500));
}

TEST_P(StoreContract, ANewLoginNeverTakesOverAnExistingProfileByName) {
  Add("Harbour", "Town Hall", kPublished, 1000);  // made the profile "Ada Quill"
  EXPECT_FALSE(store_->AddUser(NewUser("ada@example.org", news::Role::kAuthor), "", "Ada Quill", 1));
  EXPECT_TRUE(store_->AddUser(NewUser("ada@example.org", news::Role::kAuthor), "ada-quill", "", 1))
      << "choosing it by slug is fine";
}

TEST_P(StoreContract, TheEditorsListFilters) {
  Add("Harbour news", "Town Hall", kPublished, 1000);
  Add("Harbour draft", "Sport", kDraft, 1001);
  const auto tagged = store_->AddArticle(Input("Ferry 100%", kDraft, {"Ferry"}), "", 1002, 0);
  ArticleQuery query;
  EXPECT_EQ(store_->ListArticles(query).total, 3);
  query.status = "draft";
  EXPECT_EQ(store_->ListArticles(query).total, 2);
  query = {};
  query.title_contains = "harbour";
  EXPECT_EQ(store_->ListArticles(query).total, 2) << "case-insensitive";
  query.title_contains = "100%";
  EXPECT_EQ(store_->ListArticles(query).total, 1) << "% is a character, not a wildcard";
  query = {};
  query.tag_slug = "ferry";
  ASSERT_EQ(store_->ListArticles(query).rows.size(), 1u);
  EXPECT_EQ(store_->ListArticles(query).rows[0].id, tagged);
  query = {};
  query.category_id = store_->FindArticle(tagged)->category.id;
  EXPECT_EQ(store_->ListArticles(query).total, 2);
  query = {};
  query.limit = 2;
  query.offset = 2;
  EXPECT_EQ(store_->ListArticles(query).rows.size(), 1u);
  EXPECT_EQ(store_->ListArticles(query).total, 3);
}

TEST_P(StoreContract, CategoriesOnReservedNamesAreRenamed) {
  Add("Lost", "Admin", kPublished, 1000);
  Add("Fine", "Town Hall", kPublished, 1001);
  const auto renamed = store_->RenameReservedCategories({"admin", "static"});
  ASSERT_EQ(renamed.size(), 1u);
  EXPECT_EQ(renamed[0], "admin -> admin-section");
  const auto counts = store_->ListCategoryCounts();
  EXPECT_TRUE(std::any_of(counts.begin(), counts.end(), [](const CategoryCount& c) {
    return c.category.slug == "admin-section" && c.category.name == "Admin section";
  }));
  EXPECT_TRUE(store_->RenameReservedCategories({"admin", "static"}).empty());
  // When "static-section" is taken, the renamed one's name still makes its slug.
  Add("Taken", "Static Section", kPublished, 1002);
  Add("Lost too", "Static", kPublished, 1003);
  ASSERT_EQ(store_->RenameReservedCategories({"static"}),
            std::vector<std::string>{"static -> static-section-2"});
  const auto after = store_->ListCategoryCounts();
  EXPECT_TRUE(std::any_of(after.begin(), after.end(), [](const CategoryCount& c) {
    return c.category.slug == "static-section-2" && c.category.name == "Static section 2";
  }));
}

}  // namespace
}  // namespace broadsheet::store
