create table note (
    id          uuid primary key,
    owner       text not null,
    text        text not null,
    level       integer not null,
    version     bigint not null
);
create table note_event_count (
    note_id     text primary key,
    applied     integer not null
);
