-- The change feed (GET /api/v1/changes): every event the ingestor applies, in the order it was applied, written in the
-- transaction of the read-model change. `seq` is the cursor. Inserts are serialised by a transaction-scoped advisory
-- lock (ChangeFeedWriter), so entries become visible in `seq` order and a reader never skips one committed later with
-- a lower number. A rebuild replays into this table without emptying it: `event_id` is unique, so an entry keeps its
-- `seq` and every cursor handed out stays valid.
create table change_feed (
    seq             bigserial primary key,
    event_id        text not null unique,
    type            text not null,
    source          text,
    subject         text,
    time            timestamptz,
    data            json,
    -- who may read it (decided when read; see feed/FeedAudience): the organisation the event is about, and where that
    -- organisation sat in the hierarchy at the event's time
    audience        text not null,
    owner           text,
    icb_code        text,
    region_code     text,
    -- self-assessment events: the assessment, and how far the event itself shared it (answers beyond it are stripped)
    assessment_id   text,
    sharing         text
);
create index change_feed_owner on change_feed (owner, seq);
create index change_feed_area on change_feed (audience, seq);

-- The current sharing level of each self-assessment as its events tell it, highest sequence (else revision) wins; an
-- assessment's entries reach ICB, region and national callers only while this level reaches their tier.
create table feed_assessment_sharing (
    assessment_id   text primary key,
    sharing         text not null,
    sharing_rank    integer not null,
    sequence        bigint not null
);
