#include "site/side_boxes.h"

namespace broadsheet::site {

std::shared_ptr<const SideBoxLists> SideBoxes::Get(
    std::chrono::seconds max_age, const std::function<SideBoxLists()>& compute) const {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!lists_ || now - computed_ >= max_age) {
    lists_ = std::make_shared<const SideBoxLists>(compute());
    computed_ = now;
  }
  return lists_;
}

}  // namespace broadsheet::site
