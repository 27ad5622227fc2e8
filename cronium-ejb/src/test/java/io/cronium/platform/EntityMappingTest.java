package io.cronium.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.events.entity.ActionTrigger;
import io.cronium.events.entity.ConditionalAction;
import io.cronium.events.entity.Event;
import io.cronium.events.entity.EventType;
import io.cronium.servers.entity.Server;
import io.cronium.testing.TestDatabase;
import io.cronium.users.entity.Role;
import io.cronium.users.entity.User;
import io.cronium.workflows.entity.EdgeType;
import io.cronium.workflows.entity.Workflow;
import io.cronium.workflows.entity.WorkflowEdge;
import io.cronium.workflows.entity.WorkflowNode;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.metamodel.EntityType;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real persistence unit (EclipseLink, outside a server) against the schema the migrations build: every
 * entity's mapped columns must exist, and a graph of entities must write and read back.
 */
class EntityMappingTest {

    static EntityManagerFactory factory;

    @BeforeAll
    static void open() {
        factory = Persistence.createEntityManagerFactory("cronium", Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", "",
                "jakarta.persistence.nonJtaDataSource", TestDatabase.get(),
                "eclipselink.logging.level", "WARNING"));
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void everyEntityReadsAllItsColumns() {
        var em = factory.createEntityManager();
        int entities = 0;
        for (EntityType<?> type : em.getMetamodel().getEntities()) {
            em.createQuery("select x from " + type.getName() + " x", type.getJavaType()).setMaxResults(1).getResultList();
            entities++;
        }
        assertEquals(21, entities, "every entity listed in persistence.xml is mapped");
        em.close();
    }

    @Test
    void aGraphOfEntitiesWritesAndReadsBack() {
        var em = factory.createEntityManager();
        em.getTransaction().begin();
        var owner = new User("mapping-" + System.nanoTime(), "x", Role.USER);
        em.persist(owner);
        em.flush();
        var server = new Server(owner.getId());
        server.describe("web-1", "10.0.0.1", 22, "deploy", null);
        em.persist(server);
        var event = new Event(owner.getId());
        event.setName("mapped");
        event.setType(EventType.BASH);
        event.setContent("true");
        event.replaceEnv(Map.of("A", "1"), Map.of("S", "ciphertext"));
        em.persist(event);
        em.flush();
        event.getServerIds().add(server.getId());
        event.getConditionalActions().add(new ConditionalAction(event, 0, ActionTrigger.FAILURE, null, event.getId()));
        var workflow = new Workflow(owner.getId(), "flow");
        workflow.getNodes().add(new WorkflowNode(workflow, "a", event.getId()));
        workflow.getNodes().add(new WorkflowNode(workflow, "b", event.getId()));
        workflow.getEdges().add(new WorkflowEdge(workflow, "a", "b", EdgeType.ON_SUCCESS, null));
        workflow.getServerIds().add(server.getId());
        em.persist(workflow);
        em.getTransaction().commit();
        em.clear();

        var read = em.find(Event.class, event.getId());
        assertEquals(2, read.getEnv().size());
        assertTrue(read.getEnv().stream().anyMatch(v -> v.isSecret() && v.getValue() == null && "ciphertext".equals(v.getValueEncrypted())));
        assertEquals(java.util.Set.of(server.getId()), read.getServerIds());
        assertEquals(ActionTrigger.FAILURE, read.getConditionalActions().get(0).getTrigger());
        var flow = em.find(Workflow.class, workflow.getId());
        assertEquals(2, flow.getNodes().size());
        assertEquals(EdgeType.ON_SUCCESS, flow.getEdges().get(0).getType());
        em.close();
    }

    @Test
    void keysetPagesFilterOnlyWhenAValueIsGivenAndContinueBelowTheLastId() {
        var em = factory.createEntityManager();
        em.getTransaction().begin();
        String tag = "page-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            em.persist(new io.cronium.audit.entity.AuditEntry(tag, "TEST", "t" + i, null, null));
            em.flush(); // ids in creation order (a commit alone may insert in any order)
        }
        em.persist(new io.cronium.audit.entity.AuditEntry(tag, "OTHER", "x", null, null));
        em.getTransaction().commit();
        var first = new KeysetQuery<>(io.cronium.audit.entity.AuditEntry.class, "a", null)
                .where("a.actor = :actor", "actor", tag).where("a.action = :action", "action", "TEST")
                .page(em, 2, io.cronium.audit.entity.AuditEntry::getId);
        assertEquals(java.util.List.of("t2", "t1"), first.items().stream().map(a -> a.getTarget()).toList());
        var second = new KeysetQuery<>(io.cronium.audit.entity.AuditEntry.class, "a", first.nextBefore())
                .where("a.actor = :actor", "actor", tag).where("a.action = :action", "action", "TEST")
                .page(em, 2, io.cronium.audit.entity.AuditEntry::getId);
        assertEquals(java.util.List.of("t0"), second.items().stream().map(a -> a.getTarget()).toList());
        assertEquals(null, second.nextBefore());
        var unfiltered = new KeysetQuery<>(io.cronium.audit.entity.AuditEntry.class, "a", null)
                .where("a.actor = :actor", "actor", tag).where("a.action = :action", "action", null)
                .page(em, 10, io.cronium.audit.entity.AuditEntry::getId);
        assertEquals(4, unfiltered.items().size(), "a filter without a value is left out");
        em.close();
    }
}
