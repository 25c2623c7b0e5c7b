package dev.mooring.arm.errors;

import dev.mooring.arm.pipeline.RequestSizeLimit;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure inside Spring MVC into an ARM error body. Client mistakes map to 4xx with ARM's
 * codes; anything unexpected is a 500 that names the request id and is logged, never with a stack trace
 * in the body.
 */
@RestControllerAdvice
class ArmExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ArmExceptionHandler.class);

    @ExceptionHandler(ArmException.class)
    ResponseEntity<ArmError.Body> arm(ArmException e) {
        return respond(e.status(), e.error());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ArmError.Body> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimit.TooLarge) {
                return respond(HttpStatus.CONTENT_TOO_LARGE, new ArmError("RequestEntityTooLarge",
                        "The request content is larger than the configured limit."));
            }
        }
        // Jackson's own message can quote the payload (which may hold secrets): say where, never what.
        return respond(HttpStatus.BAD_REQUEST, new ArmError("InvalidRequestContent",
                "The request content was invalid and could not be deserialized: " + JsonProblem.describe(e) + "."));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ArmError.Body> missingParameter(MissingServletRequestParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, new ArmError("MissingParameter",
                "The query parameter '" + e.getParameterName() + "' is required.", e.getParameterName()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ArmError.Body> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(HttpStatus.BAD_REQUEST, new ArmError("InvalidParameter",
                "The value of parameter '" + e.getName() + "' is not valid.", e.getName()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ArmError.Body> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return respond(HttpStatus.METHOD_NOT_ALLOWED, new ArmError("MethodNotAllowed",
                "The requested resource does not support http method '" + e.getMethod() + "'."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ArmError.Body> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, new ArmError("UnsupportedMediaType",
                "The content media type '" + e.getContentType() + "' is not supported. Only 'application/json' is supported."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ArmError.Body> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(HttpStatus.NOT_ACCEPTABLE, new ArmError("NotAcceptable",
                "The requested media type is not available. Only 'application/json' is served."));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ArmError.Body> notFound(HttpServletRequest request) {
        return respond(HttpStatus.NOT_FOUND, ArmErrors.routeNotFound(request.getRequestURI()));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ArmError.Body> integrity(DataIntegrityViolationException e) {
        if (StoreRefusals.isDataException(e)) {
            // The store refused a value (a NUL, a cast that failed): the caller's input, not a concurrent change.
            log.warn("Refused a request whose value the database does not accept (SQLSTATE {})", StoreRefusals.sqlState(e));
            return respond(HttpStatus.BAD_REQUEST, new ArmError("InvalidRequestContent",
                    "A value in the request is not valid (for example, it contains a NUL character or is out of range)."));
        }
        return conflict();
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ArmError.Body> conflict() {
        return respond(HttpStatus.CONFLICT, new ArmError("Conflict",
                "The request conflicts with a concurrent change to the same resource. Read it again and retry."));
    }

    /** Spring Security's firewall refused a parameter name, header or path (found lazily, inside the handler). */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ArmError.Body> rejected() {
        return respond(HttpStatus.BAD_REQUEST, RequestRejections.error());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ArmError.Body> denied() {
        return respond(HttpStatus.FORBIDDEN, ArmErrors.authorizationFailed());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ArmError.Body> unexpected(Exception e) {
        var database = DatabaseFailures.response(e);
        if (database.isPresent()) {
            log.warn("Request failed on the database: {}", e.toString());
            return database.get();
        }
        log.error("Unhandled failure", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, ArmErrors.internal());
    }

    /** The servlet container refused to decode a parameter (a form body that is not UTF-8). */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<ArmError.Body> undecodableParameter() {
        return respond(HttpStatus.BAD_REQUEST, new ArmError("InvalidParameter",
                "A request parameter is not valid percent-encoded UTF-8."));
    }

    /** Always JSON, whatever the caller's Accept says: an error must not turn into a 406 without a body. */
    private static ResponseEntity<ArmError.Body> respond(HttpStatus status, ArmError error) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ArmError.Body(error));
    }
}
