// A user mistake found while validating input at the edge: which field, and a message a reader
// can act on. Validation returns a list of these instead of throwing (STYLE.md §7).
#pragma once

#include <string>
#include <vector>

namespace broadsheet::news {

struct FieldError {
  std::string field;
  std::string message;
};

using FieldErrors = std::vector<FieldError>;

}  // namespace broadsheet::news
