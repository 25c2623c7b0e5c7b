-- ARM's predefined tag names and values of a subscription (/subscriptions/{s}/tagNames[/{name}/tagValues/{value}]).
-- Names compare case-insensitively (name_key is the lower-cased name); values are kept as given.

create table predefined_tag_names (
    subscription_id uuid not null references subscriptions (id) on delete cascade,
    name_key        text not null,
    name            text not null,
    primary key (subscription_id, name_key)
);

create table predefined_tag_values (
    subscription_id uuid not null,
    name_key        text not null,
    value           text not null,
    primary key (subscription_id, name_key, value),
    foreign key (subscription_id, name_key) references predefined_tag_names (subscription_id, name_key)
);
