-- Webhook keys are credentials: the table keeps only their SHA-256 (in the column "key") and a short hint for people
-- to tell them apart; the optional HMAC secret is encrypted (EncryptedColumn.WEBHOOK_HMAC_SECRET).
alter table webhooks
    add column key_hint     varchar(16),
    add column last_used_at timestamptz;
create index webhooks_owner on webhooks (owner_id, id desc);

-- Due scheduled workflows (WorkflowScheduling), like events_due for events.
create index workflows_due on workflows (next_fire_at) where status = 'ACTIVE';

-- A run started by another run's conditional action names it (no foreign key: logs are purged by age, in bulk).
alter table logs add column triggered_by_log_id bigint;

-- A workflow's nodes and edges keep the order they were given in (JPA order columns).
alter table workflow_nodes add column position integer;
alter table workflow_edges add column position integer;
