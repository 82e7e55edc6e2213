-- A set of changes to the organisation hierarchy, as loaded by an NHS England administrator: kept as sent, in order.
create table change_set (
    id          uuid primary key,
    reference   text not null unique,
    changes     text not null,
    created_by  text not null,
    created_at  timestamptz not null,
    version     bigint not null
);
create index change_set_by_creation on change_set (created_at, id);
