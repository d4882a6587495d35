// The fuzz targets: one function per parser of untrusted input, each taking raw bytes and
// checking properties of what the parser returns. A violated property aborts (fuzz_check.h),
// so the same functions fail both a libFuzzer run (libfuzzer_entry.cpp) and the corpus replay
// that CTest runs (fuzz_replay.cpp). Each returns 0, as libFuzzer requires.
#pragma once

#include <cstddef>
#include <cstdint>

namespace broadsheet::fuzz {

// http: ParseTarget, PercentDecode and Request::QueryParam.
int FuzzRequestTarget(const std::uint8_t* data, std::size_t size);
// http: ParseUrlEncodedForm, Form::Count and Form::Single.
int FuzzForm(const std::uint8_t* data, std::size_t size);
// http: MultipartBoundary, ParseMultipart and MultipartForm::Find/Count.
int FuzzMultipart(const std::uint8_t* data, std::size_t size);
// http: CookieValue, then security: ReaderCookies::Verify on what it returns.
int FuzzCookie(const std::uint8_t* data, std::size_t size);
// security: ForwardedChain (both headers), ClientAddresses::ClientOf and RateLimitKey.
int FuzzForwarded(const std::uint8_t* data, std::size_t size);
// site: ParseAllowedHosts and RequestGate::Serves (the Host header check).
int FuzzAllowedHosts(const std::uint8_t* data, std::size_t size);
// security: CaptchaSealer::Open, Mint and AnswerMatches.
int FuzzCaptchaToken(const std::uint8_t* data, std::size_t size);
// news: ParseArticleFile.
int FuzzFrontMatter(const std::uint8_t* data, std::size_t size);
// render: RenderMarkdown.
int FuzzMarkdown(const std::uint8_t* data, std::size_t size);
// render: CommentHtml.
int FuzzCommentText(const std::uint8_t* data, std::size_t size);
// cli: ReadSiteDocument, and WriteSiteDocument on what it returns.
int FuzzSiteDocument(const std::uint8_t* data, std::size_t size);
// news and security: the back office's form fields (e-mail, publication time, tags, sign-in
// id, password strength).
int FuzzDeskFields(const std::uint8_t* data, std::size_t size);
// import: HtmlToMarkdown, and render: RenderMarkdown on what it returns.
int FuzzHtmlMarkdown(const std::uint8_t* data, std::size_t size);
// import: ReadWxrText, the WordPress export reader.
int FuzzWxr(const std::uint8_t* data, std::size_t size);
// cli: JsonReader, the streaming reader of site documents, against Boost.JSON.
int FuzzJsonReader(const std::uint8_t* data, std::size_t size);
// import: ReadSqlDumpText, the mysqldump reader (K2 import).
int FuzzSqlDump(const std::uint8_t* data, std::size_t size);

}  // namespace broadsheet::fuzz
