-- Issue 7: servers' pinned host keys (a changed key waits here for an administrator), last health-check error.
alter table servers
    add column offered_host_key text,
    add column last_error       text,
    add column checked_at       timestamptz;
create unique index servers_owner_name on servers (owner_id, name) where deleted_at is null;
