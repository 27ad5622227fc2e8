package io.cronium.events.boundary;

import io.cronium.common.ConflictException;
import io.cronium.common.FieldError;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.events.control.EnvVarAad;
import io.cronium.events.control.EventValidator;
import io.cronium.events.control.ConditionalActionRules;
import io.cronium.events.entity.ActionTrigger;
import io.cronium.events.entity.ConditionalAction;
import io.cronium.events.entity.Event;
import io.cronium.events.entity.EventStatus;
import io.cronium.events.entity.EventType;
import io.cronium.events.entity.HttpCall;
import io.cronium.events.entity.Isolation;
import io.cronium.events.entity.NetworkAccess;
import io.cronium.events.entity.ResourceLimits;
import io.cronium.events.entity.RunLocation;
import io.cronium.execution.LocalProcessPolicy;
import io.cronium.jobs.entity.ConcurrencyPolicy;
import io.cronium.jobs.entity.JobPriority;
import io.cronium.jobs.entity.RecoveryPolicy;
import io.cronium.jobs.entity.RunPolicy;
import io.cronium.platform.KeysetQuery;
import io.cronium.platform.Page;
import io.cronium.scheduling.entity.MisfirePolicy;
import io.cronium.scheduling.control.FireTimes;
import io.cronium.scheduling.control.ScheduleChanged;
import io.cronium.scheduling.entity.Schedule;
import io.cronium.security.Secrets;
import io.cronium.servers.entity.Server;
import io.cronium.users.entity.Permission;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Creating, changing, listing and deleting events, each scoped to what the caller may see. */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class EventService {

    private final EventValidator validator = new EventValidator();

    @Inject
    LocalProcessPolicy processPolicy;

    @PersistenceContext
    EntityManager em;

    @EJB
    CallerResolver callers;

    @Inject
    Secrets secrets;

    @Inject
    jakarta.enterprise.event.Event<ScheduleChanged> scheduleChanged;

    @RolesAllowed({"USER", "ADMIN"})
    public Event create(EventDraft draft) {
        Caller caller = callers.current();
        requireValid(draft, caller.userId(), null);
        var event = new Event(caller.userId());
        apply(draft, event);
        event.getSchedule().nextFireAt(event.getStatus() == EventStatus.ACTIVE
                ? FireTimes.next(event.getSchedule(), Instant.now()).orElse(null) : null);
        em.persist(event);
        em.flush(); // the id binds the secrets' ciphertexts to this row
        applyEnv(draft, event);
        scheduleChanged.fire(new ScheduleChanged(event.getId(), Optional.ofNullable(event.getSchedule().nextFireAt())));
        return event;
    }

    @RolesAllowed({"USER", "ADMIN"})
    public Event update(long id, EventDraft draft) {
        Event event = visible(id);
        requireValid(draft, event.getOwnerId(), id);
        EventStatus before = event.getStatus();
        EventStatus after = draft.status() == null ? before : EventStatus.parse(draft.status());
        if (!before.canMoveTo(after)) {
            throw new InvalidInputException("status", "an event cannot go from " + before + " to " + after);
        }
        Schedule oldSchedule = event.getSchedule();
        apply(draft, event);
        event.setStatus(after);
        rescheduleIfNeeded(event, oldSchedule, before);
        if (after != EventStatus.ACTIVE || !java.util.Objects.equals(event.getSchedule().nextFireAt(), oldSchedule.nextFireAt())) {
            cancelRunsQueuedAhead(event.getId());
        }
        if (draft.env() != null || draft.secretEnv() != null) {
            applyEnv(draft, event); // left out: the environment stays as it was (secret values cannot be re-sent)
        }
        event.touch();
        scheduleChanged.fire(new ScheduleChanged(event.getId(), Optional.ofNullable(event.getSchedule().nextFireAt())));
        return event;
    }

    /**
     * A changed schedule takes effect at once; a first activation starts from now; a resumed event keeps its old
     * next fire time, so the slots it missed while paused go through its misfire policy.
     */
    private static void rescheduleIfNeeded(Event event, Schedule old, EventStatus before) {
        Schedule now = event.getSchedule();
        boolean changed = !java.util.Objects.equals(old.cron(), now.cron())
                || !java.util.Objects.equals(old.intervalSeconds(), now.intervalSeconds())
                || !java.util.Objects.equals(old.timezone(), now.timezone());
        Instant next = changed || before == EventStatus.DRAFT || old.nextFireAt() == null
                ? FireTimes.next(now, Instant.now()).orElse(null) : old.nextFireAt();
        now.nextFireAt(event.getStatus() == EventStatus.ARCHIVED ? null : next);
    }

    /**
     * The scheduler queues slots a little ahead of their instant; once the event is paused, archived or rescheduled,
     * those runs are no longer wanted.
     */
    private void cancelRunsQueuedAhead(long eventId) {
        em.createNativeQuery("update logs set status = 'CANCELLED', finished_at = now(),"
                + " error = '[cronium] cancelled: the event was paused, archived or rescheduled before this slot'"
                + " where id in (select log_id from jobs where event_id = ? and status = 'QUEUED' and run_at > now())")
                .setParameter(1, eventId).executeUpdate();
        em.createNativeQuery("update jobs set status = 'CANCELLED', finished_at = now()"
                + " where event_id = ? and status = 'QUEUED' and run_at > now()")
                .setParameter(1, eventId).executeUpdate();
    }

    /** The next fire times of an event's schedule, in its time zone (empty when it runs only manually). */
    public List<ZonedDateTime> nextRuns(long id, int count) {
        Event event = visible(id);
        ZoneId zone = ZoneId.of(event.getSchedule().timezone());
        return FireTimes.next(event.getSchedule(), Instant.now(), count).stream().map(t -> t.atZone(zone)).toList();
    }

    @RolesAllowed({"USER", "ADMIN"})
    public void delete(long id) {
        Event event = visible(id);
        @SuppressWarnings("unchecked")
        List<Object[]> workflows = em.createNativeQuery("select distinct w.id, w.name from workflow_nodes n join"
                + " workflows w on w.id = n.workflow_id where n.event_id = ?1 order by w.id").setParameter(1, id)
                .getResultList();
        if (!workflows.isEmpty()) {
            throw new ConflictException("event " + id + " is a step of workflows " + String.join(", ", workflows.stream()
                    .map(w -> "'" + w[1] + "' (" + w[0] + ")").toList()) + ": remove it from them first");
        }
        em.remove(event);
    }

    public Event find(long id) {
        return visible(id);
    }

    public Page<Event> list(Long beforeId, int limit) {
        Caller caller = callers.current();
        return new KeysetQuery<>(Event.class, "e", beforeId)
                .where("e.ownerId = :owner", "owner", caller.isAdmin() ? null : caller.userId())
                .page(em, limit, Event::getId);
    }

    /** The event if the caller may see it; otherwise the same 404 as for a missing one, so ids leak nothing. */
    Event visible(long id) {
        Caller caller = callers.current();
        Event event = em.find(Event.class, id);
        if (event == null || !caller.canSee(event.getOwnerId())) {
            throw new ResourceNotFoundException("event", id);
        }
        return event;
    }

    private void requireValid(EventDraft draft, long ownerId, Long eventId) {
        var errors = validator.validate(draft);
        if (draft != null && draft.actions() != null) {
            errors.addAll(ConditionalActionRules.problems(draft.actions(), eventId, target -> {
                Event other = em.find(Event.class, target);
                return other != null && other.getOwnerId() == ownerId;
            }));
        }
        if (errors.isEmpty() && RunLocation.REMOTE.name().equals(draft.runLocation())) {
            callers.current().require(Permission.RUN_REMOTE);
            for (Long serverId : draft.serverIds() == null ? List.<Long>of() : draft.serverIds()) {
                Server server = em.find(Server.class, serverId);
                if (server == null || server.getDeletedAt() != null
                        || server.getOwnerId() != ownerId && !callers.current().isAdmin()) {
                    errors.add(new FieldError("serverIds", "server " + serverId + " not found"));
                }
            }
        }
        if (draft != null && Isolation.PROCESS.name().equals(draft.isolation()) && !processPolicy.allowed()) {
            errors.add(new FieldError("isolation", "the administrator forbids unsandboxed local processes on this "
                    + "installation (CRONIUM_ALLOW_UNSANDBOXED=false): choose CONTAINER or AUTO"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void apply(EventDraft d, Event e) {
        e.setName(d.name().trim());
        e.setDescription(d.description());
        e.setType(EventType.parse(d.type()));
        e.setContent(d.content());
        var http = d.http();
        e.setHttp(http == null ? new HttpCall() : new HttpCall(http.method(), http.url(), http.headers(), http.body(),
                http.followRedirects() == null || http.followRedirects(), http.successStatuses()));
        e.setIsolation(d.isolation() == null ? Isolation.AUTO : Isolation.parse(d.isolation()));
        e.setLimits(limits(d.limits()));
        var spec = d.schedule();
        boolean hasCron = spec != null && spec.cron() != null && !spec.cron().isBlank();
        e.setSchedule(spec == null ? new Schedule() : new Schedule(hasCron ? spec.cron().trim() : null,
                spec.intervalSeconds(), spec.timezone(), MisfirePolicy.parse(spec.misfirePolicy())));
        if (e.getId() == null) {
            e.setStatus(d.status() == null ? EventStatus.ACTIVE : EventStatus.parse(d.status()));
        }
        e.setTimeoutSeconds(d.timeoutSeconds() == null ? 3600 : d.timeoutSeconds());
        e.setRunPolicy(new RunPolicy(d.retries() == null ? 0 : d.retries(),
                d.retryDelaySeconds() == null ? RunPolicy.DEFAULT_RETRY_DELAY_SECONDS : d.retryDelaySeconds(),
                d.retryMaxDelaySeconds() == null ? RunPolicy.DEFAULT_RETRY_MAX_DELAY_SECONDS : d.retryMaxDelaySeconds(),
                RecoveryPolicy.parse(d.recoveryPolicy()), ConcurrencyPolicy.parse(d.concurrencyPolicy())));
        e.setMaxExecutions(d.maxExecutions());
        e.setRunLocation(d.runLocation() == null ? RunLocation.LOCAL : RunLocation.parse(d.runLocation()));
        if (d.actions() != null) { // absent: the event keeps its actions
            e.getConditionalActions().clear();
            for (int i = 0; i < d.actions().size(); i++) {
                var a = d.actions().get(i);
                e.getConditionalActions().add(new ConditionalAction(e, i, ActionTrigger.valueOf(a.on()),
                        a.condition() == null || a.condition().isBlank() ? null : a.condition().strip(), a.eventId()));
            }
        }
        e.getServerIds().clear();
        e.getServerGroups().clear();
        if (e.getRunLocation() == RunLocation.REMOTE) {
            if (d.serverIds() != null) {
                e.getServerIds().addAll(d.serverIds());
            }
            if (d.serverGroups() != null) {
                d.serverGroups().forEach(g -> e.getServerGroups().add(g.strip()));
            }
        }
        e.setPriority(d.priority() == null ? JobPriority.NORMAL : JobPriority.valueOf(d.priority()));
    }

    private static ResourceLimits limits(EventDraft.LimitsSpec l) {
        if (l == null) {
            return new ResourceLimits();
        }
        return new ResourceLimits(
                l.cpus() == null ? ResourceLimits.DEFAULT_CPUS : l.cpus(),
                l.memoryMb() == null ? ResourceLimits.DEFAULT_MEMORY_MB : l.memoryMb(),
                l.pids() == null ? ResourceLimits.DEFAULT_PIDS : l.pids(),
                l.workDirMb() == null ? ResourceLimits.DEFAULT_WORK_DIR_MB : l.workDirMb(),
                l.network() == null ? NetworkAccess.NONE : NetworkAccess.parse(l.network()));
    }

    private void applyEnv(EventDraft d, Event e) {
        Set<String> secretNames = d.secretEnv() == null ? Set.of() : new HashSet<>(d.secretEnv());
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, String> encrypted = new LinkedHashMap<>();
        if (d.env() != null) {
            d.env().forEach((name, value) -> {
                if (secretNames.contains(name)) {
                    encrypted.put(name, secrets.encrypt(value, EnvVarAad.of(e.getId(), name)));
                } else {
                    plain.put(name, value);
                }
            });
        }
        e.replaceEnv(plain, encrypted);
    }
}
