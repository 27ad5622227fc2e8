package io.cronium.web.console;

import io.cronium.common.Jsons;
import io.cronium.jobs.boundary.JobQueries;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.boundary.LogFilter;
import io.cronium.logs.boundary.LogQueries;
import io.cronium.logs.boundary.RunStatistics;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.json.JsonObjectBuilder;
import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

/** The first page after login: recent activity, counts, success rate, durations, and their trend per day. */
@Named
@ViewScoped
public class DashboardView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int DAYS = 14;
    private static final int FEED = 12;

    @EJB
    transient RunStatistics statistics;

    @EJB
    transient LogQueries logs;

    @EJB
    transient JobQueries jobs;

    private transient RunStatistics.Overview overview;
    private long runs;
    private long failures;
    private String successRate;
    private String averageDuration;
    private List<LogRow> feed;
    private long running;
    private long queued;
    private String runsChart;
    private String durationChart;

    @PostConstruct
    void init() {
        load();
    }

    public void load() {
        overview = statistics.lastDays(DAYS);
        runs = overview.runs();
        failures = overview.failures();
        successRate = overview.successRate() == null ? "–" : String.format("%.1f %%", overview.successRate());
        averageDuration = overview.averageDurationMs() == null ? "–" : overview.averageDurationMs() + " ms";
        feed = logs.list(LogFilter.none(), null, FEED).items().stream().map(LogRow::of).toList();
        var active = jobs.active(1000);
        running = active.stream().filter(j -> j.getStatus() == JobStatus.RUNNING).count();
        queued = active.stream().filter(j -> j.getStatus() == JobStatus.QUEUED).count();
        runsChart = chart("bar", true,
                dataset("Succeeded", "#16a34a", RunStatistics.Day::successes),
                dataset("Failed", "#dc2626", RunStatistics.Day::failures),
                dataset("Cancelled or missed", "#9ca3af", RunStatistics.Day::others));
        durationChart = chart("line", false,
                dataset("Mean duration (ms)", "#2563eb", RunStatistics.Day::averageDurationMs));
    }

    /** A Chart.js configuration as PrimeFaces' p:chart takes it. */
    private String chart(String type, boolean stacked, JsonObjectBuilder... datasets) {
        var labels = Jsons.createArrayBuilder();
        overview.days().forEach(d -> labels.add(d.day().toString().substring(5)));
        var all = Jsons.createArrayBuilder();
        for (var d : datasets) {
            all.add(d);
        }
        var axis = Jsons.createObjectBuilder().add("stacked", stacked);
        return Jsons.createObjectBuilder()
                .add("type", type)
                .add("data", Jsons.createObjectBuilder().add("labels", labels).add("datasets", all))
                .add("options", Jsons.createObjectBuilder()
                        .add("animation", false)
                        .add("maintainAspectRatio", false)
                        .add("scales", Jsons.createObjectBuilder().add("x", axis).add("y", Jsons.createObjectBuilder(
                                axis.build()).add("beginAtZero", true))))
                .build().toString();
    }

    private JsonObjectBuilder dataset(String label, String color, Function<RunStatistics.Day, Long> value) {
        var data = Jsons.createArrayBuilder();
        overview.days().forEach(d -> {
            Long v = value.apply(d);
            if (v == null) {
                data.addNull();
            } else {
                data.add(v);
            }
        });
        return Jsons.createObjectBuilder().add("label", label).add("backgroundColor", color).add("borderColor", color)
                .add("data", data);
    }

    public long getRuns() { return runs; }
    public long getFailures() { return failures; }
    public String getSuccessRate() { return successRate; }
    public String getAverageDuration() { return averageDuration; }
    public long getRunning() { return running; }
    public long getQueued() { return queued; }
    public List<LogRow> getFeed() { return feed; }
    public String getRunsChart() { return runsChart; }
    public String getDurationChart() { return durationChart; }
    public int getDays() { return DAYS; }
}
