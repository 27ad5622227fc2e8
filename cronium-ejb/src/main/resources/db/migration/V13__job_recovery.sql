-- The event's recovery policy on the job row, read by the claim: a job that may be re-run after a lost node is
-- started (RUNNING) as it is claimed, ahead of the worker that will begin it; one whose policy is FAIL is only
-- claimed, and started when its script begins, so that a node's death never fails a run that had not begun.
alter table jobs add column recovery varchar(8) not null default 'RERUN' check (recovery in ('RERUN', 'FAIL'));
update jobs set recovery = 'FAIL' where status in ('QUEUED', 'CLAIMED', 'RUNNING') and payload like '%"recovery":"FAIL"%';
