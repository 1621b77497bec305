package dev.tokenmeter.query.access;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;

/**
 * Why authentication turns a request away before any handler sees it. An
 * {@link AuthenticationException}, so Spring Security hands it to the one failure handler that
 * renders it ({@link ApiSecurity}).
 */
final class AccessRefused extends AuthenticationException {

    private final HttpStatus status;
    private final String title;
    private final @Nullable String parameter;

    private AccessRefused(HttpStatus status, String title, String detail, @Nullable String parameter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.parameter = parameter;
    }

    static AccessRefused noKey() {
        return new AccessRefused(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "Send an API key as 'Authorization: Bearer <key>'", null);
    }

    static AccessRefused unknownKey() {
        return new AccessRefused(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "The API key is unknown or has been revoked", null);
    }

    static AccessRefused forbidden(String detail) {
        return new AccessRefused(HttpStatus.FORBIDDEN, "Forbidden", detail, null);
    }

    /** A 400 naming the parameter, like every other bad parameter of the API. */
    static AccessRefused badParameter(String parameter, String detail) {
        return new AccessRefused(HttpStatus.BAD_REQUEST, "Bad parameter", parameter + ": " + detail, parameter);
    }

    static AccessRefused keyStoreUnavailable() {
        return new AccessRefused(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                "The API key could not be checked because the database did not answer; retry shortly", null);
    }

    HttpStatus status() {
        return status;
    }

    /** The RFC 9457 body, with the request's path as {@code instance} as Spring sets it for handlers. */
    ProblemDetail problem(String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setTitle(title);
        try {
            problem.setInstance(URI.create(path));
        } catch (IllegalArgumentException e) {
            // a raw path that is no valid URI reference: the problem is complete without it
        }
        if (parameter != null) {
            problem.setProperty("parameter", parameter);
        }
        return problem;
    }
}
