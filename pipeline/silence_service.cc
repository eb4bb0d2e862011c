#include "pipeline/silence_service.h"

#include <re2/re2.h>

#include <memory>
#include <string>
#include <utility>

#include "rules/condition_regex.h"
#include "rules/silence_id.h"
#include "storage/silence_view.h"

namespace alarmgate {
namespace {

// Storage keeps regex matchers as their pattern text: they are compiled here, the way the rules
// loader compiles those of rules files, before a stored silence is matched or shown.
Status CompileMatchers(Silence& silence) {
  for (size_t i = 0; i < silence.matchers.size(); ++i) {
    Condition& c = silence.matchers[i];
    if (c.kind != Condition::Kind::kRegex) continue;
    if (Status s = CompileConditionRegex(c); !s.ok()) {
      return Status::Internal("silence '" + silence.id + "': field matchers[" + std::to_string(i) +
                              "].regex: pattern \"" + c.pattern +
                              "\" no longer compiles: " + s.message());
    }
  }
  return Status::Ok();
}

// RuleLoader::ParseApiSilence compiles `regex` without setting `pattern`, the text storage keeps;
// until it compiles through rules/condition_regex.h, the compiled regex gives its own text.
void KeepPatterns(Silence& silence) {
  for (Condition& c : silence.matchers) {
    if (c.regex && c.pattern.empty()) c.pattern = c.regex->pattern();
  }
}

}  // namespace

Status SilenceService::Load() {
  ASSIGN_OR_RETURN(std::vector<Silence> stored, store_.Get<SilenceStore>().List());
  for (Silence& s : stored) RETURN_IF_ERROR(CompileMatchers(s));
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
  KeepPatterns(silence);
  auto staged = std::make_shared<Silence>(std::move(silence));
  committer_.Submit(CommitJob{
      [staged](Transaction& txn) -> Status {
        SilenceView silences(txn);
        ASSIGN_OR_RETURN(uint64_t sequence, silences.AllocateSequence());
        if (sequence > kMaxSilenceSequence) {
          // The job fails, so the allocation staged with it is dropped too.
          return Status::ResourceExhausted(
              "silence sequence exhausted: " + std::to_string(sequence - 1) +
              " is the last number silence ids can hold");
        }
        staged->id = FormatSilenceId(sequence);
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
        RETURN_IF_ERROR(CompileMatchers(*current));
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
