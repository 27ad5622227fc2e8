-- A remote execution whose node died mid-run may still be running on its server (an SSH exec without a terminal
-- gets no hang-up). The lease reaper records it here; a sweep stops it on the server and notes that on the run.
create table remote_leftovers (
    execution_id varchar(64) primary key references executions (id) on delete cascade,
    server_id    bigint      not null,
    node         varchar(128) not null,
    found_at     timestamptz not null default now(),
    tries        integer     not null default 0,
    next_try_at  timestamptz not null default now(),
    last_error   text
);
create index remote_leftovers_due on remote_leftovers (next_try_at);
