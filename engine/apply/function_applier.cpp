#include "engine/apply/function_applier.h"

#include "engine/apply/action_applier.h"
#include "engine/util/interrupt.h"

namespace dactl {

bool changes_function(const ActionChange& change) {
    for (const FieldChange& field : change.fields) {
        if (!in_action_document(field.field)) {
            return true;
        }
    }
    return false;
}

namespace {

class DraftApplier {
public:
    DraftApplier(Provider& provider, const ApplyOptions& options, const ActionChange& change,
                 const LiveAction& base)
        : m_provider(provider),
          m_options(options),
          m_change(change),
          m_base(base),
          m_result(initial_result(change)) {
        for (const FieldChange& field : change.fields) {
            if (in_action_document(field.field)) {
                m_config.push_back(field);
            } else {
                m_function_after = field.after.as_integer();
            }
        }
    }

    ActionResult run() {
        if (!m_base.function) {
            return failed(make_error(ErrorKind::generic,
                                     "the function of " + m_change.id +
                                         " was not read before applying; nothing was written"));
        }
        Result<std::optional<LiveAction>> existing = m_provider.drafts().get_draft(m_change.id);
        if (!existing) {
            return failed(existing.error());
        }
        if (*existing) {
            return failed(make_error(
                ErrorKind::conflict,
                m_change.id +
                    " has a draft already (someone's work in progress); a function's timeout "
                    "changes only through a draft and dactl never touches someone else's: "
                    "publish or delete that draft, then apply again; nothing was written"));
        }
        if (interrupted()) {
            return failed(make_error(ErrorKind::cancelled, "interrupted; nothing was written"));
        }
        Result<LiveAction> draft = m_provider.drafts().create_draft(m_change.id);
        if (!draft) {
            if (answer_lost(draft.error())) {
                return undo(draft.error(), "creating the draft");
            }
            return failed(draft.error());
        }
        return through(std::move(draft).value());
    }

private:
    ActionResult through(LiveAction draft) {
        for (const FieldChange& field : m_config) {
            const Value& now = draft.get(field.field);
            if (!value_satisfies(field.field, now, field.before) &&
                !value_satisfies(field.field, now, field.after)) {
                m_result.mismatches.push_back(
                    FieldMismatch{field.field, now, field.before, field.after});
            }
        }
        if (!m_result.mismatches.empty()) {
            std::vector<FieldMismatch> mismatches = std::move(m_result.mismatches);
            ActionResult result = undo(std::nullopt, "");
            result.status = ActionStatus::changed_since_plan;
            result.mismatches = std::move(mismatches);
            return result;
        }
        if (!m_config.empty()) {
            FieldValues after;
            for (const FieldChange& field : m_config) {
                after[field.field] = field.after;
            }
            Result<LiveAction> updated = m_provider.drafts().update_draft(draft, after);
            if (!updated) {
                return undo(updated.error(), "writing the draft's config");
            }
            draft = std::move(updated).value();
        }
        FunctionSetup function = *m_base.function;
        function.timeout_seconds = m_function_after;
        if (Result<FunctionSetup> put =
                m_provider.functions().put_draft_function(m_change.id, function);
            !put) {
            return undo(put.error(), "writing the draft's function");
        }
        if (interrupted()) {
            return undo(
                make_error(ErrorKind::cancelled, "interrupted before the draft was published"), "");
        }
        // Whether writing the function raised the draft's version is unconfirmed: publish
        // at the version the draft has after the last write (as the vendor's provider does).
        Result<std::optional<LiveAction>> written = m_provider.drafts().get_draft(m_change.id);
        if (!written) {
            return undo(written.error(), "reading the draft back");
        }
        if (!*written) {
            return failed(make_error(ErrorKind::conflict,
                                     "the draft of " + m_change.id +
                                         " vanished before it was published (someone deleted "
                                         "it); the action is unchanged"));
        }
        Result<LiveAction> published =
            m_provider.drafts().publish_draft(m_change.id, (*written)->version);
        if (!published && !answer_lost(published.error())) {
            return undo(published.error(), "publishing the draft");
        }
        if (!published) {
            // The publish may or may not have happened: the reads below tell.
            m_result.lost_answers = 1;
            (void)m_provider.drafts().delete_draft(m_change.id);
            return confirm(std::nullopt, published.error());
        }
        return confirm(std::move(published).value(), std::nullopt);
    }

    ActionResult confirm(std::optional<LiveAction> published, const std::optional<Error>& lost) {
        std::optional<Error> last_error = lost;
        for (auto delay : m_options.reread_delays) {
            pause(delay);
            if (!published || !shows_config(*published)) {
                Result<LiveAction> fresh = m_provider.actions().get_action(m_change.id);
                if (!fresh) {
                    last_error = fresh.error();
                    continue;
                }
                published = std::move(fresh).value();
            }
            Result<FunctionSetup> function = m_provider.functions().get_function(m_change.id);
            if (!function) {
                last_error = function.error();
                continue;
            }
            LiveAction final = *published;
            final.runs_function = true;
            final.function = *function;
            final.fields[Field::function_timeout_seconds] = Value(function->timeout_seconds);
            m_result.final = final;
            m_result.version_after = final.version;
            if (function->timeout_seconds == m_function_after && shows_config(final)) {
                m_result.status = ActionStatus::applied;
                m_result.error.reset();
                return std::move(m_result);
            }
            if (is_interrupted(m_options.interrupted)) {
                break;
            }
        }
        m_result.status = ActionStatus::not_converged;
        m_result.outcome_unknown = !m_result.final && lost.has_value();
        if (m_result.final) {
            for (const FieldChange& field : m_change.fields) {
                const Value& now = m_result.final->get(field.field);
                if (!value_satisfies(field.field, now, field.after)) {
                    m_result.mismatches.push_back(
                        FieldMismatch{field.field, now, field.before, field.after});
                }
            }
        } else {
            m_result.error = last_error;
        }
        return std::move(m_result);
    }

    bool shows_config(const LiveAction& action) const {
        for (const FieldChange& field : m_config) {
            if (!value_satisfies(field.field, action.get(field.field), field.after)) {
                return false;
            }
        }
        return true;
    }

    // A failure after the draft was made: the draft goes, the action is as it was.
    ActionResult undo(std::optional<Error> error, const std::string& step) {
        Status deleted = m_provider.drafts().delete_draft(m_change.id);
        if (error) {
            std::string message =
                step.empty() ? error->message : step + " failed: " + error->message;
            if (deleted) {
                message += "; the draft dactl made was deleted, the action is unchanged";
            } else {
                message += "; deleting the draft dactl made failed too (" +
                           deleted.error().message + "): delete it in the admin UI";
            }
            error->message = std::move(message);
            return failed(std::move(*error));
        }
        m_result.status = ActionStatus::failed;
        return std::move(m_result);
    }

    ActionResult failed(Error error) {
        m_result.status = ActionStatus::failed;
        m_result.error = std::move(error);
        return std::move(m_result);
    }

    bool interrupted() const { return is_interrupted(m_options.interrupted); }

    void pause(std::chrono::milliseconds delay) const { pause_for(m_options, delay); }

    Provider& m_provider;
    const ApplyOptions& m_options;
    const ActionChange& m_change;
    const LiveAction& m_base;
    ActionResult m_result;
    std::vector<FieldChange> m_config;  ///< the change's fields in the action's config
    std::int64_t m_function_after = k_longest_function_timeout;
};

}  // namespace

ActionResult apply_through_draft(Provider& provider, const ApplyOptions& options,
                                 const ActionChange& change, const LiveAction& base) {
    return DraftApplier(provider, options, change, base).run();
}

}  // namespace dactl
