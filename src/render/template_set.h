// The site's mustache templates, read from a folder and parsed once at start. Rendering is
// HTML-escaping by default ({{x}}); only fields the code marks as safe HTML use {{{x}}}.
// Thread-safe: kainjow's render is not const, so each template renders under its own mutex
// (renders happen only on cache misses).
#pragma once

#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace broadsheet::render {

using TemplateData = kainjow::mustache::data;

class TemplateSet {
 public:
  // Loads every NAME.mustache in `folder`. Throws std::runtime_error naming the file when one
  // is missing among `required` or fails to parse.
  TemplateSet(const std::string& folder, const std::vector<std::string>& required);

  // Renders template `name`. Requires: `name` was loaded. Throws std::runtime_error on a
  // render error (a template bug), which the handler boundary turns into a 500.
  std::string Render(const std::string& name, const TemplateData& data) const;

 private:
  struct Entry {
    std::mutex mutex;
    kainjow::mustache::mustache parsed;  // guarded by mutex
    explicit Entry(const std::string& text) : parsed(text) {}
  };
  std::map<std::string, std::unique_ptr<Entry>> templates_;
};

}  // namespace broadsheet::render
