-- Tables the shared platform code uses in every service's database. Applied by PlatformSchema with its own history
-- table (platform_schema_history) before the service's own migrations.

-- Events waiting for the relay, in commit order (outbox).
create table outbox_event (
    seq          bigserial    not null unique,
    id           uuid         primary key,
    topic        text         not null,
    event_type   text         not null,
    subject      text         not null,
    payload      jsonb        not null,
    occurred_at  timestamptz  not null,
    sent_at      timestamptz
);
create index outbox_event_unsent on outbox_event (seq) where sent_at is null;

-- Event ids a consumer has applied, so each is applied once.
create table processed_event (
    consumer     text         not null,
    event_id     text         not null,
    processed_at timestamptz  not null,
    primary key (consumer, event_id)
);

-- Stored responses of creating requests, by Idempotency-Key.
create table idempotency_key (
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
create index idempotency_key_created on idempotency_key (created_at);

-- Every state change, append-only, in hash chains: each row's hash covers its content and the previous row's hash in its
-- chain, so a changed, removed or inserted row breaks verification from that row on. An entity always writes to the
-- same one of 64 chains (see AuditTrail).
create table audit_event (
    seq          bigserial primary key,
    chain        integer not null default 0,
    occurred_at  timestamptz not null,
    actor        text not null,
    actor_org    text,
    owner_org    text not null,
    entity_type  text not null,
    entity_id    text not null,
    action       text not null,
    reason       text,
    prev_hash    text not null,
    hash         text not null
);
create index audit_event_entity on audit_event (entity_type, entity_id, seq);
create index audit_event_chain on audit_event (chain, seq);
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only';
end
$$;
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_append_only();
