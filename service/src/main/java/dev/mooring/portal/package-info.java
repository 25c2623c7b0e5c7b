/**
 * The portal: a browser client of Mooring's own public APIs (ARM and {@code /inventory/v1}; in local mode the
 * development issuer's {@code POST /local/token} for one-click sign-in), served as static assets at
 * {@code /portal/}. It owns no data and no endpoint with rights of its own: the server side only serves the
 * assets (its own and the WebJar libraries) under a strict Content-Security-Policy and a public configuration
 * document saying how to sign in. Every data call is the user's bearer-token call to the API, so RBAC, tenant
 * isolation and throttling apply to it unchanged.
 */
package dev.mooring.portal;
