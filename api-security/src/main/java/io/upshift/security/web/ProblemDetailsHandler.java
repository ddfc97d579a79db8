package io.upshift.security.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * The base of each service's {@code @RestControllerAdvice}: every error of the REST APIs as RFC
 * 9457 problem details with the same type URIs ({@link Problems#TYPE_BASE}) and the same answer to
 * an invalid or unreadable body — the field, what is wrong with it, never the body echoed back.
 * A service adds handlers for its own exceptions and builds them with {@link ApiProblems#problem}.
 */
public abstract class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemDetailsHandler::fieldError).toList();
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                errors.size() == 1 ? errors.getFirst().get("field") + ": " + errors.getFirst().get("message")
                        : errors.size() + " fields are invalid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Jackson's message names the field and the problem (unknown property, wrong type, bad JSON)
        // without echoing the body; the first line is enough for a person.
        String detail = e.getMostSpecificCause().getMessage();
        detail = detail == null ? "the request body cannot be read" : detail.lines().findFirst().orElse(detail);
        String field = jsonPath(e);
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Malformed request body",
                field == null ? detail : field + ": " + detail);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** The dotted path of the JSON value Jackson could not read (e.g. gate.minimumFinished), or null. */
    private static String jsonPath(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof JacksonException)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ((JacksonException) cause).getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static Map<String, Object> fieldError(FieldError error) {
        return Map.of("field", error.getField(),
                "message", error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage(),
                "rejectedValue", String.valueOf(error.getRejectedValue()));
    }
}
