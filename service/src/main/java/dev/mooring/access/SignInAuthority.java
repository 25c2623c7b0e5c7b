package dev.mooring.access;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The authority clients sign in with when Mooring itself issues the tokens it trusts (local mode's development
 * issuer), for the documents that name it ({@code /metadata/endpoints}). Absent: the configured identity provider.
 */
public interface SignInAuthority {

    /** The authority URL as the caller of {@code request} reaches it, e.g. {@code https://localhost:8443/adfs}. */
    String loginEndpoint(HttpServletRequest request);

    /** The tenant clients name with this authority ({@code adfs} for an ADFS-style authority). */
    String tenant();

    /** The kind of identity provider ({@code ADFS}). */
    String identityProvider();
}
