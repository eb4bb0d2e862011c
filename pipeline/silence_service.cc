#include "pipeline/silence_service.h"

#include <memory>

#include "storage/silence_view.h"

namespace alarmgate {

Status SilenceService::Load() {
  ASSIGN_OR_RETURN(std::vector<Silence> stored, store_.Get<SilenceStore>().List());
  silences_.Set(std::make_shared<const std::vector<Silence>>(std::move(stored)));
  return Status::Ok();
}

void SilenceService::Publish(const Silence& changed) {
  std::lock_guard<std::mutex> lock(publish_mu_);
  auto next = std::make_shared<std::vector<Silence>>(*silences_.Get());
  bool replaced = false;
  for (auto& s : *next) {
    if (s.id == changed.id) {
      s = changed;
      replaced = true;
    }
  }
  if (!replaced) next->push_back(changed);
  silences_.Set(std::move(next));
}

std::function<void(Status)> SilenceService::Answer(std::shared_ptr<Silence> staged, Done done) {
  return [this, staged = std::move(staged), done = std::move(done)](Status status) {
    if (!status.ok()) return done(std::move(status));
    Publish(*staged);
    done(*staged);
  };
}

void SilenceService::Create(Silence silence, Done done) {
  auto staged = std::make_shared<Silence>(std::move(silence));
  committer_.Submit(CommitJob{
      [staged](Transaction& txn) -> Status {
        SilenceView silences(txn);
        ASSIGN_OR_RETURN(staged->id, silences.AllocateId());
        silences.Put(*staged);
        return Status::Ok();
      },
      Answer(staged, std::move(done))});
}

void SilenceService::Expire(std::string id, Done done) {
  auto staged = std::make_shared<Silence>();
  committer_.Submit(CommitJob{
      [this, staged, id = std::move(id)](Transaction& txn) -> Status {
        // Silences change only on this writer thread, so the stored one is current.
        ASSIGN_OR_RETURN(std::optional<Silence> current, store_.Get<SilenceStore>().Get(id));
        if (!current) return Status::NotFound("no silence " + id);
        const int64_t now = clock_.NowMs();
        if (current->ends_at_ms <= now) return Status::Conflict("silence " + id + " has already ended");
        current->ends_at_ms = now;
        // A silence that had not started yet ends before it begins: it never applied.
        if (current->starts_at_ms > now) current->starts_at_ms = now;
        *staged = *current;
        SilenceView(txn).Put(*staged);
        return Status::Ok();
      },
      Answer(staged, std::move(done))});
}

}  // namespace alarmgate
