package dev.mooring.arm;

import dev.mooring.arm.errors.ArmException;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * ETags and the ARM preconditions table (RPC Addendum "ETags for Resources"): {@code If-Match} on a missing
 * resource or with another tag fails; {@code If-None-Match: *} on an existing resource fails. A failure is
 * 412 {@code PreconditionFailed}.
 *
 * @param ifMatch the request's {@code If-Match} header, or null
 * @param ifNoneMatch the request's {@code If-None-Match} header, or null
 */
public record Preconditions(String ifMatch, String ifNoneMatch) {

    /** A request without conditional headers. */
    public static final Preconditions NONE = new Preconditions(null, null);

    /** A fresh strong ETag value, quoted as HTTP wants it. */
    public static String newEtag() {
        return "\"" + UUID.randomUUID() + "\"";
    }

    /** Checks the conditional headers against the resource's current ETag (null: the resource is absent). */
    public void check(String currentEtag) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            if (currentEtag == null || !(ifMatch.strip().equals("*") || listed(ifMatch, currentEtag))) {
                throw failed();
            }
        }
        if (ifNoneMatch != null && !ifNoneMatch.isBlank() && currentEtag != null
                && (ifNoneMatch.strip().equals("*") || listed(ifNoneMatch, currentEtag))) {
            throw failed();
        }
    }

    private static boolean listed(String header, String etag) {
        return Arrays.stream(header.split(",")).map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals(etag) || ("\"" + tag + "\"").equals(etag));
    }

    private static ArmException failed() {
        return new ArmException(HttpStatus.PRECONDITION_FAILED, "PreconditionFailed",
                "The condition specified using HTTP conditional header(s) is not met.");
    }
}
