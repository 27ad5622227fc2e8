-- A user's tool credentials are told apart by name; the events that use one keep it from being deleted.
create unique index tool_credentials_owner_name on tool_credentials (owner_id, name);
create index tool_credentials_owner on tool_credentials (owner_id, id);
alter table events add constraint events_tool_credential_fk foreign key (tool_credential_id) references tool_credentials (id);
