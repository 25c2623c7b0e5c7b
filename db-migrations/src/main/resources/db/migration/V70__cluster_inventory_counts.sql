-- Fleet counts kept in step with cluster_inventory, so that a summary by connectivity status, location and
-- subscription reads a few thousand rows instead of scanning a million. A cluster counts in the row of its
-- subscription, location and the minute of its last heartbeat (rounded up: a heartbeat at 10:04:30 counts in the
-- 10:05 bucket, one at exactly 10:05:00 too). A summary evaluated at a whole minute T classifies a bucket B as
-- Connected when B > T - connectedWithin, which is exactly "last_seen > T - connectedWithin" as long as
-- connectedWithin is a whole number of minutes. Expired clusters are few: the summary finds them through the
-- index below and moves them from their heartbeat bucket's status to Expired.

-- The minute a heartbeat counts in; 'infinity' for a cluster never heard (a key column is never null, so that the
-- triggers find count rows through the primary key). date_bin is absolute (no session time zone).
create function mooring_seen_bucket(seen timestamptz) returns timestamptz
    language sql immutable parallel safe as $$
select coalesce(date_bin('1 minute', seen - interval '1 microsecond', timestamptz '2000-01-01 00:00:00+00')
                + interval '1 minute', 'infinity')
$$;

create table cluster_inventory_counts (
    subscription_id uuid        not null,
    location        text        collate "C" not null,
    seen_bucket     timestamptz not null,
    clusters        bigint      not null,
    nodes           bigint      not null,
    cores           bigint      not null,
    constraint cluster_inventory_counts_key primary key (subscription_id, location, seen_bucket)
);

-- Identity expiry changes only when an agent renews its certificate, so this index costs heartbeats nothing
-- (their update of last_seen stays HOT).
create index cluster_inventory_expiry_idx on cluster_inventory (identity_expires_at);

-- One signed change to one count row.
create type cluster_inventory_count_delta as (
    subscription_id uuid, location text, seen_bucket timestamptz, clusters bigint, nodes bigint, cores bigint);

-- Applies a statement's changes key by key in key order (so that concurrent writers lock count rows in the same
-- order and never deadlock), then drops the rows that reached zero.
create function cluster_inventory_counts_add(deltas cluster_inventory_count_delta[]) returns void
    language sql as $$
insert into cluster_inventory_counts as c (subscription_id, location, seen_bucket, clusters, nodes, cores)
select d.subscription_id, d.location, d.seen_bucket, sum(d.clusters), sum(d.nodes), sum(d.cores)
  from unnest(deltas) d
 group by 1, 2, 3
having sum(d.clusters) <> 0 or sum(d.nodes) <> 0 or sum(d.cores) <> 0
 order by 1, 2, 3
    on conflict on constraint cluster_inventory_counts_key do update
   set clusters = c.clusters + excluded.clusters, nodes = c.nodes + excluded.nodes, cores = c.cores + excluded.cores;
delete from cluster_inventory_counts c
 using (select distinct d.subscription_id, d.location, d.seen_bucket from unnest(deltas) d) t
 where c.subscription_id = t.subscription_id and c.location = t.location
   and c.seen_bucket = t.seen_bucket and c.clusters = 0;
$$;

-- A statement's old rows count -1 in their bucket, its new rows +1 in theirs (a heartbeat moves a cluster from
-- one minute's bucket to another's).
create function cluster_inventory_counts_apply() returns trigger language plpgsql as $$
declare
    deltas cluster_inventory_count_delta[] := '{}';
begin
    if tg_op in ('UPDATE', 'DELETE') then
        deltas := deltas || array(select (o.subscription_id, o.location, mooring_seen_bucket(o.last_seen), -1,
                -coalesce(o.total_node_count, 0), -coalesce(o.total_core_count, 0))::cluster_inventory_count_delta
                from old_rows o);
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        deltas := deltas || array(select (n.subscription_id, n.location, mooring_seen_bucket(n.last_seen), 1,
                coalesce(n.total_node_count, 0), coalesce(n.total_core_count, 0))::cluster_inventory_count_delta
                from new_rows n);
    end if;
    perform cluster_inventory_counts_add(deltas);
    return null;
end
$$;

create trigger cluster_inventory_counts_insert after insert on cluster_inventory
    referencing new table as new_rows
    for each statement execute function cluster_inventory_counts_apply();

create trigger cluster_inventory_counts_update after update on cluster_inventory
    referencing old table as old_rows new table as new_rows
    for each statement execute function cluster_inventory_counts_apply();

create trigger cluster_inventory_counts_delete after delete on cluster_inventory
    referencing old table as old_rows
    for each statement execute function cluster_inventory_counts_apply();

create function cluster_inventory_counts_clear() returns trigger language plpgsql as $$
begin
    delete from cluster_inventory_counts;
    return null;
end
$$;

create trigger cluster_inventory_counts_truncate after truncate on cluster_inventory
    for each statement execute function cluster_inventory_counts_clear();

-- Counts the whole inventory afresh (after a bulk load with the counting triggers disabled, and below).
create function cluster_inventory_counts_rebuild() returns void language sql as $$
delete from cluster_inventory_counts;
insert into cluster_inventory_counts (subscription_id, location, seen_bucket, clusters, nodes, cores)
select i.subscription_id, i.location, mooring_seen_bucket(i.last_seen), count(*), coalesce(sum(i.total_node_count), 0),
       coalesce(sum(i.total_core_count), 0)
  from cluster_inventory i
 group by 1, 2, 3;
$$;

select cluster_inventory_counts_rebuild();
