package dev.mooring.arm.errors;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last-resort error report (requests Tomcat refuses before any application code runs: an encoded
 * slash, NUL or invalid UTF-8 in the path, a malformed request line) as an ARM JSON error instead of an HTML
 * page that names the server.
 */
class ArmErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get() || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String code = status == 400 ? "InvalidRequest" : known == null ? "Error" : pascalCase(known.name());
        String message = status == 400 ? "The request is malformed: its path or headers are not valid (for example,"
                + " an encoded '/', '\\\\' or NUL, or a path that is not UTF-8)."
                : known == null ? "The request failed." : known.getReasonPhrase() + ".";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to report
        }
    }

    private static String pascalCase(String code) {
        StringBuilder out = new StringBuilder();
        for (String word : code.split("_")) {
            out.append(word.isEmpty() ? "" : word.charAt(0) + word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }
}
