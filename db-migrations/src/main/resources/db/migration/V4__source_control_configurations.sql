-- Microsoft.KubernetesConfiguration/sourceControlConfigurations, extension resources of a connected cluster.
-- Protected settings are stored only sealed (AES-256-GCM under a key-encryption key named by key id) and
-- are purged a while after the cluster's agent has fetched them.
create table source_control_configurations (
    cluster_id                    uuid        not null references connected_clusters (id) on delete cascade,
    name_key                      text        not null,
    name                          text        not null,
    subscription_id               uuid        not null,
    repository_url                text        not null,
    operator_namespace            text        not null,
    operator_instance_name        text        not null,
    operator_type                 text        not null,
    operator_scope                text        not null,
    operator_params               text,
    ssh_known_hosts_contents      text,
    enable_helm_operator          boolean,
    helm_chart_version            text,
    helm_chart_values             text,
    repository_public_key         text,
    provisioning_state            text        not null,
    compliance_state              text        not null,
    last_config_applied           timestamptz,
    compliance_message            text,
    compliance_message_level      text,
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
    constraint scc_sealed_check check ((protected_settings is null) = (protected_settings_key_id is null)),
    constraint scc_state_check check (provisioning_state in ('Accepted', 'Deleting', 'Running', 'Succeeded', 'Failed'))
);

create index scc_subscription_idx on source_control_configurations (subscription_id);
create index scc_fetched_idx on source_control_configurations (protected_settings_fetched_at)
    where protected_settings is not null;
