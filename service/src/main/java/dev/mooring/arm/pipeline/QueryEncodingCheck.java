package dev.mooring.arm.pipeline;

import dev.mooring.arm.errors.ArmError;
import dev.mooring.arm.errors.ArmErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string that is not well-formed percent-encoded UTF-8, or that holds a NUL character (which no
 * store accepts), with 400 {@code InvalidParameter}
 * naming the parameter, before anything reads it (the servlet container would otherwise fail deep inside a
 * filter or controller). One log line, no stack trace.
 */
class QueryEncodingCheck extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(QueryEncodingCheck.class);
    private static final int MAX_NAME_IN_MESSAGE = 64;

    private final ArmErrorWriter errors;

    QueryEncodingCheck(ArmErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        String invalid = query == null ? null : firstInvalidParameter(query);
        if (invalid != null) {
            log.warn("Refused {} {}: query parameter '{}' is not valid percent-encoded UTF-8 or holds NUL", request.getMethod(),
                    request.getRequestURI(), invalid);
            errors.write(response, HttpStatus.BAD_REQUEST, new ArmError("InvalidParameter",
                    "The query parameter '" + invalid + "' is not valid percent-encoded UTF-8 or contains a NUL character.", invalid));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The (printable part of the) name of the first parameter whose name or value does not decode or holds NUL, or null. */
    static String firstInvalidParameter(String query) {
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            String decodedName = decode(name);
            String decodedValue = decode(value);
            if (decodedName == null || decodedValue == null || decodedName.indexOf('\0') >= 0
                    || decodedValue.indexOf('\0') >= 0) {
                return printable(decodedName != null ? decodedName : name);
            }
        }
        return null;
    }

    /** Strict application/x-www-form-urlencoded decoding; null when an escape is malformed or the bytes are not UTF-8. */
    static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String printable(String name) {
        StringBuilder safe = new StringBuilder();
        name.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7f && !Character.isISOControl(cp))
                .limit(MAX_NAME_IN_MESSAGE).forEach(safe::appendCodePoint);
        return safe.toString();
    }
}
