#include "metrics/metrics_exposer.h"

#include <prometheus/text_serializer.h>

namespace alarmgate {

std::string MetricsExposer::Serialize() const {
  std::vector<prometheus::MetricFamily> families;
  for (const auto& c : collectables_) {
    auto part = c->Collect();
    families.insert(families.end(), std::make_move_iterator(part.begin()),
                    std::make_move_iterator(part.end()));
  }
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace alarmgate
