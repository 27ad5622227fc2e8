package io.cronium.web.api;

import io.cronium.tools.control.CredentialField;
import io.cronium.tools.control.ToolCatalog;
import io.cronium.tools.control.ToolPlugin;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The tool plugins and the credential fields each one asks for (what a credential form is built from). */
@Path("tools")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ToolsResource {

    public record ToolView(String id, String name, String category, String description,
                           List<CredentialField> credentialFields, List<String> oneOfRequired) {

        static ToolView of(ToolPlugin p) {
            return new ToolView(p.id(), p.name(), p.category(), p.description(), p.credentials(), p.oneOfRequired());
        }
    }

    @GET
    public List<ToolView> list() {
        return ToolCatalog.BUILT_IN.stream().map(ToolView::of).toList();
    }
}
