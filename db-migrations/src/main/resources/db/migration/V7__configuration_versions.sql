-- A counter per cluster, bumped in the same transaction as any change to its configurations: the ETag of
-- what its agent fetches, and what heartbeats announce so that agents learn of changes on their next beat.
create table cluster_configuration_versions (
    cluster_id uuid   primary key references connected_clusters (id) on delete cascade,
    version    bigint not null
);
