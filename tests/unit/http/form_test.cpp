#include "http/form.h"

#include <gtest/gtest.h>

namespace broadsheet::http {
namespace {

TEST(Form, DecodesFieldsInOrder) {
  const FormParse parsed = ParseUrlEncodedForm("stars=4&name=Ada+Quill&note=a%26b&empty=");
  ASSERT_TRUE(parsed.error.empty());
  EXPECT_EQ(parsed.form.Single("stars"), "4");
  EXPECT_EQ(parsed.form.Single("name"), "Ada Quill");
  EXPECT_EQ(parsed.form.Single("note"), "a&b");
  EXPECT_EQ(parsed.form.Single("empty"), "");
  EXPECT_FALSE(parsed.form.Single("missing"));
}

TEST(Form, RepeatedFieldsAreNotSingle) {
  const FormParse parsed = ParseUrlEncodedForm("stars=4&stars=5");
  EXPECT_EQ(parsed.form.Count("stars"), 2);
  EXPECT_FALSE(parsed.form.Single("stars"));
}

TEST(Form, RefusesBadEncodingAndTooManyFields) {
  EXPECT_FALSE(ParseUrlEncodedForm("stars=%zz").error.empty());
  EXPECT_FALSE(ParseUrlEncodedForm("a=1&b=2&c=3", 2).error.empty());
  EXPECT_TRUE(ParseUrlEncodedForm("").error.empty());
}

}  // namespace
}  // namespace broadsheet::http
