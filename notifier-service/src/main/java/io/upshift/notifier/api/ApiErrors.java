package io.upshift.notifier.api;

import io.upshift.security.web.ApiProblems;
import io.upshift.security.web.ProblemDetailsHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error of the notifier's REST API as RFC 9457 problem details, as in the planner
 * ({@link ProblemDetailsHandler} answers unreadable and invalid bodies). */
@RestControllerAdvice
class ApiErrors extends ProblemDetailsHandler {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
    }
}
