#include "site/admin/audit_page.h"

#include "news/calendar.h"
#include "site/admin/desk_session.h"

namespace broadsheet::site::admin {

http::Response ServeAuditLog(const DeskContext& desk, const http::Request& request) {
  return DeskPage(desk, request, news::Role::kAdmin, [&](const SignedIn& signed_in) {
    store::AuditQuery query;
    const std::string user = request.QueryParam("user").value_or("");
    query.user_id = PositiveId(user);
    query.action = request.QueryParam("action").value_or("").substr(0, 100);
    query.object_contains = request.QueryParam("object").value_or("").substr(0, 100);
    const int page = PageNumber(request);
    query.limit = desk.settings.page_size;
    query.offset = (page - 1) * query.limit;
    const store::AuditPage found = desk.site.store.ListAudit(query);

    render::TemplateData rows{render::TemplateData::type::list};
    for (const store::AuditEntry& entry : found.rows) {
      render::TemplateData row;
      row.set("when", news::LocalDateTimeInput(entry.at).replace(10, 1, " "));
      row.set("who", entry.user_email.empty() ? std::string("—") : entry.user_email);
      row.set("action", entry.action);
      row.set("object", entry.object);
      row.set("detail", entry.detail);
      // A prefix is enough to tell addresses apart; the whole key helps nobody reading.
      row.set("address", entry.address_key.empty() ? std::string("forgotten")
                                                   : entry.address_key.substr(0, 12));
      rows << row;
    }
    std::vector<std::pair<std::string, std::string>> users = {{"", "Everyone"}};
    for (const auto& each : desk.site.store.ListUsers()) {
      users.emplace_back(std::to_string(each.id), each.email);
    }
    render::TemplateData data;
    data.set("entries", rows);
    data.set("any", !found.rows.empty());
    data.set("total", std::to_string(found.total));
    data.set("user_options", Options(users, user));
    data.set("action", query.action);
    data.set("object", query.object_contains);
    std::string filters;
    for (const char* name : {"user", "action", "object"}) {
      if (auto value = request.QueryParam(name); value && !value->empty()) {
        filters += std::string("&") + name + "=" + http::PercentEncode(*value);
      }
    }
    const std::int64_t pages = (found.total + query.limit - 1) / query.limit;
    if (page > 1) data.set("prev_url", "/admin/audit?page=" + std::to_string(page - 1) + filters);
    if (page < pages) {
      data.set("next_url", "/admin/audit?page=" + std::to_string(page + 1) + filters);
    }
    data.set("page_text", "Page " + std::to_string(page) + " of " +
                              std::to_string(std::max<std::int64_t>(pages, 1)));
    return DeskHtml(200, RenderDesk(desk, &signed_in, "Audit log", "audit", data));
  });
}

}  // namespace broadsheet::site::admin
