-- Job lifecycle: retries with backoff, lease recovery, cancellation and a concurrency policy per event.

alter table events
    add column retry_delay_seconds     integer     not null default 10  check (retry_delay_seconds > 0),
    add column retry_max_delay_seconds integer     not null default 600 check (retry_max_delay_seconds > 0),
    add column recovery_policy         varchar(8)  not null default 'RERUN' check (recovery_policy in ('RERUN', 'FAIL')),
    add column concurrency_policy      varchar(8)  not null default 'ALLOW' check (concurrency_policy in ('ALLOW', 'FORBID', 'QUEUE'));

alter table jobs
    add column concurrency      varchar(8) not null default 'ALLOW' check (concurrency in ('ALLOW', 'FORBID', 'QUEUE')),
    add column cancel_requested boolean    not null default false,
    add column recoveries       integer    not null default 0;

-- The running jobs of an event, for the FORBID and QUEUE policies; the unique one makes "at most one run of an
-- exclusive event at a time" a database guarantee, even when two nodes claim two of its jobs in the same instant.
create index jobs_active_event on jobs (event_id) where status in ('CLAIMED', 'RUNNING');
create unique index jobs_one_exclusive_run on jobs (event_id)
    where status in ('CLAIMED', 'RUNNING') and concurrency <> 'ALLOW';

create index executions_job on executions (job_id, attempt);
-- Due FORBID runs are checked for overlap on every dispatch: this keeps that check an empty index probe.
create index jobs_forbid_due on jobs (run_at) where status = 'QUEUED' and concurrency = 'FORBID';
