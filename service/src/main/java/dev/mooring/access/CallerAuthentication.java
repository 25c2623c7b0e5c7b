package dev.mooring.access;

import dev.mooring.arm.CallerIdentity;
import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** An authenticated request: the validated token and the {@link CallerIdentity} read from it. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Jwt token;
    private final CallerIdentity caller;

    CallerAuthentication(Jwt token, CallerIdentity caller, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.token = token;
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public CallerIdentity getPrincipal() {
        return caller;
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return caller.objectId();
    }
}
