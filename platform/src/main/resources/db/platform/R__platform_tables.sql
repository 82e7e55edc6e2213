-- Tables the shared platform code uses in every service's database. Repeatable: safe to run again.

create table if not exists outbox_event (
    seq          bigserial    not null unique,
    id           uuid         primary key,
    topic        text         not null,
    event_type   text         not null,
    subject      text         not null,
    payload      jsonb        not null,
    occurred_at  timestamptz  not null,
    sent_at      timestamptz
);
create index if not exists outbox_event_unsent on outbox_event (seq) where sent_at is null;

create table if not exists processed_event (
    consumer     text         not null,
    event_id     text         not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);

create table if not exists idempotency_key (
    scope        text         not null,
    idem_key     text         not null,
    request_hash text         not null,
    status       integer      not null,
    location     text,
    etag         text,
    body         text         not null,
    created_at   timestamptz  not null,
    constraint idempotency_key_pkey primary key (scope, idem_key)
);
create index if not exists idempotency_key_created on idempotency_key (created_at);
