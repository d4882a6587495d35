#include "site/admin/media_pages.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "media/image_encoder.h"
#include "media/media_directory.h"
#include "media/media_name.h"
#include "news/article.h"
#include "news/calendar.h"
#include "site/admin/desk_session.h"
#include "site/media_upload.h"
#include "site/page_data.h"

namespace broadsheet::site::admin {
namespace {

using http::Response;
using render::TemplateData;

constexpr int kLibraryPage = 24;
constexpr std::size_t kMaxOriginalName = 255;

std::string HumanBytes(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  if (bytes < 1024 * 1024) return std::to_string(bytes / 1024) + " KB";
  return std::to_string(bytes / (1024 * 1024)) + "." +
         std::to_string(bytes % (1024 * 1024) * 10 / (1024 * 1024)) + " MB";
}

Response LibraryPage(const DeskContext& desk, const SignedIn& signed_in, int status, int page,
                     const std::string& notice, const std::string& error) {
  const store::MediaPage found = desk.site.store.ListMedia((page - 1) * kLibraryPage, kLibraryPage);
  TemplateData rows{TemplateData::type::list};
  for (const store::MediaRow& media : found.rows) {
    if (media.widths.empty()) continue;  // a malformed row: nothing to show or link
    TemplateData row;
    row.set("id", std::to_string(media.id));
    const int shown = media.widths.empty() ? 0 : media.widths.front();
    row.set("thumb_url", MediaUrl(media.hash, shown, "jpg"));
    row.set("thumb_height",
            std::to_string(media.width > 0 ? std::max(1, media.height * shown / media.width) : 1));
    row.set("thumb_width", std::to_string(shown));
    row.set("alt", media.alt);
    row.set("name", media.original_name.empty() ? std::string("(unnamed)") : media.original_name);
    row.set("size", std::to_string(media.width) + " × " + std::to_string(media.height) + ", " +
                        HumanBytes(media.bytes));
    row.set("by", media.uploader_email.empty() ? std::string("unknown") : media.uploader_email);
    row.set("when", news::HumanDate(media.uploaded_at));
    // What the body's Markdown needs to show it (the editor's picker inserts the same).
    row.set("markdown", MarkdownImage(media));
    TemplateData uses{TemplateData::type::list};
    const auto found_uses = desk.site.store.MediaUses(media);
    for (const store::MediaUse& use : found_uses) {
      // Someone else's unpublished article is named only as that, as in the article list.
      store::ArticleRow seen;
      seen.status = use.status;
      seen.author.id = use.author_id;
      const bool visible = MaySee(signed_in, seen);
      TemplateData item;
      item.set("title", visible ? use.title : std::string("an unpublished article"));
      item.set("visible", visible);
      item.set("edit_url", "/admin/articles/" + std::to_string(use.article_id));
      item.set("how", use.featured ? "featured" : "in the text");
      uses << item;
    }
    row.set("uses", uses);
    row.set("unused", found_uses.empty());
    row.set("may_delete", found_uses.empty() && signed_in.user.role >= news::Role::kEditor);
    rows << row;
  }
  TemplateData data;
  data.set("media", rows);
  data.set("any", !found.rows.empty());
  data.set("total", std::to_string(found.total));
  const std::int64_t pages = (found.total + kLibraryPage - 1) / kLibraryPage;
  if (page > 1) data.set("prev_url", "/admin/media?page=" + std::to_string(page - 1));
  if (page < pages) data.set("next_url", "/admin/media?page=" + std::to_string(page + 1));
  data.set("page_text", "Page " + std::to_string(page) + " of " +
                            std::to_string(std::max<std::int64_t>(pages, 1)));
  if (!notice.empty()) data.set("notice", notice);
  if (!error.empty()) data.set("error", error);
  return DeskHtml(status, RenderDesk(desk, &signed_in, "Pictures", "media", data));
}

// A part's text, or empty when it is missing, repeated or a file.
std::string TextPart(const http::MultipartForm& form, std::string_view name) {
  const auto* part = form.Find(name);
  if (!part || part->filename || form.Count(name) != 1) return {};
  return std::string(part->body);
}

}  // namespace

Response ServeMediaLibrary(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kContributor, [&](const SignedIn& signed_in) {
    std::string notice;
    if (request.QueryParam("uploaded")) notice = "Picture uploaded.";
    if (request.QueryParam("deleted")) notice = "Picture deleted.";
    // Where each picture is used is a search of every article's body: on the worker pool.
    const DeskContext* context = &desk;
    return DeskDeferred([context, signed_in, page = PageNumber(request), notice] {
      return LibraryPage(*context, signed_in, 200, page, notice, "");
    });
  });
}

Response ServeMediaUpload(const DeskContext& desk, const http::Request& request) {
  return DeskUpload(
      desk, request, news::Role::kContributor,
      [&](const SignedIn& signed_in, const http::MultipartForm& form) -> Response {
        const auto* file = form.Find("file");
        if (!file || !file->filename || form.Count("file") != 1 || file->body.empty()) {
          return LibraryPage(desk, signed_in, 422, 1, "", "Choose one picture to upload.");
        }
        // One line: it becomes an alt attribute and a Markdown image's text.
        std::string alt = news::StripControlCharacters(TextPart(form, "alt"));
        std::replace(alt.begin(), alt.end(), '\n', ' ');
        std::replace(alt.begin(), alt.end(), '\t', ' ');
        if (alt.size() > news::kMaxAltLength) {
          return LibraryPage(desk, signed_in, 422, 1, "",
                             "The description is longer than " +
                                 std::to_string(news::kMaxAltLength) + " characters.");
        }
        std::string name = news::StripControlCharacters(*file->filename);
        if (name.size() > kMaxOriginalName) name.resize(kMaxOriginalName);
        // Decoding and encoding take a second for a large photo: never on an I/O thread. The
        // upload's bytes are copied: the request is gone when the work runs.
        const DeskContext* context = &desk;
        return DeskDeferred([context, signed_in, upload = std::string(file->body),
                             alt = std::move(alt), name = std::move(name)]() -> Response {
          const DeskContext& desk = *context;
          media::ReencodeLimits limits;
          limits.max_pixels = desk.settings.media_max_pixels;
          store::MediaRow details;
          details.alt = alt;
          details.original_name = name;
          details.uploaded_by = signed_in.user.id;
          details.uploaded_at = news::UnixNow();
          std::variant<store::MediaAdded, std::string> stored;
          try {
            stored = StoreUpload(desk.site.store, desk.site.media, upload, details, limits);
          } catch (const std::runtime_error&) {
            // Nothing half stored stays behind (StoreUpload), and the editor hears.
            Response failed = DeskMessage(desk, &signed_in, 503, "Not stored",
                                          "The picture could not be stored (the disk may be "
                                          "full). Nothing was uploaded; try again later.");
            failed.SetHeader("Retry-After", "60");
            return failed;
          }
          if (const auto* refusal = std::get_if<std::string>(&stored)) {
            RecordAction(desk, signed_in, "media.refuse", name, *refusal);
            return LibraryPage(desk, signed_in, 422, 1, "", "Not uploaded: " + *refusal);
          }
          const auto& added = std::get<store::MediaAdded>(stored);
          RecordAction(desk, signed_in, "media.upload", "media " + std::to_string(added.id),
                       name + (added.created ? "" : " (already uploaded)"));
          return Response::Redirect(303, "/admin/media?uploaded=" + std::to_string(added.id));
        });
      });
}

Response ServeMediaDelete(const DeskContext& desk, const http::Request& request) {
  return DeskAction(
      desk, request, news::Role::kEditor,
      [&](const SignedIn& signed_in, const http::Form& form) -> Response {
        const std::int64_t id = PositiveId(form.Single("id").value_or(""));
        const auto media = id ? desk.site.store.FindMedia(id) : std::nullopt;
        if (!media) {
          return LibraryPage(desk, signed_in, 404, 1, "", "There is no such picture.");
        }
        switch (desk.site.store.DeleteMedia(id)) {
          case store::MediaDeletion::kNotFound:
            return LibraryPage(desk, signed_in, 404, 1, "", "There is no such picture.");
          case store::MediaDeletion::kInUse:
            return LibraryPage(desk, signed_in, 409, 1, "",
                               "That picture is used by an article, so it was not deleted.");
          case store::MediaDeletion::kDeleted:
            break;
        }
        for (const int width : media->widths) {
          for (const char* extension : {"webp", "jpg"}) {
            try {
              desk.site.media.Remove(media::VariantFileName(media->hash, width, extension));
            } catch (const std::exception& error) {
              // The row is gone; a file left behind is only disk space.
              spdlog::warn("media: could not remove a file of {}: {}", media->hash, error.what());
            }
          }
        }
        RecordAction(desk, signed_in, "media.delete", "media " + std::to_string(id),
                     media->original_name);
        return Response::Redirect(303, "/admin/media?deleted=1");
      });
}

}  // namespace broadsheet::site::admin
