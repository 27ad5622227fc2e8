-- What a script hands on with cronium.output(): per execution, and on the log (one execution's, or by server).
alter table logs add column result text;
alter table executions add column result text;
