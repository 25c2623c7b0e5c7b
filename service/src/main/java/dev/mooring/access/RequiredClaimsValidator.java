package dev.mooring.access;

import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Mooring needs to know the caller's tenant ({@code tid}) and object id ({@code oid}); a token without
 * them is refused. Spring Boot adds validator beans to the JWT decoder it configures.
 */
@Component
@Order(0)
public class RequiredClaimsValidator implements OAuth2TokenValidator<Jwt> {

    static final List<String> REQUIRED = List.of("tid", "oid");

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        for (String claim : REQUIRED) {
            String value = token.getClaimAsString(claim);
            if (value == null || value.isBlank()) {
                return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                        "The access token is missing the '" + claim + "' claim.", null));
            }
        }
        return OAuth2TokenValidatorResult.success();
    }
}
