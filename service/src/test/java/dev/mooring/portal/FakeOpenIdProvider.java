package dev.mooring.portal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mooring.connect.TlsFront;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An OpenID provider for the portal's production sign-in, over HTTPS (a {@link TlsFront} before a JDK HTTP server):
 * discovery, an authorization endpoint that approves at once and sends the browser back with a code, and a token
 * endpoint that hands out {@code accessToken} only for that code with the PKCE verifier matching the challenge.
 */
final class FakeOpenIdProvider implements AutoCloseable {

    private final HttpServer server;
    private final TlsFront tls;
    private final Supplier<String> accessToken;
    private final Map<String, Map<String, String>> pendingCodes = new ConcurrentHashMap<>();
    /** The last authorization request's parameters and the last token request's, for the test to check. */
    final Map<String, String> lastAuthorization = new ConcurrentHashMap<>();
    final Map<String, String> lastTokenRequest = new ConcurrentHashMap<>();

    FakeOpenIdProvider(Supplier<String> accessToken) throws Exception {
        this.accessToken = accessToken;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
        tls = new TlsFront(server.getAddress().getPort());
    }

    String authority() {
        return "https://localhost:" + tls.port();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "{\"issuer\":\"" + authority() + "\",\"authorization_endpoint\":\"" + authority()
                + "/authorize\",\"token_endpoint\":\"" + authority() + "/token\"}");
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> request = form(exchange.getRequestURI().getRawQuery());
        lastAuthorization.clear();
        lastAuthorization.putAll(request);
        String code = UUID.randomUUID().toString();
        pendingCodes.put(code, request);
        exchange.getResponseHeaders().add("Location", request.get("redirect_uri") + "?code=" + code + "&state="
                + request.get("state"));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        lastTokenRequest.clear();
        lastTokenRequest.putAll(request);
        Map<String, String> authorization = pendingCodes.remove(request.getOrDefault("code", ""));
        if (authorization == null || !"authorization_code".equals(request.get("grant_type"))
                || !authorization.get("redirect_uri").equals(request.get("redirect_uri"))
                || !authorization.get("code_challenge").equals(s256(request.getOrDefault("code_verifier", "")))) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        respond(exchange, 200, "{\"access_token\":\"" + accessToken.get() + "\",\"token_type\":\"Bearer\","
                + "\"expires_in\":3600}");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded == null ? new String[0] : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() throws IOException {
        tls.close();
        server.stop(0);
    }
}
