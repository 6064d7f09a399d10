package io.raprelay.catalog.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.raprelay.catalog.archive.ArchiveAlteredException;
import io.raprelay.catalog.archive.ArchiveUnavailableException;
import io.raprelay.catalog.archive.VerifiedContent;
import io.raprelay.contracts.ViolationPaths;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** The catalog API's errors as {@code application/problem+json} (RFC 9457); bad input is never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        Map<String, Object> body = body(400, "Invalid parameter", e.getMessage());
        body.put("parameter", e.parameter());
        return Response.status(400).type("application/problem+json").entity(body).build();
    }

    /**
     * A request record or parameter Bean Validation refused: the first field named as the client sent it
     * ({@code expected[0].reportCode}; {@code body} for a missing body), every violation in the detail.
     */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<String> problems = ViolationPaths.problems(e.getConstraintViolations());
        Map<String, Object> body = body(400, "Invalid parameter", String.join("; ", problems));
        body.put("parameter", ViolationPaths.fieldOf(problems.get(0)));
        return Response.status(400).type("application/problem+json").entity(body).build();
    }

    /** A request body that is not the expected JSON: 400 naming the field where reading stopped. */
    @ServerExceptionMapper
    public Response badBody(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining()).replaceFirst("^\\.", "")
                : "body";
        Map<String, Object> body = body(400, "Invalid request body", field + ": " + e.getOriginalMessage());
        body.put("parameter", field);
        return Response.status(400).type("application/problem+json").entity(body).build();
    }

    /** Quarkus maps this subtype itself (plain JSON); the catalog answers problem+json for it too. */
    @ServerExceptionMapper
    public Response badBodyValue(MismatchedInputException e) {
        return badBody(e);
    }

    @ServerExceptionMapper
    public Response notFound(ReportNotFoundException e) {
        return problem(404, "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response altered(ArchiveAlteredException e) {
        return problem(409, "Archive altered", e.getMessage());
    }

    @ServerExceptionMapper
    public Response removed(CopyRemovedException e) {
        return problem(410, "Removed", e.getMessage());
    }

    @ServerExceptionMapper
    public Response noLink(VerifiedContent.NoLinkException e) {
        return problem(409, "No link", e.getMessage());
    }

    /** The archive is down, not altered: 503, to be tried again (the cause is logged, not answered). */
    @ServerExceptionMapper
    public Response unavailable(ArchiveUnavailableException e) {
        LOG.error(e.getMessage(), e);
        return Response.fromResponse(problem(503, "Archive unavailable", e.getMessage() + "; try again later"))
                .header("Retry-After", 60).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return problem(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage());
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json").entity(body(status, title, detail)).build();
    }

    /** An RFC 9457 problem body. */
    public static Map<String, Object> body(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", URI.create("about:blank"));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }
}
