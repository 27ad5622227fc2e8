-- Soft-deleted servers are purged after the retention (30 days), never sooner than a few days after their owner
-- was warned by mail; purge_warned_at records that warning (cleared by a restore).
alter table servers add column purge_warned_at timestamptz;
create index servers_deleted on servers (deleted_at) where deleted_at is not null;
