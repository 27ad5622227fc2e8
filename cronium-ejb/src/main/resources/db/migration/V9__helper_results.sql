-- What a script hands on with cronium.output(), per execution (logs.result, from the first data model, holds the
-- log's: one execution's, or each server's by name).
alter table executions add column result text;

-- The script's structured log (cronium log) is stored with its output, as a stream of its own.
alter table output_chunks drop constraint output_chunks_stream_check;
alter table output_chunks add constraint output_chunks_stream_check check (stream in ('STDOUT', 'STDERR', 'SYSTEM', 'LOG'));
