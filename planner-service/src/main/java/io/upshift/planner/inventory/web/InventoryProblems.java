package io.upshift.planner.inventory.web;

import io.upshift.planner.inventory.domain.ImportFileException;
import io.upshift.planner.inventory.domain.ImportRejectedException;
import io.upshift.planner.inventory.domain.ImportReport;
import io.upshift.planner.inventory.domain.ImportTooLargeException;
import io.upshift.salesforce.SalesforceException;
import io.upshift.security.web.ApiProblems;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The inventory's own errors as RFC 9457 problem details, in the same style as the API's
 * {@code ApiErrors}: rejected imports with every bad row (line, column, reason), unusable files,
 * uploads that are too large, Salesforce failing during a sync, and unusable path or query parameters.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InventoryProblems {

    /** The same base as {@code io.upshift.planner.api.ApiErrors}, so clients see one family of types. */

    @ExceptionHandler(ImportRejectedException.class)
    ProblemDetail rejected(ImportRejectedException e) {
        ImportReport report = e.report();
        ProblemDetail problem = ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "import-rejected", "Import rejected",
                e.getMessage());
        problem.setProperty("format", report.format());
        problem.setProperty("rows", report.rows());
        problem.setProperty("rejected", report.rejected());
        problem.setProperty("errors", ImportAnswer.errors(report.errors()));
        problem.setProperty("errorsTruncated", report.errorsTruncated());
        return problem;
    }

    @ExceptionHandler(ImportFileException.class)
    ProblemDetail unusableFile(ImportFileException e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-import-file",
                "The file cannot be imported", "line " + e.error().line() + ": " + e.getMessage()
                        + "; nothing was stored");
        problem.setProperty("errors", ImportAnswer.errors(List.of(e.error())));
        return problem;
    }

    @ExceptionHandler(ImportTooLargeException.class)
    ProblemDetail tooLarge(ImportTooLargeException e) {
        return ApiProblems.problem(HttpStatus.CONTENT_TOO_LARGE, "import-too-large", "Import too large",
                e.getMessage() + "; nothing was stored");
    }

    @ExceptionHandler(SalesforceException.class)
    ProblemDetail salesforce(SalesforceException e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_GATEWAY, "salesforce-failed", "Salesforce failed",
                "Salesforce answered " + (e.errorCode() == null ? "with an error" : e.errorCode()) + ": " + e.getMessage()
                        + (e.isTransient() ? "; try again later" : "") + "; nothing was stored");
        problem.setProperty("category", e.category().name());
        problem.setProperty("errorCode", e.errorCode());
        return problem;
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                e.field() + ": " + e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage(),
                "rejectedValue", String.valueOf(e.rejectedValue()))));
        return problem;
    }
}
