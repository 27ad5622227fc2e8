-- A REMOTE event may name groups of its owner's servers (servers.server_group) besides single servers; the members
-- are read when a run is queued.
create table event_server_groups (
    event_id   bigint      not null references events (id) on delete cascade,
    group_name varchar(64) not null,
    primary key (event_id, group_name)
);
