#include "render/template_set.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace broadsheet::render {

TemplateSet::TemplateSet(const std::string& folder, const std::vector<std::string>& required) {
  namespace fs = std::filesystem;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream file(entry.path(), std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    auto parsed = std::make_unique<Entry>(text.str());
    if (!parsed->parsed.is_valid()) {
      throw std::runtime_error("template " + entry.path().string() + ": " +
                               parsed->parsed.error_message());
    }
    templates_.emplace(entry.path().stem().string(), std::move(parsed));
  }
  if (error) throw std::runtime_error("cannot read templates in " + folder + ": " + error.message());
  for (const std::string& name : required) {
    if (!templates_.count(name)) {
      throw std::runtime_error("template " + name + ".mustache is missing in " + folder);
    }
  }
}

std::string TemplateSet::Render(const std::string& name, const TemplateData& data) const {
  const auto it = templates_.find(name);
  if (it == templates_.end()) throw std::runtime_error("no template named " + name);
  Entry& entry = *it->second;
  std::string out;
  std::lock_guard lock(entry.mutex);
  entry.parsed.render(data, [&out](const std::string& text) { out.append(text); });
  if (!entry.parsed.is_valid()) {
    throw std::runtime_error("template " + name + ": " + entry.parsed.error_message());
  }
  return out;
}

}  // namespace broadsheet::render
