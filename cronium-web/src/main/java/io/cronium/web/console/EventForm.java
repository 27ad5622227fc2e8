package io.cronium.web.console;

import io.cronium.events.boundary.EventDraft;
import io.cronium.events.entity.Event;
import io.cronium.events.entity.ResourceLimits;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's event editor: what the form shows, and what it does not show but must keep on save (retries,
 * policies, priority), so editing in the console never resets a setting made through the API.
 */
public class EventForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private String description;
    private String type = "BASH";
    private String content;
    private String scheduleKind = "MANUAL";
    private String cron;
    private Long intervalSeconds;
    private String timezone = "UTC";
    private String misfirePolicy = "RUN_ONCE";
    private String status = "ACTIVE";
    private int timeoutSeconds = 3600;
    private String isolation = "AUTO";
    private double cpus = ResourceLimits.DEFAULT_CPUS;
    private int memoryMb = ResourceLimits.DEFAULT_MEMORY_MB;
    private int pids = ResourceLimits.DEFAULT_PIDS;
    private int workDirMb = ResourceLimits.DEFAULT_WORK_DIR_MB;
    private String network = "NONE";
    private String httpMethod = "GET";
    private String httpUrl;
    private String httpHeaders;
    private String httpBody;
    private boolean httpFollowRedirects = true;
    private String httpSuccessStatuses = "2xx";
    // kept from the event, not shown
    private Integer retries;
    private Integer retryDelaySeconds;
    private Integer retryMaxDelaySeconds;
    private String recoveryPolicy;
    private String concurrencyPolicy;
    private String priority;
    private Integer maxExecutions;
    private String runLocation;
    private java.util.ArrayList<Long> serverIds;
    private java.util.ArrayList<String> serverGroups;
    private java.util.ArrayList<ActionRow> actions = new java.util.ArrayList<>();

    public static EventForm of(Event e) {
        var f = new EventForm();
        var s = e.getSchedule();
        f.name = e.getName();
        f.description = e.getDescription();
        f.type = e.getType().name();
        f.content = e.getContent();
        f.cron = s.cron();
        f.intervalSeconds = s.intervalSeconds();
        f.scheduleKind = s.cron() != null ? "CRON" : s.intervalSeconds() != null ? "INTERVAL" : "MANUAL";
        f.timezone = s.timezone();
        f.misfirePolicy = s.misfirePolicy().name();
        f.status = e.getStatus().name();
        f.timeoutSeconds = e.getTimeoutSeconds();
        f.isolation = e.getIsolation().name();
        var l = e.getLimits();
        f.cpus = l.cpus();
        f.memoryMb = l.memoryMb();
        f.pids = l.pids();
        f.workDirMb = l.workDirMb();
        f.network = l.network().name();
        var http = e.getHttp();
        if (http.isDefined()) {
            f.httpMethod = http.method();
            f.httpUrl = http.url();
            f.httpHeaders = HeaderLines.format(http.headers());
            f.httpBody = http.body();
            f.httpFollowRedirects = http.followRedirects();
            f.httpSuccessStatuses = http.successStatuses();
        }
        var p = e.getRunPolicy();
        f.retries = p.retries();
        f.retryDelaySeconds = p.retryDelaySeconds();
        f.retryMaxDelaySeconds = p.retryMaxDelaySeconds();
        f.recoveryPolicy = p.recovery().name();
        f.concurrencyPolicy = p.concurrency().name();
        f.priority = e.getPriority().name();
        f.maxExecutions = e.getMaxExecutions();
        f.runLocation = e.getRunLocation().name();
        f.serverIds = new java.util.ArrayList<>(e.getServerIds());
        f.serverGroups = new java.util.ArrayList<>(e.getServerGroups());
        f.actions = new java.util.ArrayList<>(e.getConditionalActions().stream().map(ActionRow::of).toList());
        return f;
    }

    /**
     * The draft to save; environment variables are left out, which keeps the event's (secrets included).
     */
    public EventDraft toDraft() {
        var schedule = switch (scheduleKind) {
            case "CRON" -> new EventDraft.ScheduleSpec(cron, null, timezone, misfirePolicy);
            case "INTERVAL" -> new EventDraft.ScheduleSpec(null, intervalSeconds, timezone, misfirePolicy);
            default -> null;
        };
        boolean isHttp = "HTTP".equals(type);
        var http = isHttp ? new EventDraft.HttpSpec(httpMethod, blankToNull(httpUrl), headers(),
                blankToNull(httpBody), httpFollowRedirects, httpSuccessStatuses) : null;
        var limits = isHttp ? null : new EventDraft.LimitsSpec(cpus, memoryMb, pids, workDirMb, network);
        boolean remote = !isHttp && "REMOTE".equals(runLocation);
        return new EventDraft(name, description, type, isHttp ? null : content, http, schedule, status, timeoutSeconds,
                retries, maxExecutions, isHttp ? "LOCAL" : runLocation, remote ? serverIds : null, null, null, priority,
                retryDelaySeconds, retryMaxDelaySeconds, recoveryPolicy, concurrencyPolicy, isHttp ? null : isolation,
                limits, remote ? serverGroups : null, actions.stream().map(ActionRow::toSpec).toList());
    }

    /** Header lines that do not read as "Name: value" are passed on with a null value, so validation names them. */
    private Map<String, String> headers() {
        try {
            return HeaderLines.parse(httpHeaders);
        } catch (IllegalArgumentException e) {
            Map<String, String> bad = new LinkedHashMap<>();
            bad.put(e.getMessage(), null);
            return bad;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public String getRunLocation() { return runLocation == null ? "LOCAL" : runLocation; }
    public void setRunLocation(String runLocation) { this.runLocation = runLocation; }
    public List<Long> getServerIds() { return serverIds == null ? new java.util.ArrayList<>() : serverIds; }
    public void setServerIds(List<Long> ids) { this.serverIds = ids == null ? null : new java.util.ArrayList<>(ids); }
    public List<String> getServerGroups() { return serverGroups == null ? new java.util.ArrayList<>() : serverGroups; }
    public void setServerGroups(List<String> groups) { this.serverGroups = groups == null ? null : new java.util.ArrayList<>(groups); }
    public java.util.List<ActionRow> getActions() {
        return actions;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getContent() { return content; }
    public void setContent(String content) { this.content = content; }
    public String getScheduleKind() { return scheduleKind; }
    public void setScheduleKind(String scheduleKind) { this.scheduleKind = scheduleKind; }
    public String getCron() { return cron; }
    public void setCron(String cron) { this.cron = cron; }
    public Long getIntervalSeconds() { return intervalSeconds; }
    public void setIntervalSeconds(Long intervalSeconds) { this.intervalSeconds = intervalSeconds; }
    public String getTimezone() { return timezone; }
    public void setTimezone(String timezone) { this.timezone = timezone; }
    public String getMisfirePolicy() { return misfirePolicy; }
    public void setMisfirePolicy(String misfirePolicy) { this.misfirePolicy = misfirePolicy; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getTimeoutSeconds() { return timeoutSeconds; }
    public void setTimeoutSeconds(int timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; }
    public String getIsolation() { return isolation; }
    public void setIsolation(String isolation) { this.isolation = isolation; }
    public double getCpus() { return cpus; }
    public void setCpus(double cpus) { this.cpus = cpus; }
    public int getMemoryMb() { return memoryMb; }
    public void setMemoryMb(int memoryMb) { this.memoryMb = memoryMb; }
    public int getPids() { return pids; }
    public void setPids(int pids) { this.pids = pids; }
    public int getWorkDirMb() { return workDirMb; }
    public void setWorkDirMb(int workDirMb) { this.workDirMb = workDirMb; }
    public String getNetwork() { return network; }
    public void setNetwork(String network) { this.network = network; }
    public String getHttpMethod() { return httpMethod; }
    public void setHttpMethod(String httpMethod) { this.httpMethod = httpMethod; }
    public String getHttpUrl() { return httpUrl; }
    public void setHttpUrl(String httpUrl) { this.httpUrl = httpUrl; }
    public String getHttpHeaders() { return httpHeaders; }
    public void setHttpHeaders(String httpHeaders) { this.httpHeaders = httpHeaders; }
    public String getHttpBody() { return httpBody; }
    public void setHttpBody(String httpBody) { this.httpBody = httpBody; }
    public boolean isHttpFollowRedirects() { return httpFollowRedirects; }
    public void setHttpFollowRedirects(boolean httpFollowRedirects) { this.httpFollowRedirects = httpFollowRedirects; }
    public String getHttpSuccessStatuses() { return httpSuccessStatuses; }
    public void setHttpSuccessStatuses(String httpSuccessStatuses) { this.httpSuccessStatuses = httpSuccessStatuses; }
}
