package io.upshift.planner.api;

import io.upshift.planner.shared.domain.ConflictException;
import io.upshift.planner.shared.domain.ForbiddenException;
import io.upshift.planner.shared.domain.InvalidInputException;
import io.upshift.planner.shared.domain.NotFoundException;
import io.upshift.planner.shared.domain.UnprocessableException;
import io.upshift.security.web.ApiProblems;
import io.upshift.security.web.ProblemDetailsHandler;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of the REST API as RFC 9457 problem details: a stable {@code type}, a title, a
 * detail a person can act on, and — where it helps — the fields, lines or current state. Bodies that
 * cannot be read or fail validation are answered by {@link ProblemDetailsHandler}, alike in every service.
 */
@RestControllerAdvice
class ApiErrors extends ProblemDetailsHandler {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ApiProblems.problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.CONFLICT, "conflict", "Conflict with the current state", e.getMessage());
        if (e.currentState() != null) {
            problem.setProperty("currentState", e.currentState());
        }
        return problem;
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return ApiProblems.problem(HttpStatus.FORBIDDEN, e.rule(), "Forbidden", e.getMessage());
    }

    @ExceptionHandler(UnprocessableException.class)
    ProblemDetail unprocessable(UnprocessableException e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "unprocessable", "Cannot be carried out",
                e.getMessage());
        problem.setProperty("errors", e.reasons());
        return problem;
    }

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.reason())));
        return problem;
    }
}
