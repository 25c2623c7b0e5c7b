-- Heartbeats live apart from the cluster record (one narrow row per cluster, written in batches), so a
-- million agents beating every five minutes never rewrite the ARM resource. lastConnectivityTime and
-- connectivityStatus are derived from them.
alter table connected_clusters drop column last_connectivity_time;

create table cluster_heartbeats (
    cluster_id  uuid        primary key references connected_clusters (id) on delete cascade,
    last_seen   timestamptz not null,
    agent_clock timestamptz
);

-- What the agent last reported about its components (written only when it changes).
create table agent_components (
    cluster_id  uuid        primary key references connected_clusters (id) on delete cascade,
    components  jsonb       not null,
    reported_at timestamptz not null
);

-- The connectivity status each cluster was last seen in by the sweep, and the events the sweep and the
-- data plane record (transitions, metadata changes) for operators.
create table cluster_connectivity (
    cluster_id uuid        primary key references connected_clusters (id) on delete cascade,
    status     text        not null,
    since      timestamptz not null
);

create table cluster_events (
    id         bigserial   primary key,
    cluster_id uuid        not null references connected_clusters (id) on delete cascade,
    at         timestamptz not null,
    kind       text        not null,
    details    jsonb       not null default '{}'::jsonb
);

create index cluster_events_cluster_idx on cluster_events (cluster_id, at);
