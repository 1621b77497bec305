package dev.tokenmeter.query.web;

import dev.tokenmeter.query.DatabasePools;
import io.r2dbc.spi.R2dbcException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;

/**
 * Every error as RFC 9457 problem details, in one place. Bad input is a 400 naming the parameter; a
 * database too busy to answer in time (a statement or lock timeout, no free connection) is a 503
 * with {@code Retry-After}.
 */
@RestControllerAdvice
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final long retryAfterSeconds;

    ProblemHandler(DatabasePools pools) {
        this.retryAfterSeconds = Math.max(1, (pools.retryAfter().toMillis() + 999) / 1000);
    }

    @ExceptionHandler
    ProblemDetail badParameter(BadParameter e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.parameter() + ": " + e.getMessage());
        problem.setTitle("Bad parameter");
        problem.setProperty("parameter", e.parameter());
        return problem;
    }

    /** A request body whose record's constraints fail: the first field error, named as the body names it. */
    @ExceptionHandler
    ProblemDetail invalidBody(WebExchangeBindException e) {
        FieldError field = e.getFieldError();
        if (field != null) {
            return badParameter(new BadParameter(field.getField(), String.valueOf(field.getDefaultMessage())));
        }
        ObjectError global = e.getGlobalError();
        return badParameter(new BadParameter("body", global == null ? "is invalid" : String.valueOf(global.getDefaultMessage())));
    }

    @ExceptionHandler
    ProblemDetail badInput(ServerWebInputException e) {
        JacksonException json = NestedExceptionUtils.getRootCause(e) instanceof JacksonException root ? root : null;
        if (json != null) {
            return badParameter(RequestBodyErrors.of(json));
        }
        if (e.getMethodParameter() != null && e.getMethodParameter().getParameterName() != null) {
            String reason = e.getReason() == null ? "is invalid" : e.getReason();
            return badParameter(new BadParameter(e.getMethodParameter().getParameterName(), reason));
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getReason());
    }

    @ExceptionHandler
    ProblemDetail status(ResponseStatusException e) {
        return ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> timeout(TimeoutException e) {
        return busy("The query took too long");
    }

    @ExceptionHandler({DataAccessException.class, R2dbcException.class})
    ResponseEntity<ProblemDetail> database(Exception e) {
        String reason = DatabaseBusy.reason(e);
        if (reason == null) {
            return ResponseEntity.internalServerError().body(unexpected(e));
        }
        log.warn("Answered 503: {}: {}", reason, NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        return busy(reason);
    }

    private ResponseEntity<ProblemDetail> busy(String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                reason + "; retry later, or narrow the range or the filters");
        problem.setTitle("Database busy");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .body(problem);
    }

    @ExceptionHandler
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error; see the service log");
    }
}
