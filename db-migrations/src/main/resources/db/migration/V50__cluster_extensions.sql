-- Microsoft.KubernetesConfiguration/extensions, extension resources of a connected cluster: add-ons the
-- cluster's agent installs from the extension-type catalogue. Protected settings are stored only sealed and
-- purged a while after the agent fetched them, as for source control configurations.
create table cluster_extensions (
    cluster_id                    uuid        not null references connected_clusters (id) on delete cascade,
    name_key                      text        not null,
    name                          text        not null,
    subscription_id               uuid        not null,
    extension_type                text        not null,
    release_train                 text        not null,
    pinned_version                text,
    auto_upgrade_minor_version    boolean     not null,
    auto_upgrade_mode             text,
    scope                         text        not null,
    namespace                     text        not null,
    configuration_settings        jsonb       not null default '{}',
    target_version                text        not null,
    current_version               text,
    package_uri                   text,
    provisioning_state            text        not null,
    -- set by a delete: the agent is asked to remove the extension, even once the delete has failed
    removal_requested             boolean     not null default false,
    statuses                      jsonb       not null default '[]',
    error_code                    text,
    error_message                 text,
    identity_type                 text,
    principal_id                  uuid,
    identity_tenant_id            uuid,
    is_system_extension           boolean     not null default false,
    managed_by                    text,
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
    constraint ext_sealed_check check ((protected_settings is null) = (protected_settings_key_id is null)),
    constraint ext_scope_check check (scope in ('cluster', 'namespace')),
    constraint ext_state_check check (provisioning_state in ('Creating', 'Updating', 'Deleting', 'Succeeded', 'Failed'))
);

create index ext_subscription_idx on cluster_extensions (subscription_id);
create index ext_type_idx on cluster_extensions (cluster_id, lower(extension_type));
create index ext_fetched_idx on cluster_extensions (protected_settings_fetched_at)
    where protected_settings is not null;
