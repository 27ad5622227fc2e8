package io.cronium.jobs.control;

import io.cronium.common.Condition;
import io.cronium.events.entity.Event;
import io.cronium.events.entity.EventStatus;
import io.cronium.logs.control.RunEnded;
import io.cronium.logs.entity.LogStatus;
import io.cronium.logs.entity.RunLog;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;

/**
 * An event's conditional actions, when a run of it has ended (after its last attempt), in the transaction that
 * records the end: each action whose trigger matches queues a run of its event with this run's result as input.
 * Both runs say so: the started one names its origin (trigger ACTION, triggeredByLogId), this one lists what it
 * started. A cancelled run starts nothing; a chain of actions stops after {@value #MAX_CHAIN} runs, so two events
 * that start each other cannot run forever.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ConditionalActions {

    static final int MAX_CHAIN = 10;
    private static final Set<LogStatus> FAILED = Set.of(LogStatus.FAILURE, LogStatus.TIMEOUT, LogStatus.PARTIAL);

    @PersistenceContext
    EntityManager em;

    @EJB
    RunEnqueuer enqueuer;

    public void onRunEnded(@Observes RunEnded ended) {
        if (ended.actions().isEmpty()) {
            return;
        }
        RunLog log = em.find(RunLog.class, ended.logId());
        if (log == null || log.getStatus() == LogStatus.CANCELLED || log.getStatus() == LogStatus.MISSED) {
            return;
        }
        var facts = Condition.facts(log.getExitCode(), log.getStatus().name(), log.getResult());
        int depth = chainLength(log);
        for (FollowUp action : ended.actions()) {
            if (!applies(action, log.getStatus(), facts)) {
                continue;
            }
            String what = "[cronium] action on " + action.on();
            Event target = em.find(Event.class, action.eventId());
            if (target == null || target.getStatus() == EventStatus.ARCHIVED) {
                log.note(what + ": event " + action.eventId() + " was not started (it was deleted or archived)");
            } else if (depth >= MAX_CHAIN) {
                log.note(what + ": event '" + target.getName() + "' was not started: " + MAX_CHAIN
                        + " runs in a chain of actions already");
            } else {
                var ticket = enqueuer.enqueue(target, log.getResult(), RunEnqueuer.Origin.action(log.getId()));
                log.note(what + ": started event '" + target.getName() + "' (log " + ticket.logId() + ")");
            }
        }
    }

    static boolean applies(FollowUp action, LogStatus status, Condition.Facts facts) {
        return switch (action.on()) {
            case SUCCESS -> status == LogStatus.SUCCESS;
            case FAILURE -> FAILED.contains(status);
            case ALWAYS -> true;
            case CONDITION -> holds(action.condition(), facts);
        };
    }

    private static boolean holds(String condition, Condition.Facts facts) {
        try {
            return Condition.parse(condition).holds(facts);
        } catch (Condition.InvalidConditionException e) {
            return false; // checked when the event was saved; a snapshot cannot change since
        }
    }

    /** How many runs of actions led to this one (0: it was not started by an action). */
    private int chainLength(RunLog log) {
        int length = 0;
        Long origin = log.getTriggeredByLogId();
        while (origin != null && length < MAX_CHAIN) {
            length++;
            RunLog earlier = em.find(RunLog.class, origin);
            origin = earlier == null ? null : earlier.getTriggeredByLogId();
        }
        return length;
    }
}
