-- Issue 6: where a local script runs (container or process), its container's limits, and HTTP request options.
alter table events
    add column isolation             varchar(16)  not null default 'AUTO' check (isolation in ('AUTO', 'CONTAINER', 'PROCESS')),
    add column cpu_limit             double precision not null default 1.0 check (cpu_limit > 0),
    add column memory_limit_mb       integer      not null default 256 check (memory_limit_mb >= 16),
    add column pids_limit            integer      not null default 128 check (pids_limit > 0),
    add column work_dir_mb           integer      not null default 64 check (work_dir_mb > 0),
    add column network               varchar(16)  not null default 'NONE' check (network in ('NONE', 'PER_RUN')),
    add column http_follow_redirects boolean      not null default true,
    add column http_success_statuses varchar(64)  not null default '2xx';

-- The steps of the setup and cleanup phases (network, image, container, ...) as a JSON object of milliseconds.
alter table executions add column phases text;

-- This installation's identity (one row), so that what it leaves on a shared Docker engine is told apart from what
-- another installation (a test server, a staging copy) runs there.
create table installation (id varchar(32) primary key);
insert into installation select md5(random()::text || clock_timestamp()::text);
