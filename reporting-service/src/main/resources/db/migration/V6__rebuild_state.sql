-- Where the read-model rebuild stands, one row that every instance reads and the instance running a rebuild keeps up to
-- date (runner, and heartbeat at each batch), so any instance answers for it and only one runs at a time.
create table rebuild_state (
    id            integer     primary key default 1 check (id = 1),
    state         text        not null,
    replayed      bigint      not null default 0,
    total         bigint,
    started_at    timestamptz,
    finished_at   timestamptz,
    failure       text,
    runner        text,
    heartbeat_at  timestamptz
);
insert into rebuild_state (id, state) values (1, 'IDLE');
