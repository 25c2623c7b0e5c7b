package dev.mooring.arm.errors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, for failures that never reach a controller (rejected by Tomcat or
 * by a filter): still an ARM error body, never Spring Boot's default one.
 */
@RestController
class ArmErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}")
    ResponseEntity<ArmError.Body> error(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            var database = DatabaseFailures.response(failure);
            if (database.isPresent()) {
                return database.get();
            }
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ArmError error = switch (status) {
            case NOT_FOUND -> ArmErrors.routeNotFound(String.valueOf(uri));
            case INTERNAL_SERVER_ERROR -> ArmErrors.internal();
            case CONTENT_TOO_LARGE -> new ArmError("RequestEntityTooLarge", "The request content is too large.");
            default -> new ArmError(pascalCase(status), status.getReasonPhrase() + ".");
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ArmError.Body(error));
    }

    private static String pascalCase(HttpStatus status) {
        StringBuilder code = new StringBuilder();
        for (String word : status.getReasonPhrase().split("[^A-Za-z]+")) {
            if (!word.isEmpty()) {
                code.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase());
            }
        }
        return code.toString();
    }
}
