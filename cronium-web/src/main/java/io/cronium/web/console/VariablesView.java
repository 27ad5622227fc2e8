package io.cronium.web.console;

import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.variables.boundary.VariableDraft;
import io.cronium.variables.boundary.VariableService;
import io.cronium.variables.entity.Variable;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.omnifaces.util.Messages;

/** The variables page: the user's variables (secret values never shown), set one, delete one. */
@Named
@ViewScoped
public class VariablesView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the table shows of a variable. */
    public record Row(String key, String value, boolean secret, Instant updatedAt) implements Serializable {

        static Row of(Variable v) {
            return new Row(v.getKey(), v.isSecret() ? "***" : v.getValue(), v.isSecret(), v.getUpdatedAt());
        }
    }

    @EJB
    transient VariableService variables;

    private List<Row> rows;
    private String key;
    private String value;
    private boolean secret;

    @PostConstruct
    void load() {
        rows = variables.list(null, 500).items().stream().map(Row::of).toList();
    }

    public void save() {
        try {
            boolean created = variables.put(key == null ? null : key.strip(), new VariableDraft(value, secret));
            Messages.addGlobalInfo(created ? "Variable ''{0}'' created" : "Variable ''{0}'' changed", key.strip());
            key = value = null;
            secret = false;
            load();
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> Messages.addGlobalError("{0}: {1}", error.field(), error.message()));
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Viewers cannot change variables");
        } finally {
            value = null; // a secret is never kept in the view state
        }
    }

    /** Puts a plain variable's value in the form to change it; a secret one is set anew. */
    public void edit(Row row) {
        key = row.key();
        value = row.secret() ? null : row.value();
        secret = row.secret();
    }

    public void delete(Row row) {
        try {
            variables.delete(row.key());
            Messages.addGlobalInfo("Variable ''{0}'' deleted", row.key());
            load();
        } catch (ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Viewers cannot change variables");
        }
    }

    public List<Row> getRows() { return rows; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }
    public boolean isSecret() { return secret; }
    public void setSecret(boolean secret) { this.secret = secret; }
}
