-- Daily run counts and durations per owner and status, kept by the database itself whenever a log reaches a final
-- status (from any code path: runner, reaper, scheduler, cancel), so the dashboard reads a few hundred rows
-- instead of scanning millions of logs.
create table daily_run_stats (
    day          date        not null,
    owner_id     bigint      not null references users (id) on delete cascade,
    status       varchar(16) not null,
    runs         bigint      not null default 0,
    timed_runs   bigint      not null default 0,
    duration_ms  bigint      not null default 0,
    primary key (owner_id, day, status)
);

create function count_finished_run() returns trigger language plpgsql as $$
begin
    if new.status in ('SUCCESS', 'FAILURE', 'TIMEOUT', 'PARTIAL', 'CANCELLED', 'MISSED')
       and (tg_op = 'INSERT' or old.status is distinct from new.status) then
        insert into daily_run_stats as s (day, owner_id, status, runs, timed_runs, duration_ms)
        values ((coalesce(new.finished_at, now()) at time zone 'UTC')::date, new.owner_id, new.status, 1,
                case when new.duration_ms is null then 0 else 1 end, coalesce(new.duration_ms, 0))
        on conflict (owner_id, day, status) do update
            set runs = s.runs + 1,
                timed_runs = s.timed_runs + excluded.timed_runs,
                duration_ms = s.duration_ms + excluded.duration_ms;
    end if;
    return null;
end $$;

create trigger logs_count_finished after insert or update of status on logs
    for each row execute function count_finished_run();

-- What existed before this migration.
insert into daily_run_stats (day, owner_id, status, runs, timed_runs, duration_ms)
select (coalesce(finished_at, created_at) at time zone 'UTC')::date, owner_id, status, count(*),
       count(duration_ms), coalesce(sum(duration_ms), 0)
  from logs
 where status in ('SUCCESS', 'FAILURE', 'TIMEOUT', 'PARTIAL', 'CANCELLED', 'MISSED')
 group by 1, 2, 3;

create index logs_workflow on logs (workflow_id, id desc) where workflow_id is not null;
create index executions_server on executions (server_id, log_id) where server_id is not null;
