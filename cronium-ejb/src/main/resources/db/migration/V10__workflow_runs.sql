-- Workflow runs. A run keeps the definition it started with (editing the workflow never changes a running one) and
-- its workflow variables; each node has a step row from the start, whose status the run's state machine
-- (WorkflowPlan) keeps, linked to the log and job of the node's event run.
alter table workflows add column variables text; -- the declared workflow variables and their defaults, a JSON object

alter table workflow_executions
    add column owner_id         bigint references users (id),
    add column definition       text,
    add column variables        text,
    add column skipped_count    integer not null default 0,
    add column duration_ms      bigint,
    add column error            text;
alter table workflow_executions add constraint workflow_executions_status_check
    check (status in ('RUNNING', 'SUCCESS', 'FAILURE', 'CANCELLED'));
create index workflow_executions_owner on workflow_executions (owner_id, id desc);
create index workflow_executions_running on workflow_executions (id) where status = 'RUNNING';

alter table workflow_execution_steps
    add column event_id bigint references events (id) on delete set null,
    add column job_id   bigint;
alter table workflow_execution_steps add constraint workflow_execution_steps_status_check
    check (status in ('PENDING', 'RUNNING', 'SUCCESS', 'FAILURE', 'SKIPPED', 'CANCELLED'));
create index workflow_execution_steps_log on workflow_execution_steps (log_id);
