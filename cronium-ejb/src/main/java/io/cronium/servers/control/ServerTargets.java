package io.cronium.servers.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers a REMOTE event runs on when a run is queued: the servers it names plus the owner's live servers in
 * the groups it names (membership is read now, so a server added to a group is used from its next run on). One
 * statement for scheduled and manual runs alike.
 */
public final class ServerTargets {

    private static final String SQL = """
            select e.id, t.server_id
              from events e
              left join (select es.event_id, es.server_id from event_servers es
                         union
                         select eg.event_id, s.id from event_server_groups eg
                           join events o on o.id = eg.event_id
                           join servers s on s.owner_id = o.owner_id and s.server_group = eg.group_name
                                         and s.deleted_at is null) t on t.event_id = e.id
             where e.id = any(?) and e.run_location = 'REMOTE'
             order by e.id, t.server_id""";

    private ServerTargets() {
    }

    /** Per REMOTE event among {@code eventIds}, its servers in id order (empty when its groups have none). */
    public static Map<Long, List<Long>> of(Connection c, Collection<Long> eventIds) throws SQLException {
        Map<Long, List<Long>> targets = new LinkedHashMap<>();
        try (var select = c.prepareStatement(SQL)) {
            select.setArray(1, c.createArrayOf("bigint", eventIds.toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    List<Long> servers = targets.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>());
                    long server = rows.getLong(2);
                    if (!rows.wasNull()) {
                        servers.add(server);
                    }
                }
            }
        }
        return targets;
    }
}
