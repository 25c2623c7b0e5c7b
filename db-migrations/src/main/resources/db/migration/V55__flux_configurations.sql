-- Microsoft.KubernetesConfiguration/fluxConfigurations, extension resources of a connected cluster.
-- spec is the version-free desired state (no secrets); protected settings and the secret fields of the
-- sources are stored only sealed (AES-256-GCM under a key-encryption key named by key id).
-- statuses and the other status columns are what the cluster's agent reports. removal_requested stays set once a
-- delete was asked for (also when it failed for want of the agent's confirmation): the agent is still told to remove.
create table flux_configurations (
    cluster_id                    uuid        not null references connected_clusters (id) on delete cascade,
    name_key                      text        not null,
    name                          text        not null,
    subscription_id               uuid        not null,
    spec                          jsonb       not null,
    provisioning_state            text        not null,
    removal_requested             boolean     not null default false,
    compliance_state              text        not null,
    statuses                      jsonb       not null default '[]',
    source_synced_commit_id       text,
    source_updated_at             timestamptz,
    status_updated_at             timestamptz,
    repository_public_key         text,
    error_message                 text,
    protected_settings            bytea,
    protected_settings_key_id     text,
    protected_settings_fetched_at timestamptz,
    created_at                    timestamptz not null,
    created_by                    text        not null,
    created_by_type               text        not null,
    last_modified_at              timestamptz not null,
    last_modified_by              text        not null,
    last_modified_by_type         text        not null,
    version                       bigint      not null default 0,
    primary key (cluster_id, name_key),
    constraint flux_sealed_check check ((protected_settings is null) = (protected_settings_key_id is null)),
    constraint flux_state_check check (provisioning_state in ('Creating', 'Updating', 'Deleting', 'Succeeded', 'Failed')),
    constraint flux_compliance_check check (compliance_state in ('Compliant', 'Non-Compliant', 'Pending', 'Suspended', 'Unknown'))
);

create index flux_subscription_idx on flux_configurations (subscription_id);
create index flux_noncompliant_idx on flux_configurations (cluster_id) where compliance_state = 'Non-Compliant';
create index flux_fetched_idx on flux_configurations (protected_settings_fetched_at) where protected_settings is not null;
