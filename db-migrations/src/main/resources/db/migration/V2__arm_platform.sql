-- Resource groups. `name` keeps the casing the caller last wrote; `name_key` (lower-cased) makes names
-- unique case-insensitively and is what lookups use.
create table resource_groups (
    subscription_id        uuid        not null references subscriptions (id) on delete cascade,
    name_key               text        not null,
    name                   text        not null,
    location               text        not null,
    tags                   jsonb       not null default '{}'::jsonb,
    managed_by             text,
    provisioning_state     text        not null,
    etag                   text        not null,
    created_at             timestamptz not null,
    created_by             text        not null,
    created_by_type        text        not null,
    last_modified_at       timestamptz not null,
    last_modified_by       text        not null,
    last_modified_by_type  text        not null,
    version                bigint      not null default 0,
    primary key (subscription_id, name_key),
    constraint resource_groups_name_key_check check (name_key = lower(name)),
    constraint resource_groups_state_check check (provisioning_state in ('Succeeded', 'Deleting'))
);

-- Resource provider registration per subscription. Registration completes a configurable delay after
-- it was requested; the state shown is derived from `state` and `requested_at`.
create table provider_registrations (
    subscription_id uuid        not null references subscriptions (id) on delete cascade,
    namespace_key   text        not null,
    state           text        not null,
    requested_at    timestamptz not null,
    primary key (subscription_id, namespace_key),
    constraint provider_registrations_state_check check (state in ('Registering', 'Unregistered'))
);

-- ARM asynchronous operations (Azure-AsyncOperation / Location). Workers claim pending rows with
-- FOR UPDATE SKIP LOCKED and run them inside that transaction, so an operation runs on one replica at a
-- time and a crash mid-way leaves it pending for another worker. Rows are kept 7 days.
create table async_operations (
    id               uuid        primary key,
    kind             text        not null,
    resource_id      text        not null,
    subscription_id  uuid        not null,
    namespace        text        not null,
    location         text        not null,
    api_version      text        not null,
    status           text        not null,
    percent_complete integer,
    result_status    integer,
    error_status     integer,
    error_code       text,
    error_message    text,
    tenant_id        uuid        not null,
    caller_object_id text        not null,
    not_before       timestamptz not null,
    start_time       timestamptz not null,
    end_time         timestamptz,
    expires_at       timestamptz not null,
    constraint async_operations_status_check
        check (status in ('InProgress', 'Succeeded', 'Failed', 'Canceled'))
);

create index async_operations_pending_idx on async_operations (not_before) where status = 'InProgress';
create index async_operations_expiry_idx on async_operations (expires_at);
create index async_operations_resource_idx on async_operations (resource_id) where status = 'InProgress';

alter table role_assignments
    add column updated_at  timestamptz,
    add column updated_by  text,
    add column description text;
update role_assignments set updated_at = created_at, updated_by = created_by;
alter table role_assignments
    alter column updated_at set not null,
    alter column updated_by set not null;
create index role_assignments_scope_prefix_idx on role_assignments (scope_key text_pattern_ops);
