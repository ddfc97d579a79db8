package io.upshift.security.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * RFC 9457 problem details with the type URIs every Upshift API uses ({@link Problems#TYPE_BASE}):
 * built for a service's error advice, or thrown from a controller for that advice to render.
 */
public final class ApiProblems {

    private ApiProblems() {
    }

    /** A problem of this status, type (the last segment of its type URI), title and detail. */
    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(Problems.TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** The same problem as an exception a controller throws. */
    public static ErrorResponseException of(HttpStatus status, String type, String title, String detail) {
        return new ErrorResponseException(status, problem(status, type, title, detail), null);
    }
}
