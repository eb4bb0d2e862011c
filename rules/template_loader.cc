// LoadTemplate: a template is checked where it is read, so a typo in a placeholder is reported
// with its line instead of expanding to empty on every incident.

#include "rules/template_loader.h"

#include <string>
#include <vector>

#include "rules/template_expander.h"

namespace alarmgate {

std::optional<Template> LoadTemplate(const YamlNode& node) {
  std::optional<std::string> text = node.String();
  if (!text) return std::nullopt;
  Template t{std::move(*text)};
  const std::vector<std::string> problems = TemplateProblems(t);
  for (const std::string& p : problems) node.Problem(node.name() + ": " + p);
  if (!problems.empty()) return std::nullopt;
  return t;
}

}  // namespace alarmgate
