-- Hierarchy change sets applied in this service (HierarchyChanges), in load order: at start the service applies them
-- over the bundled reference data, so a change set survives a restart even before the topic is read again.
create table hierarchy_change_set (
    id          uuid primary key,
    seq         bigserial not null unique,
    reference   text,
    loaded_by   text,
    loaded_at   timestamptz,
    payload     jsonb not null,
    stored_at   timestamptz not null default now()
);
