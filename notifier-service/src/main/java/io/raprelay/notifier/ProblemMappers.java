package io.raprelay.notifier;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.raprelay.contracts.ViolationPaths;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * The notifier API's errors as {@code application/problem+json} (RFC 9457); bad input is never a 500. (Each service
 * keeps its own; fields are named by the contracts' {@link ViolationPaths}, as in the catalog.)
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response badField(BadFieldException e) {
        return problem(400, "Invalid request", e.getMessage(), e.field());
    }

    /**
     * A request record Bean Validation refused: the first field in path order is named as the API's clients send it
     * ({@code subscriptions[0].eventTypes[1]}, {@code role}; {@code body} for a missing body), every violation in the
     * detail.
     */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<String> problems = ViolationPaths.problems(e.getConstraintViolations());
        return problem(400, "Invalid request", String.join("; ", problems), ViolationPaths.fieldOf(problems.get(0)));
    }

    @ServerExceptionMapper
    public Response badBody(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining()).replaceFirst("^\\.", "")
                : "body";
        return problem(400, "Invalid request body", field + ": " + e.getOriginalMessage(), field);
    }

    /** Quarkus maps this subtype itself (plain JSON); answered as problem+json too. */
    @ServerExceptionMapper
    public Response badBodyValue(MismatchedInputException e) {
        return badBody(e);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return problem(404, "Not found", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Response problem = problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage(), null);
        Object retryAfter = e.getResponse().getHeaders().getFirst("Retry-After");
        return retryAfter == null ? problem : Response.fromResponse(problem).header("Retry-After", retryAfter).build();
    }

    private static Response problem(int status, String title, String detail, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create("about:blank"));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null) {
            body.put("field", field);
        }
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
