package io.cronium.web.console;

import io.cronium.common.ConflictException;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.credentials.boundary.StoredCredential;
import io.cronium.credentials.boundary.ToolCredentialDraft;
import io.cronium.credentials.boundary.ToolCredentialService;
import io.cronium.tools.control.CredentialField;
import io.cronium.tools.control.ToolCatalog;
import io.cronium.tools.control.ToolPlugin;
import io.cronium.users.boundary.MissingPermission;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.omnifaces.util.Messages;

/**
 * The tool credentials page: the plugin chosen first gives the form its fields; secret fields are typed in and never
 * shown again (left empty when editing, they keep their value).
 */
@Named
@ViewScoped
public class ToolCredentialsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the table shows of a credential. */
    public record Row(long id, String pluginId, String pluginName, String name, String fields, String secretsSet,
                      Instant updatedAt) implements Serializable {

        static Row of(StoredCredential s) {
            var shown = new StringBuilder();
            s.shown().forEach((k, v) -> shown.append(shown.isEmpty() ? "" : ", ").append(k).append('=').append(v));
            return new Row(s.credential().getId(), s.plugin().id(), s.plugin().name(), s.credential().getName(),
                    s.readable() ? shown.toString() : "cannot be decrypted: give its fields again, or delete it",
                    String.join(", ", s.secretsSet()), s.credential().getUpdatedAt());
        }
    }

    /** One field of the form, with what the user typed. */
    public static final class Input implements Serializable {
        private static final long serialVersionUID = 1L;
        private final CredentialField field;
        private String value;

        Input(CredentialField field, String value) {
            this.field = field;
            this.value = value;
        }

        public CredentialField getField() { return field; }
        public String getValue() { return value; }
        public void setValue(String value) { this.value = value; }
    }

    @EJB
    transient ToolCredentialService credentials;

    private List<Row> rows;
    private String pluginId = ToolCatalog.BUILT_IN.get(0).id();
    private String name;
    private List<Input> inputs;
    private Long editing;

    @PostConstruct
    void load() {
        rows = credentials.list(null, 500, null).items().stream().map(Row::of).toList();
        if (inputs == null) {
            pluginChanged();
        }
    }

    /** A new plugin: its fields, empty. */
    public void pluginChanged() {
        inputs = plugin().credentials().stream().map(f -> new Input(f, null)).toList();
    }

    public void save() {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Input input : inputs) {
            boolean blank = input.getValue() == null || input.getValue().isBlank();
            if (!(blank && (editing == null || input.getField().secret()))) {
                fields.put(input.getField().name(), blank ? "" : input.getValue().strip());
            }
        }
        try {
            var draft = new ToolCredentialDraft(pluginId, name, fields);
            var saved = editing == null ? credentials.create(draft) : credentials.update(editing, draft);
            Messages.addGlobalInfo(editing == null ? "Credential ''{0}'' created" : "Credential ''{0}'' changed",
                    saved.credential().getName());
            clear();
            load();
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> Messages.addGlobalError("{0}: {1}", error.field(), error.message()));
        } catch (ConflictException | ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError(refusal(e));
        } finally {
            inputs.stream().filter(i -> i.getField().secret()).forEach(i -> i.setValue(null)); // never kept in the view
        }
    }

    /** Fills the form with a credential's plain fields; its secret fields stay empty (and keep their value). */
    public void edit(Row row) {
        try {
            StoredCredential stored = credentials.find(row.id());
            editing = row.id();
            pluginId = stored.plugin().id();
            name = stored.credential().getName();
            inputs = stored.plugin().credentials().stream()
                    .map(f -> new Input(f, f.secret() ? null : stored.shown().get(f.name()))).toList();
        } catch (ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        }
    }

    public void clear() {
        editing = null;
        name = null;
        pluginChanged();
    }

    public void delete(Row row) {
        try {
            credentials.delete(row.id());
            Messages.addGlobalInfo("Credential ''{0}'' deleted", row.name());
            load();
        } catch (ConflictException | ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError(refusal(e));
        }
    }

    /** A missing permission names itself; other refusals come from the role (a viewer). */
    private static String refusal(EJBAccessException e) {
        return e instanceof MissingPermission ? "Tool credentials: " + e.getMessage()
                : "Your role does not allow changing tool credentials";
    }

    private ToolPlugin plugin() {
        return ToolCatalog.find(pluginId).orElse(ToolCatalog.BUILT_IN.get(0));
    }

    public List<ToolPlugin> getPlugins() { return ToolCatalog.BUILT_IN; }
    public List<Row> getRows() { return rows; }
    public List<Input> getInputs() { return inputs; }
    public String getPluginId() { return pluginId; }
    public void setPluginId(String pluginId) { this.pluginId = pluginId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public boolean isEditing() { return editing != null; }
}
