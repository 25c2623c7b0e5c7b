-- Subscriptions Mooring serves. ARM tells a resource provider about them through the subscription
-- lifecycle notification (PUT /subscriptions/{id}?api-version=2.0); local mode seeds one.
create table subscriptions (
    id                uuid        primary key,
    tenant_id         uuid        not null,
    display_name      text        not null,
    state             text        not null,
    registration_date timestamptz,
    properties        jsonb       not null default '{}'::jsonb,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    version           bigint      not null default 0,
    constraint subscriptions_state_check
        check (state in ('Registered', 'Warned', 'Suspended', 'Deleted', 'Unregistered'))
);

create index subscriptions_tenant_idx on subscriptions (tenant_id);

-- Role assignments (Microsoft.Authorization/roleAssignments). `scope` keeps the casing the caller last
-- wrote; `scope_key` is its lower-cased form, used for matching and for inheritance down the scope tree.
create table role_assignments (
    id                 uuid        primary key,
    scope              text        not null,
    scope_key          text        not null,
    subscription_id    uuid        not null references subscriptions (id) on delete cascade,
    role_definition_id uuid        not null,
    principal_id       uuid        not null,
    principal_type     text        not null,
    tenant_id          uuid        not null,
    created_at         timestamptz not null default now(),
    created_by         text        not null,
    constraint role_assignments_scope_key_check check (scope_key = lower(scope)),
    constraint role_assignments_principal_type_check
        check (principal_type in ('User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'))
);

create index role_assignments_principal_idx on role_assignments (principal_id);
create index role_assignments_subscription_idx on role_assignments (subscription_id);
create unique index role_assignments_unique_grant_idx
    on role_assignments (scope_key, role_definition_id, principal_id);
