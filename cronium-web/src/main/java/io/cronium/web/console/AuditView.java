package io.cronium.web.console;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.audit.entity.AuditEntry;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** The administrators' audit page: the newest entries, filtered by actor and action. */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final long serialVersionUID = 1L;

    public record Row(long id, Instant at, String actor, String action, String target, String sourceAddress,
                      String details) implements Serializable {
        static Row of(AuditEntry a) {
            return new Row(a.getId(), a.getAt(), a.getActor(), a.getAction(), a.getTarget(), a.getSourceAddress(), a.getDetails());
        }
    }

    @EJB
    transient AuditTrail audit;

    private String actor;
    private String action;
    private List<Row> rows;

    @PostConstruct
    public void load() {
        var filter = new AuditTrail.Filter(blankToNull(actor), blankToNull(action), null, null);
        rows = audit.list(filter, null, 200).items().stream().map(Row::of).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public List<Row> getRows() { return rows; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
}
