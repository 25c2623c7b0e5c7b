-- Asynchronous operations are retried with exponential backoff when an attempt fails unexpectedly (a
-- database error, often at commit), up to a limit; then they fail with the last error. `attempts` counts
-- the failed attempts, `last_error` keeps the last one's cause for operators (never shown to callers).
alter table async_operations
    add column attempts   integer not null default 0,
    add column last_error text;

-- A resource group whose delete failed reads Failed and can be deleted again.
alter table resource_groups drop constraint resource_groups_state_check;
alter table resource_groups
    add constraint resource_groups_state_check check (provisioning_state in ('Succeeded', 'Deleting', 'Failed'));
