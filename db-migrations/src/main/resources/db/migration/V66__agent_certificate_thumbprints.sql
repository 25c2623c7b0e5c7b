-- Agent tokens may name their certificate by its SHA-256 thumbprint (JWS header x5t#S256) instead of carrying it
-- (x5c), a quarter of the size on every call: Mooring keeps each certificate it issued, found by thumbprint.
-- Certificates issued before this column existed are filled in the first time their agent sends them in x5c.
alter table agent_certificates add column thumbprint text, add column certificate bytea;

create unique index agent_certificates_thumbprint_idx on agent_certificates (thumbprint);
