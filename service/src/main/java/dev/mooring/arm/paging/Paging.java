package dev.mooring.arm.paging;

import dev.mooring.arm.errors.ArmException;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * ARM list paging: {@code {value, nextLink}}, 100 items by default, {@code $top} up to 1000, and an opaque
 * {@code $skipToken} that carries the last key of the previous page (keyset paging: no OFFSET scans, and
 * rows inserted meanwhile neither repeat nor push others off a page). {@code nextLink} is absolute and
 * absent on the last page.
 */
public final class Paging {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    public static final String TOP = "$top";
    public static final String SKIP_TOKEN = "$skipToken";

    private Paging() {
    }

    /** Where a page starts ({@code after}: the last key already returned, or null) and how long it is. */
    public record Request(int size, String after) {

        /** How many rows to fetch: one more than the page, to learn whether another page follows. */
        public int fetchSize() {
            return size + 1;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page<T>(List<T> value, String nextLink) {
    }

    /** Reads {@code $top} and {@code $skipToken} as the caller sent them (either may be null). */
    public static Request request(String top, String skipToken) {
        int size = DEFAULT_PAGE_SIZE;
        if (top != null) {
            try {
                size = Integer.parseInt(top.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw ArmException.badRequest("InvalidParameter",
                        "The value of '$top' must be a whole number from 1 to " + MAX_PAGE_SIZE + ".", TOP);
            }
        }
        return new Request(size, skipToken == null || skipToken.isBlank() ? null : decode(skipToken));
    }

    /**
     * Builds the page from rows fetched with {@link Request#fetchSize()} in key order; {@code convert} turns
     * a row into what the caller sees; {@code requestUrl} is the caller's view of this request's URL.
     */
    public static <R, T> Page<T> page(List<R> rows, Request page, Function<R, String> keyOf, Function<R, T> convert,
            URI requestUrl) {
        boolean more = rows.size() > page.size();
        List<R> shown = more ? rows.subList(0, page.size()) : rows;
        String nextLink = null;
        if (more) {
            String lastKey = keyOf.apply(shown.getLast());
            nextLink = UriComponentsBuilder.fromUri(requestUrl).replaceQueryParam(SKIP_TOKEN, encode(lastKey))
                    .build().toUriString();
        }
        return new Page<>(shown.stream().map(convert).toList(), nextLink);
    }

    static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + key).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(token.strip()))).toString();
            if (decoded.startsWith("v1:") && decoded.indexOf('\0') < 0) {
                return decoded.substring(3);
            }
        } catch (IllegalArgumentException | CharacterCodingException malformed) {
            // falls through to the error below
        }
        throw invalidSkipToken();
    }

    /** A skip token that is not one this service issued for the request's list and order. */
    public static ArmException invalidSkipToken() {
        return new ArmException(HttpStatus.BAD_REQUEST, "InvalidSkipToken",
                "The '$skipToken' is not valid. Use the nextLink of the previous page as it was returned.", SKIP_TOKEN);
    }
}
