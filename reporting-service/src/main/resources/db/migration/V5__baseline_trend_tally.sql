-- The baseline trend's counts per collection, kept beside baseline_return so the trend reads one row per collection
-- instead of every return. One row per collection × area × org type × trust type: area '' is national, else a region
-- code; trust_type '' is every trust type. The row counts every return that the trend's filters on baseline_return select
-- for that cell (region_code = area, org_type, trust_type = trust_type): reference_date is their latest reference date and
-- counts holds, per question answered yes or no by any of them, [returns answering yes, returns answering yes or no].
-- A collection with returns in the cell but no answer to a question has the row without that question (0 of 0).
create table baseline_trend_tally (
    collection_id   text not null,
    area            text not null,
    org_type        text not null,
    trust_type      text not null,
    reference_date  date,
    counts          jsonb not null,
    primary key (collection_id, area, org_type, trust_type)
);
create index baseline_trend_tally_cell on baseline_trend_tally (area, org_type, trust_type);

-- Recounts the tallies of the given collections from baseline_return, in the caller's transaction, after it has written
-- the collections' returns: never incremented, so revisions, redelivered events and a rebuild leave the same counts.
-- Transactions recounting the same collection take turns (a transaction-scoped advisory lock per collection, in collection
-- order), and each statement after the lock reads the returns as committed by then, so the last to commit counts the
-- returns of both. Answers the number of tally rows written.
create function baseline_trend_recount(collections text[]) returns integer language sql as $$
    select count(*) from (
        select pg_advisory_xact_lock(hashtext('baseline_trend_tally'), hashtext(c))
        from (select distinct c from unnest(collections) c order by c) ordered) locked;
    delete from baseline_trend_tally where collection_id = any(collections);
    -- finest: per collection, region, org type, trust type and question answered yes or no (key null: every return);
    -- cells: the same added up into national and regional areas, each for every trust type and for each one
    with finest as (
        select r.collection_id, coalesce(r.region_code, '') as region, r.org_type, coalesce(r.trust_type, '') as trust_type, q.key,
               max(r.reference_date) as reference_date, count(*) filter (where q.value = 'true'::jsonb) as yes,
               count(q.value) as answered
        from baseline_return r
        cross join lateral (select null::text as key, null::jsonb as value
                            union all select key, value from jsonb_each(r.answers) where jsonb_typeof(value) = 'boolean') q
        where r.collection_id = any(collections)
        group by 1, 2, 3, 4, 5
    ), cells as (
        select f.collection_id, a.area, f.org_type, t.trust_type, f.key, max(f.reference_date) as reference_date,
               sum(f.yes) as yes, sum(f.answered) as answered
        from finest f
        cross join lateral (select '' union all select f.region where f.region <> '') a(area)
        cross join lateral (select '' union all select f.trust_type where f.trust_type <> '') t(trust_type)
        group by 1, 2, 3, 4, 5
    ), written as (
        insert into baseline_trend_tally(collection_id, area, org_type, trust_type, reference_date, counts)
        select collection_id, area, org_type, trust_type, max(reference_date),
               coalesce(jsonb_object_agg(key, jsonb_build_array(yes, answered)) filter (where key is not null), '{}'::jsonb)
        from cells group by 1, 2, 3, 4
        returning 1
    )
    select count(*)::integer from written;
$$;

-- The returns already stored.
select baseline_trend_recount(array(select distinct collection_id from baseline_return));
